"""The one way to declare a workflow: states with their label and tone, verbs with their source states and target.

A model with a ``status`` field declares its workflow once, next to its status choices::

    class CampaignStatus(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        LAUNCHED = "launched", "Đã phát động"
        CLOSED = "closed", "Đã kết thúc"

    CAMPAIGN_WORKFLOW = Workflow(
        noun="phong trào",
        states=CampaignStatus,
        tones={CampaignStatus.DRAFT: "secondary", CampaignStatus.LAUNCHED: "success", CampaignStatus.CLOSED: "dark"},
        verbs=[
            Verb("launch", sources={CampaignStatus.DRAFT}, target=CampaignStatus.LAUNCHED, label="Phát động"),
            Verb("close", sources={CampaignStatus.LAUNCHED}, target=CampaignStatus.CLOSED, label="Kết thúc"),
        ],
    )

    class Campaign(WorkflowModel, models.Model):
        workflow = CAMPAIGN_WORKFLOW
        ...

Services then call ``target = obj.check_transition("launch")`` under their row lock: it returns the target state or
raises a ``ValidationError`` in Vietnamese naming the verb, the object and its current state. Pages ask
``obj.can("launch")``, or ``actions_for(obj, permitted)`` for the verbs that are both legal now (the workflow's
answer) and allowed to the person (the app's ``permissions`` predicates: the workflow never decides *who*).
Every status of every model is shown by one component: ``{% load workflow %}{% status_badge obj %}``.

The workflow is pure: it reads ``obj.<field>`` and nothing else, so it is tested without a database.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError

#: Bootstrap colour names a state or a verb may use (``text-bg-<tone>`` for badges, ``btn-<tone>`` for buttons).
TONES = frozenset({"primary", "secondary", "success", "danger", "warning", "info", "dark", "light"})


@dataclass(frozen=True)
class Verb:
    """One move: from any of ``sources`` to ``target``.

    ``label`` is the button's text ("Cấp số"); ``phrase`` is the verb as it reads inside a sentence ("cấp số"
    in "Không thể cấp số văn bản …"), the lower-cased label by default. A verb whose target is one of its
    sources (editing a draft, replacing a scan) leaves the state as it is when taken from there.
    """

    name: str
    sources: frozenset[str]
    target: str
    label: str
    tone: str = "primary"
    phrase: str = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(str(source) for source in self.sources))
        object.__setattr__(self, "target", str(self.target))
        if not self.phrase:
            object.__setattr__(self, "phrase", self.label[:1].lower() + self.label[1:])
        if self.tone not in TONES:
            raise ValueError(f"Unknown tone {self.tone!r} for verb {self.name!r}")


@dataclass(frozen=True)
class Badge:
    """What the status badge component shows: the state's label in its tone."""

    label: str
    tone: str


class Workflow:
    """States (a ``TextChoices``) with tones, and named verbs. ``noun`` names the object in messages.

    ``describe`` (optional) names the object after the noun in messages, e.g. ``lambda c: f"“{c.name}”"``.
    """

    def __init__(
        self,
        *,
        noun: str,
        states: type,
        tones: Mapping[str, str],
        verbs: Iterable[Verb],
        field: str = "status",
        describe: Callable[[object], str] | None = None,
    ):
        self.noun, self.states, self.field, self.describe = noun, states, field, describe
        self.tones = {str(state): tone for state, tone in tones.items()}
        self._verbs = {verb.name: verb for verb in verbs}
        self.verbs = tuple(self._verbs.values())
        known = {str(value) for value in states.values}
        for verb in self.verbs:
            unknown = (verb.sources | {verb.target}) - known
            if unknown:
                raise ValueError(f"Verb {verb.name!r} names unknown states {sorted(unknown)}")
        if missing := known - set(self.tones):
            raise ValueError(f"No tone for states {sorted(missing)}")
        if bad := set(self.tones.values()) - TONES:
            raise ValueError(f"Unknown tones {sorted(bad)}")

    def __repr__(self):
        return f"<Workflow of {self.noun}: {', '.join(self._verbs)}>"

    # --- states -------------------------------------------------------------------------------------------
    def state_of(self, obj) -> str:
        return str(getattr(obj, self.field))

    def label(self, state: str) -> str:
        return str(dict(self.states.choices).get(state, state))

    def tone(self, state: str) -> str:
        return self.tones.get(state, "secondary")

    def badge(self, obj) -> Badge:
        state = self.state_of(obj)
        return Badge(label=self.label(state), tone=self.tone(state))

    # --- verbs --------------------------------------------------------------------------------------------
    def verb(self, name: str) -> Verb:
        try:
            return self._verbs[name]
        except KeyError:
            raise LookupError(f"Workflow of {self.noun!r} has no verb {name!r}") from None

    def can(self, obj, name: str) -> bool:
        """Is ``name`` legal from the object's current state? (Who may take it is the permissions' question.)"""
        return self.state_of(obj) in self.verb(name).sources

    def check(self, obj, name: str) -> str:
        """The state ``name`` leads to from the object's current state; a Vietnamese ValidationError otherwise."""
        verb = self.verb(name)
        state = self.state_of(obj)
        if state not in verb.sources:
            described = f" {self.describe(obj)}" if self.describe else ""
            raise ValidationError(
                f"Không thể {verb.phrase} {self.noun}{described} đang ở trạng thái “{self.label(state)}”.",
                code="invalid_transition",
            )
        return verb.target

    def available(self, obj) -> list[Verb]:
        """The verbs legal from the object's current state, in declaration order."""
        state = self.state_of(obj)
        return [verb for verb in self.verbs if state in verb.sources]


def actions_for(obj, permitted: Mapping[str, Callable[[object], bool]]) -> list[Verb]:
    """The verbs a page offers: legal from ``obj``'s state and allowed by the matching permission predicate.

    ``permitted`` maps verb names to predicates over the object (closures over the person, built by the view from
    the app's ``permissions``); a verb without a predicate is not offered.
    """
    return [verb for verb in obj.workflow.available(obj) if verb.name in permitted and permitted[verb.name](obj)]


class WorkflowModel:
    """Mixin for a model with a ``workflow`` class attribute: ``obj.can(verb)``, ``obj.check_transition(verb)``,
    ``obj.available_verbs()`` and ``obj.status_badge``."""

    workflow: Workflow

    def can(self, verb: str) -> bool:
        return self.workflow.can(self, verb)

    def check_transition(self, verb: str) -> str:
        return self.workflow.check(self, verb)

    def available_verbs(self) -> list[Verb]:
        return self.workflow.available(self)

    @property
    def status_badge(self) -> Badge:
        return self.workflow.badge(self)
