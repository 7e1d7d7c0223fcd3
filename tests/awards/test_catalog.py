from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from awards.models import BaseSalary, Title, TitleKind, TitleRule
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def rule(code, regime, scope="individual"):
    return TitleRule.objects.select_related("regime").get(title__code=code, title__scope=scope, regime__code=regime)


def test_catalog_has_titles_and_commendations_apart():
    kinds = dict(Title.objects.values_list("code", "kind").distinct())
    assert {code for code, kind in kinds.items() if kind == TitleKind.TITLE} == {
        "LDTT", "CSTDCS", "CSTDT", "CSTDTQ", "TTLDTT", "TTLDXS", "CTD",
    }  # fmt: skip
    assert {code for code, kind in kinds.items() if kind == TitleKind.COMMENDATION} == {"GK", "BKTP", "BKTTG", "HCLD3"}
    assert set(Title.objects.filter(code="GK").values_list("scope", flat=True)) == {
        "individual",
        "collective",
        "pupil",
        "pupil_group",
    }


def test_every_title_has_a_rule_per_regime():
    assert TitleRule.objects.count() == Title.objects.count() * 3


def test_conferring_level_moves_from_district_to_commune():
    assert rule("LDTT", "2017").conferring_level == "district"
    assert rule("LDTT", "2024").conferring_level == "district"
    assert rule("LDTT", "2025").conferring_level == "commune"
    assert rule("CSTDCS", "2025").conferring_level == "commune"
    assert rule("TTLDTT", "2025", "collective").conferring_level == "commune"
    assert rule("TTLDXS", "2025", "collective").conferring_level == "province"
    assert rule("GK", "2024", "pupil").conferring_level == "school"
    assert rule("BKTP", "2024").conferring_level == "province"


def test_ballot_thresholds():
    cstdcs = rule("CSTDCS", "2024")
    assert cstdcs.secret_ballot and cstdcs.approval_threshold == Decimal("0.80")
    assert rule("CSTDT", "2025").approval_threshold == Decimal("0.90")
    assert rule("CTD", "2024", "collective").secret_ballot
    assert not rule("LDTT", "2024").secret_ballot


def test_reward_multiples():
    assert rule("LDTT", "2024").reward_multiple == Decimal("0.3")
    assert rule("CSTDCS", "2024").reward_multiple == Decimal("1.0")
    assert rule("TTLDXS", "2024", "collective").reward_multiple == Decimal("1.5")
    assert rule("GK", "2024", "collective").reward_multiple == Decimal("0.6")
    assert rule("GK", "2024", "pupil").reward_multiple is None


def test_base_salary_on_a_date():
    assert BaseSalary.on(date(2023, 6, 30)).amount == 1_490_000
    assert BaseSalary.on(date(2023, 7, 1)).amount == 1_800_000
    assert BaseSalary.on(date(2025, 5, 31)).amount == 2_340_000
    assert BaseSalary.on(date(2026, 6, 30)).amount == 2_340_000
    salary = BaseSalary.on(date(2026, 7, 1))
    assert (salary.amount, salary.legal_basis) == (2_530_000, "Nghị định 161/2026/NĐ-CP")
    with pytest.raises(LookupError):
        BaseSalary.on(date(2010, 1, 1))


def test_reward_on_a_date_rounds_up_with_the_regime_step():
    assert rule("LDTT", "2024").reward_on(date(2025, 5, 31)) == 710_000
    assert rule("LDTT", "2017").reward_on(date(2023, 5, 31)) == 450_000  # 0.3 × 1,490,000 = 447,000
    assert rule("GK", "2024", "pupil").reward_on(date(2025, 5, 31)) is None
    assert rule("LDTT", "2025").reward_on(date(2027, 5, 31)) == 760_000  # 0.3 × 2,530,000 = 759,000


def test_a_code_is_of_one_kind_only():
    clash = Title(code="LDTT", scope="collective", kind=TitleKind.COMMENDATION, level="school", name="Sai")
    with pytest.raises(ValidationError):
        clash.full_clean()


def test_code_and_scope_unique():
    with pytest.raises(IntegrityError):
        Title.objects.create(code="LDTT", scope="individual", kind="title", level="school", name="Trùng")


def test_threshold_must_be_a_fraction():
    r = rule("CSTDCS", "2024")
    r.approval_threshold = Decimal("80")
    with pytest.raises(ValidationError):
        r.full_clean()


def test_school_administrator_reads_the_catalog_in_the_admin(client_for):
    client = client_for(Role.ADMINISTRATOR)
    for name in [
        "admin:awards_title_changelist",
        "admin:awards_titlerule_changelist",
        "admin:awards_basesalary_changelist",
    ]:
        assert client.get(reverse(name)).status_code == 200
