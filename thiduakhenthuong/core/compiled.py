"""Small queries compiled to SQL once per process, then run with other ids and dates: the dashboard's questions.

Django turns a queryset into SQL each time it runs. For the dozen small counts the dashboard asks on every visit,
that costs about ten times what running them does (bench/pages.py; ~0.9 ms against ~0.09 ms a count on the
development machine), and it is most of what the busiest page costs. A ``CompiledQuery`` wraps a function that
builds the queryset from named arguments; the first call builds it with stand-in values, compiles it and remembers
which SQL parameters are which argument; later calls bind the values to the same SQL (SQLAlchemy's "baked queries").

On PostgreSQL (psycopg 3) it goes one step further: the statement is run through a server-binding cursor, so the
connection prepares it on the server once it has run ``prepare_threshold`` times (settings.DATABASES) and its later
runs skip PostgreSQL's parsing and planning, which cost the dashboard's counts far more than running them did
(~9 ms of the server's time a visit, against ~2 ms prepared). The ORM's own queries stay client-bound.

The function's arguments are the only things that may vary between calls: ids (ints) and days (``date``), never
None (a null changes the SQL itself: ``IS NULL``), and it reads no clock (pass today as an argument). It is built
twice with different stand-ins when first compiled, and a query whose SQL depends on anything else is refused.

Questions asked one after the other still cost a round trip each to PostgreSQL (~80 µs of the two processes' CPU
against ~6 µs inside one statement), so a page that asks many of them at once asks them together:
``ask_together([query.question("count", school=1), ...])`` runs them there as the columns of one SELECT (each a
scalar subquery; a list of rows comes back as a JSON array) and gives each answer as its own call would. SQLite,
in process, has no round trip to save: there they are asked one by one.
"""

import datetime
import json
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg 3, the project's driver
from django.db.backends.sqlite3.base import SQLiteCursorWrapper
from django.db.models import DateField, DateTimeField, DecimalField, FloatField, QuerySet

#: Stand-ins no row carries: ids beyond any table's, days a thousand years before the school's records.
_ID = 8_999_000_001
_DAY = datetime.date(1001, 1, 1)


KINDS = ("count", "exists", "rows")


@dataclass(frozen=True)
class _Statement:
    alias: str
    sql: str
    #: One per SQL parameter: (argument name, None) or (None, the constant the ORM put there).
    slots: tuple
    #: A rows statement's columns: what turns each JSON value back into what the driver gives (None: as it is).
    columns: tuple = ()

    def params(self, connection, arguments: dict) -> list:
        return [constant if name is None else _adapt(connection, arguments[name]) for name, constant in self.slots]


class CompiledQuery:
    """``build(**arguments) -> QuerySet``, compiled once per process; ``count``, ``exists`` or ``rows`` runs it,
    ``question`` asks it later together with others (``ask_together``)."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._statements: dict[tuple, _Statement] = {}

    def count(self, **arguments) -> int:
        """How many rows the queryset has (``QuerySet.count``)."""
        return self._answer("count", arguments)

    def exists(self, **arguments) -> bool:
        """Whether the queryset has a row (``QuerySet.exists``)."""
        return self._answer("exists", arguments)

    def rows(self, **arguments) -> list[tuple]:
        """The rows of a ``values_list`` queryset of plain columns (ids, text, numbers, days; no datetimes, which
        the databases return differently)."""
        return self._answer("rows", arguments)

    def question(self, kind: str, **arguments) -> "Question":
        """The ``count``, ``exists`` or ``rows`` of the query with these arguments, to ask with ``ask_together``."""
        if kind not in KINDS:
            raise ValueError(f"A compiled query answers {KINDS}, not {kind!r}.")
        return Question(self, kind, arguments)

    def _answer(self, kind: str, arguments: dict, cursor=None):
        """Run on ``cursor`` (one of the statement's database), or on a cursor of its own."""
        statement = self._statement(kind, arguments)
        if cursor is None:
            with _cursor(connections[statement.alias]) as cursor:
                return _run(statement, kind, arguments, cursor)
        return _run(statement, kind, arguments, cursor)

    def _statement(self, kind: str, arguments: dict) -> _Statement:
        key = _key_of(kind, arguments)
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = self._compile(kind, arguments)
        return statement

    def _compile(self, kind: str, arguments: dict) -> _Statement:
        """Compiled twice with different stand-ins: the SQL and every parameter that is not an argument's must be
        the same both times, and each argument must be found among the parameters."""
        (alias, sql, params, stand_ins, columns), (_, other_sql, other_params, others, _) = (
            self._with_stand_ins(kind, arguments, offset) for offset in (0, 1000)
        )
        if sql != other_sql or len(params) != len(other_params):
            raise ImproperlyConfigured(f"{self.build!r}: its SQL changes with its arguments' values.")
        slots = []
        for param, other in zip(params, other_params, strict=True):
            name = next((n for n in arguments if param == stand_ins[n] and other == others[n]), None)
            if name is None and param != other:
                raise ImproperlyConfigured(f"{self.build!r}: its SQL depends on more than its arguments.")
            slots.append((name, None if name else param))
        missing = set(arguments) - {name for name, _ in slots}
        if missing:
            raise ImproperlyConfigured(f"{self.build!r}: arguments {sorted(missing)} do not reach its SQL.")
        return _Statement(alias, sql, tuple(slots), columns)

    def _with_stand_ins(self, kind: str, arguments: dict, offset: int):
        """The SQL and parameters of the queryset built with stand-ins, and each stand-in as a parameter."""
        values = {name: _stand_in(value, offset + i) for i, (name, value) in enumerate(sorted(arguments.items()))}
        queryset = self.build(**values)
        alias = queryset.db
        connection = connections[alias]
        columns = ()
        if kind == "count":
            inner, params = queryset.order_by().query.get_compiler(alias).as_sql()
            sql = f"SELECT COUNT(*) FROM ({inner}) counted"
        elif kind == "exists":
            sql, params = queryset.query.exists().get_compiler(alias).as_sql()
        else:
            compiler = queryset.query.get_compiler(alias)
            sql, params = compiler.as_sql()
            if compiler.has_extra_select:  # the ORM would cut the rows to the selected columns; a cursor does not
                raise ImproperlyConfigured(
                    f"{self.build!r}: it selects columns for its ordering; order by selected ones."
                )
            columns = tuple(self._column(expression.output_field) for expression, _, _ in compiler.select)
        return alias, sql, list(params), {name: _adapt(connection, value) for name, value in values.items()}, columns

    def _column(self, field):
        """How a column's value comes back from JSON: a day from its ISO text; ids, numbers, text and yes/no as
        they are. Datetimes and decimals are refused (JSON would change them)."""
        if isinstance(field, DateTimeField | DecimalField | FloatField):
            raise ImproperlyConfigured(f"{self.build!r}: a compiled query's rows hold no {type(field).__name__}.")
        return datetime.date.fromisoformat if isinstance(field, DateField) else None


@dataclass(frozen=True, eq=False)
class Question:
    """One compiled query's count, existence or rows with its arguments, asked by ``ask_together``."""

    query: CompiledQuery
    kind: str
    arguments: dict

    def answer(self, cursor=None):
        """Asked on its own (on ``cursor`` if given)."""
        return self.query._answer(self.kind, self.arguments, cursor)


def ask_together(questions: Sequence[Question | None]) -> list:
    """The answer to each question (None for a None: a question not asked), as ``count``, ``exists`` and ``rows``
    give it; on PostgreSQL from one query: the columns of one SELECT, each a scalar subquery.

    The combined statement is built once per process for each sequence of questions (the kinds of arguments, not
    their values, make it), so on PostgreSQL it is prepared like any compiled query.
    """
    asked = [question for question in questions if question is not None]
    if not asked:
        return [None] * len(questions)
    statements = [question.query._statement(question.kind, question.arguments) for question in asked]
    alias = statements[0].alias
    if any(statement.alias != alias for statement in statements):
        raise ImproperlyConfigured("Questions asked together are asked of one database.")
    connection = connections[alias]
    if connection.vendor != "postgresql":
        # no round trip to save in process, and SQLite ran the dashboard's twenty questions as one statement three
        # times slower than one by one (500 µs against 164 µs, docs/foundation.md)
        statements = iter(statements)
        with _cursor(connection) as cursor:  # one for all: a cursor costs about what a count does
            return [
                None if question is None else _run(next(statements), question.kind, question.arguments, cursor)
                for question in questions
            ]
    key = (alias, *((q.query, _key_of(q.kind, q.arguments)) for q in asked))
    sql = _TOGETHER.get(key)
    if sql is None:
        sql = _TOGETHER[key] = "SELECT " + ", ".join(
            _as_column(question.kind, statement) for question, statement in zip(asked, statements, strict=True)
        )
    params = [
        param
        for question, statement in zip(asked, statements, strict=True)
        for param in statement.params(connection, question.arguments)
    ]
    with _cursor(connection) as cursor:
        cursor.execute(sql, params)
        return _answers(questions, statements, cursor.fetchone())


#: The combined statements, by their questions (database, then each query and the kinds of its arguments).
_TOGETHER: dict[tuple, str] = {}


def _run(statement: _Statement, kind: str, arguments: dict, cursor):
    cursor.execute(statement.sql, statement.params(connections[statement.alias], arguments))
    rows = cursor.fetchall()
    return rows[0][0] if kind == "count" else bool(rows) if kind == "exists" else rows


def _answers(questions, statements, values) -> list:
    """Each question's answer (None where none was asked) from the combined row's ``values``, which follow the
    asked questions' ``statements``."""
    statements, values = iter(statements), iter(values)
    answers = []
    for question in questions:
        if question is None:
            answers.append(None)
            continue
        statement, value = next(statements), next(values)
        if question.kind == "count":
            answers.append(value)
        elif question.kind == "exists":
            answers.append(bool(value))
        else:
            answers.append([_row(statement.columns, row) for row in json.loads(value)])
    return answers


def _row(columns: tuple, values: list) -> tuple:
    return tuple(
        value if convert is None or value is None else convert(value)
        for convert, value in zip(columns, values, strict=True)
    )


def _as_column(kind: str, statement: _Statement) -> str:
    """The statement as one column of PostgreSQL's combined SELECT: a count, a yes/no, or its rows as JSON text."""
    if kind == "count":
        return f"({statement.sql})"
    if kind == "exists":
        return f"EXISTS ({statement.sql})"
    names = ", ".join(f"c{i}" for i in range(len(statement.columns)))
    rows = f"COALESCE(json_agg(json_build_array({names})), '[]')::text"
    # in the subquery's order: the aggregate reads the ordered rows with nothing in between (no join, no grouping)
    return f"(WITH r({names}) AS ({statement.sql}) SELECT {rows} FROM r)"


def _cursor(connection):
    """A cursor for compiled statements; they go through Django's cursor wrapper (counted and logged like any other
    query) whenever queries are logged.

    - PostgreSQL: a server-binding cursor, which the connection may prepare.
    - SQLite: Django's SQLite cursor, which turns each statement's placeholders into SQLite's once (not on every
      run). When queries are not logged, the statements run on it directly: Django's wrapper around each of them
      cost more than SQLite took to run it (the dashboard's twenty counts: 0.52 ms through the wrapper, 0.22 ms
      without, bench/pages.py), so what the wrapper does for each (refuse a broken transaction, translate the
      driver's errors into Django's) is done once, around them all.
    """
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.vendor == "postgresql":
        cursor = ServerBindingCursor(connection.connection)
    else:
        cursor = connection.connection.cursor(factory=_SQLiteCursor)
        if not connection.queries_logged:
            return _unwrapped(connection, cursor)
    return connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)


@contextmanager
def _unwrapped(connection, cursor):
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        try:
            yield cursor
        finally:
            cursor.close()


class _SQLiteCursor(SQLiteCursorWrapper):
    """Django's SQLite cursor, converting each compiled statement's placeholders once per process."""

    def convert_query(self, query, *, param_names=None):
        if param_names is not None:  # named parameters: compiled statements have none
            return super().convert_query(query, param_names=param_names)
        converted = _SQLITE_SQL.get(query)
        if converted is None:
            converted = _SQLITE_SQL[query] = super().convert_query(query, param_names=param_names)
        return converted


#: Compiled statements in SQLite's placeholder style, by their SQL in Django's.
_SQLITE_SQL: dict[str, str] = {}


def _key_of(kind: str, arguments: dict) -> tuple:
    return (kind, *sorted((name, _kind_of(name, value)) for name, value in arguments.items()))


def _kind_of(name: str, value) -> type:
    if isinstance(value, bool | datetime.datetime) or not isinstance(value, int | datetime.date):
        raise TypeError(f"A compiled query's argument {name} is an id or a day, not {value!r}.")
    return datetime.date if isinstance(value, datetime.date) else int


def _stand_in(value, index: int):
    return _DAY + datetime.timedelta(days=index) if isinstance(value, datetime.date) else _ID + index


def _adapt(connection, value):
    return connection.ops.adapt_datefield_value(value) if isinstance(value, datetime.date) else value
