"""The ballot under real concurrency, on PostgreSQL: 31 members voting at the same instant give 31 papers, none
duplicated, none lost; the same member sending twice at once leaves one paper; a close at the same moment as
papers leaves none uncounted. SQLite serialises writes, so these run in the PostgreSQL pass of make test."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from awards.models import NominationStatus
from council import services
from council.models import BallotChoice, BallotPaper, BallotRollEntry, CouncilMember, MemberRole
from tests.factories import (
    NominationFactory,
    SchoolFactory,
    SchoolYearFactory,
    council_with_members,
    on_meeting_day,
    title,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent transactions need PostgreSQL; this runs in the PostgreSQL pass of make test.",
    ),
]


def at_once(calls) -> list[Exception]:
    """Run every call at the same instant, each in its own thread and connection; the exceptions raised."""
    start, errors = threading.Barrier(len(calls)), []

    def worker(call):
        try:
            start.wait(timeout=30)
            call()
        except Exception as error:  # asserted by the caller
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def voting(members: int):
    school = SchoolFactory(abbreviation="THCD")
    year = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    council = council_with_members(members, school_year=year)
    chair = council.members.get(role=MemberRole.CHAIR).staff
    council = services.establish_council(actor=None, council=council, issued_on=date(2025, 9, 15), signer=chair)
    for code in ("CSTDCS", "LDTT"):
        NominationFactory(school_year=year, title=title(code), status=NominationStatus.IN_COUNCIL_REVIEW,
                          proposed_at=timezone.now())  # fmt: skip
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    items = services.set_agenda(actor=None, meeting=meeting)
    seats = list(CouncilMember.objects.filter(council=council).select_related("staff__user").order_by("position_order"))
    services.record_attendance(actor=None, meeting=meeting, present=seats)
    services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    return services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15)), seats, items


def cast(ballot, seat, items, agree=True):
    return lambda: services.cast_paper(
        actor=seat.staff.user, ballot=ballot, member=seat, choices={item.pk: agree for item in items}
    )


def test_31_members_voting_at_the_same_moment_give_31_papers():
    ballot, seats, items = voting(31)
    errors = at_once([cast(ballot, seat, items) for seat in seats])
    assert errors == []
    assert BallotPaper.objects.filter(ballot=ballot).count() == 31
    assert BallotRollEntry.objects.filter(ballot=ballot).values("member").distinct().count() == 31
    assert BallotChoice.objects.filter(paper__ballot=ballot).count() == 31 * len(items)
    closed = services.close_ballot(actor=None, meeting=ballot.meeting, closed_at=on_meeting_day(ballot.meeting, 16))
    assert closed.papers_received == closed.papers_valid == 31
    assert [item.votes_for for item in closed.meeting.agenda.all()] == [31, 31]


def test_the_same_member_sending_twice_at_once_leaves_one_paper():
    ballot, seats, items = voting(3)
    errors = at_once([cast(ballot, seats[0], items) for _ in range(6)])
    assert len(errors) == 5 and all(isinstance(error, ValidationError) for error in errors)
    assert BallotPaper.objects.filter(ballot=ballot).count() == 1
    assert BallotChoice.objects.filter(paper__ballot=ballot).count() == len(items)


def test_a_close_at_the_same_moment_as_papers_counts_every_paper_it_lets_in():
    ballot, seats, items = voting(15)
    chair = next(seat for seat in seats if seat.role == MemberRole.CHAIR)
    calls = [cast(ballot, seat, items) for seat in seats]
    calls.append(
        lambda: services.close_ballot(actor=None, meeting=ballot.meeting, closed_at=on_meeting_day(ballot.meeting, 16))
    )
    errors = at_once(calls)
    assert all(isinstance(error, ValidationError) for error in errors), errors
    ballot.refresh_from_db()
    assert ballot.status == "closed" and chair
    papers = BallotPaper.objects.filter(ballot=ballot).count()
    assert ballot.papers_received == papers == BallotRollEntry.objects.filter(ballot=ballot).count()
    assert papers + len(errors) == 15
