"""A council of the 2025-2026 year (regime 2025) with its nominations in council review, built through the
services (system work, actor None) so that tests start from a real state."""

from datetime import date

import pytest
from django.utils import timezone

from awards.models import NominationStatus
from council import services
from council.models import CouncilMember, MemberRole
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
def year(school):
    return SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


@pytest.fixture
def principal(school, team):
    return StaffFactory(school=school, role=Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng",
                        with_user=True)  # fmt: skip


def in_review(year, code="CSTDCS", **fields):
    return NominationFactory(
        school_year=year, title=title(code), status=NominationStatus.IN_COUNCIL_REVIEW, proposed_at=timezone.now(),
        **fields,
    )  # fmt: skip


@pytest.fixture
def make_council(year, principal):
    def make(members=9, **fields):
        council = council_with_members(members, school_year=year, **fields)
        chair = council.members.get(role=MemberRole.CHAIR)
        chair.staff = principal
        chair.save()
        return services.establish_council(actor=None, council=council, issued_on=date(2025, 9, 15))

    return make


@pytest.fixture
def session(make_council, year):
    """An opened meeting over ``agenda`` nominations with ``absent`` members away: (meeting, members, items). Held
    on 25/05/2026 and opened at 14:00 that day (its later steps take the time they happened on that day);
    ``today=True``: held today and opened now, its later steps taken now (the page's one click on the meeting's
    day)."""

    def make(members=9, codes=("CSTDCS",), absent=0, today=False, **fields):
        council = make_council(members, **fields)
        for code in codes:
            in_review(year, code)
        held_on = timezone.localdate() if today else date(2026, 5, 25)
        meeting = services.plan_meeting(actor=None, council=council, held_on=held_on, place="Phòng họp")
        items = services.set_agenda(actor=None, meeting=meeting)
        seats = list(
            CouncilMember.objects.filter(council=council).select_related("staff__user").order_by("position_order")
        )
        present = seats[: len(seats) - absent]
        services.record_attendance(actor=None, meeting=meeting, present=present)
        services.open_meeting(actor=None, meeting=meeting, started_at=None if today else on_meeting_day(meeting))
        return meeting, seats, items

    return make
