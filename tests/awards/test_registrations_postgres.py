"""Two change requests for the same registration at once, on PostgreSQL (where concurrent transactions are real).

SQLite serialises every write, so the race cannot happen there: this runs in the PostgreSQL pass of ``make test``.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from awards import services
from awards.models import RegistrationChange
from tests.factories import RegistrationPeriodFactory, SchoolYearFactory, title
from thiduakhenthuong.core.models import AuditEntry

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent transactions need PostgreSQL; this runs in the PostgreSQL pass of make test.",
    ),
]


def test_two_requests_at_once_one_passes_the_other_gets_a_vietnamese_error(school, make_staff, monkeypatch):
    year = SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2023, 9, 30))
    person, head = make_staff(), make_staff()
    cstdcs = title("CSTDCS")
    # both requests pass the model's own check before either is saved: the database alone must decide
    both_checked = threading.Barrier(2)
    full_clean = RegistrationChange.full_clean

    def full_clean_then_wait(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        both_checked.wait(timeout=10)

    monkeypatch.setattr(RegistrationChange, "full_clean", full_clean_then_wait)
    results: list[object] = []

    def worker(actor):
        try:
            results.append(
                services.request_change(
                    actor=actor, school_year=year, title=cstdcs, action="add", reason="Có sáng kiến.", staff=person
                )
            )
        except Exception as error:  # kept to be asserted below: a thread's exception would otherwise vanish
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(actor,)) for actor in (person.user, head.user)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    changes = [result for result in results if isinstance(result, RegistrationChange)]
    errors = [result for result in results if not isinstance(result, RegistrationChange)]
    assert len(changes) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert errors[0].messages == ["Đã có một đề nghị thay đổi đăng ký này đang chờ duyệt."]
    assert RegistrationChange.objects.filter(staff=person, status="pending").count() == 1
    assert AuditEntry.objects.filter(action="awards.registration_change.request").count() == 1
