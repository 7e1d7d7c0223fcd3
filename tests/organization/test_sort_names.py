"""People are listed in Vietnamese order in SQL (``sort_name``), the same on SQLite and PostgreSQL."""

import random
import re
from datetime import date

import pytest
from django.urls import reverse

from tests.core.test_text_sort import EXPECTED
from tests.factories import ClassGroupFactory, PupilFactory, StaffFactory
from thiduakhenthuong.core.text import sort_key
from thiduakhenthuong.organization.demo import seed_district
from thiduakhenthuong.organization.models import OtherPerson, Pupil, Role, Staff

pytestmark = pytest.mark.django_db


def _shuffled(names):
    names = names[:]
    random.Random(11).shuffle(names)
    return names


def test_staff_list_page_lists_people_in_vietnamese_order(client_for, school, team):
    client = client_for(Role.PRINCIPAL, full_name="Bùi Thị Zến")
    for name in _shuffled(EXPECTED[:20]):
        StaffFactory(school=school, team=team, full_name=name)

    page = client.get(reverse("organization:staff_list")).content.decode()

    listed = re.findall(r'<a href="/organization/staff/\d+/">([^<]+)</a>', page)
    assert listed == [*EXPECTED[:20], "Bùi Thị Zến"]


def test_default_orderings_use_the_key_for_staff_pupils_and_other_people(school, team):
    for name in _shuffled(EXPECTED):
        StaffFactory(school=school, team=team, full_name=name)
    group = ClassGroupFactory(school=school)
    for name in _shuffled(EXPECTED):
        PupilFactory(school=school, class_group=group, full_name=name)
        OtherPerson.objects.create(school=school, full_name=name, relation="parent")

    assert list(Staff.objects.filter(school=school).values_list("full_name", flat=True)) == EXPECTED
    assert list(Pupil.objects.filter(class_group=group).values_list("full_name", flat=True)) == EXPECTED
    assert list(OtherPerson.objects.filter(school=school).values_list("full_name", flat=True)) == EXPECTED


def test_renaming_keeps_the_key_even_with_update_fields(school, team):
    person = StaffFactory(school=school, team=team, full_name="Nguyễn Văn Anh")
    person.full_name = "Nguyễn Văn Đức"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert person.sort_name == sort_key("Nguyễn Văn Đức")
    assert person.search_name == "nguyen van duc"


def test_district_staff_made_in_bulk_have_their_keys(db):
    seed_district(schools=1, staff_per_school=10, today=date(2026, 11, 27))
    rows = Staff.objects.values_list("full_name", "sort_name")
    assert rows and all(key == sort_key(name) for name, key in rows)
