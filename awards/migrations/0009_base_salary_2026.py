"""The base salary of 2,530,000 đ from 01/07/2026 (Nghị định 161/2026/NĐ-CP).

A data row like the others of 0002: an administrator corrects it in the app if the figure or the decree differ.
"""

from datetime import date

from django.db import migrations

AMOUNT, EFFECTIVE_FROM, BASIS = 2_530_000, date(2026, 7, 1), "Nghị định 161/2026/NĐ-CP"


def seed(apps, schema_editor):
    apps.get_model("awards", "BaseSalary").objects.get_or_create(
        effective_from=EFFECTIVE_FROM, defaults={"amount": AMOUNT, "legal_basis": BASIS}
    )


def unseed(apps, schema_editor):
    apps.get_model("awards", "BaseSalary").objects.filter(
        effective_from=EFFECTIVE_FROM, amount=AMOUNT, legal_basis=BASIS
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_nominations_and_team_reviews")]

    operations = [migrations.RunPython(seed, unseed)]
