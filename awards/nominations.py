"""Services of the year-end review: team reviews (bình xét) and nominations (đề nghị khen thưởng).

Kept apart from ``awards.services`` (registrations, records, initiatives), which it calls to write the award
history. One guarded function per verb of ``NOMINATION_WORKFLOW`` and ``TEAM_REVIEW_WORKFLOW``: each takes
keyword-only arguments, runs in one transaction, locks the row it moves, checks the person's permission (the
predicates of ``awards.permissions``) and the move (the workflow), and writes its audit row
(``awards.nomination.<verb>``, ``awards.team_review.<verb>``). An illegal move raises a Vietnamese
``ValidationError`` and changes nothing; a person without the right gets ``PermissionDenied``.

``actor`` is the signed-in user; None is system work (a command, the demo loader), which no person's permission
limits. Other apps move nominations only through these functions: the council app records its result with
``record_council_result``; the pupils' proposals create theirs with ``create_nomination`` and
``propose_nomination``.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.core.text import sort_key
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import (
    AuthorityLevel,
    ClassGroup,
    OtherPerson,
    Pupil,
    SchoolYear,
    Staff,
    Team,
)

from . import services
from .eligibility import NO_RULE, OUTCOME_LABELS, Row, SchoolFacts, evaluate, load_facts
from .models import (
    LIVE_NOMINATION_EXISTS,
    NOMINATION_WORKFLOW,
    AchievementReport,
    AwardRecord,
    Disclosure,
    DriveKind,
    Initiative,
    InitiativeStatus,
    Nomination,
    NominationStatus,
    ObjectionStatus,
    TeamReview,
    TeamReviewStatus,
    Title,
    TitleRule,
)
from .permissions import can_propose_ad_hoc, can_review_team, can_take_nomination_verb

FORBIDDEN = "Bạn không có quyền thực hiện thao tác này với đề nghị khen thưởng."

# --------------------------------------------------------------------------------------------------
# Verdicts: frozen at proposal, live on pages
# --------------------------------------------------------------------------------------------------


def _judge_with(facts: SchoolFacts, nominations: Sequence[Nomination]) -> dict[int, Row | None]:
    """The verdict of each nomination (by id) on facts already loaded; None where the rules do not judge."""
    staff = {person.pk: person for person in facts.staff}
    teams = {team.pk: team for team in facts.teams}
    pairs, keys = [], []
    for nomination in nominations:
        subject = staff.get(nomination.staff_id) if nomination.staff_id else teams.get(nomination.team_id)
        if subject is not None:
            pairs.append((subject, nomination.title))
            keys.append(nomination.pk)
    # the engine judges the pairs it is given: the nominated ones, registered or not
    found = dict(zip(keys, evaluate(replace(facts, registrations=pairs)), strict=True))
    return {nomination.pk: found.get(nomination.pk) for nomination in nominations}


def judge_nominations(school_year: SchoolYear, nominations: Sequence[Nomination]) -> dict[int, Row | None]:
    """The live verdict of each nomination of ``school_year`` (by id): the rules run on today's data, in the fixed
    number of queries of ``eligibility.load_facts`` whatever the number of nominations (none when no nomination
    is of a staff member or a team: pupils, classes and other people are not judged by the rules).

    None for a nomination the rules do not judge (a commendation without a rule, someone who left before the
    review date).
    """
    if not any(n.staff_id or n.team_id for n in nominations):
        return {n.pk: None for n in nominations}
    return _judge_with(load_facts(school_year.school, school_year), nominations)


def freeze_verdict(row: Row | None, *, regime: str, today: date) -> dict:
    """A verdict as kept on the nomination when it is proposed: what the council reads even if the data change."""
    if row is None or row.verdict is None:
        return {"outcome": "no_rule", "label": NO_RULE, "reasons": [], "missing": [], "flags": [],
                "regime": regime, "judged_on": today.isoformat()}  # fmt: skip
    verdict = row.verdict
    return {
        "outcome": verdict.outcome.value,
        "label": OUTCOME_LABELS[verdict.outcome],
        "reasons": [{"text": r.text, "article": r.article, "passed": r.passed} for r in verdict.reasons],
        "missing": list(verdict.missing),
        "flags": list(verdict.flags),
        "regime": regime,
        "judged_on": today.isoformat(),
    }


# --------------------------------------------------------------------------------------------------
# Guards
# --------------------------------------------------------------------------------------------------


def _authorize(actor, nomination: Nomination, verb: str) -> None:
    staff = acting_staff(actor)
    if staff is not None and not can_take_nomination_verb(staff, nomination, verb):
        raise PermissionDenied(FORBIDDEN)


def _lock(nomination: Nomination) -> Nomination:
    # only the nomination's row is locked (of=self): PostgreSQL refuses FOR UPDATE on the nullable side of the
    # recipient joins, and locking the title or the year would serialise unrelated work
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related(
            "title", "school_year__school", "team_review__team", "staff__team", "team", "pupil__class_group",
            "class_group", "other_person",
        )
        .get(pk=nomination.pk)
    )  # fmt: skip


def _lock_review(review: TeamReview) -> TeamReview:
    return TeamReview.objects.select_for_update(of=("self",)).select_related("team", "school_year").get(pk=review.pk)


def _state(nomination: Nomination, *fields: str) -> dict:
    """The audited values: the status and ``fields`` (the frozen verdict by its outcome's label alone)."""
    state = {"status": nomination.status}
    for name in fields:
        value = getattr(nomination, name)
        if name == "verdict_at_proposal":
            value = (value or {}).get("label", "")
        state[name] = value
    return state


def _move(*, actor, nomination: Nomination, verb: str, reason: str = "", **changes) -> Nomination:
    """Lock, authorize, check and take ``verb``, setting ``changes`` on the way; one audit row with the status and
    every changed field before and after. Returns the locked, updated nomination."""
    locked = _lock(nomination)
    _authorize(actor, locked, verb)
    target = locked.check_transition(verb)
    before = _state(locked, *changes)
    locked.status = target
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save()
    audit.record(
        actor=actor,
        action=f"awards.nomination.{verb}",
        obj=locked,
        data=audit.change(before, _state(locked, *changes)),
        reason=reason,
    )
    return locked


def _require_reason(reason: str, what: str) -> str:
    if not reason.strip():
        raise ValidationError(f"Hãy ghi lý do {what}.")
    return reason.strip()


# --------------------------------------------------------------------------------------------------
# Making and proposing
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def create_nomination(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    staff: Staff | None = None,
    team: Team | None = None,
    pupil: Pupil | None = None,
    class_group: ClassGroup | None = None,
    other_person: OtherPerson | None = None,
    team_review: TeamReview | None = None,
    achievements: str = "",
) -> Nomination:
    """A draft proposal for one recipient (exactly one of the recipient arguments), from a team's review or not.

    Refused for a title of the wrong kind of recipient, a recipient of another school, a second live proposal of
    the same title for the same recipient and year (even when two arrive at once: the database keeps one), and
    in a team review that has already sent its proposals.
    """
    nomination = Nomination(
        school=school_year.school, school_year=school_year, title=title, staff=staff, team=team, pupil=pupil,
        class_group=class_group, other_person=other_person, team_review=team_review,
        achievements=achievements.strip(), created_by=actor,
    )  # fmt: skip
    staff_acting = acting_staff(actor)
    if staff_acting is not None and not can_take_nomination_verb(staff_acting, nomination, "propose"):
        raise PermissionDenied(FORBIDDEN)
    if team_review is not None:
        team_review = _lock_review(team_review)
        if team_review.status != TeamReviewStatus.OPEN:
            raise ValidationError(f"{team_review.team} đã gửi đề nghị năm học {school_year}: không thêm được nữa.")
    nomination.full_clean()
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:  # full_clean found none, but another request saved the same proposal meanwhile
        raise ValidationError(
            LIVE_NOMINATION_EXISTS.format(title=title, recipient=nomination.recipient, year=school_year)
        ) from None
    audit.record(
        actor=actor,
        action="awards.nomination.create",
        obj=nomination,
        data=audit.change(after={"status": nomination.status, "title": str(title), **_recipient_fields(nomination)}),
    )
    return nomination


AD_HOC_FORBIDDEN = "Chỉ hiệu trưởng đề nghị khen thưởng đột xuất."


@transaction.atomic
def propose_ad_hoc_commendation(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    achievements: str,
    staff: Staff | None = None,
    pupil: Pupil | None = None,
    class_group: ClassGroup | None = None,
    other_person: OtherPerson | None = None,
    today: date | None = None,
) -> Nomination:
    """The principal's own proposal of an ad-hoc commendation (khen thưởng đột xuất) for a notable act.

    Simplified procedure (Luật Thi đua, khen thưởng 2022, Điều 85): no team review and no council vote; the
    proposal is the principal's, so it stands approved at once and goes on like any approved nomination: decided by
    the school's QĐ when the form is within the head's authority (the principal's Giấy khen for a pupil), else
    submitted upward. Its ``drive`` is ``ad_hoc``: the award it leads to never grounds a yearly title (Nghị định
    152/2025, Điều 4). Guarantees: only the principal (or system work); a form of commendation, never a title; a
    reason (the act) written; the recipient of the year's school; one audit row ``awards.nomination.propose_ad_hoc``
    after the ``create`` row.
    """
    today = today or timezone.localdate()
    staff_acting = acting_staff(actor)
    if staff_acting is not None and not can_propose_ad_hoc(staff_acting):
        raise PermissionDenied(AD_HOC_FORBIDDEN)
    if not achievements.strip():
        raise ValidationError({"achievements": "Hãy ghi thành tích, việc làm được khen thưởng."})
    nomination = Nomination(
        school=school_year.school, school_year=school_year, title=title, staff=staff, pupil=pupil,
        class_group=class_group, other_person=other_person, achievements=achievements.strip(), created_by=actor,
        drive=DriveKind.AD_HOC,
    )  # fmt: skip
    if other_person is not None and other_person.pk is None:
        other_person.full_clean()
        other_person.save()
        nomination.other_person = other_person
        audit.record(
            actor=actor, action="awards.other_person.create", obj=other_person, school=other_person.school,
            data=audit.change(after={"name": str(other_person)}),
        )  # fmt: skip
    nomination.full_clean()
    nomination.save()
    audit.record(
        actor=actor,
        action="awards.nomination.create",
        obj=nomination,
        data=audit.change(
            after={"status": nomination.status, "title": str(title), "drive": nomination.drive,
                   **_recipient_fields(nomination)}
        ),
    )  # fmt: skip
    return _move(
        actor=actor,
        nomination=nomination,
        verb="propose_ad_hoc",
        proposed_by=actor,
        proposed_at=timezone.now(),
        verdict_at_proposal=freeze_verdict(None, regime=school_year.regime.code, today=today),
    )


BulkRecipient = Pupil | ClassGroup | OtherPerson


def _recipient_kwargs(recipient: BulkRecipient) -> dict:
    if isinstance(recipient, Pupil):
        return {"pupil": recipient}
    if isinstance(recipient, ClassGroup):
        return {"class_group": recipient}
    if isinstance(recipient, OtherPerson):
        return {"other_person": recipient}
    raise TypeError("Staff and teams are proposed one by one, through their team's review.")


def _attach_class_groups(recipients: Sequence[BulkRecipient]) -> None:
    """Load the classes of pupils whose class is not loaded yet, in one query (the permission reads it)."""
    field = Pupil._meta.get_field("class_group")
    pupils = [r for r in recipients if isinstance(r, Pupil) and not field.is_cached(r)]
    groups = ClassGroup.objects.in_bulk({pupil.class_group_id for pupil in pupils})
    for pupil in pupils:
        field.set_cached_value(pupil, groups.get(pupil.class_group_id))


@transaction.atomic
def propose_many(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    proposals: Sequence[tuple[BulkRecipient, str]],
    today: date | None = None,
) -> list[Nomination]:
    """Propose many recipients of one title at once: (recipient, achievements) pairs of pupils, classes or other
    people (a class's pupils for the principal's Giấy khen). Returns the nominations, proposed.

    The same guarantees as ``create_nomination`` followed by ``propose_nomination`` for each, in one transaction
    and a fixed number of queries whatever the number of rows (~200 pupils of a school in one request): the
    person's permission on each (the homeroom teacher for her class's pupils, the managers for any), the title's
    kind of recipient and the recipient's school, each recipient once, one live proposal per recipient, title and
    year (refused by name; when another request proposes one of them at the same moment, the database keeps one
    and this call saves nothing), the workflow's move draft → proposed, the verdict frozen (the rules do not judge
    these recipients: "no rule"), and two audit rows per nomination (made, proposed) written in bulk.
    """
    if not proposals:
        raise ValidationError("Chưa chọn người nào để đề nghị.")
    today = today or timezone.localdate()
    recipients = [recipient for recipient, _ in proposals]
    if len({(type(r), r.pk) for r in recipients}) != len(recipients):
        raise ValidationError("Mỗi người chỉ đề nghị một lần.")
    _attach_class_groups(recipients)
    user = actor if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    verdict = freeze_verdict(None, regime=school_year.regime.code, today=today)
    rows = [
        Nomination(
            school_id=school_year.school_id, school_year=school_year, title=title, achievements=achievements.strip(),
            created_by=user, **_recipient_kwargs(recipient),
        )
        for recipient, achievements in proposals
    ]  # fmt: skip
    staff = acting_staff(actor)
    strangers = [str(r) for r in recipients if r.school_id != school_year.school_id]
    if strangers:
        raise ValidationError(f"Không thuộc đơn vị: {', '.join(strangers)}.")
    for row in rows:
        if staff is not None and not can_take_nomination_verb(staff, row, "propose"):
            raise PermissionDenied(FORBIDDEN)
        if errors := row.clean_recipient():  # the title's scope: no query per row
            raise ValidationError(errors)
        row.status = row.check_transition("propose")
        row.proposed_by, row.proposed_at, row.verdict_at_proposal = user, now, verdict
    field = rows[0].recipient_field
    if any(row.recipient_field != field for row in rows):
        raise ValidationError("Mỗi lần chỉ đề nghị một loại đối tượng.")
    taken = set(
        Nomination.objects.live()
        .filter(
            drive=DriveKind.YEARLY, school_year=school_year, title=title, **{f"{field}__in": [r.pk for r in recipients]}
        )
        .values_list(field, flat=True)
    )
    names = {str(row.recipient) for row in rows if getattr(row, f"{field}_id") in taken}
    if names:
        raise ValidationError(
            f"Đã được đề nghị “{title}” năm học {school_year}: {', '.join(sorted(names, key=sort_key))}."
        )
    try:
        with transaction.atomic():
            created = Nomination.objects.bulk_create(rows)
    except IntegrityError:  # another request proposed one of them meanwhile: the database kept its row
        raise ValidationError("Một số người vừa được đề nghị ở nơi khác: hãy tải lại trang.") from None
    audit.record_many(
        actor=actor,
        school=school_year.school,
        action="awards.nomination.create",
        rows=[(row, audit.change(after={"status": NominationStatus.DRAFT, "title": str(title),
                                        **_recipient_fields(row)})) for row in created],
    )  # fmt: skip
    audit.record_many(
        actor=actor,
        school=school_year.school,
        action="awards.nomination.propose",
        rows=[
            (row, audit.change({"status": NominationStatus.DRAFT}, {"status": row.status, "verdict_at_proposal":
                                                                    verdict["label"]}))
            for row in created
        ],
    )  # fmt: skip
    return created


@transaction.atomic
def send_many_to_council(*, actor, nominations: Iterable[Nomination]) -> list[int]:
    """``send_to_council`` for many proposals at once (a class's checked list): each locked, authorized and moved
    by the workflow, one update and one audit row each written in bulk, in a fixed number of queries. All or
    nothing. Returns the ids moved."""
    ids = [nomination.pk for nomination in nominations]
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("school", "title", "pupil", "class_group", "other_person", "staff", "team")
        .filter(pk__in=ids)
        .order_by("pk")
    )
    staff = acting_staff(actor)
    for nomination in locked:
        if staff is not None and not can_take_nomination_verb(staff, nomination, "send_to_council"):
            raise PermissionDenied(FORBIDDEN)
        nomination.check_transition("send_to_council")
    target = NOMINATION_WORKFLOW.verb("send_to_council").target
    moved = [nomination.pk for nomination in locked]
    Nomination.objects.filter(pk__in=moved).update(status=target, updated_at=timezone.now())
    audit.record_many(
        actor=actor,
        action="awards.nomination.send_to_council",
        rows=[(n, audit.change({"status": n.status}, {"status": target})) for n in locked],
    )
    return moved


@transaction.atomic
def record_team_vote(*, actor, nomination: Nomination, votes_for: int, votes_against: int) -> Nomination:
    """The team's vote on a draft proposal of its review: how many of the members present agreed and disagreed.

    Refused before the members present are recorded, and when more people voted than were present.
    """
    locked = _lock(nomination)
    _authorize(actor, locked, "record_vote")
    locked.check_transition("record_vote")
    if locked.team_review_id is None:
        raise ValidationError("Chỉ đề nghị từ buổi bình xét của tổ mới ghi biểu quyết của tổ.")
    if votes_for < 0 or votes_against < 0:
        raise ValidationError("Số người biểu quyết không được âm.")
    present = locked.team_review.members_present.count()
    if present == 0:
        raise ValidationError("Hãy ghi thành viên có mặt trong biên bản họp trước khi ghi biểu quyết.")
    if votes_for + votes_against > present:
        raise ValidationError(
            f"Số người biểu quyết ({votes_for + votes_against}) nhiều hơn số thành viên có mặt ({present})."
        )
    return _move(actor=actor, nomination=locked, verb="record_vote", votes_for=votes_for, votes_against=votes_against)


def _propose_problems(nomination: Nomination, present: int | None) -> list[str]:
    """Why a draft from a team review cannot be proposed yet (the vote, its majority); empty when it can."""
    if nomination.team_review_id is None:
        return []
    if not nomination.vote_recorded:
        return [f"{nomination.recipient} – {nomination.title}: chưa ghi biểu quyết của tổ"]
    if present is not None and nomination.votes_for * 2 <= present:
        return [
            f"{nomination.recipient} – {nomination.title}: chỉ {nomination.votes_for}/{present} thành viên có mặt "
            "đồng ý (cần quá nửa)"
        ]
    return []


def _propose_locked(*, actor, locked: Nomination, row: Row | None, regime: str, today: date) -> Nomination:
    return _move(
        actor=actor,
        nomination=locked,
        verb="propose",
        proposed_by=actor,
        proposed_at=timezone.now(),
        verdict_at_proposal=freeze_verdict(row, regime=regime, today=today),
    )


@transaction.atomic
def propose_nomination(*, actor, nomination: Nomination, today: date | None = None) -> Nomination:
    """Propose a draft: the eligibility verdict and its reasons are frozen on it as they stand now.

    A proposal of a team review needs the minutes of the meeting and the team's vote, more than half of the
    members present agreeing (the team sends all its proposals at once with ``submit_team_review``).
    """
    today = today or timezone.localdate()
    locked = _lock(nomination)
    _authorize(actor, locked, "propose")
    locked.check_transition("propose")
    present = None
    if locked.team_review_id is not None:
        review = TeamReview.objects.for_page().get(pk=locked.team_review_id)
        if missing := review.meeting_missing:
            raise ValidationError("Biên bản họp tổ còn thiếu: " + ", ".join(missing) + ".")
        present = len(review.members_present.all())
    if problems := _propose_problems(locked, present):
        raise ValidationError(problems)
    row = judge_nominations(locked.school_year, [locked])[locked.pk]
    return _propose_locked(actor=actor, locked=locked, row=row, regime=locked.school_year.regime.code, today=today)


@transaction.atomic
def withdraw_nomination(*, actor, nomination: Nomination, reason: str) -> Nomination:
    """Withdraw a proposal before the council takes it up (the row stays, withdrawn, as history)."""
    return _move(
        actor=actor,
        nomination=nomination,
        verb="withdraw",
        reason=_require_reason(reason, "rút đề nghị"),
        status_note=reason.strip(),
    )


# --------------------------------------------------------------------------------------------------
# Council, disclosure, the principal
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def send_to_council(*, actor, nomination: Nomination) -> Nomination:
    """Put a proposal on the council's queue."""
    return _move(actor=actor, nomination=nomination, verb="send_to_council")


@transaction.atomic
def record_council_result(
    *,
    actor,
    nomination: Nomination,
    passed: bool,
    votes_for: int | None = None,
    members: int | None = None,
    note: str = "",
) -> Nomination:
    """The council's result on a proposal in its review: passed or not, with the votes for it out of the
    council's total membership when it voted (the council app calls this; it never writes awards rows itself)."""
    if (votes_for is None) != (members is None):
        raise ValidationError("Ghi cả số phiếu đồng ý và tổng số thành viên hội đồng.")
    if votes_for is not None and not 0 <= votes_for <= members:
        raise ValidationError("Số phiếu đồng ý phải từ 0 đến tổng số thành viên hội đồng.")
    return _move(
        actor=actor,
        nomination=nomination,
        verb="council_pass" if passed else "council_fail",
        reason=note.strip(),
        council_votes_for=votes_for,
        council_members=members,
        status_note=note.strip(),
    )


@transaction.atomic
def disclose_nomination(*, actor, nomination: Nomination) -> Nomination:
    """Publish a proposal the council passed, for objections before the principal's decision (pages publish the
    whole list with its period through ``awards.decisions.publish_disclosure``, which calls this for each)."""
    return _move(actor=actor, nomination=nomination, verb="disclose")


#: The verbs a disclosure holds back while its period runs or an objection to it waits for its answer.
HELD_BY_DISCLOSURE = frozenset({"approve", "reject", "decide", "submit"})


@dataclass(frozen=True)
class DisclosureHold:
    """What holds a disclosed list's nominations back on a day: its period still runs (``runs``), or
    ``open_objections`` wait for the principal's written answer."""

    disclosure: Disclosure
    runs: bool
    open_objections: int

    @property
    def first_day(self) -> date:
        """The first day the list's nominations may be approved, once its objections are answered."""
        return self.disclosure.ends_on + timedelta(days=1)

    @property
    def reason(self) -> str:
        if self.runs:
            return (
                f"Danh sách công khai từ ngày {self.disclosure.starts_on:%d/%m/%Y} đến hết ngày "
                f"{self.disclosure.ends_on:%d/%m/%Y}: hiệu trưởng duyệt các đề nghị trong danh sách từ ngày "
                f"{self.first_day:%d/%m/%Y}."
            )
        return (
            f"Còn {self.open_objections} ý kiến phản ánh về danh sách công khai "
            f"({self.disclosure.period}) chưa được trả lời: hãy trả lời trước khi duyệt."
        )

    @property
    def waiting(self) -> str:
        return f"Duyệt từ ngày {self.first_day:%d/%m/%Y}" if self.runs else "Chờ trả lời ý kiến phản ánh"


def disclosure_holds(nominations: Iterable[Nomination], today: date) -> dict[int, DisclosureHold]:
    """What holds each given nomination back on ``today`` (by its id; absent when nothing does): the newest of its
    disclosures whose period still runs (the last day included) or whose objections are not all answered. One
    disclosed by code alone (no period) is not held. Two queries whatever the count, so pages ask it for their
    rows and offer only the verbs the services would take."""
    links = Disclosure.nominations.through.objects.filter(nomination_id__in=[n.pk for n in nominations])
    members: dict[int, list[int]] = {}
    for nomination_id, disclosure_id in links.values_list("nomination_id", "disclosure_id"):
        members.setdefault(disclosure_id, []).append(nomination_id)
    if not members:
        return {}
    holds: dict[int, DisclosureHold] = {}
    disclosures = Disclosure.objects.filter(pk__in=members).annotate(
        open_objections=Count("objections", filter=Q(objections__status=ObjectionStatus.OPEN))
    )
    for disclosure in disclosures:  # newest first (the model's ordering): the newest hold is named
        runs = not disclosure.is_over(today)
        if runs or disclosure.open_objections:
            hold = DisclosureHold(disclosure=disclosure, runs=runs, open_objections=disclosure.open_objections)
            for nomination_id in members[disclosure.pk]:
                holds.setdefault(nomination_id, hold)
    return holds


def check_disclosure_over(nomination: Nomination, today: date) -> None:
    """Refuse a decision on a nomination whose disclosure still runs, or while an objection to it is unanswered.

    A nomination published in a ``Disclosure`` waits for the end of its period (the last day included) and for a
    written answer to every objection filed against the list; one disclosed by code alone (no period) is not held.
    """
    hold = disclosure_holds([nomination], today).get(nomination.pk)
    if hold is None:
        return
    if hold.runs:
        raise ValidationError(
            f"Danh sách đang công khai đến hết ngày {hold.disclosure.ends_on:%d/%m/%Y}: chưa quyết định được "
            f"“{nomination.title}” cho {nomination.recipient}."
        )
    raise ValidationError(
        f"Còn {hold.open_objections} ý kiến phản ánh về danh sách công khai chưa được trả lời: hãy trả lời trước khi "
        "quyết định."
    )


def nominee_users(nomination: Nomination) -> list:
    """Who is told about a nomination: the staff member; the team's head in office today (``team_head_of``); a pupil's
    or a class's homeroom teacher (pupils have no accounts); else whoever proposed it."""
    person = None
    if nomination.staff_id:
        person = nomination.staff
    elif nomination.team_id:
        person = Staff.objects.team_head_of(nomination.team_id)
    elif nomination.pupil_id:
        person = nomination.pupil.class_group.homeroom_teacher
    elif nomination.class_group_id:
        person = nomination.class_group.homeroom_teacher
    user = person.user if person is not None and person.user_id else nomination.proposed_by
    return [user] if user is not None else []


def _notify_nominee(nomination: Nomination, title: str, body: str = "") -> None:
    notify(recipients=nominee_users(nomination), title=title, body=body, url=reverse("awards:my_profile"))


@transaction.atomic
def approve_nomination(*, actor, nomination: Nomination, note: str = "", today: date | None = None) -> Nomination:
    """The principal approves a disclosed proposal (next: decided by the school or submitted upward), once its
    disclosure is over with every objection answered; the nominee is told (in the app and by e-mail)."""
    check_disclosure_over(nomination, today or timezone.localdate())
    moved = _move(actor=actor, nomination=nomination, verb="approve", reason=note.strip(), status_note=note.strip())
    _notify_nominee(
        moved,
        f"Đề nghị “{moved.title}” cho {moved.recipient} năm học {moved.school_year} đã được hiệu trưởng duyệt",
        note.strip(),
    )
    return moved


@transaction.atomic
def reject_nomination(*, actor, nomination: Nomination, reason: str, today: date | None = None) -> Nomination:
    """The principal does not approve a disclosed proposal (an objection upheld, for instance); reason needed, and
    the same wait as an approval. The nominee is told, with the reason."""
    check_disclosure_over(nomination, today or timezone.localdate())
    moved = _move(
        actor=actor,
        nomination=nomination,
        verb="reject",
        reason=_require_reason(reason, "không duyệt"),
        status_note=reason.strip(),
    )
    _notify_nominee(
        moved,
        f"Đề nghị “{moved.title}” cho {moved.recipient} năm học {moved.school_year} không được hiệu trưởng duyệt",
        f"Lý do: {reason.strip()}",
    )
    return moved


def conferring_level(nomination: Nomination) -> str | None:
    """Who confers the nomination's title under the regime of its school year (None when no rule says so)."""
    rule = TitleRule.objects.filter(title=nomination.title_id, regime=nomination.school_year.regime).first()
    return rule.conferring_level if rule else None


def _check_conferrer(nomination: Nomination, *, by_school: bool) -> None:
    level = conferring_level(nomination)
    if level is None:
        raise ValidationError(f"Chưa có quy định cấp quyết định “{nomination.title}” theo chế độ của năm học.")
    if by_school and level != AuthorityLevel.SCHOOL:
        raise ValidationError(f"“{nomination.title}” do {AuthorityLevel(level).label} quyết định: hãy trình cấp trên.")
    if not by_school and level == AuthorityLevel.SCHOOL:
        raise ValidationError(f"“{nomination.title}” thuộc thẩm quyền của thủ trưởng đơn vị: trường tự quyết định.")


def _recipient_fields(nomination: Nomination) -> dict:
    field = nomination.recipient_field
    return {field: getattr(nomination, field)}


@transaction.atomic
def decide_nomination(*, actor, nomination: Nomination, decision: OfficialDocument) -> Nomination:
    """The school decides an approved proposal within its own authority, by its issued decision (QĐ): the award
    is written to the recipient's history, linked to that decision."""
    locked = _lock(nomination)
    _authorize(actor, locked, "decide")
    locked.check_transition("decide")
    _check_conferrer(locked, by_school=True)
    check_disclosure_over(locked, decision.document_date or timezone.localdate())
    award = AwardRecord(
        school=locked.school, school_year=locked.school_year, title=locked.title, decision=decision,
        drive=locked.drive, **_recipient_fields(locked),
    )  # fmt: skip
    award = services.record_award(actor=actor, award=award)
    return _move(actor=actor, nomination=locked, verb="decide", award=award)


@transaction.atomic
def submit_nomination(*, actor, nomination: Nomination, today: date | None = None) -> Nomination:
    """Send an approved proposal to the higher authority that confers its title (with the school's submission)."""
    locked = _lock(nomination)
    _authorize(actor, locked, "submit")
    locked.check_transition("submit")
    _check_conferrer(locked, by_school=False)
    check_disclosure_over(locked, today or timezone.localdate())
    return _move(actor=actor, nomination=locked, verb="submit")


@transaction.atomic
def record_higher_result(
    *,
    actor,
    nomination: Nomination,
    conferred: bool,
    decision_number: str = "",
    decision_date: date | None = None,
    issuer_name: str = "",
    note: str = "",
) -> Nomination:
    """The higher authority's answer to a submitted proposal. Conferred: its decision (number, date, issuer) is
    written to the recipient's award history; refused: the reason is kept."""
    locked = _lock(nomination)
    _authorize(actor, locked, "confer" if conferred else "refuse")
    if not conferred:
        return _move(
            actor=actor,
            nomination=locked,
            verb="refuse",
            reason=_require_reason(note, "cấp trên không khen thưởng"),
            status_note=note.strip(),
        )
    locked.check_transition("confer")
    award = AwardRecord(
        school=locked.school, school_year=locked.school_year, title=locked.title,
        decision_number=decision_number.strip(), decision_date=decision_date, issuer_name=issuer_name.strip(),
        drive=locked.drive, **_recipient_fields(locked),
    )  # fmt: skip
    award = services.record_award(actor=actor, award=award)
    return _move(actor=actor, nomination=locked, verb="confer", award=award, status_note=note.strip())


# --------------------------------------------------------------------------------------------------
# Team reviews
# --------------------------------------------------------------------------------------------------


def _authorize_review(actor, team: Team) -> None:
    staff = acting_staff(actor)
    if staff is not None and not can_review_team(staff, team):
        raise PermissionDenied("Chỉ tổ trưởng của tổ hoặc ban giám hiệu mới bình xét thi đua của tổ.")


@transaction.atomic
def open_team_review(*, actor, team: Team, school_year: SchoolYear) -> TeamReview:
    """The team's review of ``school_year``: the existing one, or a new one opened now (one per team and year)."""
    _authorize_review(actor, team)
    if team.school_id != school_year.school_id:
        raise ValidationError("Tổ và năm học phải cùng đơn vị.")
    review = TeamReview.objects.filter(team=team, school_year=school_year).first()
    if review is not None:
        return review
    review = TeamReview(school=team.school, team=team, school_year=school_year, opened_by=actor)
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:  # opened by someone else at the same moment
        return TeamReview.objects.get(team=team, school_year=school_year)
    audit.record(
        actor=actor, action="awards.team_review.open", obj=review, data=audit.change(after={"status": review.status})
    )
    return review


@transaction.atomic
def record_team_meeting(
    *,
    actor,
    review: TeamReview,
    meeting_date: date,
    place: str,
    chair: Staff,
    secretary: Staff,
    members_present: Iterable[Staff],
    meeting_time: time | None = None,
    opinions: str = "",
) -> TeamReview:
    """The minutes' facts of the team's meeting: when and where, who attended (members of the team), who chaired
    and who took the minutes (both among those present)."""
    locked = _lock_review(review)
    _authorize_review(actor, locked.team)
    locked.check_transition("record_meeting")
    present = list(members_present)
    errors = []
    if any(person.team_id != locked.team_id or person.school_id != locked.school_id for person in present):
        errors.append(f"Thành viên có mặt phải là thành viên của {locked.team}.")
    present_ids = {person.pk for person in present}
    if chair.pk not in present_ids:
        errors.append("Người chủ trì phải có mặt trong buổi họp.")
    if secretary.pk not in present_ids:
        errors.append("Thư ký phải có mặt trong buổi họp.")
    if not place.strip():
        errors.append("Hãy ghi địa điểm họp.")
    if meeting_date < locked.school_year.start_date:
        errors.append(f"Ngày họp phải trong năm học {locked.school_year}.")
    if errors:
        raise ValidationError(errors)
    before = {
        "meeting_date": locked.meeting_date, "place": locked.place, "chair": str(locked.chair or ""),
        "secretary": str(locked.secretary or ""), "members_present": len(locked.members_present.all()),
    }  # fmt: skip
    locked.meeting_date, locked.meeting_time, locked.place = meeting_date, meeting_time, place.strip()
    locked.chair, locked.secretary, locked.opinions = chair, secretary, opinions.strip()
    locked.save()
    locked.members_present.set(present)
    after = {
        "meeting_date": meeting_date, "place": locked.place, "chair": str(chair), "secretary": str(secretary),
        "members_present": len(present),
    }  # fmt: skip
    audit.record(actor=actor, action="awards.team_review.record_meeting", obj=locked, data=audit.change(before, after))
    return locked


@transaction.atomic
def submit_team_review(*, actor, review: TeamReview, today: date | None = None) -> TeamReview:
    """The team sends its proposals: every draft of the review is proposed at once (verdicts frozen), after the
    minutes are complete and each draft has the team's vote with more than half of those present agreeing.
    All or nothing: one problem stops the whole submission and every problem is named."""
    today = today or timezone.localdate()
    locked = _lock_review(review)
    _authorize_review(actor, locked.team)
    locked.check_transition("submit")
    locked = TeamReview.objects.for_page().get(pk=locked.pk)
    problems = []
    if missing := locked.meeting_missing:
        problems.append("Biên bản họp tổ còn thiếu: " + ", ".join(missing) + ".")
    present = len(locked.members_present.all())
    drafts = list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("title", "staff", "team")
        .filter(team_review=locked, status=NominationStatus.DRAFT)
        .order_by("pk")
    )
    if not drafts:
        problems.append("Tổ chưa có đề nghị nào để gửi.")
    for nomination in drafts:
        problems.extend(_propose_problems(nomination, present))
    if problems:
        raise ValidationError(problems)
    rows = judge_nominations(locked.school_year, drafts)
    regime = locked.school_year.regime.code
    for nomination in drafts:
        _propose_locked(actor=actor, locked=_lock(nomination), row=rows[nomination.pk], regime=regime, today=today)
    locked.status = locked.check_transition("submit")
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at"])
    audit.record(
        actor=actor,
        action="awards.team_review.submit",
        obj=locked,
        data=audit.change({"status": TeamReviewStatus.OPEN}, {"status": locked.status, "nominations": len(drafts)}),
    )
    return locked


# --------------------------------------------------------------------------------------------------
# What pages read: a team's review sheet, the gaps of the principal's board
# --------------------------------------------------------------------------------------------------


@dataclass
class SubjectSheet:
    """One member (or the team itself) on the review page: registrations judged, proposals with live verdicts."""

    subject: Staff | Team
    registrations: list[Row]
    nominations: list[tuple[Nomination, Row | None]]

    @property
    def is_team(self) -> bool:
        return isinstance(self.subject, Team)


def review_sheets(team: Team, school_year: SchoolYear, nominations: Sequence[Nomination]) -> list[SubjectSheet]:
    """The team's members active on the review date (page order), then the team: each with this year's
    registrations judged and the proposals of ``nominations`` about them with their live verdicts. One load of
    the school's facts whatever the number of members."""
    facts = load_facts(school_year.school, school_year)
    members = [person for person in facts.staff if person.team_id == team.pk]
    subject_team = next((t for t in facts.teams if t.pk == team.pk), team)
    registered = [(s, t) for s, t in facts.registrations if s in members or (isinstance(s, Team) and s.pk == team.pk)]
    rows = evaluate(replace(facts, registrations=registered))
    live = _judge_with(facts, nominations)
    sheets = {("staff", person.pk): SubjectSheet(person, [], []) for person in members}
    sheets[("team", team.pk)] = SubjectSheet(subject_team, [], [])
    for row in rows:
        sheets[("team" if row.is_team else "staff", row.subject.pk)].registrations.append(row)
    for nomination in nominations:
        key = ("team", nomination.team_id) if nomination.team_id else ("staff", nomination.staff_id)
        if key in sheets:
            sheets[key].nominations.append((nomination, live[nomination.pk]))
    return list(sheets.values())


#: Titles proposed without an achievement report: Lao động tiên tiến rests on the annual rating (and pupils,
#: classes and other people write none).
REPORT_NOT_NEEDED = frozenset({"LDTT"})


def reports_handed_in(school_year: SchoolYear) -> set[tuple[str, int]]:
    """("staff"|"team", id) of those who handed in their achievement report of ``school_year`` (submitted or
    confirmed by the principal), in one query: a draft or a report returned for changes is not handed in."""
    return {
        ("staff", staff_id) if staff_id else ("team", team_id)
        for staff_id, team_id in AchievementReport.objects.submitted_for(school_year).values_list("staff_id", "team_id")
    }


def nomination_gaps(
    school_year: SchoolYear, nominations: Sequence[Nomination], live: dict[int, Row | None]
) -> dict[int, list[str]]:
    """What each nomination still lacks (by id), for the principal's board: the team's vote, a pending initiative,
    the achievement report (not handed in: none, a draft, or returned for changes), and what the live verdict says is
    missing. Two queries, whatever the rows."""
    pending = set(
        Initiative.objects.filter(
            school_year=school_year, status__in=[InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW]
        ).values_list("author_id", flat=True)
    )
    reports = reports_handed_in(school_year)
    gaps = {}
    for nomination in nominations:
        found = []
        if nomination.team_review_id and not nomination.vote_recorded:
            found.append("Chưa ghi biểu quyết của tổ")
        if nomination.staff_id in pending:
            found.append("Sáng kiến chưa được công nhận")
        if (
            (nomination.staff_id or nomination.team_id)
            and nomination.title.code not in REPORT_NOT_NEEDED
            and (nomination.recipient_field, nomination.recipient.pk) not in reports
        ):
            found.append("Chưa nộp báo cáo thành tích")
        row = live.get(nomination.pk)
        if row is not None:
            found.extend(item for item in row.missing if item not in found)
        gaps[nomination.pk] = found
    return gaps
