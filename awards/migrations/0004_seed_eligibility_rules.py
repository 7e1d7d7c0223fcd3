"""Seed the eligibility rules of each legal regime (every parameter ``awards.rules.RegimeRules`` reads).

The five figures that lived on ``organization.LegalRegime`` (minimum service, CSTĐCS by excellent rating, the
CSTĐCS cap, the share of LĐTT in a Tập thể lao động tiên tiến, the women's share for the tie-break) are copied
from it, so that an administrator's edits survive; the other parameters are seeded with the law's figures.

One correction: LegalRegime was seeded with 70 % for Tập thể lao động tiên tiến (the figure of domain.md). The
law says "có trên 50% cá nhân trong tập thể đạt danh hiệu Lao động tiên tiến" (Luật 2003 Điều 28, kept by Luật
2022 Điều 28); 70 % "ít nhất" is the figure of Tập thể lao động xuất sắc (Điều 27). Where the old seeded 0,700
is still there it becomes 0,500 "trên"; a value an administrator changed is copied as it is.

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
OLD_SEEDED_COLLECTIVE_RATIO = D("0.700")

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
        "law_articles": LAW_2003_ARTICLES,
        "ltt_detail_source": "Nghị định 91/2017/NĐ-CP, Điều 10",
        "working_time_source": "Thông tư 12/2019/TT-BNV",
        "cstdcs_cap_source": "Nghị định 91/2017/NĐ-CP, Điều 9",
        "general_conditions_source": "Nghị định 91/2017/NĐ-CP",
    },
    "2024": {},
    "2025": {
        "working_time_source": "Nghị định 152/2025/NĐ-CP, Điều 4",
        "general_conditions_source": "Nghị định 152/2025/NĐ-CP, Điều 4",
    },
}


def _copied(regime) -> dict:
    """The five figures as the regime holds them now (see the module docstring for the one correction)."""
    values = {
        "min_service_months": regime.min_service_months,
        "cstdcs_excellent_rating_suffices": regime.cstdcs_excellent_rating_suffices,
        "cstdcs_cap_ratio": regime.cstdcs_cap_ratio,
        "collective_female_preference_ratio": regime.female_preference_ratio,
    }
    if regime.collective_ltt_min_ratio != OLD_SEEDED_COLLECTIVE_RATIO:
        values["collective_ltt_min_ratio"] = regime.collective_ltt_min_ratio
    return values


def seed(apps, schema_editor):
    LegalRegime = apps.get_model("organization", "LegalRegime")
    EligibilityRules = apps.get_model("awards", "EligibilityRules")
    for regime in LegalRegime.objects.all():
        values = {**COMMON, **BY_REGIME.get(regime.code, {}), **_copied(regime)}
        EligibilityRules.objects.update_or_create(regime=regime, defaults=values)


def unseed(apps, schema_editor):
    """Back to the regime's own columns (restored by reversing organization.0003 first)."""
    LegalRegime = apps.get_model("organization", "LegalRegime")
    for rules in apps.get_model("awards", "EligibilityRules").objects.select_related("regime"):
        LegalRegime.objects.filter(pk=rules.regime_id).update(
            min_service_months=rules.min_service_months,
            cstdcs_excellent_rating_suffices=rules.cstdcs_excellent_rating_suffices,
            cstdcs_cap_ratio=rules.cstdcs_cap_ratio,
            collective_ltt_min_ratio=rules.collective_ltt_min_ratio,
            female_preference_ratio=rules.collective_female_preference_ratio,
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_eligibilityrules"), ("organization", "0002_seed_regimes")]
    operations = [migrations.RunPython(seed, unseed)]
