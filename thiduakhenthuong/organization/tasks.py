"""Dashboard tasks about the school's setup: what a manager must fix before the year can run."""

from datetime import date

from django.urls import reverse

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from .models import SchoolYear, Staff
from .permissions import can_manage_staff

_CURRENT_YEAR = CompiledQuery(lambda school: SchoolYear.objects.filter(school=school, is_current=True))
_WITHOUT_ACCOUNT = CompiledQuery(lambda school, on: Staff.objects.filter(school=school, user__isnull=True).active(on))


def setup_tasks(staff):
    if not can_manage_staff(staff):
        return []
    has_current_year, without_account = yield (
        _CURRENT_YEAR.question("exists", school=staff.school_id),
        _WITHOUT_ACCOUNT.question("count", school=staff.school_id, on=date.today()),
    )
    tasks = []
    if not has_current_year:
        tasks.append(
            Task(
                "Chọn năm học hiện tại",
                reverse("organization:year_list"),
                "Chưa có năm học hiện tại: các chức năng thi đua cần biết năm học đang diễn ra.",
                urgent=True,
            )
        )
    if without_account:
        tasks.append(
            Task(
                "Cán bộ chưa có tài khoản",
                reverse("organization:staff_list") + "?no_account=on",
                "Những người này chưa thể tự đăng ký thi đua hay báo cáo thành tích.",
                count=without_account,
            )
        )
    return tasks
