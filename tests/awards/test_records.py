from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from awards.models import Absence, AnnualEvaluation, Discipline, Proceeding, TeamEvaluation
from tests.factories import (
    AnnualEvaluationFactory,
    DisciplineFactory,
    ProceedingFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_one_evaluation_per_person_and_year(year, make_staff):
    person = make_staff()
    AnnualEvaluationFactory(staff=person, school_year=year)
    with pytest.raises(IntegrityError):
        AnnualEvaluationFactory(staff=person, school_year=year)


def test_evaluation_form_with_absences(client_for, year, make_staff):
    person = make_staff()
    client = client_for(Role.PRINCIPAL)
    url = reverse("awards:evaluation_edit", args=[year.pk, person.pk])
    assert client.get(url).status_code == 200
    data = {
        "rating": "excellent",
        "note": "",
        "absences-TOTAL_FORMS": "2",
        "absences-INITIAL_FORMS": "0",
        "absences-MIN_NUM_FORMS": "0",
        "absences-MAX_NUM_FORMS": "1000",
        "absences-0-kind": "maternity",
        "absences-0-days": "180",
        "absences-0-start_date": "01/10/2023",
        "absences-0-end_date": "29/03/2024",
        "absences-1-kind": "",
        "absences-1-days": "",
    }
    assert client.post(url, data).status_code == 302
    evaluation = AnnualEvaluation.objects.get(staff=person, school_year=year)
    assert evaluation.rating == "excellent"
    absence = evaluation.absences.get()
    assert absence.counts_as_work and absence.days == 180
    # editing again replaces the absences
    data.update(
        {"absences-0-kind": "sick", "absences-0-days": "3", "absences-0-start_date": "", "absences-0-end_date": ""}
    )
    client.post(url, data)
    assert [(a.kind, a.days) for a in Absence.objects.filter(evaluation=evaluation)] == [("sick", 3)]


def test_absence_days_cannot_exceed_the_period(year, make_staff):
    evaluation = AnnualEvaluationFactory(staff=make_staff(), school_year=year)
    absence = Absence(
        evaluation=evaluation, kind="sick", days=10, start_date=date(2024, 1, 1), end_date=date(2024, 1, 3)
    )
    with pytest.raises(ValidationError, match="nhiều hơn"):
        absence.full_clean()


def test_team_evaluation(client_for, year, team):
    client = client_for(Role.VICE_PRINCIPAL)
    url = reverse("awards:team_evaluation_edit", args=[year.pk, team.pk])
    assert client.post(url, {"rating": "excellent", "united": "on"}).status_code == 302
    assert TeamEvaluation.objects.get(team=team, school_year=year).rating == "excellent"


def test_evaluations_are_for_managers(client_for, year, make_staff, other_school):
    person = make_staff()
    assert (
        client_for(Role.TEAM_HEAD).get(reverse("awards:evaluation_edit", args=[year.pk, person.pk])).status_code == 403
    )
    foreign = StaffFactory(school=other_school)
    principal = client_for(Role.PRINCIPAL)
    assert principal.get(reverse("awards:evaluation_edit", args=[year.pk, foreign.pk])).status_code == 404
    other_year = SchoolYearFactory(school=other_school)
    assert principal.get(reverse("awards:evaluation_edit", args=[other_year.pk, person.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_evaluation_table_constant_queries(client_for, school, year, rows, django_assert_max_num_queries):
    teams = [TeamFactory(school=school, name=f"Khối {i}") for i in range(3)]
    for i in range(rows):
        evaluation = AnnualEvaluationFactory(staff=StaffFactory(school=school, team=teams[i % 3]), school_year=year)
        Absence.objects.create(evaluation=evaluation, kind="sick", days=2)
    client = client_for(Role.PRINCIPAL)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("awards:evaluation_list"), {"year": year.pk})
    assert response.content.decode().count("Nghỉ ốm: 2 ngày") == rows


def test_discipline_entry(client_for, make_staff):
    person = make_staff()
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        reverse("awards:discipline_create"),
        {"staff": person.pk, "form": "warning", "decided_on": "01/10/2023", "start": "01/10/2023", "end": "30/09/2023"},
    )
    assert "Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi" in response.content.decode()
    client.post(
        reverse("awards:discipline_create"),
        {"staff": person.pk, "form": "warning", "decided_on": "01/10/2023", "start": "01/10/2023", "end": "30/09/2024"},
    )
    assert Discipline.objects.get(staff=person).form == "warning"


def test_a_complaint_about_a_team_is_entered_and_listed(client_for, make_staff, team):
    client = client_for(Role.PRINCIPAL)
    both = {"staff": make_staff().pk, "team": team.pk, "kind": "complaint", "opened_on": "01/03/2024"}
    page = client.post(reverse("awards:proceeding_create"), both).content.decode()
    assert "Chọn đúng một đối tượng" in page and not Proceeding.objects.exists()
    client.post(reverse("awards:proceeding_create"), {"team": team.pk, "kind": "complaint", "opened_on": "01/03/2024"})
    assert Proceeding.objects.get().team == team
    page = client.get(reverse("awards:proceeding_list")).content.decode()
    assert f'{team.name} <span class="small text-muted">(tập thể)</span>' in page


def test_proceeding_open_on(make_staff):
    person = make_staff()
    ProceedingFactory(staff=person, opened_on=date(2024, 3, 1), closed_on=date(2024, 4, 1))
    assert Proceeding.objects.open_on(date(2024, 3, 15)).count() == 1
    assert Proceeding.objects.open_on(date(2024, 4, 1)).count() == 0


def test_other_school_discipline_is_404_and_teacher_403(client_for, other_school, make_staff):
    foreign = DisciplineFactory(staff=StaffFactory(school=other_school))
    assert client_for(Role.PRINCIPAL).get(reverse("awards:discipline_edit", args=[foreign.pk])).status_code == 404
    own = DisciplineFactory(staff=make_staff())
    assert client_for(Role.MEMBER).get(reverse("awards:discipline_edit", args=[own.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 50])
def test_discipline_and_proceeding_lists_constant_queries(client_for, school, rows, django_assert_max_num_queries):
    for _ in range(rows):
        person = StaffFactory(school=school, team=TeamFactory(school=school))
        DisciplineFactory(staff=person)
        ProceedingFactory(staff=person)
    client = client_for(Role.VICE_PRINCIPAL)
    for name in ["awards:discipline_list", "awards:proceeding_list"]:
        with django_assert_max_num_queries(10):
            assert client.get(reverse(name)).status_code == 200
