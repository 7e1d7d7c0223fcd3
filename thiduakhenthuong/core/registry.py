"""Where apps plug into the shared layout without the kernel importing them.

Each app registers its navigation entries, its dashboard task providers and its demo-data seeder in
``AppConfig.ready()``; the kernel's base layout, dashboard and ``seed_demo`` command read them. Lower layers
therefore never import higher ones.
"""

from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field
from enum import IntEnum

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString

from .compiled import Question, ask_together


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    #: The predicate of the page's own ``staff_required`` (over the staff member): the link is shown exactly to
    #: those the page lets in. None: every staff member of a school.
    allowed: Callable[[object], bool] | None = None
    order: int = 100
    section: str = ""  # URL namespace whose pages mark this entry active, e.g. "documents"
    group: str = ""  # entries sharing a group label show as one drop-down menu


@dataclass(frozen=True)
class NavGroup:
    """A top-level menu entry: one link, or a drop-down when several entries share a group label."""

    label: str
    items: tuple[NavItem, ...]

    @property
    def sections(self) -> frozenset[str]:
        return frozenset(item.section for item in self.items if item.section)


@dataclass(frozen=True)
class Task:
    """One thing a person has to do next, shown on their dashboard."""

    title: str
    url: str = ""
    detail: str = ""
    count: int | None = None
    urgent: bool = False


#: A generator function called with the staff member (not the request: jobs reuse it). It yields a tuple of the
#: compiled questions it needs (``CompiledQuery.question``; None for one it does not ask this person), receives their
#: answers in the same order (None for None), may yield again for a follow-up, and returns its tasks. The registry
#: asks every provider's questions of a round together, in one query (``core.compiled.ask_together``).
TaskProvider = Callable[[object], Generator[tuple[Question | None, ...], tuple, list[Task]]]
DemoSeeder = Callable[..., None]  # called as seeder(school=School, stdout=OutputWrapper, today=date) by ``seed_demo``


class DemoStage(IntEnum):
    """Where a demo seeder stands in the year's story; seeders of one stage run in the apps' order."""

    SETUP = 0  # the school, its people, the plan, the catalog's use: what the year starts from
    REVIEW = 20  # nominations (an ad-hoc one sent up as its act happens), team reviews, reports, pupils' proposals
    COUNCIL = 30  # councils, meetings, scores, ballots, minutes
    DECISIONS = 40  # disclosure, approval, the QĐ and the TTr, the higher authority's decision, certificates
    AFTER = 50  # what only reads the year's outcome (exemplars, statistics)


@dataclass
class Registry:
    nav: list[NavItem] = field(default_factory=list)
    #: Pages of the deployment's own superuser (no school's staff member): the law's figures, the admin.
    deployment_nav: list[NavItem] = field(default_factory=list)
    task_providers: list[TaskProvider] = field(default_factory=list)
    demo_seeders: list[DemoSeeder] = field(default_factory=list)
    _menus: dict[tuple, SafeString] = field(default_factory=dict, repr=False)
    _stages: dict[DemoSeeder, int] = field(default_factory=dict, repr=False)

    def add_nav(self, *items: NavItem) -> None:
        self.nav.extend(items)
        self.nav.sort(key=lambda item: item.order)
        self._menus.clear()

    def add_deployment_nav(self, *items: NavItem) -> None:
        self.deployment_nav.extend(items)
        self.deployment_nav.sort(key=lambda item: item.order)

    def add_tasks(self, provider: TaskProvider) -> TaskProvider:
        self.task_providers.append(provider)
        return provider

    def add_demo_seeder(self, seeder: DemoSeeder, *, stage: int = DemoStage.SETUP) -> DemoSeeder:
        """Register an app's part of the reference school's demo data; it must be idempotent.

        ``today`` is the day the demo lives in: dates, deadlines and which year is under way derive from it (and
        from the school's years, which exist by then), never from the clock, so a test can pin it. ``stage`` places
        the seeder in the year's story (``DemoStage``): the past year is carried step by step through apps that do
        not import each other, so each step runs after the one it continues, whatever the apps' order.
        """
        self._stages[seeder] = stage
        self.demo_seeders.append(seeder)
        self.demo_seeders.sort(key=lambda item: self._stages.get(item, DemoStage.SETUP))  # stable: apps' order kept
        return seeder

    def nav_for(self, staff) -> list[NavGroup]:
        """The menu for a staff member: entries whose page they may open, grouped, in order of first entry."""
        groups: dict[str, list[NavItem]] = {}
        for item in self.nav:
            if item.allowed is None or item.allowed(staff):
                groups.setdefault(item.group or item.url_name, []).append(item)
        return [NavGroup(items[0].group or items[0].label, tuple(items)) for items in groups.values()]

    def menu_html(self, staff, active: str = "") -> SafeString:
        """The rendered menu for ``staff`` with the ``active`` section (URL namespace) marked.

        It depends only on which entries the person may open (labels and links are the code's own), so each
        combination is rendered once per process: reversing every entry's URL on each page was a good part of
        what a page cost (bench/pages.py).
        """
        return self._menu(self.nav_for(staff), active)

    def deployment_menu_html(self, active: str = "") -> SafeString:
        """The menu of the deployment's superuser, who is no school's staff member: one entry per page."""
        return self._menu([NavGroup(item.label, (item,)) for item in self.deployment_nav], active)

    def _menu(self, groups: list[NavGroup], active: str) -> SafeString:
        key = (tuple(item.url_name for group in groups for item in group.items), active, get_script_prefix())
        menu = self._menus.get(key)
        if menu is None:
            menu = render_to_string("components/nav.html", {"groups": groups, "active": active})
            self._menus[key] = menu
        return menu

    def tasks_for(self, staff, providers: Iterable[TaskProvider] | None = None) -> list[Task]:
        """What ``staff`` has to do next (from every provider, or from ``providers``), urgent first; each task's
        link opens a page the person may use.

        The providers run side by side: each round, every provider still running has asked its questions, and
        they are answered by one query (the dashboard's first round holds nearly all of them).
        """
        running = [provider(staff) for provider in (self.task_providers if providers is None else providers)]
        answers: list[tuple | None] = [None] * len(running)  # a generator starts with None
        tasks: list[Task] = []
        while running:
            asking = []
            for provider, answer in zip(running, answers, strict=True):
                try:
                    asking.append((provider, provider.send(answer)))
                except StopIteration as finished:
                    tasks.extend(finished.value)
            replies = iter(ask_together([question for _, questions in asking for question in questions]))
            running = [provider for provider, _ in asking]
            answers = [tuple(next(replies) for _ in questions) for _, questions in asking]
        return sorted(tasks, key=lambda task: not task.urgent)


registry = Registry()
