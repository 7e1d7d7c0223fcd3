"""Seed the catalog of titles and forms of commendation, their rules per legal regime, and the base salary.

All of it stays editable by the administrator. Figures and their sources:
- Conferring levels: Luật Thi đua, khen thưởng Điều 80; for a public primary school under a district, staff
  titles, Tập thể lao động tiên tiến and Giấy khen were conferred by the district chairman until 30/06/2025 and
  by the commune chairman from 01/07/2025 (Nghị định 129/2025 Điều 59); the school head's Giấy khen is for pupils.
- Secret ballot thresholds (against the council's total membership): Nghị định 98/2023 Điều 30 khoản 7, 80% for
  Chiến sĩ thi đua cơ sở and 90% for cấp tỉnh and above; kept for regime 2025. The 2017 regime's own figures could
  not be checked here: the same figures are seeded and an administrator can correct them.
- Reward multiples: Nghị định 91/2017 Điều 70–72, 98/2023 Điều 55–56 (collectives twice the individual amount).
- Base salary: Nghị định 47/2017, 72/2018, 38/2019, 24/2023, 73/2024.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

D = Decimal
# code, scope, kind, level, name, sort order
TITLES = [
    ("LDTT", "individual", "title", "school", "Lao động tiên tiến", 10),
    ("CSTDCS", "individual", "title", "school", "Chiến sĩ thi đua cơ sở", 20),
    ("CSTDT", "individual", "title", "province", "Chiến sĩ thi đua cấp tỉnh", 30),
    ("CSTDTQ", "individual", "title", "national", "Chiến sĩ thi đua toàn quốc", 40),
    ("TTLDTT", "collective", "title", "school", "Tập thể lao động tiên tiến", 50),
    ("TTLDXS", "collective", "title", "province", "Tập thể lao động xuất sắc", 60),
    ("CTD", "collective", "title", "province", "Cờ thi đua cấp tỉnh", 70),
    ("GK", "individual", "commendation", "local", "Giấy khen", 80),
    ("GK", "collective", "commendation", "local", "Giấy khen", 81),
    ("GK", "pupil", "commendation", "school", "Giấy khen", 82),
    ("BKTP", "individual", "commendation", "province", "Bằng khen của Chủ tịch UBND thành phố", 90),
    ("BKTP", "collective", "commendation", "province", "Bằng khen của Chủ tịch UBND thành phố", 91),
    ("BKTTG", "individual", "commendation", "national", "Bằng khen của Thủ tướng Chính phủ", 100),
    ("BKTTG", "collective", "commendation", "national", "Bằng khen của Thủ tướng Chính phủ", 101),
    ("HCLD3", "individual", "commendation", "national", "Huân chương Lao động hạng Ba", 110),
    ("HCLD3", "collective", "commendation", "national", "Huân chương Lao động hạng Ba", 111),
]

# The local authority: the district until 30/06/2025, the commune from 01/07/2025.
LOCAL = {"2017": "district", "2024": "district", "2025": "commune"}
# (code, scope): conferring level (None: the local authority), secret ballot, threshold, reward multiple
RULES = {
    ("LDTT", "individual"): (None, False, None, D("0.3")),
    ("CSTDCS", "individual"): (None, True, D("0.80"), D("1.0")),
    ("CSTDT", "individual"): ("province", True, D("0.90"), D("3.0")),
    ("CSTDTQ", "individual"): ("government", True, D("0.90"), D("4.5")),
    ("TTLDTT", "collective"): (None, False, None, D("0.8")),
    ("TTLDXS", "collective"): ("province", False, None, D("1.5")),
    ("CTD", "collective"): ("province", True, None, D("8.0")),
    ("GK", "individual"): (None, False, None, D("0.3")),
    ("GK", "collective"): (None, False, None, D("0.6")),
    ("GK", "pupil"): ("school", False, None, None),
    ("BKTP", "individual"): ("province", False, None, D("1.0")),
    ("BKTP", "collective"): ("province", False, None, D("2.0")),
    ("BKTTG", "individual"): ("government", False, None, D("1.5")),
    ("BKTTG", "collective"): ("government", False, None, D("3.0")),
    ("HCLD3", "individual"): ("state", False, None, D("4.5")),
    ("HCLD3", "collective"): ("state", False, None, D("9.0")),
}
SOURCES = {
    "2017": "Luật Thi đua, khen thưởng 2003; Nghị định 91/2017/NĐ-CP",
    "2024": "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP",
    "2025": "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP; Nghị định 129/2025/NĐ-CP",
}
BASE_SALARIES = [
    (1_300_000, date(2017, 7, 1), "Nghị định 47/2017/NĐ-CP"),
    (1_390_000, date(2018, 7, 1), "Nghị định 72/2018/NĐ-CP"),
    (1_490_000, date(2019, 7, 1), "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, date(2023, 7, 1), "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP"),
]


def seed(apps, schema_editor):
    Title = apps.get_model("awards", "Title")
    TitleRule = apps.get_model("awards", "TitleRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    LegalRegime = apps.get_model("organization", "LegalRegime")
    for code, scope, kind, level, name, order in TITLES:
        title, _ = Title.objects.update_or_create(
            code=code, scope=scope, defaults={"kind": kind, "level": level, "name": name, "sort_order": order}
        )
        conferring, ballot, threshold, multiple = RULES[(code, scope)]
        for regime in LegalRegime.objects.filter(code__in=LOCAL):
            TitleRule.objects.update_or_create(
                title=title,
                regime=regime,
                defaults={
                    "conferring_level": conferring or LOCAL[regime.code],
                    "secret_ballot": ballot,
                    "approval_threshold": threshold,
                    "reward_multiple": multiple,
                    "legal_basis": SOURCES[regime.code],
                },
            )
    for amount, effective_from, basis in BASE_SALARIES:
        BaseSalary.objects.update_or_create(
            effective_from=effective_from, defaults={"amount": amount, "legal_basis": basis}
        )


def unseed(apps, schema_editor):
    apps.get_model("awards", "TitleRule").objects.all().delete()
    apps.get_model("awards", "Title").objects.filter(code__in={row[0] for row in TITLES}).delete()
    apps.get_model("awards", "BaseSalary").objects.filter(effective_from__in=[row[1] for row in BASE_SALARIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("organization", "0002_seed_regimes")]
    operations = [migrations.RunPython(seed, unseed)]
