from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from awards.models import (
    AnnualEvaluation,
    AwardRecord,
    Initiative,
    InitiativeUse,
    Registration,
    RegistrationPeriod,
    TeamEvaluation,
    TeamReviewStatus,
)
from awards.seed import registration_dates, seed_demo
from awards.tasks import REVIEW_WARNING_DAYS, nomination_tasks, registration_tasks, review_tasks
from tests.factories import (
    InitiativeFactory,
    RegistrationChangeFactory,
    RegistrationFactory,
    RegistrationPeriodFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
    TeamReviewFactory,
)
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.organization.models import Role, SchoolYear

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed_school(school):
    teams = [TeamFactory(school=school, name=f"Tổ {i}") for i in range(1, 4)]
    StaffFactory(school=school, role=Role.PRINCIPAL, full_name="Hiệu trưởng")
    for i in range(9):
        StaffFactory(school=school, team=teams[i % 3])
    return school


TODAY = date(2026, 11, 27)


def test_seeder_builds_chains_and_is_idempotent(staffed_school):
    seed_demo(school=staffed_school, today=TODAY)
    counts = [m.objects.count() for m in (AnnualEvaluation, AwardRecord, Initiative, InitiativeUse, Registration)]
    seed_demo(school=staffed_school, today=TODAY)
    assert [
        m.objects.count() for m in (AnnualEvaluation, AwardRecord, Initiative, InitiativeUse, Registration)
    ] == counts
    assert sorted(SchoolYear.objects.filter(school=staffed_school).values_list("name", flat=True)) == [
        "2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027",
    ]  # fmt: skip
    # the four years that have ended are evaluated, the one under way is not
    assert AnnualEvaluation.objects.count() == 10 * 4
    assert not AnnualEvaluation.objects.filter(school_year__name="2026-2027").exists()
    # the chains' first two years are history; their third (2025-2026, the last year that ended) is carried by the
    # review stage, whose nominations the decisions stage confers
    chains = AwardRecord.objects.filter(title__code="CSTDCS")
    assert len(chains) == 6 and len({award.staff_id for award in chains}) == 3  # three people, two years each
    assert {award.school_year.name for award in chains} == {"2023-2024", "2024-2025"}
    assert not AwardRecord.objects.filter(school_year__name="2025-2026").exists()
    assert Initiative.objects.filter(scope="province", use__isnull=True, school_year__name="2025-2026").count() == 3
    assert Initiative.objects.filter(status="recognised", school_year__name="2025-2026", scope="school").count() == 3
    assert TeamEvaluation.objects.get(rating="excellent").school_year.name == "2025-2026"
    # the conferring authority follows the regime: the district until 30/06/2025, the commune after
    assert set(
        AwardRecord.objects.filter(title__code="LDTT", school_year__name="2023-2024").values_list(
            "issuer_name", flat=True
        )
    ) == {staffed_school.parent_agency}
    assert not AwardRecord.objects.filter(school_year__name="2026-2027").exists()
    assert TeamEvaluation.objects.filter(rating="excellent").count() == 1
    assert Registration.objects.filter(school_year__name="2026-2027", team__isnull=False).count() == 3
    period = RegistrationPeriod.objects.get(school_year__name="2026-2027")
    assert period.is_open(TODAY) and period.deadline == date(2026, 12, 11)
    assert Initiative.objects.filter(status="submitted", school_year__name="2026-2027").exists()


def test_registration_dates_of_a_year_nearly_over():
    year = SchoolYear(name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    assert registration_dates(year, date(2025, 11, 1)) == (date(2025, 9, 15), date(2025, 11, 15))
    assert registration_dates(year, date(2026, 5, 25)) == (date(2025, 9, 15), date(2025, 10, 15))
    assert registration_dates(year, date(2025, 9, 6)) == (date(2025, 9, 6), date(2025, 10, 15))


def test_seeder_without_staff_does_nothing(school):
    seed_demo(school=school, today=TODAY)
    assert not AnnualEvaluation.objects.exists()


def test_teacher_is_reminded_to_register(school, year, make_staff):
    today = timezone.localdate()
    RegistrationPeriodFactory(school_year=year, opens_on=today - timedelta(days=3), deadline=today + timedelta(days=5))
    teacher = make_staff()
    tasks = registry.tasks_for(teacher, [registration_tasks])
    assert [t.title for t in tasks] == ["Đăng ký thi đua"] and tasks[0].urgent
    assert "còn 5 ngày" in tasks[0].detail
    RegistrationFactory(school_year=year, staff=teacher)
    assert [t.title for t in registry.tasks_for(teacher, [registration_tasks])] == ["Sắp hết hạn đăng ký thi đua"]


def test_no_reminder_when_closed(school, closed_period, make_staff):
    assert registry.tasks_for(make_staff(), [registration_tasks]) == []


def test_principal_sees_waiting_work(school, closed_period, make_staff, django_assert_num_queries):
    RegistrationChangeFactory(school_year=closed_period.school_year)
    InitiativeFactory(author=make_staff(), school_year=closed_period.school_year)
    principal = make_staff(Role.PRINCIPAL)
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 2):  # together on PostgreSQL
        tasks = registry.tasks_for(principal, [review_tasks])
    assert [(t.title, t.count) for t in tasks] == [
        ("Đề nghị thay đổi đăng ký chờ duyệt", 1),
        ("Sáng kiến chờ xem xét", 1),
    ]
    assert registry.tasks_for(make_staff(), [review_tasks]) == []


def test_a_team_head_is_reminded_of_her_team_s_review_near_the_end_of_the_year_or_while_it_is_open(
    school, team, make_staff, django_assert_num_queries
):
    today = timezone.localdate()
    head = make_staff(Role.TEAM_HEAD)
    assert registry.tasks_for(head, [nomination_tasks]) == []  # no current year
    year = SchoolYearFactory(
        school=school, start_date=today - timedelta(days=200), end_date=today + timedelta(days=REVIEW_WARNING_DAYS + 1)
    )
    year.is_current = True
    year.save()
    other_team_review = TeamReviewFactory(school_year=year, team=TeamFactory(school=school))
    assert registry.tasks_for(head, [nomination_tasks]) == []  # not near the end, another team's review open

    def reminders():
        return [(t.title, t.url, t.detail, t.urgent) for t in registry.tasks_for(head, [nomination_tasks])]

    review = TeamReviewFactory(school_year=year, team=team)
    url = f"{reverse('awards:team_review', args=[team.pk])}?year={year.pk}"
    detail = f"Họp tổ bình xét thi đua năm học {year.name}, ghi biểu quyết và gửi đề nghị của tổ."
    with django_assert_num_queries(1):  # the year and the review: one compiled question
        assert reminders() == [("Bình xét của tổ", url, detail, False)]  # opened early: to be sent

    year.end_date = today + timedelta(days=REVIEW_WARNING_DAYS)
    year.save()
    assert reminders() == [("Bình xét của tổ", url, detail, True)]
    review.status, review.meeting_date, review.chair, review.secretary = TeamReviewStatus.SUBMITTED, today, head, head
    review.save()
    assert reminders() == []  # sent
    review.delete()
    assert reminders() == [("Bình xét của tổ", url, detail, True)]  # near the end and not opened yet
    assert other_team_review.status == TeamReviewStatus.OPEN
    assert registry.tasks_for(make_staff(), [nomination_tasks]) == []  # a member runs no review


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
