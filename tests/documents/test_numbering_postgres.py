"""The number register under concurrency and failure, on PostgreSQL (where row locks are real).

SQLite serialises every write, so these guarantees are only meaningful on PostgreSQL: the tests are skipped on
SQLite and run in the PostgreSQL pass of ``make test`` (DATABASE_URL=postgres://…).
"""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from tests.factories import IssuerFactory, OfficialDocumentFactory, SchoolFactory
from thiduakhenthuong.documents import services
from thiduakhenthuong.documents.models import NumberRegister, OfficialDocument

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks (select_for_update) need PostgreSQL; this runs in the PostgreSQL pass of make test.",
    ),
]

THREADS = 20
DOCUMENTS = 100


def test_twenty_threads_issue_one_hundred_numbers_without_gap_or_duplicate():
    issuer = IssuerFactory(school=SchoolFactory(abbreviation="THCC"))
    drafts = [OfficialDocumentFactory(issuer=issuer) for _ in range(DOCUMENTS)]
    chunks = [drafts[index::THREADS] for index in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def worker(chunk):
        try:
            start.wait()
            for draft in chunk:
                services.issue_document(actor=None, document=draft, issued_on=date(2023, 3, 1))
        except Exception as error:  # reported below: a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(OfficialDocument.objects.filter(issuer=issuer).values_list("number", flat=True))
    assert numbers == list(range(1, DOCUMENTS + 1))
    assert NumberRegister.objects.get(issuer=issuer, year=2023).last_number == DOCUMENTS


def test_first_issues_of_a_year_racing_to_create_the_register_row():
    issuer = IssuerFactory(school=SchoolFactory(abbreviation="THRR"))
    drafts = [OfficialDocumentFactory(issuer=issuer) for _ in range(THREADS)]
    start = threading.Barrier(THREADS)
    errors = []

    def worker(draft):
        try:
            start.wait()
            services.issue_document(actor=None, document=draft, issued_on=date(2025, 1, 2))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert NumberRegister.objects.filter(issuer=issuer, year=2025).count() == 1
    numbers = sorted(OfficialDocument.objects.filter(issuer=issuer).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS + 1))


def test_a_failure_after_the_number_is_taken_leaves_no_gap(monkeypatch):
    issuer = IssuerFactory(school=SchoolFactory(abbreviation="THFF"))
    first, failing, third = (OfficialDocumentFactory(issuer=issuer) for _ in range(3))
    services.issue_document(actor=None, document=first, issued_on=date(2023, 3, 1))

    real_record = services.audit.record

    def broken_record(**kwargs):
        raise RuntimeError("mất kết nối giữa chừng")

    # The audit row is written after the number is taken and the document saved, inside the same transaction.
    monkeypatch.setattr(services.audit, "record", broken_record)
    with pytest.raises(RuntimeError):
        services.issue_document(actor=None, document=failing, issued_on=date(2023, 3, 1))
    monkeypatch.setattr(services.audit, "record", real_record)

    failing.refresh_from_db()
    assert (failing.status, failing.number) == ("draft", None)
    assert NumberRegister.objects.get(issuer=issuer, year=2023).last_number == 1
    assert services.issue_document(actor=None, document=third, issued_on=date(2023, 3, 1)).number == 2
    assert services.issue_document(actor=None, document=failing, issued_on=date(2023, 3, 1)).number == 3
