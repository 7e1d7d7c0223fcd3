"""HTML built in Python for the one place a template costs too much: the rows of the busiest list."""

import html
from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeString, mark_safe


def html_rows(row: str, rows: Iterable[Sequence]) -> SafeString:
    """Every row of ``rows`` put into ``row`` (the code's own markup, with ``str.format`` fields), one per line:
    what ``format_html_join("\\n", row, rows)`` gives, at a quarter of its cost.

    Each value is escaped as Django's templates escape it (``conditional_escape``: a value marked safe is left as it
    is, anything else goes through ``html.escape`` as text), calling the standard library directly. Django's
    ``escape`` wraps that call in a check for lazy translations that costs three times the escape itself, and a
    page of fifty people has four hundred values (bench/pages.py: the staff list's rows cost 1.1 ms through the
    template, 0.8 ms through ``format_html_join``, 0.3 ms here).
    """
    return mark_safe(
        "\n".join(
            row.format(
                *(value.__html__() if hasattr(value, "__html__") else html.escape(str(value)) for value in values)
            )
            for values in rows
        )
    )
