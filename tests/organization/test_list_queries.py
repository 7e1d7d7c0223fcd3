"""The organization's list pages cost a constant number of queries, whatever their rows."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import SchoolYearFactory, StaffFactory, TeamFactory, UserFactory
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


def test_staff_list(client_for, school, team, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        for _ in range(n):
            StaffFactory(school=school, team=TeamFactory(school=school), user=UserFactory())

    first, last = assert_constant_queries(client, reverse("organization:staff_list"), add, max_queries=8, rows=49)
    assert len(last.context["page"].object_list) == 50  # 49 added + the principal
    assert last.content.decode().count('href="/organization/staff/') >= 50


def test_staff_export(client_for, school, team, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        StaffFactory.create_batch(n, school=school, team=TeamFactory(school=school))

    assert_constant_queries(client, reverse("organization:staff_export"), add, max_queries=5)


def test_team_list(client_for, school, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)

    def add(n):
        for _ in range(n):
            new_team = TeamFactory(school=school)
            StaffFactory(school=school, team=new_team, role=Role.TEAM_HEAD)
            StaffFactory(school=school, team=new_team)

    first, last = assert_constant_queries(client, reverse("organization:team_list"), add, max_queries=7)
    assert len(last.context["rows"]) == 51  # the fixture's team + 50
    assert all(head is not None for team, head in last.context["rows"][1:])


def test_year_list(client_for, school, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)
    start = iter(range(1970, 2100))

    def add(n):
        for _ in range(n):
            year = next(start)
            SchoolYearFactory(school=school, start_date=date(year, 9, 5), end_date=date(year + 1, 5, 31))

    first, last = assert_constant_queries(client, reverse("organization:year_list"), add, max_queries=6)
    assert len(last.context["years"]) == 50


def test_staff_list_of_a_team_head(client_for, school, team, assert_constant_queries):
    client = client_for(Role.TEAM_HEAD)

    def add(n):
        StaffFactory.create_batch(n, school=school, team=team)

    first, last = assert_constant_queries(client, reverse("organization:staff_list"), add, max_queries=8)
    shown = {s["pk"] for s in last.context["page"].object_list}
    assert len(shown) == 50 and shown < set(team.members.values_list("pk", flat=True))  # 51 in the team: 2 pages
    assert Staff.objects.filter(school=school).count() == 51
