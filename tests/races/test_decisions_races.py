"""Two clerks at once on PostgreSQL: drafting the same QĐ makes one paper; numbering it twice numbers it once and
decides each nomination once (the other requests get a Vietnamese refusal)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards import decisions as svc
from awards.models import AwardDecision, AwardRecord, NominationStatus
from tests.factories import ClassGroupFactory, NominationFactory, PupilFactory, SchoolYearFactory, title
from tests.races.test_races_postgres import CLIENTS, race
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import Role

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="Concurrent transactions need PostgreSQL."),
]


@pytest.fixture
def approved(school, make_staff):
    year = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5)
    make_staff(Role.PRINCIPAL, team=None)
    for _ in range(3):
        NominationFactory(school_year=year, staff=None, pupil=PupilFactory(school=school, class_group=group),
                          title=title("GK", "pupil"), status=NominationStatus.APPROVED,
                          proposed_at="2026-05-20T10:00Z")  # fmt: skip
    return year


def test_drafting_at_once_makes_one_decision(approved, make_staff):
    clerk = make_staff(Role.CLERK, team=None)
    results, errors = race(lambda i: svc.draft_award_decision(actor=clerk.user, school_year=approved))
    assert len(results) == 1 and AwardDecision.objects.count() == 1
    assert len(errors) == CLIENTS - 1 and all(isinstance(e, ValidationError) for e in errors)


def test_numbering_at_once_numbers_once_and_decides_once(approved, make_staff):
    clerk = make_staff(Role.CLERK, team=None)
    decision = svc.draft_award_decision(actor=clerk.user, school_year=approved, document_date=date(2026, 6, 10))
    results, errors = race(lambda i: svc.issue_award_decision(actor=clerk.user, decision=AwardDecision.objects.get(
        pk=decision.pk), issued_on=date(2026, 6, 10)))  # fmt: skip
    assert len(results) == 1 and all(isinstance(e, ValidationError) for e in errors)
    assert OfficialDocument.objects.filter(number__isnull=False).count() == 1
    assert AwardRecord.objects.count() == 3
