"""Lists that can outgrow a page are paginated: nothing is cut off silently."""

import pytest
from django.urls import reverse

from tests.factories import (
    DisciplineFactory,
    ProceedingFactory,
    RegistrationChangeFactory,
    SchoolYearFactory,
    StaffFactory,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url_name", "factory", "table"),
    [
        ("awards:discipline_list", DisciplineFactory, "discipline-table"),
        ("awards:proceeding_list", ProceedingFactory, "proceeding-table"),
    ],
)
def test_record_lists_go_on_to_a_second_page(client_for, school, url_name, factory, table):
    client = client_for(Role.VICE_PRINCIPAL)
    for _ in range(51):
        factory(staff=StaffFactory(school=school))

    first = client.get(reverse(url_name))
    second = client.get(reverse(url_name), {"page": 2})

    assert len(first.context["page"].object_list) == 50
    assert "Trang 1/2" in first.content.decode() and "page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 1
    assert "Trang 2/2" in second.content.decode()


def test_change_list_pages_keep_the_chosen_tab(client_for, school):
    client = client_for(Role.PRINCIPAL)
    year = SchoolYearFactory(school=school)
    for _ in range(51):
        RegistrationChangeFactory(school_year=year)

    first = client.get(reverse("awards:change_list"), {"status": "pending"})
    page = first.content.decode()

    assert len(first.context["page"].object_list) == 50
    assert "?status=pending&amp;page=2" in page
    last = client.get(reverse("awards:change_list"), {"status": "pending", "page": 2})
    assert len(last.context["page"].object_list) == 1


def test_profile_lists_every_change_request_of_the_person(client_for, school):
    client = client_for(Role.MEMBER)
    years = [SchoolYearFactory(school=school, name=f"{2000 + n}-{2001 + n}") for n in range(25)]
    for year in years:
        RegistrationChangeFactory(school_year=year, staff=client.staff)

    page = client.get(reverse("awards:my_profile")).content.decode()

    assert all(f"({year.name})" in page for year in years)
