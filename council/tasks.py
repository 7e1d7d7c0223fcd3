"""The council's dashboard tasks: a member present at a meeting whose ballot is open has a paper to cast."""

from django.urls import reverse

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from .models import Ballot, BallotStatus

#: (meeting id, council, year) of each open ballot of a meeting the person attends and has not voted in yet.
_BALLOTS_TO_CAST = CompiledQuery(
    lambda staff: (
        Ballot.objects.filter(
            status=BallotStatus.OPEN,
            meeting__attendance__member__staff=staff,
            meeting__attendance__present=True,
        )
        .exclude(roll__member__staff=staff)
        .values_list("meeting_id", "meeting__council__name", "meeting__council__school_year__name")
        .distinct()
    )
)


def ballot_tasks(staff):
    """ "Bỏ phiếu" for each open ballot of a meeting the person attends and has not voted in yet (one question)."""
    (ballots,) = yield (_BALLOTS_TO_CAST.question("rows", staff=staff.pk),)
    return [
        Task(
            title="Bỏ phiếu",
            url=reverse("council:ballot_vote", args=[meeting_id]),
            detail=f"{council} {year} đang bỏ phiếu kín",
            urgent=True,
        )
        for meeting_id, council, year in ballots
    ]
