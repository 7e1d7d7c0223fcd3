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
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.backends.postgresql.base import ServerBindingCursor  # psycopg 3, the project's driver
from django.db.models import QuerySet

#: Stand-ins no row carries: ids beyond any table's, days a thousand years before the school's records.
_ID = 8_999_000_001
_DAY = datetime.date(1001, 1, 1)


class CompiledQuery:
    """``build(**arguments) -> QuerySet``, compiled once per process; ``count``, ``exists`` or ``rows`` runs it."""

    def __init__(self, build: Callable[..., QuerySet]):
        self.build = build
        self._statements: dict[tuple, tuple[str, str, list]] = {}

    def count(self, **arguments) -> int:
        """How many rows the queryset has (``QuerySet.count``)."""
        return self._run("count", arguments)[0][0]

    def exists(self, **arguments) -> bool:
        """Whether the queryset has a row (``QuerySet.exists``)."""
        return bool(self._run("exists", arguments))

    def rows(self, **arguments) -> list[tuple]:
        """The rows of a ``values_list`` queryset of plain columns (ids, text, numbers, days; no datetimes, which
        the databases return differently)."""
        return self._run("rows", arguments)

    def _run(self, kind: str, arguments: dict) -> list[tuple]:
        key = (kind, *sorted((name, _kind_of(name, value)) for name, value in arguments.items()))
        statement = self._statements.get(key)
        if statement is None:
            statement = self._statements[key] = self._compile(kind, arguments)
        alias, sql, slots = statement
        connection = connections[alias]
        params = [constant if name is None else _adapt(connection, arguments[name]) for name, constant in slots]
        with _cursor(connection) as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _compile(self, kind: str, arguments: dict) -> tuple[str, str, list]:
        """Compiled twice with different stand-ins: the SQL and every parameter that is not an argument's must be
        the same both times, and each argument must be found among the parameters."""
        (alias, sql, params, stand_ins), (_, other_sql, other_params, others) = (
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
        return alias, sql, slots

    def _with_stand_ins(self, kind: str, arguments: dict, offset: int):
        """The SQL and parameters of the queryset built with stand-ins, and each stand-in as a parameter."""
        values = {name: _stand_in(value, offset + i) for i, (name, value) in enumerate(sorted(arguments.items()))}
        queryset = self.build(**values)
        alias = queryset.db
        connection = connections[alias]
        if kind == "count":
            inner, params = queryset.order_by().query.get_compiler(alias).as_sql()
            sql = f"SELECT COUNT(*) FROM ({inner}) counted"
        else:
            query = queryset.query.exists() if kind == "exists" else queryset.query
            sql, params = query.get_compiler(alias).as_sql()
        return alias, sql, list(params), {name: _adapt(connection, value) for name, value in values.items()}


def _cursor(connection):
    """The connection's cursor; on PostgreSQL a server-binding one, which the connection may prepare (the queries
    still go through Django's cursor wrapper, so they are counted and logged like any other)."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    cursor = ServerBindingCursor(connection.connection)
    return connection.make_debug_cursor(cursor) if connection.queries_logged else connection.make_cursor(cursor)


def _kind_of(name: str, value) -> type:
    if isinstance(value, bool | datetime.datetime) or not isinstance(value, int | datetime.date):
        raise TypeError(f"A compiled query's argument {name} is an id or a day, not {value!r}.")
    return datetime.date if isinstance(value, datetime.date) else int


def _stand_in(value, index: int):
    return _DAY + datetime.timedelta(days=index) if isinstance(value, datetime.date) else _ID + index


def _adapt(connection, value):
    return connection.ops.adapt_datefield_value(value) if isinstance(value, datetime.date) else value
