"""Dashboard tasks of the exemplars app, behind the same predicates as the pages they open."""

from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from . import permissions
from .models import ContestEntry, ContestRound, DeedStatus, GoodDeed

_REPORTED_DEEDS = CompiledQuery(lambda school: GoodDeed.objects.filter(school_id=school, status=DeedStatus.REPORTED))
#: The school's latest contest round taking entries or waiting for its selection to be sent on ``today``.
_CONTEST_UNDER_WAY = CompiledQuery(
    lambda school, today: (
        ContestRound.objects.filter(school_id=school, opens_on__lte=today, send_by__gte=today)
        .order_by("-opens_on")
        .values_list("pk", "opens_on", "closes_on", "send_by")[:1]
    )
)


def exemplar_tasks(staff):
    """Managers: deeds waiting for verification, and the contest's entries to select once the round has closed.
    Everyone: the contest taking entries."""
    today = timezone.localdate()
    waiting, found = yield (
        _REPORTED_DEEDS.question("count", school=staff.school_id) if permissions.can_verify_deeds(staff) else None,
        _CONTEST_UNDER_WAY.question("rows", school=staff.school_id, today=today),
    )
    tasks = []
    if waiting:
        tasks.append(
            Task(
                title="Xác minh việc tốt",
                url=reverse("exemplars:deed_list") + "?status=reported",
                detail=f"{waiting} việc tốt chờ xác minh",
                count=waiting,
            )
        )
    if found:
        pk, opens_on, closes_on, send_by = found[0]
        contest = ContestRound(pk=pk, opens_on=opens_on, closes_on=closes_on, send_by=send_by)
        url = reverse("exemplars:contest_detail", args=[contest.pk])
        if contest.is_open(today):
            tasks.append(Task(title="Cuộc thi viết về người tốt, việc tốt", url=url,
                              detail=f"Nhận bài đến {contest.closes_on:%d/%m/%Y}"))  # fmt: skip
        elif permissions.can_manage_contest(staff):
            selected = ContestEntry.objects.filter(contest=contest, selected=True).count()
            tasks.append(
                Task(
                    title="Chọn bài gửi dự thi viết",
                    url=url,
                    detail=f"Gửi cấp trên trước {contest.send_by:%d/%m/%Y}; đã chọn {selected} bài",
                    urgent=(contest.send_by - today).days <= 3,
                )
            )
    return tasks
