"""The law moves by data: the deployment's superuser adds a legal regime by copying the one in force, edits its
figures and dates in the app, and the school years that end under it are judged by it."""

from datetime import date

import pytest
from django.urls import reverse

from awards.eligibility import evaluate_school
from awards.forms import EligibilityRulesForm, RegimeForm, TitleRuleFormSet
from awards.models import EligibilityRules, TitleRule
from awards.rules import CSTDCS, Outcome
from tests.factories import (
    AnnualEvaluationFactory,
    InitiativeFactory,
    RegistrationFactory,
    SchoolYearFactory,
    StaffFactory,
    UserFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Authority, LegalRegime, Role

pytestmark = pytest.mark.django_db

NEW_REGIME = {
    "code": "2026",
    "name": "Luật Thi đua, khen thưởng sửa đổi 2026",
    "law_name": "Luật Thi đua, khen thưởng 2022 (sửa đổi 2026)",
    "decree_name": "Nghị định thay thế Nghị định 152/2025/NĐ-CP",
    "effective_from": "01/10/2026",
}


@pytest.fixture
def law_editor(client):
    """The deployment's own superuser: no school's staff member."""
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _edit_data(regime: LegalRegime, **figures) -> dict:
    """The edit page's POST data as the page shows it, with ``figures`` changed."""
    titles = TitleRuleFormSet(queryset=TitleRule.objects.filter(regime=regime), prefix="titles")
    forms = [
        RegimeForm(instance=regime, prefix="regime"),
        EligibilityRulesForm(instance=regime.eligibility_rules, prefix="figures"),
        *titles.forms,
    ]
    data = {f"titles-{key}": value for key, value in titles.management_form.initial.items()}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, date):
                value = f"{value:%d/%m/%Y}"
            if value is True:
                value = "on"
            if value not in (None, False):
                data[form.add_prefix(name)] = value
    for name, value in figures.items():
        data.pop(f"figures-{name}", None)
        if value is not False:
            data[f"figures-{name}"] = "on" if value is True else value
    return data


def test_only_the_deployments_superuser_edits_the_law(client_for, law_editor):
    page = law_editor.get(reverse("awards:regime_list")).content.decode()
    assert f'href="{reverse("awards:regime_list")}">Chế độ pháp lý</a>' in page  # the deployment's menu
    assert "Nghị định 152/2025/NĐ-CP" in page and "Đang áp dụng" in page
    for role in (Role.PRINCIPAL, Role.ADMINISTRATOR):  # a school's administrator, even a superuser, is refused
        client = client_for(role)
        for url in (reverse("awards:regime_list"), reverse("awards:regime_copy")):
            assert client.get(url).status_code == 403


def test_a_new_regime_requiring_both_changes_2026_2027_and_not_2025_2026(law_editor, school, team):
    in_force = LegalRegime.objects.get(code="2025")
    Authority.objects.create(
        school=school, regime=in_force, level="commune", name="UBND xã Cao Dương", head_title="Chủ tịch"
    )
    page = law_editor.get(reverse("awards:regime_copy")).content.decode()
    assert f'<option value="{in_force.pk}" selected>' in page  # the regime in force is offered to copy
    response = law_editor.post(reverse("awards:regime_copy"), {"source": in_force.pk, **NEW_REGIME})
    regime = LegalRegime.objects.get(code="2026")
    assert response.status_code == 302 and response.url == reverse("awards:regime_edit", args=[regime.pk])
    in_force.refresh_from_db()
    assert (regime.effective_from, regime.effective_to, in_force.effective_to) == (
        date(2026, 10, 1),
        None,
        date(2026, 9, 30),
    )
    copied = regime.eligibility_rules
    assert copied.pk != in_force.eligibility_rules.pk
    assert copied.cstdcs_excellent_rating_suffices and not copied.cstdcs_excellent_rating_required
    assert TitleRule.objects.filter(regime=regime).count() == TitleRule.objects.filter(regime=in_force).count() > 0
    assert Authority.objects.get(regime=regime, school=school).name == "UBND xã Cao Dương"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"awards.regime.create", "awards.regime.close", "awards.eligibility_rules.copy"} <= actions
    closed = AuditEntry.objects.get(action="awards.regime.close")
    assert closed.data == {"before": {"effective_to": None}, "after": {"effective_to": "2026-09-30"}}

    # the figure of the new law: Chiến sĩ thi đua cơ sở needs both an excellent rating and an initiative
    data = _edit_data(regime, cstdcs_excellent_rating_suffices=False, cstdcs_excellent_rating_required=True)
    response = law_editor.post(reverse("awards:regime_edit", args=[regime.pk]), data)
    assert response.status_code == 302, response.content.decode()
    assert EligibilityRules.objects.get(regime=regime).cstdcs_excellent_rating_required
    change = AuditEntry.objects.get(action="awards.eligibility_rules.update")
    assert change.data == {
        "before": {"cstdcs_excellent_rating_suffices": True, "cstdcs_excellent_rating_required": False},
        "after": {"cstdcs_excellent_rating_suffices": False, "cstdcs_excellent_rating_required": True},
    }

    # one teacher rated excellent without an initiative, in both years
    person = StaffFactory(school=school, team=team, recruited_on=date(2015, 9, 1))
    verdicts = {}
    for start in (2025, 2026):
        year = SchoolYearFactory(school=school, start_date=date(start, 9, 5), end_date=date(start + 1, 5, 31))
        AnnualEvaluationFactory(staff=person, school_year=year, rating="excellent")
        RegistrationFactory(school_year=year, staff=person, title=title(CSTDCS))
        (row,) = evaluate_school(school, year)
        verdicts[start] = row.verdict
    assert verdicts[2025].outcome is Outcome.ELIGIBLE  # under the 2025 regime, excellent suffices
    assert verdicts[2026].outcome is Outcome.NOT_ELIGIBLE  # under the new one, an initiative is needed as well
    assert verdicts[2026].missing == ("cần thêm 1 sáng kiến được công nhận (cấp cơ sở trở lên)",)
    assert {reason.article for reason in verdicts[2026].reasons if not reason.passed} == {
        "Luật Thi đua, khen thưởng 2022 (sửa đổi 2026), Điều 23"  # cited from the new regime
    }
    InitiativeFactory(author=person, school_year=year, recognised=True)
    (row,) = evaluate_school(school, year)
    assert row.verdict.outcome is Outcome.ELIGIBLE


def test_a_regime_cannot_start_before_the_latest_nor_overlap(law_editor):
    in_force = LegalRegime.objects.get(code="2025")
    page = law_editor.post(
        reverse("awards:regime_copy"), {"source": in_force.pk, **NEW_REGIME, "effective_from": "01/07/2025"}
    ).content.decode()
    assert "Chế độ mới phải có hiệu lực sau ngày 01/07/2025" in page
    assert not LegalRegime.objects.filter(code="2026").exists()
    law_editor.post(reverse("awards:regime_copy"), {"source": in_force.pk, **NEW_REGIME})
    regime = LegalRegime.objects.get(code="2026")
    data = _edit_data(regime) | {"regime-effective_from": "01/09/2026"}  # before the 2025 regime ends
    page = law_editor.post(reverse("awards:regime_edit", args=[regime.pk]), data).content.decode()
    assert "Thời gian hiệu lực trùng với" in page
    regime.refresh_from_db()
    assert regime.effective_from == date(2026, 10, 1)
