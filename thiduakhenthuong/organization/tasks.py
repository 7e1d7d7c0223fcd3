"""Dashboard tasks about the school's setup: what a manager must fix before the year can run."""

from django.urls import reverse

from thiduakhenthuong.core.registry import Task

from .models import SchoolYear, Staff
from .permissions import STAFF_ADMINS


def setup_tasks(request):
    if not request.roles & STAFF_ADMINS:
        return []
    tasks = []
    if not SchoolYear.objects.filter(school=request.school, is_current=True).exists():
        tasks.append(
            Task(
                "Chọn năm học hiện tại",
                reverse("organization:year_list"),
                "Chưa có năm học hiện tại: các chức năng thi đua cần biết năm học đang diễn ra.",
                urgent=True,
            )
        )
    without_account = Staff.objects.filter(school=request.school, user__isnull=True).active().count()
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
