"""Eligibility pages in a real browser: a teacher's progress on a phone, the principal's table on a desktop."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import AnnualEvaluationFactory, RegistrationFactory, SchoolYearFactory, StaffFactory, title
from thiduakhenthuong.organization.models import Role

# the live server flushes the database after each test: the root conftest writes the seeded catalog and regimes again
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def year(school):
    return SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31), is_current=True)


def test_teacher_on_a_phone_sees_what_is_missing(mobile_page, make_staff, year, console_errors):
    page = mobile_page
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    AnnualEvaluationFactory(staff=teacher, school_year=year, rating="good")
    for code in ("LDTT", "CSTDCS"):
        RegistrationFactory(school_year=year, staff=teacher, title=title(code))
    errors = console_errors(page)
    login(page, teacher.user.username)
    task = page.locator("#tasks .card-task", has_text="Danh hiệu đăng ký: còn thiếu điều kiện")
    expect(task).to_be_visible()
    task.get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Tiến độ danh hiệu")).to_be_visible()
    card = page.locator("section.card", has_text="Chiến sĩ thi đua cơ sở")
    expect(card.locator(".badge")).to_have_text("Chưa đủ điều kiện")
    expect(card.get_by_text("cần thêm 1 sáng kiến được công nhận", exact=False)).to_be_visible()
    card.get_by_text("Căn cứ xét").click()
    expect(card.get_by_text("Luật Thi đua, khen thưởng 2022, Điều 23", exact=False).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []


def test_principal_opens_a_cell_of_the_table(page, make_staff, school, team, year, console_errors):
    principal = make_staff(Role.PRINCIPAL)
    person = StaffFactory(school=school, team=team, full_name="Lê Thị Thu Trang")
    AnnualEvaluationFactory(staff=person, school_year=year, rating="completed")
    RegistrationFactory(school_year=year, staff=person, title=title("LDTT"))
    errors = console_errors(page)
    login(page, principal.user.username)
    page.goto("/awards/eligibility/")
    row = page.locator("tr", has_text="Lê Thị Thu Trang")
    reasons = row.get_by_text("cần được đánh giá hoàn thành tốt nhiệm vụ trở lên", exact=False)
    expect(reasons).to_be_hidden()
    row.get_by_text("Chưa đủ điều kiện").click()
    expect(reasons).to_be_visible()
    assert errors == []
