"""Dashboard tasks of the awards app; each provider costs a constant number of queries."""

from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core.registry import Task

from .eligibility import evaluate_person
from .models import Initiative, InitiativeStatus, Registration, RegistrationChange, RegistrationPeriod
from .permissions import can_decide_changes, can_evaluate

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
