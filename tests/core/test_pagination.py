"""The site's paginator: Django's pages, without the count query when the first page holds the whole list."""

import pytest

from tests.factories import SchoolFactory, StaffFactory
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.organization.models import Staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    school = SchoolFactory()
    StaffFactory.create_batch(7, school=school)
    return Staff.objects.filter(school=school).order_by("pk")


@pytest.mark.parametrize("number", [None, "", "1", 1, "abc"])
def test_a_list_that_fits_its_first_page_is_read_in_one_query(staff, number, django_assert_num_queries):
    expected = list(staff)
    with django_assert_num_queries(1 if number != "abc" else 2):
        page = Paginator(staff.all(), 7).get_page(number)
        assert list(page.object_list) == expected
        assert (page.paginator.count, page.paginator.num_pages, page.has_next()) == (7, 1, False)


def test_a_longer_list_is_counted_when_asked_and_its_pages_are_djangos(staff, django_assert_num_queries):
    expected = list(staff)
    with django_assert_num_queries(2):  # the first page (and the row after it), then the count
        first = Paginator(staff.all(), 3).get_page(None)
        assert list(first.object_list) == expected[:3]
        assert (first.paginator.count, first.paginator.num_pages, first.has_next()) == (7, 3, True)
    assert list(Paginator(staff.all(), 3).get_page(2).object_list) == expected[3:6]
    assert list(Paginator(staff.all(), 3).get_page("3").object_list) == expected[6:]
    assert list(Paginator(staff.all(), 3).get_page(99).object_list) == expected[6:]  # past the end: the last page


def test_an_empty_list_has_one_empty_page(django_assert_num_queries):
    school = SchoolFactory()
    with django_assert_num_queries(1):
        page = Paginator(Staff.objects.filter(school=school).order_by("pk"), 50).get_page(None)
        assert (list(page.object_list), page.paginator.count, page.paginator.num_pages) == ([], 0, 1)
