"""Queries compiled once and run with other ids and days give what the ORM gives, and refuse what they cannot bind."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from tests.factories import SchoolFactory, StaffFactory
from thiduakhenthuong.core.compiled import CompiledQuery, ask_together
from thiduakhenthuong.core.models import Notification
from thiduakhenthuong.organization.models import Staff

WITHOUT_ACCOUNT = CompiledQuery(lambda school, on: Staff.objects.filter(school=school, user__isnull=True).active(on))


@pytest.fixture
def two_schools(db):
    first, second = SchoolFactory(), SchoolFactory()
    StaffFactory.create_batch(3, school=first, user=None)
    StaffFactory(school=first, user=None, left_on=date(2024, 6, 30))
    StaffFactory(school=second, user=None)
    return first, second


def test_counts_and_existence_are_the_orms_for_each_school_and_day(two_schools, django_assert_num_queries):
    first, second = two_schools
    for school in (first, second):
        for day in (date(2024, 6, 1), date(2025, 1, 1)):
            expected = Staff.objects.filter(school=school, user__isnull=True).active(day)
            count, exists = expected.count(), expected.exists()
            with django_assert_num_queries(2):  # still a query each: only compiling them is saved
                assert WITHOUT_ACCOUNT.count(school=school.pk, on=day) == count
                assert WITHOUT_ACCOUNT.exists(school=school.pk, on=day) is exists
    assert WITHOUT_ACCOUNT.count(school=first.pk, on=date(2025, 1, 1)) == 3  # the one who left is not counted
    assert not WITHOUT_ACCOUNT.exists(school=second.pk + first.pk, on=date(2025, 1, 1))


def test_rows_are_the_values_list_rows(two_schools):
    first, _ = two_schools
    names = CompiledQuery(
        lambda school: Staff.objects.filter(school=school).order_by("pk").values_list("pk", "full_name", "left_on")
    )
    expected = list(Staff.objects.filter(school=first).order_by("pk").values_list("pk", "full_name", "left_on"))
    assert names.rows(school=first.pk) == expected
    assert expected[-1][2] == date(2024, 6, 30)  # a day comes back as a day


@pytest.mark.parametrize("value", [None, True, "1", 1.0, timezone.now()])
def test_an_argument_is_an_id_or_a_day(db, value):
    with pytest.raises(TypeError):
        WITHOUT_ACCOUNT.count(school=value, on=date.today())


def test_a_query_that_reads_the_clock_is_refused(db):
    """Its SQL would keep the moment it was first compiled."""
    recent = CompiledQuery(lambda school: Staff.objects.filter(school=school, user__date_joined__gte=timezone.now()))
    with pytest.raises(ImproperlyConfigured):
        recent.count(school=1)


def test_a_query_whose_sql_changes_with_its_arguments_is_refused(db):
    first_ones = CompiledQuery(lambda school: Staff.objects.filter(pk__in=range(school % 5)))
    with pytest.raises(ImproperlyConfigured):
        first_ones.count(school=1)


def test_an_argument_the_query_does_not_use_is_refused(db):
    everyone = CompiledQuery(lambda school, on: Staff.objects.filter(school=school))
    with pytest.raises(ImproperlyConfigured):
        everyone.count(school=1, on=date.today() - timedelta(days=1))


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Prepared statements are PostgreSQL's.")
def test_on_postgresql_a_compiled_query_is_prepared_and_the_orms_queries_are_not(two_schools):
    """After the connection's threshold of runs PostgreSQL keeps the compiled query's plan (its parsing and planning
    were most of what the dashboard's counts cost the server); the ORM's queries stay client-bound."""
    first, second = two_schools
    runs = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"] + 1
    for _ in range(runs):
        list(Staff.objects.filter(school=first).values_list("full_name"))
        assert WITHOUT_ACCOUNT.count(school=first.pk, on=date(2025, 1, 1)) == 3
    prepared = _prepared_statements()
    assert [s for s in prepared if s.startswith("SELECT COUNT(*) FROM (") and '"organization_staff"' in s]
    assert not [s for s in prepared if s.startswith('SELECT "organization_staff"."full_name"')]
    # a prepared statement still answers for other ids and days
    assert WITHOUT_ACCOUNT.count(school=second.pk, on=date(2025, 1, 1)) == 1
    assert WITHOUT_ACCOUNT.count(school=first.pk, on=date(2024, 6, 1)) == 4


LATEST_FIRST = CompiledQuery(
    lambda school: Staff.objects.filter(school=school).order_by("-pk").values_list("pk", "full_name", "left_on")
)


def test_questions_asked_together_get_the_answers_asked_one_by_one(two_schools, django_assert_num_queries):
    """Counts, existence and rows (days and text among them, in the query's order), with questions not asked left
    as None; on PostgreSQL in one query, on SQLite one by one (in process, nothing to save)."""
    first, second = two_schools
    day = date(2025, 1, 1)
    questions = [
        WITHOUT_ACCOUNT.question("count", school=first.pk, on=day),
        None,
        WITHOUT_ACCOUNT.question("exists", school=second.pk, on=day),
        LATEST_FIRST.question("rows", school=first.pk),
        WITHOUT_ACCOUNT.question("exists", school=first.pk + second.pk, on=day),
        LATEST_FIRST.question("rows", school=first.pk + second.pk),
    ]
    expected = [None if question is None else question.answer() for question in questions]
    assert expected[0] == 3 and expected[2] is True and expected[4] is False and expected[5] == []
    pks, days = [row[0] for row in expected[3]], {row[2] for row in expected[3]}
    assert pks == sorted(pks, reverse=True) and days == {None, date(2024, 6, 30)}
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 5):
        answers = ask_together(questions)
    assert answers == expected
    assert ask_together([None, None]) == [None, None]


def test_rows_that_json_would_change_are_refused(db):
    """A list of rows travels as JSON when asked together: a moment or a decimal would not come back the same."""
    joined = CompiledQuery(lambda school: Staff.objects.filter(school=school).values_list("user__date_joined"))
    with pytest.raises(ImproperlyConfigured):
        joined.rows(school=1)


def test_rows_ordered_by_a_column_they_do_not_select_are_refused(db):
    """The ORM selects that column too and cuts it off its rows; a compiled query's rows would keep it."""
    names = CompiledQuery(
        lambda school: Staff.objects.filter(school=school).order_by("left_on").values_list("full_name").distinct()
    )
    with pytest.raises(ImproperlyConfigured):
        names.rows(school=1)


def test_a_broken_transaction_is_refused_and_a_driver_error_is_djangos(two_schools):
    """Whether or not queries are logged (on SQLite they run on the driver's cursor when they are not), a question
    is refused in a transaction that has failed, and what the database refuses is Django's ``DatabaseError``."""
    first, _ = two_schools
    counted = WITHOUT_ACCOUNT.question("count", school=first.pk, on=date(2025, 1, 1))
    unread = CompiledQuery(lambda user: Notification.objects.filter(recipient=user, read_at__isnull=True))
    assert ask_together([counted, unread.question("exists", user=1)]) == [3, False]
    with transaction.atomic():
        transaction.set_rollback(True)
        with pytest.raises(TransactionManagementError):
            ask_together([counted])
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {Notification._meta.db_table}")  # undone with the transaction
        with pytest.raises(DatabaseError):
            unread.count(user=1)
        transaction.set_rollback(True)
    assert unread.count(user=1) == 0
