"""What the loaders read beyond ratings and history: complaints about a team, a team's campaign participation (its
pledges), and the seam where nominations will replace "registered and eligible" as this year's proposals."""

from datetime import date

import pytest

from awards import eligibility
from awards.models import TeamEvaluation
from awards.rules import Outcome
from tests.factories import (
    AnnualEvaluationFactory,
    CampaignFactory,
    CommitmentFactory,
    ProceedingFactory,
    RegistrationFactory,
    StaffFactory,
    TeamFactory,
    title,
)

pytestmark = pytest.mark.django_db


def _good_team(school, year, name):
    """A team of three members rated good, all registered for LĐTT, the team rated good and registered TTLĐTT."""
    team = TeamFactory(school=school, name=name)
    for _ in range(3):
        person = StaffFactory(school=school, team=team)
        AnnualEvaluationFactory(staff=person, school_year=year, rating="good")
        RegistrationFactory(school_year=year, staff=person, title=title("LDTT"))
    TeamEvaluation.objects.create(school=school, team=team, school_year=year, rating="good")
    RegistrationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    return team


def _team_verdict(school, year, team):
    rows = eligibility.evaluate_school(school, year)
    return next(row.verdict for row in rows if row.is_team and row.subject == team)


def test_a_team_that_pledged_in_no_campaign_did_not_take_part(school, year):
    pledged, absent = _good_team(school, year, "Tổ 1"), _good_team(school, year, "Tổ 2")
    assert _team_verdict(school, year, absent).outcome is Outcome.ELIGIBLE  # no campaign yet: nothing asked
    CampaignFactory(school=school, school_year=year)  # a draft asks nothing either
    assert _team_verdict(school, year, absent).outcome is Outcome.ELIGIBLE
    campaign = CampaignFactory(school=school, school_year=year, launched=True)
    CommitmentFactory(campaign=campaign, team=pledged)
    assert _team_verdict(school, year, pledged).outcome is Outcome.ELIGIBLE
    verdict = _team_verdict(school, year, absent)
    assert verdict.outcome is Outcome.NOT_ELIGIBLE
    assert "Phong trào thi đua chưa thường xuyên, hiệu quả" in [r.text for r in verdict.reasons if not r.passed]
    assert "cần tổ chức phong trào thi đua thường xuyên, hiệu quả" in verdict.missing


def test_a_pledge_of_another_year_does_not_count(school, year):
    team = _good_team(school, year, "Tổ 1")
    CampaignFactory(school=school, school_year=year, closed=True)
    earlier = CampaignFactory(school=school, launched=True)  # its own, earlier school year
    CommitmentFactory(campaign=earlier, team=team)
    assert _team_verdict(school, year, team).outcome is Outcome.NOT_ELIGIBLE


def test_an_open_complaint_about_a_team_keeps_it_from_review(school, year):
    team = _good_team(school, year, "Tổ 1")
    ProceedingFactory(staff=None, team=team, school=team.school, kind="complaint", opened_on=date(2024, 5, 1))
    verdict = _team_verdict(school, year, team)
    assert verdict.outcome is Outcome.NOT_CONSIDERED
    assert verdict.reasons[0].text.startswith(
        "Đang có đơn khiếu nại, tố cáo đang được xác minh, giải quyết (từ ngày 01/05/2024)"
    )
    # closed before the review date (31/05/2024): judged again
    ProceedingFactory._meta.model.objects.update(closed_on=date(2024, 5, 20))
    assert _team_verdict(school, year, team).outcome is Outcome.ELIGIBLE


def test_nominations_will_replace_registered_and_eligible_through_one_seam(school, year, monkeypatch):
    team = _good_team(school, year, "Tổ 1")
    assert _team_verdict(school, year, team).outcome is Outcome.ELIGIBLE  # 3/3 members proposed for LĐTT
    monkeypatch.setattr(eligibility, "is_proposed", lambda verdict: False)
    verdict = _team_verdict(school, year, team)
    assert verdict.outcome is Outcome.NOT_ELIGIBLE  # nobody proposed: 0/3 members Lao động tiên tiến
    assert any(r.text.startswith("0/3 thành viên đạt Lao động tiên tiến") for r in verdict.reasons)
