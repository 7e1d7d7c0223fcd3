"""Permission predicates and fetch-and-authorize helpers take the staff member, never the HTTP request.

A management command, a scheduled job or a council tally asks them the same questions as a page: these tests call
them with no request at all. The nav test checks that a menu entry is shown exactly when its page lets the person
in (the same predicate decides both).
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from awards import permissions as awards_permissions
from campaigns import permissions as campaign_permissions
from tests.factories import (
    CampaignFactory,
    IssuerFactory,
    OfficialDocumentFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
)
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.documents import permissions as document_permissions
from thiduakhenthuong.organization import permissions
from thiduakhenthuong.organization.models import Role

ROLES = [Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR]


@pytest.fixture
def people(school, team):
    return {role: StaffFactory(school=school, role=role, team=team, with_user=True) for role in ROLES}


def test_predicates_take_the_staff_member(school, team, people):
    colleague = StaffFactory(school=school, team=team)
    elsewhere = StaffFactory(school=school, team=TeamFactory(school=school, name="Tổ 2"))
    head, member = people[Role.TEAM_HEAD], people[Role.MEMBER]
    assert permissions.can_view_staff(head, colleague) and not permissions.can_view_staff(head, elsewhere)
    assert permissions.can_view_staff(member, member) and not permissions.can_view_staff(member, colleague)
    assert [role for role in ROLES if permissions.can_manage_staff(people[role])] == [
        Role.PRINCIPAL,
        Role.VICE_PRINCIPAL,
        Role.ADMINISTRATOR,
    ]
    assert awards_permissions.can_register_team(head, team)
    assert not awards_permissions.can_register_team(people[Role.CLERK], team)


def test_helpers_scope_to_the_persons_school(school, other_school, people):
    stranger = StaffFactory(school=other_school, full_name="Người Trường Khác")
    principal = people[Role.PRINCIPAL]
    with pytest.raises(Http404):
        permissions.get_staff_for_view(principal, stranger.pk)
    with pytest.raises(Http404):  # a missing object: 404, whatever the person's role
        permissions.get_staff_for_edit(principal, 10**9)
    with pytest.raises(PermissionDenied):
        permissions.get_staff_for_edit(people[Role.MEMBER], people[Role.CLERK].pk)
    assert permissions.get_staff_for_edit(principal, people[Role.CLERK].pk) == people[Role.CLERK]


def test_a_missing_or_foreign_year_is_a_404(other_school, people):
    foreign = SchoolYearFactory(school=other_school)
    with pytest.raises(Http404):
        permissions.get_year_for_set_current(people[Role.PRINCIPAL], foreign.pk)
    with pytest.raises(Http404):
        permissions.get_year(people[Role.MEMBER], 10**9)


def test_documents_and_campaigns_outside_a_request(school, other_school, people):
    draft = OfficialDocumentFactory(issuer=IssuerFactory(school=school))
    foreign = OfficialDocumentFactory(issuer=IssuerFactory(school=other_school))
    clerk, member = people[Role.CLERK], people[Role.MEMBER]
    assert document_permissions.can_issue_document(clerk, draft)
    assert not document_permissions.can_view_document(member, draft)
    assert not document_permissions.can_view_document(clerk, foreign)
    assert document_permissions.get_document_for_issue(clerk, draft.pk) == draft
    with pytest.raises(PermissionDenied):
        document_permissions.get_document_for_issue(member, draft.pk)
    with pytest.raises(Http404):
        document_permissions.get_document_for_view(clerk, foreign.pk)
    campaign = CampaignFactory(school=school, school_year=SchoolYearFactory(school=school))
    assert campaign_permissions.can_view_campaign(people[Role.PRINCIPAL], campaign)
    assert not campaign_permissions.can_view_campaign(member, campaign)  # a draft campaign


def test_a_task_provider_runs_without_a_request(school, people):
    SchoolYearFactory(school=school)  # no current year: the setup task says so
    tasks = registry.tasks_for(people[Role.PRINCIPAL])
    assert "Chọn năm học hiện tại" in [task.title for task in tasks]
    assert "Chọn năm học hiện tại" not in [task.title for task in registry.tasks_for(people[Role.MEMBER])]


@pytest.mark.parametrize("role", ROLES)
def test_a_menu_entry_is_shown_exactly_when_its_page_opens(role, people):
    staff = people[role]
    client = Client()
    client.force_login(staff.user)
    shown = {item.url_name for group in registry.nav_for(staff) for item in group.items}
    menu = client.get(reverse("dashboard")).content.decode()
    for item in registry.nav:
        url = reverse(item.url_name)
        status = client.get(url).status_code
        if item.url_name in shown:
            assert status == 200, f"{role} is shown {url} in the menu but it answers {status}"
            assert f'href="{url}"' in menu, f"{role}: {url} missing from the rendered menu"
        else:
            assert status == 403, f"{role} is not shown {url} but it answers {status}"
            assert f'href="{url}"' not in menu, f"{role}: {url} rendered in the menu"


@pytest.mark.parametrize("name", ["awards:registration_export", "awards:registration_print"])
def test_a_school_without_years_answers_404_not_403(name, people):
    client = Client()
    client.force_login(people[Role.PRINCIPAL].user)
    assert client.get(reverse(name)).status_code == 404
