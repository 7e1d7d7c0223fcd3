"""Certificates and statistics in a real browser: the clerk asks for a decision's certificates on a phone and the
page follows the background batch to its download; the statistics page draws its charts with the vendored Chart.js
under the CSP."""

from datetime import date

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import AwardRecordFactory, SchoolYearFactory, StaffFactory, title
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.e2e


@pytest.fixture
def year(school):
    return SchoolYearFactory(school=school, name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


def test_the_clerk_follows_a_batch_to_its_file_on_a_phone(mobile_page, make_staff, school, year, console_errors):
    page = mobile_page
    clerk = make_staff(Role.CLERK)
    for name in ["Lê Thị Thu", "Phạm Văn An"]:
        AwardRecordFactory(
            school=school, school_year=year, title=title("GK"), decision_number="45/QĐ-UBND",
            staff=StaffFactory(school=school, full_name=name), issuer_name="UBND xã Cao Dương",
        )  # fmt: skip
    errors = console_errors(page)
    login(page, clerk.user.username)
    page.goto("/awards/certificates/")
    expect(page.locator("#certificate-decisions tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Tạo tệp in").click()
    expect(page.get_by_role("heading", name="Giấy khen theo quyết định số 45/QĐ-UBND")).to_be_visible()
    progress = page.locator("#batch-progress")
    expect(progress).to_contain_text("Đang chờ xử lý")  # the page answered before any certificate was made
    expect(page.locator("#batch-awards tbody tr")).to_have_count(2)

    call_command("run_worker", "--batch", verbosity=0)  # the worker beside the server

    expect(page.locator("#batch-download")).to_be_visible(timeout=10_000)  # htmx polled the progress
    expect(progress).to_contain_text("2/2 giấy")
    with page.expect_download() as download:
        page.locator("#batch-download").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert errors == []


def test_the_statistics_draw_their_charts(page, make_staff, school, team, year, console_errors):
    principal = make_staff(Role.PRINCIPAL)
    for _ in range(3):
        AwardRecordFactory(school=school, school_year=year, title=title("LDTT"),
                           staff=StaffFactory(school=school, team=team))  # fmt: skip
    errors = console_errors(page)
    login(page, principal.user.username)
    page.goto(f"/awards/statistics/?year={year.pk}")
    expect(page.get_by_role("heading", name="Thống kê thi đua, khen thưởng năm học 2025-2026")).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && window.Chart.getChart('chart-titles') && window.Chart.getChart('chart-money')"
    )
    assert page.evaluate("() => window.Chart.getChart('chart-titles').data.datasets[0].data") == [3]
    expect(page.locator("#stats-units")).to_contain_text("Tổ 1")
    assert errors == []
