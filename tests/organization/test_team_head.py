"""The one way to find a team's head in office on a day (``Staff.objects.team_head_of``, ``heads_by_team`` for a list
of teams)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, TeamFactory
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


def head(team, name: str, **fields) -> Staff:
    return StaffFactory(school=team.school, team=team, role=Role.TEAM_HEAD, full_name=name, **fields)


def test_the_head_in_office_on_the_day_never_one_who_has_left(school, team, django_assert_num_queries):
    assert Staff.objects.team_head_of(team) is None  # none yet
    StaffFactory(school=school, team=team)
    StaffFactory(school=school, team=team, role=Role.VICE_PRINCIPAL)
    other_team = TeamFactory(school=school)
    head(other_team, "Tổ trưởng tổ khác")
    assert Staff.objects.team_head_of(team) is None  # a member, a vice-principal or another team's head is not one

    former = head(team, "Tổ trưởng cũ", left_on=date(2024, 8, 1))  # the lowest id, but she has left
    assert Staff.objects.team_head_of(team) is None
    assert Staff.objects.team_head_of(team, on=date(2024, 7, 31)) == former  # her last day in office
    assert Staff.objects.team_head_of(team.pk, on=date(2024, 8, 1)) is None  # she left that day

    current = head(team, "Tổ trưởng đương nhiệm")
    with django_assert_num_queries(1):
        assert Staff.objects.team_head_of(team) == current
    assert Staff.objects.team_head_of(team, on=date(2024, 8, 1)) == current
    # on a day both were in office (a handover: no first day is kept), the lowest id is the one
    assert Staff.objects.team_head_of(team, on=date(2024, 7, 31)) == former
    assert Staff.objects.team_head_of(other_team).full_name == "Tổ trưởng tổ khác"


def test_on_a_handover_both_are_in_office_and_the_outgoing_head_answers_until_she_leaves(school, team, client_for):
    today = date.today()
    leaving = head(team, "Phạm Thu Trang", left_on=today + timedelta(days=30))
    successor = head(team, "Lê Thị Yến")  # appointed before she goes: two in office (and listed after her by name)
    assert Staff.objects.team_head_of(team) == leaving
    assert list(Staff.objects.filter(team=team).team_heads().order_by("pk")) == [leaving, successor]
    assert Staff.objects.team_head_of(team, on=today + timedelta(days=30)) == successor

    other_team = TeamFactory(school=school, name="Tổ 2")
    other = head(other_team, "Hoàng Văn Nam")
    assert Staff.objects.filter(school=school).heads_by_team() == {team.pk: leaving, other_team.pk: other}
    page = client_for(Role.PRINCIPAL, team=None).get(reverse("organization:team_list")).content.decode()
    assert f'?team={team.pk}">Tổ 1</a></td><td>Phạm Thu Trang</td><td>2</td></tr>' in page  # the list agrees

    leaving.left_on = today
    leaving.save()
    assert Staff.objects.team_head_of(team) == successor  # who leaves today no longer answers today
    assert Staff.objects.filter(school=school).heads_by_team() == {team.pk: successor, other_team.pk: other}
