"""A member casts her secret-ballot paper on a phone (390 px): the dashboard's task, one big toggle per nominee, no
horizontal scrolling, no console error; the chair then sees that she voted, never what."""

from council import services
from council.models import MemberRole
from tests.e2e.conftest import login


def test_a_member_votes_on_her_phone_and_the_chair_sees_that_she_did(
    mobile_page, page, console_errors, meeting_in_session
):
    meeting, seats = meeting_in_session
    services.open_ballot(actor=None, meeting=meeting)
    chair, member = seats[MemberRole.CHAIR], seats[MemberRole.MEMBER]

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
