"""The data migrations' rows survive a transactional test's flush (``tests/data_migrations.py``, the root conftest):
after a flush and the replay the database holds what ``migrate`` left, every data migration takes part, and a
transactional test finds the catalog whatever ran before it."""

import sys

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.migrations.operations import RunPython

from awards.models import BaseSalary, EligibilityRules, Title, TitleRule
from tests.data_migrations import project_migrations, replay, seeds
from thiduakhenthuong.organization.models import LegalRegime

#: Project migrations that run Python writing no row a flush would take away, and why.
NOT_REPLAYED = {
    ("core", "0002_audit_vocabulary_and_tasks"): "rewrites the audit rows that exist (none in a test database)",
    ("organization", "0004_person_sort_name"): "fills a column of the people that exist",
    ("campaigns", "0002_date_triggers"): "creates triggers: schema, which a flush keeps",
}


def rows():
    """Every row of every model, without its keys (a flush does not reset them), in a stable order."""
    return {
        model._meta.label: sorted(
            repr(sorted((name, value) for name, value in row.items() if name != "id" and not name.endswith("_id")))
            for row in model.objects.values()
        )
        for model in apps.get_models()
    }


def test_every_migration_that_runs_python_is_replayed_or_says_why_not():
    for migration in project_migrations():
        module = sys.modules[type(migration).__module__]
        code = [op.code for op in migration.operations if isinstance(op, RunPython)]
        if code and (migration.app_label, migration.name) not in NOT_REPLAYED:
            assert code == [getattr(module, "seed", None)], (
                f"{migration.app_label}.{migration.name}: name its forward function seed (written again after a "
                "transactional test's flush, so running it twice must change nothing) or add it to NOT_REPLAYED"
            )
    assert [seed.__module__ for seed in seeds()] == [
        "thiduakhenthuong.organization.migrations.0002_seed_regimes",
        "awards.migrations.0002_seed_catalog",
        "awards.migrations.0004_seed_eligibility_rules",
        "awards.migrations.0007_recipients_beyond_staff",
        "awards.migrations.0009_base_salary_2026",
        "awards.migrations.0016_certificates",
    ]


@pytest.mark.django_db
def test_a_flush_and_the_replay_leave_what_migrate_left():
    migrated = rows()
    assert migrated["awards.Title"] and migrated["organization.LegalRegime"]
    call_command("flush", interactive=False, verbosity=0)  # inside the test's transaction: rolled back after
    assert not Title.objects.exists()
    replay()
    assert rows() == migrated


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_flushes_when_it_ends(school):
    assert Title.objects.filter(code="GK", scope="pupil_group").exists()


def test_the_next_transactional_test_finds_the_catalog_again(transactional_db):
    """Runs after the test above (pytest-django keeps transactional tests in file order), whose flush emptied it."""
    assert Title.objects.filter(code="GK", scope="pupil_group").exists()  # 0007, forgotten by the old hand-kept list
    assert set(Title.objects.filter(certificate=True).values_list("code", flat=True)) == {"CSTDCS", "GK"}
    for model in (LegalRegime, TitleRule, EligibilityRules, BaseSalary):
        assert model.objects.exists(), model
