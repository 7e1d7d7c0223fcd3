"""What the loaders read beyond ratings and history: complaints about a team, a team's campaign participation (its
pledges), and the seam where nominations will replace "registered and eligible" as this year's proposals."""

from datetime import date

import pytest
from django.utils import timezone

from awards import eligibility
from awards.models import NominationStatus, TeamEvaluation, TeamReview
from awards.rules import Outcome
from tests.factories import (
    AnnualEvaluationFactory,
    CampaignFactory,
    CommitmentFactory,
    NominationFactory,
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


def test_is_proposed_is_the_one_seam_of_this_years_proposals(school, year, monkeypatch):
    team = _good_team(school, year, "Tổ 1")
    assert _team_verdict(school, year, team).outcome is Outcome.ELIGIBLE  # 3/3 members proposed for LĐTT
    monkeypatch.setattr(eligibility, "is_proposed", lambda verdict, **_: False)
    verdict = _team_verdict(school, year, team)
    assert verdict.outcome is Outcome.NOT_ELIGIBLE  # nobody proposed: 0/3 members Lao động tiên tiến
    assert any(r.text.startswith("0/3 thành viên đạt Lao động tiên tiến") for r in verdict.reasons)


def _members_verdict_reason(school, year, team):
    verdict = _team_verdict(school, year, team)
    return verdict.outcome, next(r.text for r in verdict.reasons if "thành viên đạt Lao động tiên tiến" in r.text)


def test_nominations_are_read_as_this_years_proposals(school, year):
    """A live nomination counts (registered or not), an ended one does not, and once the team has sent its review
    only its proposals count: the members' share of a team's TTLĐTT follows the nominations."""
    team = _good_team(school, year, "Tổ 1")
    members = list(team.members.order_by("pk"))
    ldtt = title("LDTT")
    # without any nomination: registered and eligible
    assert _members_verdict_reason(school, year, team)[1].startswith("3/3 thành viên")
    # one withdrawn nomination: that member no longer counts, registered and eligible or not
    NominationFactory(school_year=year, staff=members[0], title=ldtt, status=NominationStatus.WITHDRAWN)
    outcome, reason = _members_verdict_reason(school, year, team)
    assert reason.startswith("2/3 thành viên") and outcome is Outcome.ELIGIBLE
    # the team sent its review proposing only the second member: the third no longer counts either
    review = TeamReview.objects.create(
        school=school, team=team, school_year=year, status="submitted", meeting_date=date(2024, 5, 20),
        chair=members[1], secretary=members[1],
    )  # fmt: skip
    NominationFactory(school_year=year, staff=members[1], title=ldtt, team_review=review,
                      status=NominationStatus.TEAM_PROPOSED, proposed_at=timezone.now())  # fmt: skip
    outcome, reason = _members_verdict_reason(school, year, team)
    assert reason.startswith("1/3 thành viên") and outcome is Outcome.NOT_ELIGIBLE
    # a live nomination of someone who never registered counts as well
    newcomer = StaffFactory(school=school, team=team)
    AnnualEvaluationFactory(staff=newcomer, school_year=year, rating="good")
    NominationFactory(school_year=year, staff=newcomer, title=ldtt, team_review=review,
                      status=NominationStatus.IN_COUNCIL_REVIEW, proposed_at=timezone.now())  # fmt: skip
    assert _members_verdict_reason(school, year, team)[1].startswith("2/4 thành viên")


def test_nominations_cost_one_query_whatever_their_number(school, year, django_assert_num_queries):
    team = _good_team(school, year, "Tổ 1")
    eligibility.evaluate_school(school, year)
    for person in team.members.all():
        NominationFactory(school_year=year, staff=person, title=title("LDTT"), status=NominationStatus.TEAM_PROPOSED,
                          proposed_at=timezone.now())  # fmt: skip
    NominationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    with django_assert_num_queries(15):
        rows = eligibility.evaluate_school(school, year)
    assert len(rows) == 4
