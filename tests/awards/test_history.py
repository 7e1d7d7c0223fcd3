from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from awards.models import AwardRecord, InitiativeUse
from tests.factories import AwardRecordFactory, InitiativeFactory, SchoolYearFactory, StaffFactory, title
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_exactly_one_recipient(year, team, make_staff):
    with pytest.raises(IntegrityError):
        AwardRecordFactory(school_year=year, staff=make_staff(), team=team)


def test_neither_recipient_is_refused(year):
    with pytest.raises(IntegrityError):
        AwardRecordFactory(school_year=year, staff=None, team=None)


def test_scope_must_match(year, team, make_staff):
    award = AwardRecord(
        school=year.school, school_year=year, title=title("TTLDXS", "collective"), staff=make_staff(),
        decision_number="1/QĐ", decision_date=year.end_date, issuer_name="UBND",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="dành cho tập thể"):
        award.full_clean()
    award.staff, award.team, award.title = None, team, title("LDTT")
    with pytest.raises(ValidationError, match="không dành cho tập thể"):
        award.full_clean()


def test_yearly_title_once_but_thematic_may_repeat(year, make_staff):
    person = make_staff()
    AwardRecordFactory(school_year=year, staff=person, title=title("GK"))
    AwardRecordFactory(school_year=year, staff=person, title=title("GK"), drive="thematic")
    AwardRecordFactory(school_year=year, staff=person, title=title("GK"), drive="thematic")
    with pytest.raises(IntegrityError):
        AwardRecordFactory(school_year=year, staff=person, title=title("GK"))


def test_record_award_spends_initiatives(client_for, year, make_staff):
    person = make_staff()
    initiative = InitiativeFactory(author=person, school_year=year, recognised=True)
    client = client_for(Role.CLERK)
    response = client.post(
        reverse("awards:award_create"),
        {
            "school_year": year.pk, "staff": person.pk, "title": title("CSTDCS").pk, "drive": "yearly",
            "decision_number": "310/QĐ-UBND", "decision_date": "20/06/2024", "issuer_name": "UBND huyện Thanh Oai",
            "initiatives": [initiative.pk],
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert InitiativeUse.objects.get(initiative=initiative).award.title.code == "CSTDCS"
    # the spent initiative is no longer offered
    assert initiative.title not in client.get(reverse("awards:award_create")).content.decode()


def test_award_form_refuses_wrong_scope(client_for, year, team):
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        reverse("awards:award_create"),
        {
            "school_year": year.pk, "team": team.pk, "title": title("LDTT").pk, "drive": "yearly",
            "decision_number": "1", "decision_date": "20/06/2024", "issuer_name": "UBND",
        },
    )  # fmt: skip
    assert "không dành cho tập thể" in response.content.decode()
    assert not AwardRecord.objects.exists()


def test_permissions(client_for, other_school, year, make_staff):
    assert client_for(Role.MEMBER).get(reverse("awards:award_create")).status_code == 403
    foreign = AwardRecordFactory(
        school_year=SchoolYearFactory(school=other_school), staff=StaffFactory(school=other_school)
    )
    assert client_for(Role.PRINCIPAL).get(reverse("awards:award_edit", args=[foreign.pk])).status_code == 404


@pytest.mark.parametrize("rows", [1, 50])
def test_list_constant_queries(client_for, school, year, rows, django_assert_max_num_queries):
    for _ in range(rows):
        person = StaffFactory(school=school)
        award = AwardRecordFactory(school_year=year, staff=person, title=title("CSTDCS"))
        InitiativeUse.objects.create(
            initiative=InitiativeFactory(author=person, school_year=year, recognised=True), award=award
        )
    client = client_for(Role.CLERK)
    with django_assert_max_num_queries(15):  # the filters' three drop-downs: one query each
        response = client.get(reverse("awards:award_list"))
    assert response.content.decode().count("<td>Chiến sĩ thi đua cơ sở") == rows


@pytest.mark.parametrize("rows", [1, 50])
def test_profile_constant_queries(client_for, school, rows, django_assert_max_num_queries):
    client = client_for(Role.MEMBER)
    me = client.staff
    for start in range(rows):
        year = SchoolYearFactory(school=school, start_date=date(1970 + start, 9, 5), end_date=date(1971 + start, 5, 31))
        AwardRecordFactory(school_year=year, staff=me)
        InitiativeFactory(author=me, school_year=year, recognised=True)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("awards:my_profile"))
    assert response.content.decode().count("Lao động tiên tiến") == rows
