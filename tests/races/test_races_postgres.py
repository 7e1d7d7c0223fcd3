"""What a double click or two people send at the same instant, on PostgreSQL (where concurrent transactions are real):
exactly one effect, and every other request gets a clear Vietnamese answer (a ValidationError), never a crash.

SQLite serialises every write, so these run in the PostgreSQL pass of ``make test``. Where the service checks
before it writes (``full_clean``), every request is held after its check until all have checked, so that the
database's constraint alone decides: the race is forced, not hoped for.
"""

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from awards import services as award_services
from awards.models import AnnualEvaluation, AwardRecord, ChangeStatus, Rating, Registration, RegistrationChange
from tests.factories import (
    AwardRecordFactory,
    IssuerFactory,
    OfficialDocumentFactory,
    RegistrationChangeFactory,
    RegistrationPeriodFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as document_services
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization import services as organization_services
from thiduakhenthuong.organization.models import SchoolYear

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent transactions need PostgreSQL; this runs in the PostgreSQL pass of make test.",
    ),
]

CLIENTS = 8


def race(call: Callable[[int], object], *, checked_model=None, monkeypatch=None) -> tuple[list, list]:
    """Run ``call(i)`` for i in 0..CLIENTS-1 at the same instant, each in its own thread and connection.

    With ``checked_model``, each request waits after its first ``full_clean`` until every request has checked.
    Returns (results, exceptions).
    """
    if checked_model is not None:
        all_checked, local, real = threading.Barrier(CLIENTS), threading.local(), checked_model.full_clean

        def check_then_wait(self, *args, **kwargs):
            real(self, *args, **kwargs)
            if not getattr(local, "waited", False):
                local.waited = True
                all_checked.wait(timeout=20)

        monkeypatch.setattr(checked_model, "full_clean", check_then_wait)
    start, results, errors = threading.Barrier(CLIENTS), [], []

    def worker(index):
        try:
            start.wait(timeout=20)
            results.append(call(index))
        except Exception as error:  # asserted below: a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def assert_one_effect(results, errors, again):
    """One request went through; every other got the message the first-come check gives (``again`` once more)."""
    assert len(results) == 1, errors
    assert all(isinstance(error, ValidationError) for error in errors), errors
    with pytest.raises(ValidationError) as first_come:
        again().full_clean()
    assert {tuple(error.messages) for error in errors} == {tuple(first_come.value.messages)}


def test_adding_the_same_school_year(school, monkeypatch):
    def make():
        return SchoolYear(school=school, name="2030-2031", start_date=date(2030, 9, 5), end_date=date(2031, 5, 31))

    results, errors = race(
        lambda _: organization_services.save_year(actor=None, year=make()), checked_model=SchoolYear,
        monkeypatch=monkeypatch,
    )  # fmt: skip
    monkeypatch.undo()
    assert_one_effect(results, errors, make)
    assert SchoolYear.objects.filter(school=school, name="2030-2031").count() == 1
    assert AuditEntry.objects.filter(action="organization.year.create").count() == 1


def test_recording_the_same_yearly_award(school, monkeypatch):
    model = AwardRecordFactory(school_year=SchoolYearFactory(school=school), staff=StaffFactory(school=school))
    staff, year, ldtt = model.staff, model.school_year, model.title
    model.delete()

    def make(index=0):
        return AwardRecord(
            school=school, school_year=year, title=ldtt, staff=staff, drive=model.drive,
            decision_number=f"{index}/QĐ", decision_date=date(2023, 6, 20), issuer_name="UBND huyện",
        )  # fmt: skip

    results, errors = race(
        lambda index: award_services.record_award(actor=None, award=make(index)), checked_model=AwardRecord,
        monkeypatch=monkeypatch,
    )  # fmt: skip
    monkeypatch.undo()
    assert_one_effect(results, errors, make)
    assert AwardRecord.objects.filter(staff=staff).count() == 1


def test_recording_the_first_evaluation_of_a_person(school, monkeypatch):
    person, year = StaffFactory(school=school), SchoolYearFactory(school=school)

    def make():
        return AnnualEvaluation(school=school, staff=person, school_year=year, rating=Rating.GOOD)

    results, errors = race(
        lambda _: award_services.save_evaluation(actor=None, evaluation=make(), absences=[]),
        checked_model=AnnualEvaluation, monkeypatch=monkeypatch,
    )  # fmt: skip
    monkeypatch.undo()
    assert_one_effect(results, errors, make)
    assert AnnualEvaluation.objects.filter(staff=person).count() == 1


def test_registering_twice_at_once(school):
    year = SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2099, 12, 31))
    person, ldtt = StaffFactory(school=school, with_user=True), title("LDTT")

    def register(_):
        return award_services.register(actor=person.user, school_year=year, title=ldtt, staff=person)

    results, errors = race(register)
    assert len(results) == 1, errors
    assert all(isinstance(error, ValidationError) for error in errors), errors
    # whichever check a racer meets (clean() or the constraint), the same first-come message
    assert {tuple(error.messages) for error in errors} == {(f"{person} đã đăng ký “{ldtt}” năm học {year}.",)}
    assert Registration.objects.filter(staff=person, title=ldtt).count() == 1


def test_issuing_the_same_draft_twice_at_once(school):
    draft = OfficialDocumentFactory(issuer=IssuerFactory(school=school))

    def issue(_):
        return document_services.issue_document(actor=None, document=draft, issued_on=date(2023, 3, 1))

    results, errors = race(issue)
    assert len(results) == 1 and len(errors) == CLIENTS - 1
    assert all(isinstance(error, ValidationError) for error in errors), errors
    assert list(OfficialDocument.objects.filter(pk=draft.pk).values_list("number", flat=True)) == [1]


def test_approving_the_same_change_twice_at_once(school):
    principal = StaffFactory(school=school, role="principal", with_user=True)
    change = RegistrationChangeFactory(
        school_year=SchoolYearFactory(school=school), staff=StaffFactory(school=school), reason="Có sáng kiến."
    )

    def approve(_):
        return award_services.approve_change(actor=principal.user, change=change, note="Đồng ý.")

    results, errors = race(approve)
    assert len(results) == 1 and len(errors) == CLIENTS - 1
    assert all(isinstance(error, ValidationError) for error in errors), errors
    assert RegistrationChange.objects.get(pk=change.pk).status == ChangeStatus.APPROVED
    assert Registration.objects.filter(staff=change.staff, title=change.title).count() == 1
