from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AnnualEvaluation, AwardRecord, Initiative, InitiativeUse, Registration, TeamEvaluation
from awards.seed import seed_demo
from awards.tasks import registration_tasks, review_tasks
from tests.factories import (
    InitiativeFactory,
    RegistrationChangeFactory,
    RegistrationFactory,
    RegistrationPeriodFactory,
    StaffFactory,
    TeamFactory,
)
from thiduakhenthuong.organization.models import Role, SchoolYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed_school(school):
    teams = [TeamFactory(school=school, name=f"Tổ {i}") for i in range(1, 4)]
    StaffFactory(school=school, role=Role.PRINCIPAL, full_name="Hiệu trưởng")
    for i in range(9):
        StaffFactory(school=school, team=teams[i % 3])
    return school


def test_seeder_builds_chains_and_is_idempotent(staffed_school):
    seed_demo(school=staffed_school)
    counts = [m.objects.count() for m in (AnnualEvaluation, AwardRecord, Initiative, InitiativeUse, Registration)]
    seed_demo(school=staffed_school)
    assert [
        m.objects.count() for m in (AnnualEvaluation, AwardRecord, Initiative, InitiativeUse, Registration)
    ] == counts
    assert set(SchoolYear.objects.filter(school=staffed_school).values_list("name", flat=True)) >= {
        "2020-2021", "2021-2022", "2022-2023", "2023-2024",
    }  # fmt: skip
    assert AnnualEvaluation.objects.count() == 10 * 4
    chains = AwardRecord.objects.filter(title__code="CSTDCS").values_list("staff", flat=True)
    assert len(chains) == 9 and len(set(chains)) == 3  # three people, three consecutive years each
    assert Initiative.objects.filter(scope="province", use__isnull=True).count() == 3
    assert AwardRecord.objects.filter(title__code="TTLDXS", school_year__name="2022-2023").count() == 1
    assert TeamEvaluation.objects.filter(rating="excellent").count() == 1
    assert Registration.objects.filter(school_year__name="2023-2024", team__isnull=False).count() == 3
    assert Initiative.objects.filter(status="submitted").exists()


def test_seeder_without_staff_does_nothing(school):
    seed_demo(school=school)
    assert not AnnualEvaluation.objects.exists()


def test_teacher_is_reminded_to_register(school, year, make_staff):
    today = timezone.localdate()
    RegistrationPeriodFactory(school_year=year, opens_on=today - timedelta(days=3), deadline=today + timedelta(days=5))
    teacher = make_staff()
    tasks = registration_tasks(teacher)
    assert [t.title for t in tasks] == ["Đăng ký thi đua"] and tasks[0].urgent
    assert "còn 5 ngày" in tasks[0].detail
    RegistrationFactory(school_year=year, staff=teacher)
    assert [t.title for t in registration_tasks(teacher)] == ["Sắp hết hạn đăng ký thi đua"]


def test_no_reminder_when_closed(school, closed_period, make_staff):
    assert registration_tasks(make_staff()) == []


def test_principal_sees_waiting_work(school, closed_period, make_staff, django_assert_max_num_queries):
    RegistrationChangeFactory(school_year=closed_period.school_year)
    InitiativeFactory(author=make_staff(), school_year=closed_period.school_year)
    principal = make_staff(Role.PRINCIPAL)
    with django_assert_max_num_queries(2):
        tasks = review_tasks(principal)
    assert [(t.title, t.count) for t in tasks] == [
        ("Đề nghị thay đổi đăng ký chờ duyệt", 1),
        ("Sáng kiến chờ xem xét", 1),
    ]
    assert review_tasks(make_staff()) == []


def test_dashboard_and_profile_pages(client_for, open_period):
    client = client_for(Role.MEMBER)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "Đăng ký thi đua" in dashboard and "Hồ sơ thi đua" in dashboard
    assert client.get(reverse("awards:my_profile")).status_code == 200


def test_team_head_reads_a_members_profile_but_not_another_school(client_for, make_staff, other_school):
    client = client_for(Role.TEAM_HEAD)
    member = make_staff(team=client.staff.team)
    assert client.get(reverse("awards:staff_profile", args=[member.pk])).status_code == 200
    assert client.get(reverse("awards:staff_profile", args=[StaffFactory(school=other_school).pk])).status_code == 404
