"""Regime parameters as data: EligibilityRules seeded per regime, read by ``regime_rules``, edited in the admin."""

from dataclasses import fields, replace
from decimal import Decimal

import pytest
from django.urls import reverse

from awards.eligibility import FROM_REGIME, regime_rules
from awards.models import EligibilityRules
from awards.rules import RegimeRules
from tests.awards.test_rules import R2017, R2024, R2025
from thiduakhenthuong.organization.models import LegalRegime


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "expected"), [("2017", R2017), ("2024", R2024), ("2025", R2025)])
def test_seeded_regimes_are_the_ones_the_rules_are_tested_with(code, expected):
    regime = LegalRegime.objects.select_related("eligibility_rules").get(code=code)
    # the regime's own law name is the one printed in its documents
    assert regime_rules(regime) == replace(expected, law_name=regime.law_name)


@pytest.mark.django_db
def test_collective_share_follows_the_law():
    rules = regime_rules(LegalRegime.objects.get(code="2024"))
    assert (rules.collective_ltt_min_ratio, rules.collective_ltt_ratio_strict) == (Decimal("0.5"), True)
    assert rules.excellent_collective_ltt_min_ratio == Decimal("0.7")
    assert rules.cite("TTLDTT") == "Luật Thi đua, khen thưởng 2022, Điều 28"


def test_every_rule_parameter_is_a_column():
    columns = {f.name for f in EligibilityRules._meta.get_fields()}
    parameters = {spec.name for spec in fields(RegimeRules)} - set(FROM_REGIME)
    assert parameters <= columns, parameters - columns
    assert set(FROM_REGIME) <= {f.name for f in LegalRegime._meta.get_fields()}


@pytest.mark.django_db
def test_eligibility_figures_live_only_in_awards():
    names = {f.name for f in LegalRegime._meta.get_fields()}
    assert not names & {"min_service_months", "cstdcs_cap_ratio", "collective_ltt_min_ratio", "female_preference_ratio"}
    assert {"disclosure_working_days", "reward_rounding_step"} <= names


@pytest.mark.django_db
def test_a_regime_without_figures_is_reported():
    regime = LegalRegime.objects.get(code="2025")
    EligibilityRules.objects.filter(regime=regime).delete()
    with pytest.raises(LookupError, match="Chưa có tiêu chuẩn xét danh hiệu"):
        regime_rules(LegalRegime.objects.get(pk=regime.pk))


@pytest.mark.django_db
def test_an_edit_changes_the_rules():
    row = EligibilityRules.objects.get(regime__code="2024")
    row.min_service_months = 12
    row.working_time_absence_kinds = ["maternity"]
    row.law_articles = {**row.law_articles, "LDTT": "Điều 99"}
    row.full_clean()
    row.save()
    rules = regime_rules(LegalRegime.objects.get(code="2024"))
    assert rules.min_service_months == 12
    assert rules.working_time_absence_kinds == frozenset({"maternity"})
    assert rules.cite("LDTT").endswith("Điều 99")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("working_time_absence_kinds", ["holiday"], "Chỉ chọn các loại nghỉ"),
        ("law_articles", {"XYZ": "Điều 1"}, "Mỗi khóa là một mã"),
        ("law_articles", {"LDTT": ""}, "Mỗi khóa là một mã"),
        ("collective_ltt_min_ratio", Decimal("1.5"), "1"),
    ],
)
def test_invalid_figures_are_refused(field, value, message):
    row = EligibilityRules.objects.get(regime__code="2024")
    setattr(row, field, value)
    with pytest.raises(Exception, match=message):
        row.full_clean()


@pytest.mark.django_db
def test_admin_edits_the_figures(admin_client):
    row = EligibilityRules.objects.get(regime__code="2017")
    url = reverse("admin:awards_eligibilityrules_change", args=[row.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Chiến sĩ thi đua" in page.content.decode()
    data = {
        f.name: getattr(row, f.name)
        for f in EligibilityRules._meta.concrete_fields
        if f.name not in ("id", "regime", "working_time_absence_kinds", "law_articles", "cstdcs_cap_ratio")
    }
    data.update(
        regime=row.regime_id,
        cstdcs_cap_ratio="0.200",
        law_articles='{"LDTT": "Điều 24"}',
        working_time_absence_kinds=["maternity", "duty_injury"],
        min_service_months=9,
    )
    data = {k: v for k, v in data.items() if v is not False}  # an unchecked box is not sent
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    rules = regime_rules(LegalRegime.objects.get(code="2017"))
    assert (rules.min_service_months, rules.cstdcs_cap_ratio) == (9, Decimal("0.2"))
    assert rules.working_time_absence_kinds == frozenset({"maternity", "duty_injury"})
    assert rules.cstdcs_excellent_rating_suffices is False
