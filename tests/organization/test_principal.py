"""The one way to find a school's principal in office on a day (``Staff.objects.principal_of``), which every signer of
the school's papers and every page that prints the principal's name goes through."""

from datetime import date, timedelta

import pytest

from tests.factories import StaffFactory
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


def principal(school, name: str, **fields) -> Staff:
    return StaffFactory(school=school, role=Role.PRINCIPAL, full_name=name, position="Hiệu trưởng", **fields)


def test_the_principal_in_office_on_the_day_never_one_who_has_left(school, other_school, django_assert_num_queries):
    assert Staff.objects.principal_of(school) is None  # none yet
    StaffFactory(school=school, role=Role.VICE_PRINCIPAL)
    principal(other_school, "Hiệu trưởng trường khác")
    assert Staff.objects.principal_of(school) is None  # a vice-principal or another school's principal is not one

    former = principal(school, "Hiệu trưởng cũ", left_on=date(2024, 8, 1))  # the lowest id, but she has left
    assert Staff.objects.principal_of(school) is None
    assert Staff.objects.principal_of(school, on=date(2024, 7, 31)) == former  # her last day in office
    assert Staff.objects.principal_of(school.pk, on=date(2024, 8, 1)) is None  # she left that day

    current = principal(school, "Hiệu trưởng đương nhiệm")
    with django_assert_num_queries(1):
        assert Staff.objects.principal_of(school) == current
    assert Staff.objects.principal_of(school, on=date(2024, 8, 1)) == current
    # on a day both were in office (a handover: no first day is kept), the lowest id is the one
    assert Staff.objects.principal_of(school, on=date(2024, 7, 31)) == former


def test_a_principal_who_has_given_a_leaving_day_is_in_office_until_then(school):
    today = date.today()
    leaving = principal(school, "Hiệu trưởng sắp nghỉ", left_on=today + timedelta(days=30))
    successor = principal(school, "Hiệu trưởng kế nhiệm")  # appointed before she goes: two in office, lowest id
    assert Staff.objects.principal_of(school) == leaving
    assert list(Staff.objects.filter(school=school).principals().order_by("pk")) == [leaving, successor]
    assert Staff.objects.principal_of(school, on=today + timedelta(days=30)) == successor
    leaving.left_on = today
    leaving.save()
    assert Staff.objects.principal_of(school) == successor  # who leaves today no longer signs today
    assert list(Staff.objects.filter(school=school).principals()) == [successor]
