"""The principal edits a section of the plan and sees the printed preview follow, then saves it."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Plan
from tests.e2e.conftest import login
from tests.factories import PlanFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_principal_edits_a_section_and_the_preview_follows(page, make_staff, console_errors):
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    year = SchoolYearFactory(school=principal.school)
    plan = PlanFactory(school=principal.school, year=2023, school_years=[year], document__signer=principal)
    errors = console_errors(page)  # CSP violations and script errors show up here

    login(page, principal.user.username)
    page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = page.locator("#plan-preview")
    expect(preview).to_contain_text("I. MỤC ĐÍCH, YÊU CẦU")
    expect(preview).to_contain_text("- Phát động các phong trào thi đua yêu nước.")

    purpose = page.locator("#section-purpose textarea")
    purpose.fill("- Thi đua lập thành tích chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi thi đua ái quốc.")
    # the preview follows the typing before anything is saved
    expect(preview).to_contain_text("chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi")
    expect(preview).not_to_contain_text("- Phát động các phong trào thi đua yêu nước.")
    plan.refresh_from_db()
    assert plan.document.content["purpose"] == "- Phát động các phong trào thi đua yêu nước."

    page.locator("#section-purpose button[type=submit]").click()
    expect(page.locator("#section-purpose")).to_contain_text("Đã lưu.")
    expect(preview).to_contain_text("chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi")
    assert Plan.objects.get(pk=plan.pk).document.content["purpose"].startswith("- Thi đua lập thành tích")
    assert errors == []
