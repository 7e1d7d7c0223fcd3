"""A team head registers her team's collective title; the principal sees it in the school's list."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import Registration
from tests.e2e.conftest import login
from tests.factories import RegistrationPeriodFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_head_registers_the_team_title(page, mobile_page, make_staff, school, team, console_errors):
    today = timezone.localdate()
    head = make_staff(Role.TEAM_HEAD, full_name="Nguyễn Thị Hồng Nhung")
    principal = make_staff(Role.PRINCIPAL)
    year = SchoolYearFactory(school=school, is_current=True)
    RegistrationPeriodFactory(school_year=year, opens_on=today, deadline=today + timedelta(days=14))
    phone_errors, desktop_errors = console_errors(mobile_page), console_errors(page)

    login(mobile_page, head.user.username)
    mobile_page.goto("/awards/me/")
    mobile_page.get_by_role("link", name="Đăng ký cho Tổ 1").click()
    expect(mobile_page.get_by_text("Tập thể: Tổ 1")).to_be_visible()
    choice = mobile_page.get_by_label("Danh hiệu, hình thức khen thưởng đăng ký")
    # a team is offered only collective titles and forms
    assert "Lao động tiên tiến" not in choice.locator("option").all_inner_texts()
    choice.select_option(label="Tập thể lao động tiên tiến (tập thể)")
    mobile_page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(mobile_page.get_by_text("Đã đăng ký “Tập thể lao động tiên tiến (tập thể)”.")).to_be_visible()
    listed = mobile_page.locator("#registrations li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Tập thể lao động tiên tiến")
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    registration = Registration.objects.get()
    assert (registration.team, registration.staff, registration.title.code) == (team, None, "TTLDTT")

    login(page, principal.user.username)
    page.goto("/awards/registrations/")
    row = page.locator(".registration-table").nth(1).locator("tbody tr", has_text="Tổ 1")
    expect(row.locator("td.text-center", has_text="x")).to_have_count(1)
    assert phone_errors == [] and desktop_errors == []
