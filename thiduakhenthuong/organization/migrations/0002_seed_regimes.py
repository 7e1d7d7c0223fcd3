"""Seed the three legal regimes of emulation law (their eligibility parameters are seeded by awards)."""

from datetime import date

from django.db import migrations

REGIMES = [
    {
        "code": "2017",
        "name": "Luật Thi đua, khen thưởng 2003 (sửa đổi) và Nghị định 91/2017/NĐ-CP",
        "law_name": "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2013)",
        "decree_name": "Nghị định 91/2017/NĐ-CP",
        "effective_from": date(2017, 10, 1),
        "effective_to": date(2023, 12, 31),
    },
    {
        "code": "2024",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 98/2023/NĐ-CP",
        "law_name": "Luật Thi đua, khen thưởng 2022",
        "decree_name": "Nghị định 98/2023/NĐ-CP",
        "effective_from": date(2024, 1, 1),
        "effective_to": date(2025, 6, 30),
    },
    {
        "code": "2025",
        "name": "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP",
        "law_name": "Luật Thi đua, khen thưởng 2022",
        "decree_name": "Nghị định 152/2025/NĐ-CP",
        "effective_from": date(2025, 7, 1),
        "effective_to": None,
    },
]
COMMON = {
    "disclosure_working_days": 5,
    "reward_rounding_step": 10000,
}


def seed(apps, schema_editor):
    LegalRegime = apps.get_model("organization", "LegalRegime")
    for regime in REGIMES:
        LegalRegime.objects.update_or_create(code=regime["code"], defaults={**COMMON, **regime})


def unseed(apps, schema_editor):
    apps.get_model("organization", "LegalRegime").objects.filter(code__in=[r["code"] for r in REGIMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("organization", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
