"""Dashboard tasks of the scoring: a member's sheets waiting in a meeting that is scoring."""

from django.db.models import Count
from django.urls import reverse

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from .models import MeetingStatus, ScoreSheet

#: (meeting id, day, how many) of each scoring meeting holding the person's unsubmitted sheets, in meeting order.
_SHEETS_TO_SCORE = CompiledQuery(
    lambda staff: (
        ScoreSheet.objects.pending()
        .filter(member__staff=staff, agenda_item__meeting__status=MeetingStatus.SCORING)
        .values_list("agenda_item__meeting_id", "agenda_item__meeting__held_on")
        .annotate(count=Count("id"))
        .order_by("agenda_item__meeting__held_on")
    )
)


def scoring_tasks(staff):
    """One task per meeting that is scoring and holds the person's unsubmitted sheets (one question)."""
    (meetings,) = yield (_SHEETS_TO_SCORE.question("rows", staff=staff.pk),)
    return [
        Task(
            title=f"Chấm điểm phiên họp hội đồng ngày {held_on:%d/%m/%Y}",
            url=reverse("council:scoring", args=[meeting_id]),
            detail="Các phiếu chấm điểm chưa nộp.",
            count=count,
            urgent=True,
        )
        for meeting_id, held_on, count in meetings
    ]
