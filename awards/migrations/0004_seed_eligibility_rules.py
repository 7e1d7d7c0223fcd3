"""Seed the eligibility rules of each legal regime (every parameter ``awards.rules.RegimeRules`` reads).

Regime-specific figures: the recruitment bar (10 months under Nghị định 91/2017, 6 months from Thông tư
01/2024/TT-BNV), whether "hoàn thành xuất sắc nhiệm vụ" alone earns CSTĐCS (not under 2017), and the 2017 cap of
CSTĐCS at 15 % of the LĐTT holders. Tập thể lao động tiên tiến needs "trên 50%" of its members LĐTT (Luật 2022
Điều 28, as Luật 2003); domain.md's 70 % "ít nhất" is the figure of Tập thể lao động xuất sắc (Điều 27).

Figures and sources (Luật 2022 and Nghị định 98/2023, 152/2025; Luật 2003 and Nghị định 91/2017 for 2017):
LĐTT needs "hoàn thành tốt nhiệm vụ" and no discipline (khiển trách or heavier) in the year; collectives: no
member disciplined "cảnh cáo" or heavier; CSTĐ cấp tỉnh: 3 consecutive CSTĐCS and an initiative of provincial
effect; CSTĐ toàn quốc: 2 consecutive CSTĐ cấp tỉnh and an initiative of national effect; Bằng khen cấp tỉnh
(individual): 2 consecutive CSTĐCS, or 2 consecutive excellent years with 2 initiatives applied at school level
(collective: 2 consecutive excellent years); Bằng khen Thủ tướng: 5 excellent years after the Bằng khen with 5
initiatives; maternity leave, treatment of a duty injury and assigned training count as working time.
"""

from decimal import Decimal

from django.db import migrations

D = Decimal

LAW_2003_ARTICLES = {
    "CSTDTQ": "Điều 21", "CSTDT": "Điều 22", "CSTDCS": "Điều 23", "LDTT": "Điều 24", "CTD": "Điều 26",
    "TTLDXS": "Điều 27", "TTLDTT": "Điều 28", "BKTTG": "Điều 71", "BKTP": "Điều 72", "GK": "Điều 75",
    "principles": "Điều 6",
}  # fmt: skip
LAW_2022_ARTICLES = {**LAW_2003_ARTICLES, "BKTP": "Điều 74", "principles": "Điều 5"}

#: What is the same in every regime (the 2022 law's figures; the 2003 law had the same ones).
COMMON = {
    "ltt_min_rating": "good",
    "ltt_discipline_min_form": "reprimand",
    "working_time_absence_kinds": ["maternity", "duty_injury", "assigned_training"],
    "cstdcs_initiative_min_scope": "school",
    "cstdt_consecutive_cstdcs": 3,
    "cstdt_initiative_min_scope": "province",
    "cstdtq_consecutive_cstdt": 2,
    "cstdtq_initiative_min_scope": "national",
    "collective_ltt_min_ratio": D("0.500"),
    "collective_ltt_ratio_strict": True,
    "excellent_collective_ltt_min_ratio": D("0.700"),
    "excellent_collective_completed_ratio": D("1.000"),
    "collective_discipline_min_form": "warning",
    "collective_female_preference_ratio": D("0.700"),
    "gk_min_rating": "good",
    "commendation_initiative_min_scope": "school",
    "bktp_consecutive_cstdcs": 2,
    "bktp_consecutive_excellent_years": 2,
    "bktp_initiatives": 2,
    "bktp_collective_excellent_years": 2,
    "bkttg_excellent_years": 5,
    "bkttg_initiatives": 5,
    "school_year_start_month": 9,
    "school_year_start_day": 1,
    "law_articles": LAW_2022_ARTICLES,
    "ltt_detail_source": "Thông tư 01/2024/TT-BNV",
    "working_time_source": "Thông tư 01/2024/TT-BNV",
    "cstdcs_cap_source": "",
    "general_conditions_source": "Nghị định 98/2023/NĐ-CP, Điều 4",
}
BY_REGIME = {
    "2017": {
        "min_service_months": 10,
        "cstdcs_excellent_rating_suffices": False,
        "cstdcs_cap_ratio": D("0.150"),
        "law_articles": LAW_2003_ARTICLES,
        "ltt_detail_source": "Nghị định 91/2017/NĐ-CP, Điều 10",
        "working_time_source": "Thông tư 12/2019/TT-BNV",
        "cstdcs_cap_source": "Nghị định 91/2017/NĐ-CP, Điều 9",
        "general_conditions_source": "Nghị định 91/2017/NĐ-CP",
    },
    "2024": {"min_service_months": 6, "cstdcs_excellent_rating_suffices": True, "cstdcs_cap_ratio": None},
    "2025": {
        "min_service_months": 6,
        "cstdcs_excellent_rating_suffices": True,
        "cstdcs_cap_ratio": None,
        "working_time_source": "Nghị định 152/2025/NĐ-CP, Điều 4",
        "general_conditions_source": "Nghị định 152/2025/NĐ-CP, Điều 4",
    },
}


def seed(apps, schema_editor):
    LegalRegime = apps.get_model("organization", "LegalRegime")
    EligibilityRules = apps.get_model("awards", "EligibilityRules")
    for regime in LegalRegime.objects.all():
        values = {**COMMON, **BY_REGIME[regime.code]}
        EligibilityRules.objects.update_or_create(regime=regime, defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("awards", "EligibilityRules").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_eligibilityrules"), ("organization", "0002_seed_regimes")]
    operations = [migrations.RunPython(seed, unseed)]
