"""The council's part of the demo (stage COUNCIL): the past school year's Hội đồng Thi đua – Khen thưởng, established
by an issued QĐ, and its end-of-year meeting over the nominations the review left in council review: attendance
(one member away, with her written opinion), the secret ballot cast and closed, the results recorded on the
nominations, both minutes issued. Idempotent: what exists is left alone; without a past year, or without
nominations in council review, there is no meeting (the council is still established)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from thiduakhenthuong.organization.models import SchoolYear, Staff

from . import services
from .models import Council, CouncilKind, MemberRole
from .scoring import ensure_default_rubrics
from .scoring_seed import score_meeting

#: (name, role in the council, what she is in the school); 11 members, an odd count.
MEMBERS = [
    ("Đỗ Thị Thanh Huyền", MemberRole.CHAIR, "Hiệu trưởng"),
    ("Nguyễn Thị Thu Hà", MemberRole.VICE_CHAIR, "Phó Hiệu trưởng"),
    ("Lê Thị Minh Nguyệt", MemberRole.MEMBER, "Phó Hiệu trưởng"),
    ("Trịnh Thị Loan", MemberRole.MEMBER, "Chủ tịch Công đoàn"),
    ("Nguyễn Văn Hùng", MemberRole.MEMBER, "Tổng phụ trách Đội"),
    ("Nguyễn Thị Hồng Nhung", MemberRole.SECRETARY, "Tổ trưởng Tổ 1"),
    ("Nguyễn Thị Bích Ngọc", MemberRole.MEMBER, "Tổ trưởng Tổ 2-3"),
    ("Đào Thị Thu Hằng", MemberRole.MEMBER, "Tổ trưởng Tổ 4-5"),
    ("Bùi Thị Thanh Xuân", MemberRole.MEMBER, "Tổ trưởng Tổ Văn phòng"),
    ("Đỗ Thị Vân", MemberRole.MEMBER, "Đại diện giáo viên"),
    ("Lê Thị Thanh Tâm", MemberRole.MEMBER, "Bí thư Chi đoàn"),
]
ABSENT = "Lê Thị Thanh Tâm"
PROCEEDINGS = (
    "Chủ tịch Hội đồng nêu mục đích, yêu cầu của phiên họp xét thi đua, khen thưởng cuối năm học.\n"
    "Thư ký báo cáo danh sách đề nghị của các tổ và kết quả xét theo tiêu chuẩn của từng danh hiệu.\n"
    "Hội đồng thảo luận từng trường hợp, nhất trí đưa ra bỏ phiếu kín."
)


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_demo(*, school, stdout, today: date) -> None:
    year = SchoolYear.objects.filter(school=school, end_date__lt=today).order_by("-end_date").first()
    if year is None:
        return
    council = Council.objects.filter(school=school, school_year=year, kind=CouncilKind.EMULATION).first()
    if council is None:
        council = _establish(school, year)
        if council is None:
            return
    if council.meetings.exists() or not services.nomination_queue(council).exists():
        return
    _meeting(council, year)
    stdout.write(f"  Hội đồng thi đua, khen thưởng năm học {year}: phiên họp, bỏ phiếu kín, biên bản.")


def _establish(school, year: SchoolYear) -> Council | None:
    people = {person.full_name: person for person in Staff.objects.filter(school=school)}
    if any(name not in people for name, _, _ in MEMBERS):
        return None  # not the reference school's people
    council = services.create_council(actor=None, school_year=year)
    for order, (name, role, position) in enumerate(MEMBERS, 1):
        services.add_member(actor=None, council=council, staff=people[name], role=role, position=position, order=order)
    return services.establish_council(
        actor=None, council=council, issued_on=_weekday_on_or_before(year.start_date + timedelta(days=10))
    )


def _eligible(item) -> bool:
    """Whether the nomination's verdict frozen at proposal found the nominee eligible (or had no rule to apply)."""
    verdict = item.nomination.verdict_at_proposal if item.nomination_id else None
    return (verdict or {}).get("outcome", "no_rule") in ("eligible", "no_rule", "advisory")


def _meeting(council: Council, year: SchoolYear) -> None:
    day = _weekday_on_or_before(year.end_date)
    meeting = services.plan_meeting(
        actor=None, council=council, held_on=day, planned_time=time(14), place="Phòng họp Hội đồng sư phạm"
    )
    items = services.set_agenda(actor=None, meeting=meeting)
    seats = list(council.members.select_related("staff").order_by("position_order"))
    present = [seat for seat in seats if seat.staff.full_name != ABSENT]
    absent = [seat for seat in seats if seat.staff.full_name == ABSENT]
    services.record_attendance(
        actor=None, meeting=meeting, present=present,
        absences={seat.pk: services.Absence("Đi tập huấn theo phân công", "Nhất trí với danh sách đề nghị của các tổ.")
                  for seat in absent},
    )  # fmt: skip
    services.open_meeting(actor=None, meeting=meeting, started_at=_at(day, 14))
    # the members' scores before the vote (the scoring's own demo helper), so the minutes print them
    ensure_default_rubrics(actor=None, school=council.school)
    score_meeting(meeting)
    services.record_proceedings(actor=None, meeting=meeting, proceedings=PROCEEDINGS)
    if services.pupil_list_queue(council).exists():  # the classes' checked lists, passed as a whole
        services.pass_pupil_lists(actor=None, meeting=meeting)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=_at(day, 15))
    eligible = {item.pk: _eligible(item) for item in items}
    for index, seat in enumerate(present):
        # the members follow the frozen verdict, a few papers disagreeing deterministically so the tally reads like a
        # real one (9 or 10 of 11 for an eligible nominee: above 80%; 3 of 11 for one the rules do not support)
        choices = {pk: (index + item.position) % 6 != 0 if eligible[pk] else index % 4 == 0
                   for item in items for pk in [item.pk]}  # fmt: skip
        services.cast_paper(actor=None, ballot=ballot, member=seat, choices=choices)
    for seat in absent:
        services.cast_written_opinion(actor=None, ballot=ballot, member=seat, choices=eligible)
    services.close_ballot(actor=None, meeting=meeting, closed_at=_at(day, 15, 40))
    services.close_meeting(actor=None, meeting=meeting, ended_at=_at(day, 16, 30))
    services.issue_tally_minutes(actor=None, meeting=meeting, issued_on=day)
    services.issue_minutes(actor=None, meeting=meeting, issued_on=day)
