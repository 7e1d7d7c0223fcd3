"""The council's dashboard tasks: a member present at a meeting whose ballot is open has a paper to cast."""

from django.urls import reverse

from thiduakhenthuong.core.registry import Task

from .models import Ballot, BallotStatus


def ballot_tasks(staff) -> list[Task]:
    """ "Bỏ phiếu" for each open ballot of a meeting the person attends and has not voted in yet (one query)."""
    ballots = (
        Ballot.objects.filter(
            status=BallotStatus.OPEN,
            meeting__attendance__member__staff=staff,
            meeting__attendance__present=True,
        )
        .exclude(roll__member__staff=staff)
        .select_related("meeting__council__school_year")
        .distinct()
    )
    return [
        Task(
            title="Bỏ phiếu",
            url=reverse("council:ballot_vote", args=[ballot.meeting_id]),
            detail=f"{ballot.meeting.council.name} {ballot.meeting.council.school_year} đang bỏ phiếu kín",
            urgent=True,
        )
        for ballot in ballots
    ]
