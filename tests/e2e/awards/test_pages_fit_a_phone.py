"""The awards pages with rows in them fit a 390 px phone, with no console errors."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    InitiativeFactory,
    RegistrationChangeFactory,
    RegistrationFactory,
    RegistrationPeriodFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Nguyễn Thị Thanh Huyền Trang"


def test_principal_reads_the_awards_pages_on_a_phone(mobile_page, make_staff, school, team, console_errors):
    page = mobile_page
    principal = make_staff(Role.PRINCIPAL)
    year = SchoolYearFactory(school=school, is_current=True)
    RegistrationPeriodFactory(school_year=year)
    people = StaffFactory.create_batch(5, school=school, team=team, full_name=LONG_NAME)
    for person in people:
        RegistrationFactory(school_year=year, staff=person)
        RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
        AnnualEvaluationFactory(school_year=year, staff=person)
        AwardRecordFactory(school_year=year, staff=person, issuer_name="UBND huyện Thanh Oai")
        InitiativeFactory(author=person, school_year=year, title="Biện pháp " + "rèn kỹ năng đọc hiểu " * 4)
    RegistrationChangeFactory(school_year=year, staff=people[0], reason="Có sáng kiến " * 12)
    errors = console_errors(page)
    login(page, principal.user.username)
    for path in [
        "/awards/registrations/",
        "/awards/registrations/changes/",
        f"/awards/registrations/team/{team.pk}/",
        "/awards/evaluations/",
        "/awards/history/",
        "/awards/initiatives/",
        "/awards/me/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto("/awards/evaluations/")
    expect(page.get_by_label("Năm học")).to_have_class("form-select")  # styled like the other filters
    assert errors == []


def test_a_refused_page_fits_a_phone_and_says_why(mobile_page, make_staff):
    teacher = make_staff(Role.MEMBER)
    login(mobile_page, teacher.user.username)
    response = mobile_page.goto("/awards/evaluations/")
    assert response.status == 403
    expect(mobile_page.get_by_role("heading", name="Bạn không có quyền mở trang này")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
