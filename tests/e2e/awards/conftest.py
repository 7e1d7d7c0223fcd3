import importlib

import pytest
from django.apps import apps

# The data migrations that fill the legal regimes and the awards catalog. A browser test runs against a live server,
# so its database is flushed after each test, and with it the rows those migrations wrote; they are written again.
# (serialized_rollback would restore them, but clashes with the content types that a flush re-creates.)
DATA_MIGRATIONS = [
    "thiduakhenthuong.organization.migrations.0002_seed_regimes",
    "awards.migrations.0002_seed_catalog",
    "awards.migrations.0004_seed_eligibility_rules",
    "awards.migrations.0009_base_salary_2026",
    "awards.migrations.0016_certificates",
]


@pytest.fixture(autouse=True)
def catalog(transactional_db):
    """Regimes, titles and their rules, base salaries and eligibility rules, as after ``migrate``."""
    for module in DATA_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
