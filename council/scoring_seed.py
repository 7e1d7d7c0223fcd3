"""Demo data of the scoring (stage COUNCIL, after the council's own seeder).

- The default rubrics of the school.
- The past year's (2025-2026) Hội đồng Sáng kiến: established by an issued QĐ, its meeting before the recognising
  decisions over that year's initiatives, every present member's sheet submitted against the initiative rubric, the
  council's result recorded (an initiative already decided keeps its decision) and the minutes issued with the
  scores. Without that year's initiatives, or without the reference school's people, nothing is made.
- Submitted sheets on the past year's other held meetings that hold none (the emulation council's, when its own
  seeder did not score it).

Idempotent: what exists is left alone."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from awards.models import Initiative, InitiativeStatus
from thiduakhenthuong.organization.models import School, SchoolYear, Staff

from . import services
from .models import AgendaItem, Council, CouncilKind, Meeting, MeetingStatus, MemberRole, Recusal, Score, ScoreSheet
from .scoring import close_scoring, ensure_default_rubrics, open_scoring, rubric_for, save_sheet

#: The initiative council: (name, role, what she is in the school); five members, an odd count.
INITIATIVE_MEMBERS = [
    ("Đỗ Thị Thanh Huyền", MemberRole.CHAIR, "Hiệu trưởng"),
    ("Nguyễn Thị Thu Hà", MemberRole.VICE_CHAIR, "Phó Hiệu trưởng"),
    ("Nguyễn Thị Hồng Nhung", MemberRole.SECRETARY, "Tổ trưởng Tổ 1"),
    ("Nguyễn Thị Bích Ngọc", MemberRole.MEMBER, "Tổ trưởng Tổ 2-3"),
    ("Đào Thị Thu Hằng", MemberRole.MEMBER, "Tổ trưởng Tổ 4-5"),
]


def demo_points(max_points: int, member: int, item: int, criterion: int) -> int:
    """A plausible score: near the maximum, varying by member, item and criterion (deterministic)."""
    return max(0, max_points - (member * 3 + item * 5 + criterion * 7) % (max_points // 4 + 1))


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def score_meeting(meeting: Meeting) -> int:
    """Submitted sheets for every present member on every item she is not recused from, written directly (the
    meeting is over); returns how many. Nothing when the meeting already holds sheets."""
    if ScoreSheet.objects.filter(agenda_item__meeting=meeting).exists():
        return 0
    kind = meeting.council.kind
    present = sorted(
        (a.member for a in meeting.attendance.filter(present=True).select_related("member")),
        key=lambda m: (m.position_order, m.pk),
    )
    recused = set(Recusal.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", "member_id"))
    submitted_at = meeting.started_at or meeting.created_at
    count = 0
    for j, item in enumerate(meeting.agenda.select_related("nomination", "meeting__council").order_by("position")):
        rubric = rubric_for(item, kind=kind)
        if rubric is None:
            continue
        criteria = list(rubric.criteria.all())
        for i, member in enumerate(present):
            if (item.pk, member.pk) in recused:
                continue
            sheet = ScoreSheet.objects.create(agenda_item=item, member=member, rubric=rubric, submitted_at=submitted_at)
            Score.objects.bulk_create(
                Score(sheet=sheet, criterion=c, points=demo_points(c.max_points, i, j, k), max_points=c.max_points)
                for k, c in enumerate(criteria)
            )
            count += 1
    return count


def _initiative_council(school: School, year: SchoolYear) -> Meeting | None:
    if Council.objects.filter(school=school, school_year=year, kind=CouncilKind.INITIATIVE).exists():
        return None
    initiatives = list(
        Initiative.objects.filter(school=school, school_year=year)
        .exclude(status=InitiativeStatus.REJECTED)
        .select_related("author")
        .prefetch_related("co_authors")
        .order_by("submitted_at", "pk")
    )
    people = {person.full_name: person for person in Staff.objects.filter(school=school)}
    if not initiatives or any(name not in people for name, _, _ in INITIATIVE_MEMBERS):
        return None
    council = services.create_council(actor=None, school_year=year, kind=CouncilKind.INITIATIVE)
    for order, (name, role, position) in enumerate(INITIATIVE_MEMBERS, 1):
        services.add_member(actor=None, council=council, staff=people[name], role=role, position=position, order=order)
    services.establish_council(
        actor=None, council=council, issued_on=_weekday_on_or_before(year.start_date + timedelta(days=10))
    )
    # before the recognising decisions (the awards demo dates them on the 10th of the year's last month)
    decided_on = min((i.decision_date for i in initiatives if i.decision_date), default=year.end_date)
    day = _weekday_on_or_before(decided_on - timedelta(days=2))
    meeting = services.plan_meeting(
        actor=None, council=council, held_on=day, planned_time=time(14), place="Phòng họp Hội đồng sư phạm"
    )
    waiting = [i for i in initiatives if i.status in (InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW)]
    if waiting:
        services.set_agenda(actor=None, meeting=meeting, initiatives=waiting)
    # the initiatives recognised since (the awards demo records their decisions) were on the same agenda
    seats = list(council.members.select_related("staff").order_by("position_order"))
    position = meeting.agenda.count()
    for initiative in initiatives:
        if initiative in waiting:
            continue
        position += 1
        item = AgendaItem.objects.create(meeting=meeting, initiative=initiative, position=position)
        authors = {initiative.author_id, *(person.pk for person in initiative.co_authors.all())}
        Recusal.objects.bulk_create(
            Recusal(agenda_item=item, member=seat, reason="own") for seat in seats if seat.staff_id in authors
        )
    services.record_attendance(actor=None, meeting=meeting, present=seats)
    services.open_meeting(actor=None, meeting=meeting, started_at=_at(day, 14))
    services.record_proceedings(
        actor=None,
        meeting=meeting,
        proceedings="Tác giả trình bày tóm tắt sáng kiến. Hội đồng thảo luận, chấm điểm theo tiêu chí: tính mới, "
        "tính hiệu quả, khả năng áp dụng, tính khoa học.",
    )
    open_scoring(actor=None, meeting=meeting)
    sheets = ScoreSheet.objects.filter(agenda_item__meeting=meeting).select_related("rubric", "agenda_item", "member")
    for sheet in sheets:
        criteria = list(sheet.rubric.criteria.all())
        points = {
            c.pk: demo_points(c.max_points, sheet.member.position_order, sheet.agenda_item.position, k)
            for k, c in enumerate(criteria)
        }
        save_sheet(actor=None, sheet=sheet, points=points, submit=True)
    close_scoring(
        actor=None,
        meeting=meeting,
        decision_number=f"{year.end_date.year % 100 + 40}/QĐ-HĐSK",
        decision_date=decided_on,
    )
    services.close_meeting(actor=None, meeting=meeting, ended_at=_at(day, 16))
    services.issue_minutes(actor=None, meeting=meeting, issued_on=day)
    return meeting


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    ensure_default_rubrics(actor=None, school=school)
    past = SchoolYear.objects.filter(school=school, end_date__lt=today).order_by("-end_date").first()
    if past is None:
        return
    initiative_meeting = _initiative_council(school, past)
    meetings = (
        Meeting.objects.filter(council__school=school, council__school_year=past)
        .exclude(status=MeetingStatus.PLANNED)
        .select_related("council")
        .order_by("held_on", "pk")
    )
    sheets = sum(score_meeting(meeting) for meeting in meetings)
    if stdout:
        held = " Hội đồng Sáng kiến: phiên họp chấm điểm, biên bản." if initiative_meeting else ""
        stdout.write(f"  Chấm điểm năm học {past}: bộ tiêu chí, {sheets} phiếu chấm điểm bổ sung.{held}")
