"""Dashboard tasks about campaigns: pledges a team head still owes, campaigns the principal should close."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from .models import Campaign, CampaignStatus
from .permissions import can_close_overdue_campaigns, keeps_team_pledges

_OVERDUE = CompiledQuery(lambda school, today: Campaign.objects.filter(school=school).overdue(today))
_AWAITING_PLEDGE = CompiledQuery(lambda school, team: Campaign.objects.awaiting_commitment_of(team, school=school))


def _list_url(**params) -> str:
    return f"{reverse('campaigns:campaign_list')}?{urlencode(params)}"


def campaign_tasks(staff):
    """A team head: campaigns launched that her team has not pledged to. The principal: campaigns past their end
    and not closed."""
    waiting, overdue = yield (
        _AWAITING_PLEDGE.question("count", school=staff.school_id, team=staff.team_id)
        if keeps_team_pledges(staff)
        else None,
        _OVERDUE.question("count", school=staff.school_id, today=date.today())
        if can_close_overdue_campaigns(staff)
        else None,
    )
    tasks = []
    if waiting:
        tasks.append(
            Task(
                "Đăng ký giao ước thi đua của tổ",
                _list_url(year="", status=CampaignStatus.LAUNCHED),
                f"Phong trào đã phát động nhưng {staff.team.name} chưa đăng ký giao ước.",
                count=waiting,
            )
        )
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
