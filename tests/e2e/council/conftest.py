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
    on_meeting_day,
    title,
)
from thiduakhenthuong.organization.models import Role


@pytest.fixture
def meeting_in_session(transactional_db):
    """A council of three (the chair is the principal) established, its meeting of 29/05/2026 opened with everyone
    present and two nominees on the agenda (Phạm Thị Cúc for CSTĐCS, Lê Văn Dũng for LĐTT). Returns
    ``(meeting, seats)``, the seats by role (chair, secretary, member)."""
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
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 29), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    seats = {seat.role: seat for seat in council.members.select_related("staff__user")}
    return meeting, seats
