"""Dashboard tasks of the awards app; each provider costs a constant number of queries."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core.registry import Task

from .eligibility import evaluate_person
from .models import (
    AchievementReport,
    ClassProposal,
    ClassProposalStatus,
    Initiative,
    InitiativeStatus,
    Registration,
    RegistrationChange,
    RegistrationPeriod,
    ReportStatus,
)
from .permissions import (
    can_check_class_proposals,
    can_confirm_reports,
    can_decide_changes,
    can_evaluate,
    can_write_team_report,
)

#: Remind people this many days before the registration deadline.
DEADLINE_WARNING_DAYS = 7


def registration_tasks(staff):
    """A staff member: the registration is open and they have not registered yet, or the deadline is near."""
    # one query when nothing is open, which is most of the year
    period = (
        RegistrationPeriod.objects.filter(school=staff.school_id, school_year__is_current=True)
        .select_related("school_year")
        .first()
    )
    today = timezone.localdate()
    if period is None or not period.is_open(today):
        return []
    year = period.school_year
    days = (period.deadline - today).days
    when = "hôm nay" if days == 0 else f"còn {days} ngày (hạn {period.deadline:%d/%m/%Y})"
    url = reverse("awards:my_registrations")
    if not Registration.objects.active().filter(school_year=year, staff=staff).exists():
        return [
            Task(
                "Đăng ký thi đua",
                url,
                f"Bạn chưa đăng ký thi đua năm học {year}; hạn đăng ký {when}.",
                urgent=days <= DEADLINE_WARNING_DAYS,
            )
        ]
    if days <= DEADLINE_WARNING_DAYS:
        return [Task("Sắp hết hạn đăng ký thi đua", url, f"Hạn đăng ký {when}: kiểm tra lại danh hiệu đã đăng ký.")]
    return []


def review_tasks(staff):
    """The principal: late registration changes waiting; managers: initiatives waiting for review."""
    tasks = []
    if can_decide_changes(staff):
        waiting = RegistrationChange.objects.pending().filter(school=staff.school_id).count()
        if waiting:
            tasks.append(
                Task(
                    "Đề nghị thay đổi đăng ký chờ duyệt",
                    reverse("awards:change_list"),
                    "Các đề nghị đăng ký thêm hoặc rút đăng ký sau hạn cần hiệu trưởng duyệt.",
                    count=waiting,
                    urgent=True,
                )
            )
    if can_evaluate(staff):
        submitted = Initiative.objects.filter(school=staff.school_id, status=InitiativeStatus.SUBMITTED).count()
        if submitted:
            tasks.append(
                Task(
                    "Sáng kiến chờ xem xét",
                    f"{reverse('awards:initiative_list')}?status={InitiativeStatus.SUBMITTED}",
                    "Sáng kiến mới nộp đang chờ ban giám hiệu xem xét.",
                    count=submitted,
                )
            )
    return tasks


def eligibility_tasks(staff):
    """A staff member with titles registered this year that the rules do not grant yet: what is still missing."""
    registered = Registration.objects.active().filter(
        school_year__school=staff.school_id, school_year__is_current=True, staff=staff
    )
    # most people on most days have nothing registered: ask the cheapest question first (bench/pages.py)
    if not registered.exists():
        return []
    year = registered.select_related("school_year").first().school_year
    rows = [row for row in evaluate_person(staff, year) if row.missing]
    if not rows:
        return []
    return [
        Task(
            "Danh hiệu đăng ký: còn thiếu điều kiện",
            reverse("awards:my_eligibility"),
            "; ".join(f"{row.title.name}: {', '.join(row.missing)}" for row in rows),
            count=len(rows),
        )
    ]


def report_tasks(staff):
    """The principal: achievement reports waiting for her confirmation; an author: her reports returned to her."""
    tasks = []
    if can_confirm_reports(staff):
        waiting = AchievementReport.objects.filter(school=staff.school_id, status=ReportStatus.SUBMITTED).count()
        if waiting:
            tasks.append(
                Task(
                    "Báo cáo thành tích chờ xác nhận",
                    f"{reverse('awards:report_list')}?status={ReportStatus.SUBMITTED}",
                    "Báo cáo thành tích đã nộp đang chờ hiệu trưởng xác nhận.",
                    count=waiting,
                )
            )
    mine = Q(staff=staff) | (Q(team=staff.team_id) if can_write_team_report(staff) else Q(pk__in=[]))
    returned = AchievementReport.objects.filter(mine, status=ReportStatus.RETURNED).values_list("pk", flat=True)
    for pk in returned:
        tasks.append(
            Task(
                "Báo cáo thành tích được trả lại để sửa",
                reverse("awards:report_edit", args=[pk]),
                "Hiệu trưởng đã trả lại báo cáo thành tích: xem ý kiến, sửa và nộp lại.",
                urgent=True,
            )
        )
    return tasks


def pupil_tasks(staff):
    """The managers: classes' lists of pupils proposed that wait to be checked."""
    if not can_check_class_proposals(staff):
        return []
    waiting = ClassProposal.objects.filter(school=staff.school_id, status=ClassProposalStatus.SUBMITTED).count()
    if not waiting:
        return []
    return [
        Task(
            "Danh sách khen thưởng học sinh chờ kiểm tra",
            reverse("awards:pupil_classes"),
            "Giáo viên chủ nhiệm đã gửi danh sách học sinh đề nghị khen thưởng: kiểm tra từng lớp.",
            count=waiting,
        )
    ]
