"""The rows the project's data migrations write, written again after a transactional test's flush.

A transactional test (``transactional_db``, ``django_db(transaction=True)``, the live server of the browser tests)
empties every table when it ends, and with them the rows ``migrate`` seeded: the legal regimes, the awards catalog
(titles and their rules), base salaries, eligibility rules. The root conftest calls ``replay()`` before each such
test. A data migration takes part by naming its forward function ``seed(apps, schema_editor)``, written so that
running it again changes nothing; ``tests/test_data_migrations.py`` fails for a project migration that runs other
Python without saying why it needs no replay.
"""

import functools
import sys
from collections.abc import Callable

from django.apps import apps
from django.db.migrations.loader import MigrationLoader


def project_migrations() -> list:
    """The project's own migrations (not Django's or a library's), in the order ``migrate`` applies them."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    ordered = {}
    for leaf in sorted(graph.leaf_nodes()):
        ordered.update(dict.fromkeys(graph.forwards_plan(leaf)))
    return [
        graph.nodes[key]
        for key in ordered
        if "site-packages" not in apps.get_app_config(key[0]).path  # installed apps live in site-packages
    ]


@functools.cache
def seeds() -> tuple[Callable, ...]:
    """Every project migration module's ``seed`` function, in migration order."""
    modules = (sys.modules[type(migration).__module__] for migration in project_migrations())
    return tuple(module.seed for module in modules if callable(getattr(module, "seed", None)))


def replay() -> None:
    """Write the data migrations' rows again (with today's models: each ``seed`` updates or creates)."""
    for seed in seeds():
        seed(apps, None)
