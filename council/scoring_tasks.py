"""Dashboard tasks of the scoring: a member's sheets waiting in a meeting that is scoring."""

from django.db.models import Count
from django.urls import reverse

from thiduakhenthuong.core.registry import Task

from .models import MeetingStatus, ScoreSheet


def scoring_tasks(staff) -> list[Task]:
    """One task per meeting that is scoring and holds the person's unsubmitted sheets (one query)."""
    rows = (
        ScoreSheet.objects.pending()
        .filter(member__staff=staff, agenda_item__meeting__status=MeetingStatus.SCORING)
        .values("agenda_item__meeting_id", "agenda_item__meeting__held_on")
        .annotate(count=Count("id"))
        .order_by("agenda_item__meeting__held_on")
    )
    return [
        Task(
            title=f"Chấm điểm phiên họp hội đồng ngày {row['agenda_item__meeting__held_on']:%d/%m/%Y}",
            url=reverse("council:scoring", args=[row["agenda_item__meeting_id"]]),
            detail="Các phiếu chấm điểm chưa nộp.",
            count=row["count"],
            urgent=True,
        )
        for row in rows
    ]
