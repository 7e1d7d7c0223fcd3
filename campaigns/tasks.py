"""Dashboard tasks about campaigns: pledges a team head still owes, campaigns the principal should close."""

from urllib.parse import urlencode

from django.urls import reverse

from thiduakhenthuong.core.registry import Task
from thiduakhenthuong.organization.models import Role

from .models import Campaign, CampaignStatus


def _list_url(**params) -> str:
    return f"{reverse('campaigns:campaign_list')}?{urlencode(params)}"


def campaign_tasks(request) -> list[Task]:
    """At most one query per task."""
    tasks = []
    staff = request.staff
    if staff is not None and staff.role == Role.TEAM_HEAD and staff.team_id:
        waiting = Campaign.objects.awaiting_commitment_of(staff.team).count()
        if waiting:
            tasks.append(
                Task(
                    "Đăng ký giao ước thi đua của tổ",
                    _list_url(year="", status=CampaignStatus.LAUNCHED),
                    f"Phong trào đã phát động nhưng {staff.team.name} chưa đăng ký giao ước.",
                    count=waiting,
                )
            )
    if Role.PRINCIPAL in request.roles:
        overdue = Campaign.objects.of_school(request.school).overdue().count()
        if overdue:
            tasks.append(
                Task(
                    "Kết thúc phong trào đã hết thời gian",
                    _list_url(year="", status=CampaignStatus.LAUNCHED),
                    "Phong trào đã qua ngày kết thúc nhưng chưa được sơ kết, tổng kết.",
                    count=overdue,
                    urgent=True,
                )
            )
    return tasks
