"""A member casts her secret-ballot paper on a phone (390 px): the dashboard's task, one big toggle per nominee, no
horizontal scrolling, no console error; the chair then sees that she voted, never what."""

from datetime import date

from django.utils import timezone

from awards.models import NominationStatus
from council import services
from council.models import MemberRole
from tests.e2e.conftest import login
from tests.factories import NominationFactory, SchoolYearFactory, StaffFactory, council_with_members, title
from thiduakhenthuong.organization.models import Role


def test_a_member_votes_on_her_phone_and_the_chair_sees_that_she_did(mobile_page, page, console_errors):
    year = SchoolYearFactory(start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    council = council_with_members(3, school_year=year)
    chair = council.members.get(role=MemberRole.CHAIR)
    chair.staff.role = Role.PRINCIPAL
    chair.staff.save()
    for code in ("CSTDCS", "LDTT"):
        nominee = StaffFactory(school=year.school, full_name=f"Người {code}")
        NominationFactory(school_year=year, title=title(code), status=NominationStatus.IN_COUNCIL_REVIEW,
                          proposed_at=timezone.now(), staff=nominee)  # fmt: skip
    services.establish_council(actor=None, council=council, signer=chair.staff)
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 29), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    services.open_meeting(actor=None, meeting=meeting)
    services.open_ballot(actor=None, meeting=meeting)
    member = council.members.filter(role=MemberRole.MEMBER).select_related("staff__user").get()

    errors = console_errors(mobile_page)
    login(mobile_page, member.staff.user.username)
    mobile_page.goto("/")
    mobile_page.get_by_role("link", name="Bỏ phiếu").first.click()
    mobile_page.wait_for_url(f"**/council/meetings/{meeting.pk}/vote/")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    toggles = mobile_page.locator("label.btn")
    assert toggles.count() == 4  # agree and disagree for each of the two nominees
    toggles.nth(0).click()  # agree on the first
    toggles.nth(3).click()  # disagree on the second
    mobile_page.screenshot(path="/tmp/council-paper-phone.png", full_page=True)
    box = toggles.nth(0).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 150  # a toggle a thumb hits
    mobile_page.get_by_role("button", name="Bỏ phiếu").click()
    mobile_page.wait_for_url("**/council/mine/")
    assert "Phiếu của bạn đã được bỏ vào hòm phiếu." in mobile_page.content()
    assert errors == []

    login(page, chair.staff.user.username)
    page.goto(f"/council/meetings/{meeting.pk}/")
    assert "Đã bỏ phiếu: 1/3" in page.content()
    assert "Không đồng ý" not in page.inner_text("body")
