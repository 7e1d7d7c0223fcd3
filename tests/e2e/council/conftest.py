from datetime import date

import pytest
from django.utils import timezone

from awards.models import NominationStatus
from council import services
from council.models import MemberRole
from tests.factories import (
    NominationFactory,
    SchoolYearFactory,
    StaffFactory,
    council_with_members,
    title,
)
from thiduakhenthuong.organization.models import Role


@pytest.fixture
def meeting_in_session(transactional_db):
    """A council of three (the chair is the principal) established, its meeting of today opened now with everyone
    present and two nominees on the agenda (Phạm Thị Cúc for CSTĐCS, Lê Văn Dũng for LĐTT): the journeys open and
    close its ballot and close it through the pages, now, which the services allow on the meeting's day only.
    Returns ``(meeting, seats)``, the seats by role (chair, secretary, member)."""
    year = SchoolYearFactory(start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    council = council_with_members(3, school_year=year)
    chair = council.members.get(role=MemberRole.CHAIR)
    chair.staff.role = Role.PRINCIPAL
    chair.staff.save()
    for code, name in (("CSTDCS", "Phạm Thị Cúc"), ("LDTT", "Lê Văn Dũng")):
        nominee = StaffFactory(school=year.school, full_name=name)
        NominationFactory(school_year=year, title=title(code), status=NominationStatus.IN_COUNCIL_REVIEW,
                          proposed_at=timezone.now(), staff=nominee)  # fmt: skip
    services.establish_council(actor=None, council=council, signer=chair.staff)
    meeting = services.plan_meeting(actor=None, council=council, held_on=timezone.localdate(), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    services.open_meeting(actor=None, meeting=meeting)
    seats = {seat.role: seat for seat in council.members.select_related("staff__user")}
    return meeting, seats
