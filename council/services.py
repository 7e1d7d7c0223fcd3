"""Every write of the council app: councils and their establishing decision, meetings, agenda, attendance, the
secret ballot and its tally, the minutes.

Each service takes keyword-only arguments, runs in one transaction, locks the row it moves, checks the person's
permission (``council.permissions``) and the move (the workflows of ``council.models``), and writes its audit row
(``council.<noun>.<verb>``) in the same transaction. A refusal is a Vietnamese ``ValidationError`` that changes
nothing; a person without the right gets ``PermissionDenied``. ``actor`` is the signed-in user; None is system
work (a command, the demo loader), which no person's permission limits.

Results reach the nominations only through ``awards.nominations.record_council_result``.

Secrecy of the ballot: ``cast_paper`` writes the roll entry, the paper and its choices in one transaction and
returns nothing about the paper; its audit row (``council.ballot.cast``, secret) says THAT the member voted;
its arguments are hidden from error reports (``sensitive_variables``); nothing here logs. ``close_ballot``
rewrites the papers in a random order with new keys, so not even the physical order of rows follows the order of
voting once the count is done.
"""

import secrets
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from awards import nominations as award_nominations
from awards import papers as award_papers
from awards.models import Initiative, InitiativeStatus, Nomination, TitleRule
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType, Issuer, OfficialDocument
from thiduakhenthuong.organization.models import AuthorityLevel, SchoolYear, Staff

from . import permissions, scoring
from .models import (
    KEEP_STATE_VERBS,
    AgendaItem,
    Attendance,
    Ballot,
    BallotChoice,
    BallotPaper,
    BallotRollEntry,
    BallotStatus,
    Council,
    CouncilKind,
    CouncilMember,
    CouncilStatus,
    Meeting,
    MeetingStatus,
    MemberRole,
    Recusal,
    RecusalReason,
    passes,
    validate_odd,
)

FORBIDDEN = "Bạn không có quyền thực hiện thao tác này với hội đồng."
DECISION_TEMPLATE = "council/pdf/establishing_decision.html"
MINUTES_TEMPLATE = "council/pdf/meeting_minutes.html"
TALLY_TEMPLATE = "council/pdf/tally_minutes.html"
MIN_MEMBERS = 3

# --------------------------------------------------------------------------------------------------
# Guards
# --------------------------------------------------------------------------------------------------


def _authorize(actor, allowed, *args) -> Staff | None:
    staff = acting_staff(actor)
    if staff is not None and not allowed(staff, *args):
        raise PermissionDenied(FORBIDDEN)
    return staff


def _lock_council(council: Council) -> Council:
    return Council.objects.select_for_update(of=("self",)).select_related("school_year", "school").get(pk=council.pk)


def _lock_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council__school_year", "council__school", "chair__staff", "secretary__staff")
        .get(pk=meeting.pk)
    )


def _move(obj, verb: str) -> tuple[str, str]:
    """Check ``verb`` from the object's state; move the status unless the verb keeps it. (before, after)."""
    before = obj.status
    target = obj.check_transition(verb)
    if verb not in KEEP_STATE_VERBS:
        obj.status = target
    return before, obj.status


# --------------------------------------------------------------------------------------------------
# Councils and their members
# --------------------------------------------------------------------------------------------------


def default_name(kind: str) -> str:
    return CouncilKind(kind).label


@transaction.atomic
def create_council(
    *,
    actor,
    school_year: SchoolYear,
    kind: str = CouncilKind.EMULATION,
    name: str = "",
    quorum_numerator: int = 2,
    quorum_denominator: int = 3,
    recuse_own_team: bool = False,
) -> Council:
    """A council being formed for ``school_year`` (one per kind and year: a second is refused, even at once)."""
    _authorize(actor, lambda staff: permissions.can_manage_councils(staff) and staff.school_id == school_year.school_id)
    council = Council(
        school=school_year.school, school_year=school_year, kind=kind, name=name.strip() or default_name(kind),
        quorum_numerator=quorum_numerator, quorum_denominator=quorum_denominator, recuse_own_team=recuse_own_team,
        created_by=actor,
    )  # fmt: skip
    exists = f"Năm học {school_year} đã có {CouncilKind(kind).label}."
    council.full_clean(validate_constraints=False)
    if Council.objects.filter(school=council.school, school_year=school_year, kind=kind).exists():
        raise ValidationError(exists)
    if quorum_numerator > quorum_denominator:
        raise ValidationError("Tỷ lệ có mặt tối thiểu không được lớn hơn 1.")
    try:
        with transaction.atomic():
            council.save()
    except IntegrityError:
        raise ValidationError(exists) from None
    audit.record(actor=actor, action="council.create", obj=council, data=audit.change(after={"status": council.status}))
    return council


@transaction.atomic
def update_council(
    *,
    actor,
    council: Council,
    name: str,
    quorum_numerator: int,
    quorum_denominator: int,
    recuse_own_team: bool,
) -> Council:
    """Change the council's name, quorum and recusal rule while it is being formed."""
    locked = _lock_council(council)
    _authorize(actor, permissions.can_edit_council, locked)
    locked.check_transition("edit")
    if not 0 < quorum_numerator <= quorum_denominator:
        raise ValidationError("Tỷ lệ có mặt tối thiểu phải lớn hơn 0 và không lớn hơn 1.")
    before = {"name": locked.name, "quorum": locked.quorum_text, "recuse_own_team": locked.recuse_own_team}
    locked.name = name.strip() or default_name(locked.kind)
    locked.quorum_numerator, locked.quorum_denominator = quorum_numerator, quorum_denominator
    locked.recuse_own_team = recuse_own_team
    locked.full_clean(validate_constraints=False)
    locked.save()
    after = {"name": locked.name, "quorum": locked.quorum_text, "recuse_own_team": locked.recuse_own_team}
    audit.record(actor=actor, action="council.update", obj=locked, data=audit.change(before, after))
    return locked


@transaction.atomic
def add_member(
    *,
    actor,
    council: Council,
    staff: Staff,
    role: str = MemberRole.MEMBER,
    position: str = "",
    order: int | None = None,
) -> CouncilMember:
    """Seat ``staff`` on a council being formed, with her role there and what she is in the school (her job title
    by default): someone who still worked at the school on the first day of the council's year (a past year's
    council, the demo's, seats its own staff, some of whom have left since). One chair and one secretary; a person
    sits once."""
    locked = _lock_council(council)
    _authorize(actor, permissions.can_edit_council, locked)
    locked.check_transition("edit")
    if staff.school_id != locked.school_id:
        raise ValidationError("Thành viên hội đồng phải là cán bộ của đơn vị.")
    if not Staff.works_on(staff.left_on, locked.school_year.start_date):
        raise ValidationError(f"{staff.full_name} đã thôi việc.")
    seats = {member.staff_id: member for member in locked.members.all()}
    if staff.pk in seats:
        raise ValidationError(f"{staff.full_name} đã là thành viên của hội đồng.")
    if role in (MemberRole.CHAIR, MemberRole.SECRETARY) and any(m.role == role for m in seats.values()):
        raise ValidationError(f"Hội đồng đã có {MemberRole(role).label}.")
    if order is None:
        order = max((member.position_order for member in seats.values()), default=0) + 1
    member = CouncilMember(
        council=locked, staff=staff, role=role, position=position.strip() or staff.position, position_order=order
    )
    member.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError:
        raise ValidationError(
            f"{staff.full_name} đã là thành viên, hoặc hội đồng đã có {member.get_role_display()}."
        ) from None
    audit.record(
        actor=actor,
        action="council.member.add",
        obj=locked,
        data=audit.change(after={"member": staff.full_name, "role": member.get_role_display()}),
    )
    return member


@transaction.atomic
def remove_member(*, actor, member: CouncilMember) -> None:
    """Take a member off a council being formed."""
    locked = _lock_council(member.council)
    _authorize(actor, permissions.can_edit_council, locked)
    locked.check_transition("edit")
    member = CouncilMember.objects.select_related("staff").get(pk=member.pk, council=locked)
    audit.record(
        actor=actor,
        action="council.member.remove",
        obj=locked,
        data=audit.change(before={"member": member.staff.full_name, "role": member.get_role_display()}),
    )
    member.delete()


def establishing_problems(council: Council, members: list[CouncilMember]) -> list[str]:
    """Why a council cannot be established yet (empty when it can)."""
    problems = []
    if len(members) < MIN_MEMBERS:
        problems.append(f"Hội đồng phải có ít nhất {MIN_MEMBERS} thành viên.")
    try:
        validate_odd(len(members))
    except ValidationError as error:
        problems.extend(error.messages)
    roles = Counter(member.role for member in members)
    if not roles[MemberRole.CHAIR]:
        problems.append("Hội đồng chưa có Chủ tịch.")
    if not roles[MemberRole.SECRETARY]:
        problems.append("Hội đồng chưa có Thư ký.")
    return problems


def decision_content(council: Council, members: list[CouncilMember]) -> dict:
    """What the QĐ thành lập prints: the council, its year and the member list as it stands (a snapshot)."""
    return {
        "council_name": council.name,
        "school_year": council.school_year.name,
        "school_name": council.school.name,
        "kind": council.kind,
        "quorum": council.quorum_text,
        "members": [{"name": m.staff.full_name, "position": m.position, "role": m.get_role_display()} for m in members],
    }


@transaction.atomic
def establish_council(
    *, actor, council: Council, issued_on: date | None = None, signer: Staff | None = None
) -> Council:
    """Establish the council by the principal's decision (QĐ thành lập Hội đồng): the QĐ is drafted with the
    member list and issued with the next number of the school's register, in this transaction.

    Refused with an even number of members (the law wants an odd count), fewer than three, or without a chair and
    a secretary; every problem is named at once.
    """
    locked = _lock_council(council)
    _authorize(actor, permissions.can_establish_council, locked)
    before = locked.status
    locked.check_transition("establish")
    members = list(locked.members.select_related("staff").order_by("position_order", "pk"))
    if problems := establishing_problems(locked, members):
        raise ValidationError(problems)
    signer = signer or Staff.objects.principal_of(locked.school, on=issued_on)
    if signer is None:
        raise ValidationError("Đơn vị chưa có hiệu trưởng để ký quyết định.")
    year = locked.school_year
    document = documents.create_draft(
        actor=actor,
        issuer=Issuer.for_school(locked.school),
        doc_type=DocumentType.DECISION,
        summary=f"Về việc thành lập {locked.name} năm học {year}",
        document_date=issued_on,
        template_name=DECISION_TEMPLATE,
        content=decision_content(locked, members),
        grounds="\n".join(
            [
                "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                f"Căn cứ {year.regime.decree_name}" if year.regime.decree_name else "",
                "Căn cứ Điều lệ trường tiểu học ban hành kèm theo Thông tư số 28/2020/TT-BGDĐT ngày 04 tháng 9 năm 2020"
                " của Bộ trưởng Bộ Giáo dục và Đào tạo",
                f"Căn cứ tình hình thực tế của {locked.school.name}",
            ]
        ).replace("\n\n", "\n"),
        signer=signer,
        signer_authority="Hiệu trưởng",
        recipients="Như Điều 3\nPhòng GDĐT (để b/c)",
        archive_note="VT",
    )
    documents.issue_document(actor=actor, document=document, issued_on=issued_on)
    locked.status = locked.check_transition("establish")
    locked.establishing_decision = document
    locked.save(update_fields=["status", "establishing_decision"])
    audit.record(
        actor=actor,
        action="council.establish",
        obj=locked,
        data=audit.change(
            {"status": before}, {"status": locked.status, "decision": document.symbol, "member_count": len(members)}
        ),
    )
    return locked


@transaction.atomic
def reopen_composition(*, actor, council: Council, reason: str) -> Council:
    """Change the members of an established council: it goes back to being formed and is established again by a
    new decision. Refused once a meeting of the council has opened its vote (the membership is frozen)."""
    locked = _lock_council(council)
    _authorize(actor, permissions.can_establish_council, locked)
    before, _ = _move(locked, "change_members")
    if locked.membership_frozen:
        raise ValidationError("Hội đồng đã họp bỏ phiếu: không thay đổi thành viên được nữa.")
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do thay đổi thành viên.")
    locked.save(update_fields=["status"])
    audit.record(
        actor=actor, action="council.change_members", obj=locked,
        data=audit.change({"status": before}, {"status": locked.status}), reason=reason.strip(),
    )  # fmt: skip
    return locked


# --------------------------------------------------------------------------------------------------
# Meetings: planning, agenda, attendance, opening
# --------------------------------------------------------------------------------------------------


def _member_of(council: Council, member: CouncilMember | None, what: str) -> CouncilMember | None:
    if member is not None and member.council_id != council.pk:
        raise ValidationError(f"{what} phải là thành viên của hội đồng.")
    return member


@transaction.atomic
def plan_meeting(
    *,
    actor,
    council: Council,
    held_on: date,
    place: str,
    planned_time: time | None = None,
    chair: CouncilMember | None = None,
    secretary: CouncilMember | None = None,
) -> Meeting:
    """Plan a meeting of an established council (its day, the time told to the members, its place); the council's
    chair and secretary by default."""
    locked = _lock_council(council)
    _authorize(actor, permissions.can_plan_meeting, locked)
    if locked.status != CouncilStatus.ESTABLISHED:
        raise ValidationError("Hội đồng chưa được thành lập: chưa thể họp.")
    if not place.strip():
        raise ValidationError({"place": "Hãy ghi địa điểm họp."})
    members = {member.role: member for member in locked.members.all()}
    meeting = Meeting(
        council=locked, held_on=held_on, planned_time=planned_time, place=place.strip(),
        chair=_member_of(locked, chair, "Người chủ trì") or members.get(MemberRole.CHAIR),
        secretary=_member_of(locked, secretary, "Thư ký") or members.get(MemberRole.SECRETARY),
    )  # fmt: skip
    meeting.full_clean(validate_constraints=False)
    meeting.save()
    audit.record(
        actor=actor, action="council.meeting.plan", obj=meeting, school=locked.school,
        data=audit.change(after={"status": meeting.status, "held_on": held_on, "planned_time": planned_time,
                                 "place": meeting.place}),
    )  # fmt: skip
    return meeting


@transaction.atomic
def update_meeting(
    *,
    actor,
    meeting: Meeting,
    held_on: date,
    planned_time: time | None,
    place: str,
    chair: CouncilMember,
    secretary: CouncilMember,
) -> Meeting:
    """Change the date, time, place, chair or secretary before the vote opens; the date only until the meeting is
    opened (khai mạc), which happens on that date."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    _move(locked, "edit")
    if not place.strip():
        raise ValidationError({"place": "Hãy ghi địa điểm họp."})
    if locked.started_at and held_on != locked.held_on:
        raise ValidationError(
            {"held_on": f"Phiên họp đã khai mạc ngày {locked.held_on:%d/%m/%Y}: không đổi ngày họp được nữa."}
        )
    before = {
        "held_on": locked.held_on,
        "planned_time": locked.planned_time,
        "place": locked.place,
        "chair": str(locked.chair),
        "secretary": str(locked.secretary),
    }
    locked.held_on, locked.planned_time, locked.place = held_on, planned_time, place.strip()
    locked.chair = _member_of(locked.council, chair, "Người chủ trì")
    locked.secretary = _member_of(locked.council, secretary, "Thư ký")
    locked.save()
    after = {"held_on": held_on, "planned_time": planned_time, "place": locked.place, "chair": str(locked.chair),
             "secretary": str(locked.secretary)}  # fmt: skip
    audit.record(actor=actor, action="council.meeting.update", obj=locked, school=locked.council.school,
                 data=audit.change(before, after))  # fmt: skip
    return locked


def _on_other_agendas(council: Council, meeting: Meeting | None, field: str):
    """Ids of ``field`` (nomination, initiative) on the agenda of another meeting of the council still under way:
    one subject is taken up by one meeting at a time, so two ballots never record two results for it."""
    busy = AgendaItem.objects.filter(meeting__council=council, **{f"{field}__isnull": False})
    busy = busy.exclude(meeting__status=MeetingStatus.CLOSED)
    if meeting is not None:
        busy = busy.exclude(meeting=meeting)
    return busy.values(f"{field}_id")


def nomination_queue(council: Council, meeting: Meeting | None = None):
    """The nominations waiting for this council: in council review, of its school year (staff, teams and other
    people; pupils' and classes' lists are checked apart, they are not balloted one by one), and not on the agenda
    of another meeting under way."""
    return (
        Nomination.objects.for_list()
        .in_council_queue(council.school_year)
        .filter(pupil__isnull=True, class_group__isnull=True)
        .exclude(pk__in=_on_other_agendas(council, meeting, "nomination"))
    )


def pupil_list_queue(council: Council):
    """The pupils' and classes' proposals of the council's school year waiting for it: the classes' lists, checked
    by the vice-principal, that the council passes as a whole at a sitting (``pass_pupil_lists``)."""
    return Nomination.objects.in_council_queue(council.school_year).filter(
        Q(pupil__isnull=False) | Q(class_group__isnull=False)
    )


def initiative_queue(council: Council, meeting: Meeting | None = None):
    """The initiatives waiting for the initiative council: submitted or under review in its school year, and not
    on the agenda of another meeting under way."""
    return (
        Initiative.objects.for_list()
        .filter(school=council.school_id, school_year=council.school_year_id)
        .filter(status__in=[InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW])
        .exclude(pk__in=_on_other_agendas(council, meeting, "initiative"))
        .order_by("submitted_at", "pk")
    )


def _recusals_for(council: Council, item: AgendaItem, members: list[CouncilMember]) -> list[Recusal]:
    found = []
    if item.nomination_id:
        nomination = item.nomination
        own = {nomination.staff_id} if nomination.staff_id else set()
        team_id = nomination.team_id or (nomination.staff.team_id if nomination.staff_id else None)
    else:
        initiative = item.initiative
        own = {initiative.author_id, *(person.pk for person in initiative.co_authors.all())}
        team_id = initiative.author.team_id
    for member in members:
        if member.staff_id in own:
            found.append(Recusal(agenda_item=item, member=member, reason=RecusalReason.OWN))
        elif council.recuse_own_team and team_id and member.staff.team_id == team_id:
            found.append(Recusal(agenda_item=item, member=member, reason=RecusalReason.OWN_TEAM))
    return found


@transaction.atomic
def set_agenda(
    *,
    actor,
    meeting: Meeting,
    nominations: Iterable[Nomination] | None = None,
    initiatives: Iterable[Initiative] | None = None,
) -> list[AgendaItem]:
    """The meeting's agenda: the given nominations (or initiatives for the initiative council), by default the
    whole queue. Replaces the previous agenda while the vote has not opened. Recusals are made at the same time:
    a member's own nomination (or initiative) always, her team's when the council so decided.
    """
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    _move(locked, "set_agenda")
    council = locked.council
    if council.kind == CouncilKind.EMULATION:
        queue = {n.pk: n for n in nomination_queue(council, locked)}
        chosen = list(queue.values()) if nominations is None else [n for n in nominations]
        if missing := [n for n in chosen if n.pk not in queue]:
            raise ValidationError(
                f"“{missing[0]}” không nằm trong danh sách chờ hội đồng xét năm học {council.school_year}."
            )
        items = [AgendaItem(meeting=locked, nomination=queue[n.pk], position=i) for i, n in enumerate(chosen, 1)]
    else:
        queue = {i.pk: i for i in initiative_queue(council, locked)}
        chosen = list(queue.values()) if initiatives is None else [i for i in initiatives]
        if missing := [i for i in chosen if i.pk not in queue]:
            raise ValidationError(f"Sáng kiến “{missing[0]}” không chờ hội đồng xét năm học {council.school_year}.")
        items = [AgendaItem(meeting=locked, initiative=queue[i.pk], position=i_) for i_, i in enumerate(chosen, 1)]
    if not items:
        raise ValidationError("Không có nội dung nào chờ hội đồng xét.")
    before = locked.agenda.count()
    Recusal.objects.filter(agenda_item__meeting=locked).delete()
    locked.agenda.all().delete()
    AgendaItem.objects.bulk_create(items)
    items = list(locked.agenda.all())
    members = list(council.members.select_related("staff"))
    subjects = {item.nomination_id: item.nomination for item in items if item.nomination_id}
    for item in items:
        if item.nomination_id:
            item.nomination = subjects[item.nomination_id]
        else:
            item.initiative = queue[item.initiative_id]
    Recusal.objects.bulk_create([r for item in items for r in _recusals_for(council, item, members)])
    audit.record(
        actor=actor, action="council.meeting.set_agenda", obj=locked, school=council.school,
        data=audit.change({"item_count": before}, {"item_count": len(items)}),
    )  # fmt: skip
    return items


@dataclass(frozen=True)
class Absence:
    """An absent member's reason and written opinion, as the secretary records them."""

    reason: str = ""
    opinion: str = ""


@transaction.atomic
def record_attendance(
    *,
    actor,
    meeting: Meeting,
    present: Iterable[CouncilMember],
    absences: Mapping[int, Absence] | None = None,
) -> list[Attendance]:
    """Who is present (every other member is absent, with her reason and written opinion from ``absences`` by
    member id). May be corrected until the vote opens: the papers handed out are the members present then."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    _move(locked, "take_attendance")
    members = list(locked.council.members.all())
    ids = {member.pk for member in members}
    present_ids = {member.pk for member in present}
    if present_ids - ids:
        raise ValidationError("Chỉ điểm danh thành viên của hội đồng.")
    absences = absences or {}
    rows = []
    for member in members:
        absence = absences.get(member.pk, Absence())
        is_present = member.pk in present_ids
        rows.append(Attendance(
            meeting=locked, member=member, present=is_present,
            absence_reason="" if is_present else absence.reason.strip(),
            written_opinion="" if is_present else absence.opinion.strip(),
        ))  # fmt: skip
    locked.attendance.all().delete()
    Attendance.objects.bulk_create(rows)
    count = len(present_ids)
    audit.record(
        actor=actor, action="council.meeting.attendance", obj=locked, school=locked.council.school,
        data=audit.change(after={"present": count, "member_count": len(members)}),
    )  # fmt: skip
    return rows


@dataclass(frozen=True)
class Quorum:
    members: int
    present: int
    needed: int
    fraction: str

    @property
    def met(self) -> bool:
        return self.members > 0 and self.present >= self.needed

    @property
    def text(self) -> str:
        """ "7/9 thành viên có mặt (cần ít nhất 6, tỷ lệ 2/3): đủ số lượng"."""
        verdict = "đủ" if self.met else "không đủ"
        return (
            f"{self.present}/{self.members} thành viên có mặt (cần ít nhất {self.needed}, tỷ lệ {self.fraction}): "
            f"{verdict} số lượng để họp"
        )


def quorum_of(meeting: Meeting) -> Quorum:
    council = meeting.council
    members = council.members.count()
    present = meeting.attendance.filter(present=True).count()
    return Quorum(members, present, council.quorum_needed(members), council.quorum_text)


def _check_quorum(meeting: Meeting) -> Quorum:
    quorum = quorum_of(meeting)
    recorded = meeting.attendance.count()
    if recorded != quorum.members:
        raise ValidationError("Hãy điểm danh tất cả thành viên của hội đồng trước.")
    if not quorum.met:
        raise ValidationError(f"Không đủ số lượng thành viên: {quorum.text}.")
    return quorum


def _on_meeting_day(
    meeting: Meeting,
    at: datetime | None,
    step: str,
    *,
    advice: str = "",
    after: datetime | None = None,
    after_step: str = "",
) -> datetime:
    """The time of one of the meeting's steps that the minutes print (khai mạc, the ballot's opening and closing, bế
    mạc): ``at`` (now by default: the step taken on the meeting's day, as it happens; a meeting's day already past
    has it given, the time it really happened, which the meeting page asks for). Refused in Vietnamese, changing
    nothing, when it falls on another day than the meeting's date (the minutes never print a step of the meeting on
    another day), when it is still to come, or when it is before ``after``, the time of the step it follows
    (``after_step`` names that one). ``step`` names the step as the messages read it; ``advice`` follows the
    refusal of another day (only a meeting not yet opened may still have its date corrected)."""
    now = timezone.now()
    if at is None and meeting.held_on < timezone.localdate(now):
        raise ValidationError(
            f"Phiên họp ngày {meeting.held_on:%d/%m/%Y} đã qua: hãy ghi giờ {step} thực tế trong ngày đó."
        )
    at = at or now
    day = timezone.localdate(at)
    if day != meeting.held_on:
        refusal = (
            f"Phiên họp định vào ngày {meeting.held_on:%d/%m/%Y} nên chỉ {step} được trong ngày đó, không phải ngày "
            f"{day:%d/%m/%Y}."
        )
        raise ValidationError(f"{refusal} {advice}" if advice else refusal)
    local = timezone.localtime(at)
    if at > now:
        raise ValidationError(f"Chưa đến {local:%H:%M} ngày {day:%d/%m/%Y}: không ghi giờ {step} trước được.")
    if after is not None and at < after:
        raise ValidationError(
            f"Giờ {step} ({local:%H:%M}) không được trước giờ {after_step} ({timezone.localtime(after):%H:%M})."
        )
    return at


@transaction.atomic
def open_meeting(*, actor, meeting: Meeting, started_at: datetime | None = None) -> Meeting:
    """Open the meeting (khai mạc) on its own day: every member's attendance recorded, the quorum met, a chair and a
    secretary among those present, and the time it opens (``started_at``: now by default; a meeting typed in after
    it was held gives the time it really opened) on the meeting's date and not in the future, so the minutes never
    print an opening on another day than the meeting's (see ``_on_meeting_day``). A meeting held on another day
    than planned has its date changed first."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    before, _ = _move(locked, "open")
    _check_quorum(locked)
    present = set(locked.attendance.filter(present=True).values_list("member_id", flat=True))
    if locked.chair_id not in present:
        raise ValidationError("Người chủ trì phải có mặt.")
    if locked.secretary_id not in present:
        raise ValidationError("Thư ký phải có mặt.")
    locked.started_at = _on_meeting_day(
        locked, started_at, "khai mạc", advice="Nếu hội đồng họp vào ngày khác, hãy sửa ngày họp trước."
    )
    locked.save(update_fields=["status", "started_at"])
    audit.record(actor=actor, action="council.meeting.open", obj=locked, school=locked.council.school,
                 data=audit.change({"status": before}, {"status": locked.status}))  # fmt: skip
    return locked


@transaction.atomic
def record_proceedings(*, actor, meeting: Meeting, proceedings: str) -> Meeting:
    """What was said (the minutes' proceedings), from the opening until the minutes are issued."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    _move(locked, "record_proceedings")
    if locked.minutes_id and locked.minutes.status != "draft":
        raise ValidationError("Biên bản họp đã được cấp số: không sửa diễn biến được nữa.")
    locked.proceedings = proceedings.strip()
    locked.save(update_fields=["proceedings"])
    audit.record(actor=actor, action="council.meeting.proceedings", obj=locked, school=locked.council.school)
    return locked


def _conferrer(rule: TitleRule | None) -> str:
    """Who the council asks to confer a title, as the minutes name them: the school's own titles, its principal."""
    if rule is None:
        return ""
    return (
        "Hiệu trưởng" if rule.conferring_level == AuthorityLevel.SCHOOL else AuthorityLevel(rule.conferring_level).label
    )


def _passed_lists(nominations: Iterable[Nomination], rules: Mapping[int, TitleRule]) -> list[dict]:
    """What a sitting passed, kept on the meeting for its minutes: per title (and who confers it), the pupils of
    each class in the classes' order, and the classes proposed as collectives."""
    lists: dict[int, dict] = {}
    for nomination in sorted(nominations, key=lambda n: (n.title.sort_order, n.title_id)):
        entry = lists.setdefault(
            nomination.title_id,
            {"title": nomination.title.name, "conferrer": _conferrer(rules.get(nomination.title_id)), "classes": {},
             "collectives": []},
        )  # fmt: skip
        if nomination.pupil_id:
            group = nomination.pupil.class_group
            entry["classes"].setdefault((group.grade, group.name), 0)
            entry["classes"][(group.grade, group.name)] += 1
        else:
            entry["collectives"].append((nomination.class_group.grade, nomination.class_group.name))
    return [
        {**entry, "classes": [[name, count] for (_, name), count in sorted(entry["classes"].items())],
         "collectives": [name for _, name in sorted(entry["collectives"])]}
        for entry in lists.values()
    ]  # fmt: skip


def pupil_list_sentences(passed: Iterable[dict]) -> list[str]:
    """The minutes' lines for the lists a meeting passed (``Meeting.pupil_lists``): "Thông qua danh sách 36 học
    sinh của 3 lớp (lớp 3A: 12 em, …) đề nghị Hiệu trưởng tặng Giấy khen."."""
    sentences = []
    for entry in passed:
        asked = (
            f"đề nghị {entry['conferrer']} tặng {entry['title']}"
            if entry["conferrer"]
            else f"đề nghị tặng {entry['title']}"
        )
        if entry["classes"]:
            pupils = sum(count for _, count in entry["classes"])
            classes = ", ".join(f"lớp {name}: {count} em" for name, count in entry["classes"])
            sentences.append(
                f"Thông qua danh sách {pupils} học sinh của {len(entry['classes'])} lớp ({classes}) {asked}."
            )
        if entry["collectives"]:
            classes = ", ".join(f"lớp {name}" for name in entry["collectives"])
            sentences.append(f"Thông qua danh sách {len(entry['collectives'])} tập thể lớp ({classes}) {asked}.")
    return sentences


@transaction.atomic
def pass_pupil_lists(*, actor, meeting: Meeting) -> int:
    """The sitting council passes the classes' checked lists of pupils as a whole (they are not balloted one by one:
    a paper over hundreds of names is no vote). Each proposal's result is recorded through
    ``awards.nominations.record_council_result``; what was passed (by title, class and count) is kept on the
    meeting for its minutes (``Meeting.pupil_lists``). Returns how many were passed."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    council = locked.council
    if council.kind != CouncilKind.EMULATION:
        raise ValidationError("Danh sách khen thưởng học sinh do Hội đồng Thi đua – Khen thưởng thông qua.")
    if locked.status not in {MeetingStatus.IN_SESSION, MeetingStatus.SCORING, MeetingStatus.VOTING}:
        raise ValidationError("Chỉ thông qua danh sách học sinh khi phiên họp đang diễn ra.")
    waiting = list(
        pupil_list_queue(council).select_related("title", "pupil__class_group", "class_group").order_by("pk")
    )
    if not waiting:
        raise ValidationError("Không có danh sách học sinh nào chờ hội đồng xét.")
    locked.pupil_lists = [*locked.pupil_lists, *_passed_lists(waiting, award_papers.rules_of(council.school_year))]
    locked.save(update_fields=["pupil_lists"])
    note = (
        f"Hội đồng thông qua danh sách khen thưởng học sinh của các lớp tại phiên họp ngày {locked.held_on:%d/%m/%Y}."
    )
    for nomination in waiting:
        award_nominations.record_council_result(actor=actor, nomination=nomination, passed=True, note=note)
    audit.record(
        actor=actor, action="council.meeting.pupil_lists", obj=locked, school=council.school,
        data={"passed": len(waiting)},
    )  # fmt: skip
    return len(waiting)


# --------------------------------------------------------------------------------------------------
# The secret ballot
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def open_ballot(*, actor, meeting: Meeting, opened_at: datetime | None = None) -> Ballot:
    """Open the secret ballot over the whole agenda, on the meeting's date and not before its opening
    (``opened_at``: now by default, the time given on a day already past): the quorum must still be met. From now
    on the council's membership and the meeting's attendance and agenda are frozen."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    before, _ = _move(locked, "open_ballot")
    if Ballot.objects.filter(meeting=locked).exists():
        raise ValidationError("Phiên họp đã bỏ phiếu.")
    if not locked.agenda.exists():
        raise ValidationError("Phiên họp chưa có nội dung xét: hãy lập chương trình.")
    _check_quorum(locked)
    opened_at = _on_meeting_day(locked, opened_at, "mở bỏ phiếu kín", after=locked.started_at, after_step="khai mạc")
    ballot = Ballot.objects.create(meeting=locked, opened_at=opened_at)
    locked.save(update_fields=["status"])
    audit.record(actor=actor, action="council.ballot.open", obj=ballot, school=locked.council.school,
                 data=audit.change({"status": before}, {"status": locked.status}))  # fmt: skip
    return ballot


def _ballot_status_shared(ballot: Ballot) -> str:
    """The ballot's status, read under a shared row lock on PostgreSQL (FOR SHARE): papers cast at the same
    moment do not wait for one another, and ``close_ballot`` (FOR UPDATE) waits for those under way, so no paper
    is committed after the count."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT status FROM {Ballot._meta.db_table} WHERE id = %s FOR SHARE", [ballot.pk])
            row = cursor.fetchone()
        if row is None:
            raise Ballot.DoesNotExist
        return row[0]
    return Ballot.objects.values_list("status", flat=True).get(pk=ballot.pk)


@sensitive_variables("choices", "chosen", "paper_choices")
def _put_in_box(*, ballot: Ballot, member: CouncilMember, choices: Mapping[int, bool], in_writing: bool) -> None:
    """The roll entry, then the paper and its choices, in the caller's transaction. A second paper of the member
    fails on the roll's unique constraint before anything of it is written."""
    items = list(AgendaItem.objects.filter(meeting_id=ballot.meeting_id).order_by().values_list("pk", flat=True))
    chosen = {int(key): value for key, value in choices.items()}
    if set(chosen) != set(items) or not all(isinstance(value, bool) for value in chosen.values()):
        raise ValidationError("Phiếu phải ghi đồng ý hoặc không đồng ý cho từng người được đề nghị.")
    try:
        with transaction.atomic():
            BallotRollEntry.objects.create(ballot=ballot, member=member, in_writing=in_writing)
    except IntegrityError:
        raise ValidationError(f"{member.staff.full_name} đã bỏ phiếu: mỗi thành viên chỉ bỏ một phiếu.") from None
    paper = BallotPaper.objects.create(ballot=ballot)
    paper_choices = [BallotChoice(paper=paper, agenda_item_id=pk, agree=chosen[pk]) for pk in items]
    secrets.SystemRandom().shuffle(paper_choices)
    BallotChoice.objects.bulk_create(paper_choices)


@sensitive_variables("choices")
@transaction.atomic
def cast_paper(*, actor, ballot: Ballot, member: CouncilMember, choices: Mapping[int, bool]) -> None:
    """A present member's paper: agree or disagree for every item of the agenda (by agenda item id).

    One transaction writes the roll entry (THAT she voted) and the paper with its choices (WHAT was voted, with
    no link to her); a second paper is refused by the roll's unique constraint in that same transaction, so two
    papers sent at once leave one. Returns nothing: no caller learns which paper was hers.
    """
    if _ballot_status_shared(ballot) != BallotStatus.OPEN:
        raise ValidationError("Cuộc bỏ phiếu đã kết thúc.")
    # the ballot's meeting, council and school are fixed links (the caller's ballot usually carries them loaded);
    # what can change, the member's presence, is read here in one query with who she is
    council_id, user_id, present = (
        CouncilMember.objects.filter(pk=member.pk)
        .with_voting_state(ballot)
        .values_list("council_id", "staff__user_id", "present")
        .get()
    )
    if actor is not None and user_id != actor.pk:
        raise PermissionDenied("Mỗi thành viên chỉ bỏ phiếu của chính mình.")
    if council_id != ballot.meeting.council_id:
        raise PermissionDenied("Chỉ thành viên hội đồng mới bỏ phiếu.")
    if not present:
        raise ValidationError(
            "Chỉ thành viên có mặt mới bỏ phiếu tại phiên họp; thành viên vắng mặt gửi ý kiến bằng văn bản."
        )
    _put_in_box(ballot=ballot, member=member, choices=choices, in_writing=False)
    audit.record(actor=actor, action="council.ballot.cast", obj=ballot, school=ballot.meeting.council.school)


@sensitive_variables("choices")
@transaction.atomic
def cast_written_opinion(
    *, actor, ballot: Ballot, member: CouncilMember, choices: Mapping[int, bool], opinion: str = ""
) -> None:
    """An absent member's written opinion, entered by the chair or the secretary while the ballot is open: it is
    counted like a paper (the law counts absent members' written opinions) and the roll says it came in writing.
    """
    status = _ballot_status_shared(ballot)
    ballot = Ballot.objects.select_related("meeting__council__school").get(pk=ballot.pk)
    _authorize(actor, permissions.can_conduct_meeting, ballot.meeting)
    if status != BallotStatus.OPEN:
        raise ValidationError("Cuộc bỏ phiếu đã kết thúc.")
    member = CouncilMember.objects.select_related("staff").get(pk=member.pk, council_id=ballot.meeting.council_id)
    attendance = Attendance.objects.filter(meeting_id=ballot.meeting_id, member=member).first()
    if attendance is None or attendance.present:
        raise ValidationError("Chỉ ghi ý kiến bằng văn bản của thành viên vắng mặt.")
    if opinion.strip():
        attendance.written_opinion = opinion.strip()
        attendance.save(update_fields=["written_opinion"])
    _put_in_box(ballot=ballot, member=member, choices=choices, in_writing=True)
    audit.record(actor=actor, action="council.ballot.cast_written", obj=ballot, school=ballot.meeting.council.school)


def _read_box(ballot: Ballot) -> list[list[tuple[int, bool]]]:
    """The papers in the box, each as its (agenda item id, agree) choices; empty papers included."""
    papers: dict = {pk: [] for pk in BallotPaper.objects.filter(ballot=ballot).values_list("pk", flat=True)}
    rows = BallotChoice.objects.filter(paper__ballot=ballot).values_list("paper_id", "agenda_item_id", "agree")
    for paper_id, item_id, agree in rows.iterator():
        papers[paper_id].append((item_id, agree))
    return list(papers.values())


def _shuffle_box(ballot: Ballot, papers: list[list[tuple[int, bool]]]) -> None:
    """Rewrite the papers and choices in a random order with new random keys: afterwards nothing, not even the
    order in which rows lie in the table, follows the order of voting (which the roll and the audit show)."""
    groups = list(papers)
    secrets.SystemRandom().shuffle(groups)
    BallotChoice.objects.filter(paper__ballot=ballot).delete()
    BallotPaper.objects.filter(ballot=ballot).delete()
    new_papers = BallotPaper.objects.bulk_create([BallotPaper(ballot=ballot) for _ in groups])
    BallotChoice.objects.bulk_create(
        [BallotChoice(paper=paper, agenda_item_id=item_id, agree=agree)
         for paper, group in zip(new_papers, groups, strict=True) for item_id, agree in group]
    )  # fmt: skip


def _thresholds(meeting: Meeting, items: list[AgendaItem]) -> dict[int, Decimal | None]:
    """Each item's threshold as data: the title's rule under the regime of the council's school year (None: more
    than half of the total membership, the council's own rule for titles without a secret-ballot figure)."""
    regime = meeting.council.school_year.regime
    title_ids = {item.nomination.title_id for item in items if item.nomination_id}
    rules = dict(
        TitleRule.objects.filter(regime=regime, title_id__in=title_ids).values_list("title_id", "approval_threshold")
    )
    return {item.pk: rules.get(item.nomination.title_id) if item.nomination_id else None for item in items}


@transaction.atomic
def close_ballot(*, actor, meeting: Meeting, closed_at: datetime | None = None) -> Ballot:
    """Close the ballot and count it, on the meeting's date and not before the ballot opened (``closed_at``: now by
    default, the time given on a day already past, so a ballot left open past midnight is still closed): for each
    item the papers agreeing, against the council's TOTAL membership and the title's threshold (kept on the item
    with the printed "25/31 = 80,6% ≥ 80%"), then each nomination's result recorded through
    ``awards.nominations.record_council_result``. The papers are reshuffled (see ``_shuffle_box``). Waits for papers
    being cast at this moment; a paper sent after this is refused."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_close_ballot, locked)
    ballot = Ballot.objects.select_for_update(of=("self",)).get(meeting=locked)
    _move(locked, "close_ballot")
    ballot.check_transition("close")
    closed_at = _on_meeting_day(
        locked, closed_at, "kết thúc bỏ phiếu, kiểm phiếu", after=ballot.opened_at, after_step="mở bỏ phiếu kín"
    )
    council = locked.council
    items = list(locked.agenda.select_related("nomination__title", "nomination__staff", "nomination__team",
                                              "nomination__other_person", "initiative"))  # fmt: skip
    members_total = council.members.count()
    item_ids = {item.pk for item in items}
    box = _read_box(ballot)
    # a valid paper answers every item once (the only papers cast_paper writes); any other is counted invalid
    valid = [paper for paper in box if len(paper) == len(item_ids) and {i for i, _ in paper} == item_ids]
    counts = Counter(choice for paper in valid for choice in paper)
    thresholds = _thresholds(locked, items)
    for item in items:
        item.votes_for, item.votes_against = counts[(item.pk, True)], counts[(item.pk, False)]
        item.members_total, item.threshold = members_total, thresholds[item.pk]
        item.passed = passes(item.votes_for, members_total, item.threshold)
    AgendaItem.objects.bulk_update(items, ["votes_for", "votes_against", "members_total", "threshold", "passed"])
    for item in items:
        if item.nomination_id:
            award_nominations.record_council_result(
                actor=actor, nomination=item.nomination, passed=item.passed, votes_for=item.votes_for,
                members=members_total, note=f"Hội đồng bỏ phiếu kín: {item.result_text}",
            )  # fmt: skip
        # an initiative's recognition follows the initiative council's decision (council.initiatives)
    _shuffle_box(ballot, box)
    present = locked.attendance.filter(present=True).count()
    ballot.status = BallotStatus.CLOSED
    ballot.closed_at = closed_at
    ballot.members_total, ballot.members_present, ballot.papers_issued = members_total, present, present
    ballot.papers_received = len(box)
    ballot.papers_written = ballot.roll.filter(in_writing=True).count()
    ballot.papers_valid, ballot.papers_invalid = len(valid), len(box) - len(valid)
    ballot.save()
    locked.save(update_fields=["status"])
    audit.record(
        actor=actor, action="council.ballot.close", obj=ballot, school=council.school,
        data={**audit.change({"status": BallotStatus.OPEN}, {"status": ballot.status}),
              "paper_count": len(box), "passed": sum(1 for item in items if item.passed), "item_count": len(items)},
    )  # fmt: skip
    return ballot


@transaction.atomic
def close_meeting(*, actor, meeting: Meeting, ended_at: datetime | None = None) -> Meeting:
    """End the meeting (bế mạc) on its own day: its time ended (``ended_at``, now by default; on a day already
    past, the time given) is recorded for the minutes, on the meeting's date, after its ballot closed (or, without
    one, after it began) and not in the future. Not while the ballot is open."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    before, _ = _move(locked, "close")
    ballot_closed = Ballot.objects.filter(meeting=locked).values_list("closed_at", flat=True).first()
    locked.ended_at = _on_meeting_day(
        locked, ended_at, "bế mạc", after=ballot_closed or locked.started_at,
        after_step="kết thúc bỏ phiếu" if ballot_closed else "khai mạc",
    )  # fmt: skip
    locked.save(update_fields=["status", "ended_at"])
    audit.record(actor=actor, action="council.meeting.close", obj=locked, school=locked.council.school,
                 data=audit.change({"status": before}, {"status": locked.status}))  # fmt: skip
    return locked


# --------------------------------------------------------------------------------------------------
# Minutes (BB họp Hội đồng, BB kiểm phiếu)
# --------------------------------------------------------------------------------------------------


def council_issuer(council: Council) -> Issuer:
    """The council issuing in its own name (its own sequence: 01/BB-HĐTĐKT)."""
    return Issuer.for_council(council.school, name=council.name, abbreviation=council.abbreviation)


def _time(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def minutes_content(meeting: Meeting) -> dict:
    """Everything the meeting minutes print, as plain data (a snapshot kept on the document)."""
    council = meeting.council
    attendance = list(meeting.attendance.select_related("member__staff"))
    quorum = quorum_of(meeting)
    items = list(
        meeting.agenda.select_related("nomination__title", "nomination__staff", "nomination__team",
                                      "nomination__other_person", "initiative__author")
        .prefetch_related("recusals__member__staff")
    )  # fmt: skip
    ballot = Ballot.objects.filter(meeting=meeting).first()
    return {
        "council_name": council.name,
        "school_year": council.school_year.name,
        "started": _time(meeting.started_at),
        "ended": _time(meeting.ended_at),
        "place": meeting.place,
        "chair": {"name": meeting.chair.staff.full_name, "role": meeting.chair.get_role_display()},
        "secretary": {"name": meeting.secretary.staff.full_name, "role": meeting.secretary.get_role_display()},
        "quorum": quorum.text,
        "members_total": quorum.members,
        "present": [
            {"name": a.member.staff.full_name, "position": a.member.position, "role": a.member.get_role_display()}
            for a in attendance
            if a.present
        ],  # fmt: skip
        "absent": [
            {"name": a.member.staff.full_name, "reason": a.absence_reason, "opinion": a.written_opinion}
            for a in attendance
            if not a.present
        ],  # fmt: skip
        "proceedings": meeting.proceedings,
        "items": [
            {
                "position": item.position,
                "subject": item.subject_label,
                "result": item.result_text,
                "passed": item.passed,
                "recusals": [
                    f"{r.member.staff.full_name} ({r.get_reason_display().lower()})" for r in item.recusals.all()
                ],
            }
            for item in items
        ],
        "purpose": "xét thi đua, khen thưởng" if council.kind == CouncilKind.EMULATION else "xét công nhận sáng kiến",
        "has_recusals": any(item.recusals.all() for item in items),
        "balloted": ballot is not None and ballot.status == BallotStatus.CLOSED,
        # the classes' lists of pupils the sitting passed as a whole (pass_pupil_lists)
        "pupil_lists": pupil_list_sentences(meeting.pupil_lists),
        # the scores table (council/scoring.py): per item, each member's points per criterion, mean and range
        "scores": scoring.minutes_scores(meeting),
    }


def tally_content(meeting: Meeting, ballot: Ballot) -> dict:
    """What the tally minutes print: the figures of the count and each nominee's votes with the denominator."""
    items = list(meeting.agenda.select_related("nomination__title", "nomination__staff", "nomination__team",
                                               "nomination__other_person", "initiative__author"))  # fmt: skip
    return {
        "council_name": meeting.council.name,
        "school_year": meeting.council.school_year.name,
        "closed": _time(ballot.closed_at),
        "place": meeting.place,
        "chair": meeting.chair.staff.full_name,
        "secretary": meeting.secretary.staff.full_name,
        "members_total": ballot.members_total,
        "present": ballot.members_present,
        "absent": ballot.members_total - ballot.members_present,
        "issued": ballot.papers_issued,
        "received": ballot.papers_received,
        "written": ballot.papers_written,
        "valid": ballot.papers_valid,
        "invalid": ballot.papers_invalid,
        "items": [
            {
                "position": item.position,
                "subject": item.subject_label,
                "for": item.votes_for,
                "against": item.votes_against,
                "result": item.result_text,
                "passed": item.passed,
            }
            for item in items
        ],  # fmt: skip
    }


def _minutes_document(*, actor, meeting: Meeting, summary: str, template: str, content: dict, issued_on):
    return documents.create_draft(
        actor=actor,
        issuer=council_issuer(meeting.council),
        doc_type=DocumentType.MINUTES,
        summary=summary,
        document_date=issued_on,
        template_name=template,
        content=content,
        signer=meeting.chair.staff,
        signer_authority="Chủ tịch Hội đồng",
        archive_note="VT, HĐ",
    )


@transaction.atomic
def issue_minutes(*, actor, meeting: Meeting, issued_on: date | None = None) -> OfficialDocument:
    """Draw up the meeting minutes (BB họp Hội đồng) from the data and issue them with the next number of the
    council's own sequence. Once the meeting is closed; once only."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    _move(locked, "write_minutes")
    if locked.minutes_id:
        raise ValidationError("Biên bản họp đã được lập.")
    council = locked.council
    purpose = "xét thi đua, khen thưởng" if council.kind == CouncilKind.EMULATION else "xét công nhận sáng kiến"
    document = _minutes_document(
        actor=actor, meeting=locked, template=MINUTES_TEMPLATE, content=minutes_content(locked),
        summary=f"Họp {council.name} {purpose} năm học {council.school_year}", issued_on=issued_on or locked.held_on,
    )  # fmt: skip
    documents.issue_document(actor=actor, document=document, issued_on=issued_on or locked.held_on)
    locked.minutes = document
    locked.save(update_fields=["minutes"])
    audit.record(actor=actor, action="council.meeting.minutes", obj=locked, school=council.school,
                 data=audit.change(after={"minutes": document.symbol}))  # fmt: skip
    return document


@transaction.atomic
def issue_tally_minutes(*, actor, meeting: Meeting, issued_on: date | None = None) -> OfficialDocument:
    """Draw up the tally minutes (BB kiểm phiếu) of the closed ballot and issue them in the council's sequence."""
    locked = _lock_meeting(meeting)
    _authorize(actor, permissions.can_conduct_meeting, locked)
    ballot = Ballot.objects.select_for_update(of=("self",)).filter(meeting=locked).first()
    if ballot is None:
        raise ValidationError("Phiên họp chưa bỏ phiếu.")
    ballot.check_transition("write_tally")
    if ballot.tally_minutes_id:
        raise ValidationError("Biên bản kiểm phiếu đã được lập.")
    council = locked.council
    document = _minutes_document(
        actor=actor, meeting=locked, template=TALLY_TEMPLATE, content=tally_content(locked, ballot),
        summary=f"Kiểm phiếu bầu của {council.name} năm học {council.school_year}",
        issued_on=issued_on or locked.held_on,
    )  # fmt: skip
    documents.issue_document(actor=actor, document=document, issued_on=issued_on or locked.held_on)
    ballot.tally_minutes = document
    ballot.save(update_fields=["tally_minutes"])
    audit.record(actor=actor, action="council.ballot.tally_minutes", obj=ballot, school=council.school,
                 data=audit.change(after={"minutes": document.symbol}))  # fmt: skip
    return document
