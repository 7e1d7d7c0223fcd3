"""The kernel's list pages cost a constant number of queries, whatever their rows."""

import pytest
from django.urls import reverse

from tests.factories import StaffFactory, TeamFactory
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

    def add(n):
        for i in range(n):
            staff = StaffFactory(school=school)
            team = TeamFactory(school=school)
            audit.record(actor=actors[i % 3], action="Thêm cán bộ", obj=staff)
            audit.record(actor=actors[i % 3], action="Thêm tổ", obj=team)

    first, last = assert_constant_queries(client, reverse("audit_log"), add, max_queries=9, rows=25)
    assert len(last.context["page"].object_list) == 50
