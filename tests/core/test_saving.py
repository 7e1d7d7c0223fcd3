"""A unique-constraint race answers as the first-come check would have: simulated here by a check that ran before
the other row existed (full_clean skipped), on every database; tests/races/ runs the real races on PostgreSQL."""

from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from awards import services as award_services
from awards.models import AnnualEvaluation, AwardRecord, Rating
from tests.factories import AwardRecordFactory, SchoolYearFactory, StaffFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.core.saving import RACE_LOST, save_validated
from thiduakhenthuong.organization import services as organization_services
from thiduakhenthuong.organization.models import SchoolYear

pytestmark = pytest.mark.django_db


def _first_come_message(make) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        make().full_clean()
    return raised.value.messages


def _lost_race(model, call) -> list[str]:
    """Run ``call`` as if its check had passed just before another request saved the same row."""
    audits, real, calls = AuditEntry.objects.count(), model.full_clean, []

    def check_too_early(self, *args, **kwargs):
        calls.append(self)
        return None if len(calls) == 1 else real(self, *args, **kwargs)

    with mock.patch.object(model, "full_clean", check_too_early), pytest.raises(ValidationError) as raised:
        call()
    assert len(calls) == 2
    assert AuditEntry.objects.count() == audits  # nothing written, the transaction still usable
    return raised.value.messages


def test_adding_the_same_school_year(school):
    SchoolYearFactory(school=school, name="2030-2031", start_date=date(2030, 9, 5), end_date=date(2031, 5, 31))

    def make():
        return SchoolYear(school=school, name="2030-2031", start_date=date(2030, 9, 5), end_date=date(2031, 5, 31))

    expected = _first_come_message(make)
    assert _lost_race(SchoolYear, lambda: organization_services.save_year(actor=None, year=make())) == expected
    assert SchoolYear.objects.filter(school=school, name="2030-2031").count() == 1


def test_recording_the_same_yearly_award(school):
    first = AwardRecordFactory(school_year=SchoolYearFactory(school=school), staff=StaffFactory(school=school))

    def make():
        return AwardRecord(
            school=school, school_year=first.school_year, title=first.title, staff=first.staff, drive=first.drive,
            decision_number="9/QĐ", decision_date=date(2023, 6, 20), issuer_name="UBND huyện",
        )  # fmt: skip

    expected = _first_come_message(make)
    assert _lost_race(AwardRecord, lambda: award_services.record_award(actor=None, award=make())) == expected
    assert AwardRecord.objects.filter(staff=first.staff).count() == 1


def test_recording_the_first_evaluation_of_a_person(school):
    person, year = StaffFactory(school=school), SchoolYearFactory(school=school)
    AnnualEvaluation.objects.create(school=school, staff=person, school_year=year, rating=Rating.GOOD)

    def make():
        return AnnualEvaluation(school=school, staff=person, school_year=year, rating=Rating.EXCELLENT)

    expected = _first_come_message(make)
    call = lambda: award_services.save_evaluation(actor=None, evaluation=make(), absences=[])  # noqa: E731
    assert _lost_race(AnnualEvaluation, call) == expected
    assert AnnualEvaluation.objects.get(staff=person).rating == Rating.GOOD


def test_a_conflict_that_is_gone_again_asks_to_retry(school):
    year = SchoolYear(school=school, name="2030-2031", start_date=date(2030, 9, 5), end_date=date(2031, 5, 31))
    with mock.patch.object(SchoolYear, "save", side_effect=IntegrityError), pytest.raises(ValidationError) as raised:
        save_validated(year)
    assert raised.value.messages == [RACE_LOST]
