"""Demo data of the scoring (stage COUNCIL, after the council's own seeder): the default rubrics, and the members'
submitted score sheets on the past year's meetings that were held (the emulation council's, the initiative
council's). Nothing is done for a meeting that does not exist yet or already holds sheets: idempotent."""

from datetime import date

from thiduakhenthuong.organization.models import School, SchoolYear

from .models import Meeting, MeetingStatus, Recusal, Score, ScoreSheet
from .scoring import ensure_default_rubrics, rubric_for


def demo_points(max_points: int, member: int, item: int, criterion: int) -> int:
    """A plausible score: near the maximum, varying by member, item and criterion (deterministic)."""
    return max(0, max_points - (member * 3 + item * 5 + criterion * 7) % (max_points // 4 + 1))


def score_meeting(meeting: Meeting) -> int:
    """Submitted sheets for every present member on every item she is not recused from; returns how many."""
    if ScoreSheet.objects.filter(agenda_item__meeting=meeting).exists():
        return 0
    kind = meeting.council.kind
    present = [a.member for a in meeting.attendance.filter(present=True).select_related("member")]
    recused = set(Recusal.objects.filter(agenda_item__meeting=meeting).values_list("agenda_item_id", "member_id"))
    submitted_at = meeting.started_at or meeting.created_at
    count = 0
    for j, item in enumerate(meeting.agenda.select_related("nomination", "meeting__council").order_by("position")):
        rubric = rubric_for(item, kind=kind)
        if rubric is None:
            continue
        criteria = list(rubric.criteria.all())
        for i, member in enumerate(sorted(present, key=lambda m: (m.position_order, m.pk))):
            if (item.pk, member.pk) in recused:
                continue
            sheet = ScoreSheet.objects.create(agenda_item=item, member=member, rubric=rubric, submitted_at=submitted_at)
            Score.objects.bulk_create(
                Score(sheet=sheet, criterion=c, points=demo_points(c.max_points, i, j, k), max_points=c.max_points)
                for k, c in enumerate(criteria)
            )
            count += 1
    return count


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    ensure_default_rubrics(actor=None, school=school)
    past = SchoolYear.objects.filter(school=school, end_date__lt=today).order_by("-end_date").first()
    meetings = (
        Meeting.objects.filter(council__school=school, council__school_year=past)
        .exclude(status__in=[MeetingStatus.PLANNED])
        .select_related("council")
        .order_by("held_on", "pk")
        if past
        else []
    )
    sheets = sum(score_meeting(meeting) for meeting in meetings)
    if stdout:
        stdout.write(f"Chấm điểm: bộ tiêu chí chấm điểm; {sheets} phiếu chấm điểm của năm học trước.")
