"""Eligibility pages: a person's progress (own, or opened by a reader), the school's table, the dashboard task."""

from datetime import date

import pytest
from django.urls import reverse

from awards.models import TeamEvaluation
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    InitiativeFactory,
    RegistrationFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def register(year, *codes, staff=None, team=None):
    scope = "collective" if team else "individual"
    for code in codes:
        RegistrationFactory(school_year=year, title=title(code, scope), staff=staff, team=team)


@pytest.fixture
def last_year(school):
    return SchoolYearFactory(school=school, start_date=date(2022, 9, 5), end_date=date(2023, 5, 31))


def test_teacher_sees_what_is_missing(client_for, year, last_year):
    client = client_for(Role.MEMBER)
    me = client.staff
    AnnualEvaluationFactory(staff=me, school_year=year, rating="good")
    register(year, "LDTT", "CSTDCS", "BKTP", staff=me)
    page = client.get(reverse("awards:my_eligibility")).content.decode()
    assert "Lao động tiên tiến" in page and "Đủ điều kiện" in page and "Đang đủ các tiêu chuẩn." in page
    assert "Chưa đủ điều kiện" in page
    assert "cần thêm 1 sáng kiến được công nhận" in page  # CSTĐCS: an initiative or an excellent rating
    assert "cần 2 năm liên tiếp đạt CSTĐCS (hiện có 0 năm liên tiếp)" in page
    assert "Căn cứ xét" in page and "Luật Thi đua, khen thưởng 2022, Điều 24" in page
    assert 'name="viewport"' in page


def test_progress_counts_last_years_title(client_for, year, last_year):
    client = client_for(Role.MEMBER)
    me = client.staff
    AwardRecordFactory(school_year=last_year, staff=me, title=title("CSTDCS"))
    AnnualEvaluationFactory(staff=me, school_year=year, rating="excellent")
    register(year, "LDTT", "CSTDCS", "BKTP", staff=me)
    page = client.get(reverse("awards:my_eligibility")).content.decode()
    assert page.count("Đủ điều kiện") >= 3
    assert "2 năm liên tiếp đạt Chiến sĩ thi đua cơ sở (yêu cầu 2)" in page
    assert "tính cả danh hiệu năm nay dự kiến đề nghị" in page


def test_teacher_without_registration_is_sent_to_register(client_for, year):
    page = client_for(Role.MEMBER).get(reverse("awards:my_eligibility")).content.decode()
    assert "Bạn chưa đăng ký danh hiệu nào năm học 2023-2024" in page
    assert reverse("awards:my_registrations") in page


def test_the_team_appears_on_its_members_page(client_for, year, team):
    client = client_for(Role.MEMBER)
    TeamEvaluation.objects.create(school=team.school, team=team, school_year=year, rating="good")
    register(year, "TTLDTT", team=team)
    page = client.get(reverse("awards:my_eligibility")).content.decode()
    assert "Tập thể: Tổ 1" in page and "Tập thể lao động tiên tiến" in page


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK])
def test_readers_see_the_school_table(client_for, role, year, team, school):
    client = client_for(role)
    person = StaffFactory(school=school, team=team, full_name="Trần Thị Mai")
    AnnualEvaluationFactory(staff=person, school_year=year, rating="completed")
    register(year, "LDTT", staff=person)
    register(year, "TTLDTT", team=team)
    page = client.get(reverse("awards:school_eligibility")).content.decode()
    assert "Trần Thị Mai" in page and reverse("awards:staff_eligibility", args=[person.pk]) in page
    # colour and words: the badge says the outcome, the cell keeps what is missing and the reasons
    assert 'badge text-bg-warning">Chưa đủ điều kiện' in page
    assert "Còn thiếu: cần được đánh giá hoàn thành tốt nhiệm vụ trở lên" in page
    assert "✗" in page and "Chưa đạt:" in page
    assert "Tập thể lao động tiên tiến" in page and "Tổ 1" in page
    assert "0/1" in page


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD])
def test_others_do_not_see_the_school_table(client_for, role, year):
    assert client_for(role).get(reverse("awards:school_eligibility")).status_code == 403


def test_a_reader_opens_one_person(client_for, year, school, team):
    client = client_for(Role.PRINCIPAL)
    person = StaffFactory(school=school, team=team, full_name="Lê Thị Thu Trang")
    register(year, "LDTT", staff=person)
    page = client.get(reverse("awards:staff_eligibility", args=[person.pk]), {"year": year.pk}).content.decode()
    assert "Tiến độ danh hiệu: Lê Thị Thu Trang" in page and "Lao động tiên tiến" in page


def test_school_table_constant_queries(client_for, year, school, team, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)
    earlier = [
        SchoolYearFactory(school=school, start_date=date(start, 9, 5), end_date=date(start + 1, 5, 31))
        for start in (2020, 2021, 2022)
    ]

    def add_people(n):
        for _ in range(n):
            person = StaffFactory(school=school, team=team)
            for past in earlier:
                AnnualEvaluationFactory(staff=person, school_year=past, rating="excellent")
                AwardRecordFactory(school_year=past, staff=person, title=title("CSTDCS"))
                InitiativeFactory(author=person, school_year=past, recognised=True)
            AnnualEvaluationFactory(staff=person, school_year=year, rating="excellent")
            register(year, "LDTT", "CSTDCS", "BKTP", staff=person)

    register(year, "TTLDTT", team=team)
    first, last = assert_constant_queries(
        client, reverse("awards:school_eligibility"), add_people, max_queries=25, rows=40
    )
    assert last.content.decode().count('text-bg-success">Đủ điều kiện') >= 40 * 3


def test_dashboard_task_lists_what_is_missing(client_for, year):
    client = client_for(Role.MEMBER)
    me = client.staff
    AnnualEvaluationFactory(staff=me, school_year=year, rating="good")
    register(year, "LDTT", "CSTDCS", staff=me)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Danh hiệu đăng ký: còn thiếu" in page
    assert "Chiến sĩ thi đua cơ sở: cần thêm 1 sáng kiến được công nhận" in page
    assert reverse("awards:my_eligibility") in page


def test_no_task_when_on_track_or_not_registered(client_for, year):
    client = client_for(Role.MEMBER)
    assert "Danh hiệu đăng ký" not in client.get(reverse("dashboard")).content.decode()
    AnnualEvaluationFactory(staff=client.staff, school_year=year, rating="good")
    register(year, "LDTT", staff=client.staff)
    assert "Danh hiệu đăng ký" not in client.get(reverse("dashboard")).content.decode()


def test_profile_links_to_progress(client_for):
    page = client_for(Role.MEMBER).get(reverse("awards:my_profile")).content.decode()
    assert reverse("awards:my_eligibility") in page


def test_not_considered_says_why(client_for, year):
    client = client_for(Role.MEMBER, recruited_on=date(2024, 1, 31))
    register(year, "LDTT", staff=client.staff)
    page = client.get(reverse("awards:my_eligibility")).content.decode()
    assert "Không thuộc diện xét" in page
    assert "mới được 4 tháng (dưới 6 tháng): không xét danh hiệu Lao động tiên tiến" in page
