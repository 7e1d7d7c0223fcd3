"""The one way to find a team's head in office on a day (``Staff.objects.team_head_of``, ``heads_by_team`` for a list
of teams), and the database's guarantee behind it, as the principal's: one head a team without a leaving day."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
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


def test_the_database_keeps_one_head_a_team_without_a_leaving_day(school, team):
    head(team, "Phạm Thu Trang")
    with pytest.raises(IntegrityError), transaction.atomic():
        head(team, "Lê Thị Mai")
    head(TeamFactory(school=school), "Lê Thị Mai")  # another team's head
    head(team, "Trần Thị Hà", left_on=date(2024, 8, 1))  # a former head
    assert Staff.objects.filter(role=Role.TEAM_HEAD).count() == 3


def test_a_second_head_is_refused_in_vietnamese_until_the_first_has_a_leaving_day(client_for, school, team):
    client = client_for(Role.PRINCIPAL, team=None)
    first = head(team, "Phạm Thu Trang")
    fields = {"full_name": "Lê Thị Mai", "gender": "female", "position": "Tổ trưởng", "kind": "teacher"}
    fields |= {"role": Role.TEAM_HEAD, "team": team.pk}

    page = client.post(reverse("organization:staff_create"), fields).content.decode()
    assert "Tổ đã có tổ trưởng chưa có ngày thôi việc: hãy ghi ngày thôi việc của tổ trưởng cũ" in page
    assert not Staff.objects.filter(full_name="Lê Thị Mai").exists()

    first.left_on = date.today() + timedelta(days=30)
    first.save()
    response = client.post(reverse("organization:staff_create"), fields)
    assert response.url == reverse("organization:staff_detail", args=[Staff.objects.get(full_name="Lê Thị Mai").pk])


def test_a_second_principal_is_refused_in_vietnamese(client_for, school):
    client = client_for(Role.PRINCIPAL, team=None)
    fields = {"full_name": "Lê Thị Mai", "gender": "female", "position": "Hiệu trưởng", "kind": "manager"}
    page = client.post(reverse("organization:staff_create"), fields | {"role": Role.PRINCIPAL}).content.decode()
    assert "Đơn vị đã có hiệu trưởng chưa có ngày thôi việc: hãy ghi ngày thôi việc của hiệu trưởng cũ" in page
    assert not Staff.objects.filter(full_name="Lê Thị Mai").exists()
