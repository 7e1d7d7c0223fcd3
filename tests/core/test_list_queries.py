"""The kernel's list pages cost a constant number of queries, whatever their rows."""

import itertools
from datetime import date

import pytest
from django.urls import reverse

from tests.factories import SchoolYearFactory, StaffFactory
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_notification_list(client_for, assert_constant_queries):
    client = client_for(Role.MEMBER)

    def add(n):
        for i in range(n):
            notify(recipients=[client.staff.user], title=f"Thông báo {i}", url="/", email=False)

    first, last = assert_constant_queries(client, reverse("notification_list"), add, max_queries=7, rows=30)
    assert len(last.context["page"].object_list) == 30  # one page


def test_audit_log(client_for, school, make_staff, assert_constant_queries):
    client = client_for(Role.PRINCIPAL)
    actors = [make_staff(Role.MEMBER).user for _ in range(3)]

    years = itertools.count(1900)

    def add(n):
        for i in range(n):
            staff = StaffFactory(school=school)
            start = next(years)
            year = SchoolYearFactory(school=school, start_date=date(start, 9, 1), end_date=date(start + 1, 5, 31))
            audit.record(actor=actors[i % 3], action="organization.staff.create", obj=staff)
            audit.record(actor=None, action="organization.year.create", obj=year, data={"after": {"name": year.name}})

    first, last = assert_constant_queries(client, reverse("audit_log"), add, max_queries=9, rows=25)
    assert len(last.context["page"].object_list) == 50
    assert {actor for _, actor, _ in last.context["rows"]} >= {"Hệ thống"}  # system rows among people's rows
