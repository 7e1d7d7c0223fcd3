"""Two people propose the same member for the same title at the same instant, on PostgreSQL: one live nomination,
every other request a Vietnamese answer, never a 500 (see ``test_races_postgres`` for the pattern)."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse

from awards import nominations as svc
from awards.models import LIVE_NOMINATION_EXISTS, Nomination
from tests.factories import SchoolYearFactory, StaffFactory, TeamFactory, title
from tests.races.test_races_postgres import CLIENTS, assert_one_effect, race
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent transactions need PostgreSQL; this runs in the PostgreSQL pass of make test.",
    ),
]


@pytest.fixture
def people(school):
    year = SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    team = TeamFactory(school=school, name="Tổ 1")
    head = StaffFactory(school=school, team=team, role=Role.TEAM_HEAD, with_user=True)
    vice = StaffFactory(school=school, team=None, role=Role.VICE_PRINCIPAL, with_user=True)
    member = StaffFactory(school=school, team=team, full_name="Trần Thị Lan")
    return year, team, head, vice, member


def test_the_head_and_the_vice_principal_propose_the_same_member_at_once(people):
    """Through the pages: the team head and the vice-principal (each clicking more than once) add the same draft
    in the team's review at the same instant. One draft; every page answers with a redirect and a message."""
    year, team, head, vice, member = people
    review = svc.open_team_review(actor=head.user, team=team, school_year=year)
    ldtt = title("LDTT")
    clients = []
    for index in range(CLIENTS):
        client = Client()
        client.force_login((head if index % 2 else vice).user)
        clients.append(client)
    url = reverse("awards:team_review_propose", args=[review.pk])

    def propose(index):
        response = clients[index].post(url, {"subject": str(member.pk), "title": ldtt.pk, "achievements": ""})
        return response.status_code, [str(message) for message in get_messages(response.wsgi_request)]

    results, errors = race(propose)
    assert not errors, errors
    assert {status for status, _ in results} == {302}  # no 500, no half-made row
    said = [text for _, texts in results for text in texts]
    assert sum(text.startswith("Đã thêm dự kiến đề nghị") for text in said) == 1
    refused = LIVE_NOMINATION_EXISTS.format(title=ldtt, recipient=member, year=year)
    assert sum(refused in text for text in said) == CLIENTS - 1, said
    assert Nomination.objects.live().filter(staff=member, title=ldtt, school_year=year).count() == 1
    assert AuditEntry.objects.filter(action="awards.nomination.create").count() == 1


def test_direct_proposals_of_the_same_member_keep_one_when_all_checked_first(people, monkeypatch):
    """Without a team review to lock, every request passes its check before any saves: the database's partial
    unique constraint keeps one and the others get the same Vietnamese sentence as a late first-come check."""
    year, _, _, vice, member = people
    ldtt = title("LDTT")

    def make():
        return Nomination(school=year.school, school_year=year, title=ldtt, staff=member)

    results, errors = race(
        lambda _: svc.create_nomination(actor=vice.user, school_year=year, title=ldtt, staff=member),
        checked_model=Nomination, monkeypatch=monkeypatch,
    )  # fmt: skip
    monkeypatch.undo()
    assert_one_effect(results, errors, make)
    assert Nomination.objects.filter(staff=member, title=ldtt).count() == 1
    assert AuditEntry.objects.filter(action="awards.nomination.create").count() == 1
