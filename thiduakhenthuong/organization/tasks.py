"""Dashboard tasks about the school's setup: what a manager must fix before the year can run."""

from django.urls import reverse

from thiduakhenthuong.core.registry import Task

from .models import SchoolYear, Staff
from .permissions import can_manage_staff


def setup_tasks(staff):
    if not can_manage_staff(staff):
        return []
    tasks = []
    if not SchoolYear.objects.filter(school=staff.school_id, is_current=True).exists():
        tasks.append(
            Task(
                "Chọn năm học hiện tại",
                reverse("organization:year_list"),
                "Chưa có năm học hiện tại: các chức năng thi đua cần biết năm học đang diễn ra.",
                urgent=True,
            )
        )
    without_account = Staff.objects.filter(school=staff.school_id, user__isnull=True).active().count()
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
