"""The principal plans the council's next meeting on a phone (390 px): the proposed day and time are shown as they
are typed, dd/mm/yyyy and hh:mm on the phone's full keyboard (text inputs, no numeric keypad, no native picker);
no horizontal scrolling, no console error; the members then read the time on their seats."""

from django.utils import timezone
from playwright.sync_api import expect

from council.models import MemberRole
from tests.e2e.conftest import login


def test_the_principal_types_the_meetings_day_and_time_on_her_phone(
    mobile_page, page, console_errors, meeting_in_session
):
    meeting, seats = meeting_in_session
    chair, member = seats[MemberRole.CHAIR], seats[MemberRole.MEMBER]
    errors = console_errors(mobile_page)
    login(mobile_page, chair.staff.user.username)
    mobile_page.goto(f"/council/{meeting.council_id}/")
    day, hour = mobile_page.get_by_label("Ngày họp"), mobile_page.get_by_label("Giờ họp")
    proposed = meeting.council.school_year.nearest_day(timezone.localdate())
    expect(day).to_have_value(f"{proposed:%d/%m/%Y}")
    expect(hour).to_have_value("14:00")
    for field in (day, hour):
        assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") is None
    assert day.get_attribute("placeholder") == "dd/mm/yyyy" and hour.get_attribute("placeholder") == "hh:mm"
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    day.fill("30/05/2026")
    hour.fill("07:30")
    mobile_page.get_by_role("button", name="Lên lịch").click()
    expect(mobile_page.get_by_text("Đã lên lịch phiên họp.")).to_be_visible()
    expect(mobile_page.get_by_role("heading", name="Phiên họp ngày 30/05/2026")).to_be_visible()
    expect(mobile_page.get_by_text("Giờ họp 07:30")).to_be_visible()
    assert errors == []

    login(page, member.staff.user.username)
    page.goto("/council/mine/")
    expect(page.get_by_role("link", name="ngày 30/05/2026 lúc 07:30")).to_be_visible()
