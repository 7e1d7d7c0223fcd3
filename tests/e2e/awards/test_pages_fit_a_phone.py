"""The awards pages with rows in them fit a 390 px phone, with no console errors."""

import os

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


def test_the_year_end_review_pages_fit_a_phone(mobile_page, make_staff, school, team, console_errors):
    """The team review (meeting recorded, proposals with votes and verdicts), the board, the report form and the
    pupils' class lists, full of long names, on a 390 px phone. ``E2E_SCREENSHOTS=dir`` keeps a picture of each."""
    from awards import nominations, pupils
    from awards import services as award_services
    from tests.factories import ClassGroupFactory, PupilFactory

    page = mobile_page
    principal = make_staff(Role.PRINCIPAL, team=None)
    year = SchoolYearFactory(school=school, is_current=True)
    people = StaffFactory.create_batch(4, school=school, team=team, full_name=LONG_NAME, position="Giáo viên chủ nhiệm")
    review = nominations.open_team_review(actor=None, team=team, school_year=year)
    nominations.record_team_meeting(
        actor=None, review=review, meeting_date=year.end_date, place="Phòng họp " + "tổ chuyên môn " * 3,
        chair=people[0], secretary=people[1], members_present=people,
        opinions="Thống nhất đề nghị " * 10,
    )  # fmt: skip
    for person in people:
        AnnualEvaluationFactory(school_year=year, staff=person)
        RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
        proposal = nominations.create_nomination(actor=None, school_year=year, title=title("CSTDCS"), staff=person,
                                                 team_review=review, achievements="Thành tích " * 20)  # fmt: skip
        nominations.record_team_vote(actor=None, nomination=proposal, votes_for=3, votes_against=1)
    report = award_services.start_report(actor=None, school_year=year, staff=principal)
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5, homeroom_teacher=people[0])
    class_pupils = [PupilFactory(school=school, class_group=group, full_name=LONG_NAME) for _ in range(6)]
    pupils.propose_pupils(actor=None, class_group=group, entries=[
        pupils.Entry(pupil, pupils.reason_text("outstanding", "Giải Nhất Hội khỏe Phù Đổng cấp thành phố môn cờ vua"))
        for pupil in class_pupils[:3]
    ])  # fmt: skip
    errors = console_errors(page)
    login(page, principal.user.username)
    shots = os.environ.get("E2E_SCREENSHOTS")
    for name, path in [
        ("team-review", f"/awards/reviews/team/{team.pk}/?year={year.pk}"),
        ("board", f"/awards/nominations/?year={year.pk}"),
        ("report-form", f"/awards/reports/{report.pk}/edit/"),
        ("pupil-classes", f"/awards/pupils/?year={year.pk}"),
        ("pupil-class", f"/awards/pupils/class/{group.pk}/"),
    ]:
        page.goto(path)
        if shots:
            page.screenshot(path=os.path.join(shots, f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    expect(page.get_by_role("heading", name="Đề nghị khen thưởng học sinh Lớp 5A")).to_be_visible()
    assert errors == []
