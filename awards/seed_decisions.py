"""Demo data of the year's last steps (``DemoStage.DECISIONS``): the last school year that ended (2025-2026 when
the demo lives in 2026-2027) is carried from the council's results to the award history, through the services, as
a school would do it.

- The school's calendar gets Vietnam's official days off (2025–2027), whatever else happened.
- The list the council passed is disclosed from the first Monday of June for the regime's five working days; the
  teacher of the demo accounts objects to one nominee, and the principal answers in writing.
- The principal approves every disclosed nomination once the period is over.
- The school's QĐ for what it confers itself (the pupils' Giấy khen under regime 2025) is drafted and numbered by
  the clerk; a TTr goes to each authority that confers the rest (the commune for Lao động tiên tiến, Chiến sĩ thi
  đua cơ sở, Tập thể lao động tiên tiến and staff Giấy khen; the province for Tập thể lao động xuất sắc), numbered.
  Papers are grouped as the papers page groups them (``papers.paper_groups``): an ad-hoc commendation has a QĐ or
  TTr of its own, sent when its act happens; the past year's one (``exemplars.demo.seed_past_commendation``, at the
  review stage) went up in April with the register's first number of that year and is answered already.
- The commune's decision comes back and is recorded on each TTr still unanswered (numbered from 215): everyone it
  was asked for is conferred, so the award history of that year is written through the nominations (the setup stage
  writes no award for that year). The province's answer is still awaited.
- The year's statistics BC is drafted the next working day (``awards.statistics.draft_statistics_report``) and
  numbered by the clerk through the register, like the year's other papers.

Without the council's results (an earlier stage absent) only the calendar is seeded. Idempotent: each step is taken
only when its state says it has not been (no second disclosure, objection, QĐ, TTr or BC; no audit row on a second
run).
"""

from datetime import date, timedelta

from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentStatus
from thiduakhenthuong.organization.models import AuthorityLevel, Role, School, SchoolYear, Staff

from . import decisions, papers, statistics
from .models import Disclosure, Nomination, NominationStatus, StatisticsReport, Submission
from .seed import past_year

OBJECTION = (
    "Đề nghị Hội đồng xem xét lại: trong học kỳ II đồng chí {name} nghỉ ốm một thời gian, "
    "chưa rõ có ảnh hưởng đến kết quả hoàn thành nhiệm vụ không."
)
ANSWER = (
    "Hội đồng Thi đua - Khen thưởng đã kiểm tra hồ sơ: đồng chí {name} nghỉ ốm 6 ngày có giấy xác nhận, vẫn được "
    "đánh giá hoàn thành tốt nhiệm vụ; đủ tiêu chuẩn danh hiệu đề nghị. Nhà trường giữ nguyên đề nghị."
)
COMMUNE_DECISION = "{number}/QĐ-UBND"


def _user(school: School, on: date, **filters):
    """The account of the first person matching ``filters`` who still works at the school on ``on``: one who has
    left keeps an account (their history stays theirs) but acts no more."""
    person = (
        Staff.objects.filter(school=school, user__isnull=False, **filters)
        .active(on)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return person.user if person else None


def _first_monday_of_june(year: SchoolYear) -> date:
    day = date(year.end_date.year, 6, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _working_day(day: date) -> date:
    """``day``, or the Monday after when it falls on a weekend."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    decisions.ensure_official_days(school)
    year = past_year(school, today)
    if year is None:
        return
    disclosure = Disclosure.objects.filter(school=school, school_year=year).first()
    if disclosure is None and not decisions.passed_nominations(year).exists():
        return  # the council's results are not there (its stage is absent): nothing to carry
    in_office = Staff.objects.principal_of(school, on=today)
    principal = in_office.user if in_office else None
    clerk = _user(school, today, role=Role.CLERK) or principal
    teacher = _user(school, today, user__username="giaovien") or _user(school, today, role=Role.MEMBER)

    if disclosure is None:
        disclosure = decisions.publish_disclosure(
            actor=principal, school_year=year, starts_on=_first_monday_of_june(year),
            note="Danh sách do Hội đồng Thi đua - Khen thưởng trường thống nhất đề nghị; mọi ý kiến phản ánh gửi "
            "hiệu trưởng trong thời hạn công khai.",
        )  # fmt: skip
    if teacher is not None and not disclosure.objections.exists():
        about = disclosure.nominations.filter(staff__isnull=False).exclude(staff__user=teacher).order_by("pk").first()
        if about is not None:
            name = about.staff.full_name
            objection = decisions.file_objection(
                actor=teacher, disclosure=disclosure, nomination=about, text=OBJECTION.format(name=name),
                today=disclosure.starts_on + timedelta(days=1),
            )  # fmt: skip
            decisions.answer_objection(actor=principal, objection=objection, answer=ANSWER.format(name=name))

    after = _working_day(disclosure.ends_on + timedelta(days=1))
    waiting = list(decisions.waiting_for_approval(year))
    if waiting:
        decisions.approve_all(actor=principal, nominations_to_approve=waiting, today=after)

    issued_on = after + timedelta(days=2)
    own, upward = decisions.split_approved(year)
    for chosen in papers.paper_groups(own):
        decision = decisions.draft_award_decision(actor=clerk, school_year=year, chosen=chosen, document_date=issued_on)
        decisions.issue_award_decision(actor=clerk, decision=decision, issued_on=issued_on)
    for level in sorted(upward):
        for chosen in papers.paper_groups(upward[level]):
            submission = decisions.draft_submission(
                actor=clerk, school_year=year, level=level, chosen=chosen, document_date=issued_on
            )
            decisions.issue_submission(actor=clerk, submission=submission, issued_on=issued_on)

    local = {AuthorityLevel.COMMUNE, AuthorityLevel.DISTRICT}
    answered_on = issued_on + timedelta(days=14)
    unanswered = Submission.objects.live().filter(school_year=year, authority__level__in=local, answers__isnull=True)
    for number, submission in enumerate(unanswered.select_related("authority").order_by("pk"), start=215):
        submitted = list(submission.nominations.filter(status=NominationStatus.SUBMITTED))
        if submitted:
            decisions.record_higher_decision(
                actor=clerk, submission=submission, number=COMMUNE_DECISION.format(number=number),
                decided_on=answered_on, authority_name=submission.authority.name, conferred=submitted,
            )  # fmt: skip

    report = StatisticsReport.objects.filter(school_year=year).select_related("document").first()
    if report is None or report.document.status == DocumentStatus.DRAFT:
        report = statistics.draft_statistics_report(actor=clerk, school_year=year)
        documents.issue_document(
            actor=clerk, document=report.document, issued_on=_working_day(answered_on + timedelta(days=1))
        )
    if stdout is not None:
        decided = Nomination.objects.filter(
            school_year=year, status__in=[NominationStatus.DECIDED, NominationStatus.CONFERRED]
        ).count()
        stdout.write(f"Quyết định năm học {year}: {decided} khen thưởng đã ghi qua quyết định của trường và cấp trên.")
