"""The review stage of the demo (awards.seed_review): the last year that ended is carried to the council's queue
through the services; the year under way has no nomination."""

from datetime import date

import pytest

from awards import seed, seed_review
from awards.models import (
    AchievementReport,
    AnnualEvaluation,
    AwardRecord,
    Nomination,
    NominationStatus,
    TeamReview,
    TeamReviewStatus,
)
from tests.factories import StaffFactory, TeamFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role, SchoolYear

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)
S = NominationStatus


@pytest.fixture
def staffed_school(school):
    teams = [TeamFactory(school=school, name=f"Tổ {i}") for i in range(1, 4)]
    StaffFactory(school=school, role=Role.PRINCIPAL, team=None, full_name="Hiệu trưởng")
    for i in range(12):
        StaffFactory(school=school, team=teams[i % 3], role=Role.TEAM_HEAD if i < 3 else Role.MEMBER)
    return school


def test_the_last_year_reaches_the_councils_queue_through_the_services(staffed_school):
    seed.seed_demo(school=staffed_school, today=TODAY)
    seed_review.seed_demo(school=staffed_school, today=TODAY)
    past = SchoolYear.objects.get(school=staffed_school, name="2025-2026")
    current = SchoolYear.objects.get(school=staffed_school, name="2026-2027")
    assert not Nomination.objects.filter(school_year=current).exists()
    assert not AwardRecord.objects.filter(school_year=past).exists()  # the decisions stage confers them

    # every team held its review: meeting recorded, votes on each proposal, sent
    reviews = TeamReview.objects.filter(school_year=past)
    assert reviews.count() == 3 and {r.status for r in reviews} == {TeamReviewStatus.SUBMITTED}
    assert all(r.meeting_date == date(2026, 5, 22) and r.members_present.exists() for r in reviews)

    queue = Nomination.objects.in_council_queue(past)
    staff_titles = {(n.staff_id, n.title.code) for n in queue if n.staff_id}
    # the same people and teams the history used to hold: LĐTT for "hoàn thành tốt" and better, CSTĐCS for the
    # chain, each team's own title
    rated = AnnualEvaluation.objects.filter(school_year=past)
    good = set(rated.filter(rating__in=["excellent", "good"]).values_list("staff_id", flat=True))
    proposed_ldtt = {pk for pk, code in staff_titles if code == "LDTT"}
    assert good <= proposed_ldtt
    # plus one teacher rated only "hoàn thành nhiệm vụ": the council will not pass her
    [extra] = proposed_ldtt - good
    assert rated.get(staff_id=extra).rating == "completed"
    chain = {p.pk for p in seed.demo_chain(list(staffed_school.staff.active().order_by("pk")))}
    assert {pk for pk, code in staff_titles if code == "CSTDCS"} == chain
    assert {n.team.name for n in queue if n.team_id} == {"Tổ 1", "Tổ 2", "Tổ 3"}
    assert {n.title.code for n in queue if n.team_id} == {"TTLDXS", "TTLDTT"}
    failing = next(n for n in queue if n.staff_id and n.title.code == "LDTT" and n.staff_id not in good)
    assert failing.verdict_at_proposal["outcome"] == "not_eligible"
    assert all(n.verdict_at_proposal["outcome"] == "eligible" for n in queue if n.team_id)
    assert all(n.vote_recorded and n.votes_for * 2 > n.team_review.members_present.count() for n in queue
               if n.team_review_id)  # fmt: skip

    withdrawn = Nomination.objects.get(school_year=past, status=S.WITHDRAWN)
    assert withdrawn.title.code == "CSTDCS" and "chưa được Hội đồng sáng kiến công nhận" in withdrawn.status_note

    # reports written, submitted and confirmed for every nominee whose title needs one
    reports = AchievementReport.objects.filter(school_year=past)
    needing = {("staff", n.staff_id) if n.staff_id else ("team", n.team_id) for n in queue if n.title.code != "LDTT"}
    assert {("staff", r.staff_id) if r.staff_id else ("team", r.team_id) for r in reports} == needing
    assert {r.status for r in reports} == {"confirmed"}

    # and the moves are audited as the services write them; a second run changes nothing
    assert AuditEntry.objects.filter(action="awards.nomination.send_to_council").count() == queue.count()
    audit_rows, rows = AuditEntry.objects.count(), list(Nomination.objects.values().order_by("pk"))
    seed.seed_demo(school=staffed_school, today=TODAY)
    seed_review.seed_demo(school=staffed_school, today=TODAY)
    assert AuditEntry.objects.count() == audit_rows
    assert list(Nomination.objects.values().order_by("pk")) == rows


def test_without_the_setup_stage_it_does_nothing(staffed_school):
    from thiduakhenthuong.organization import demo

    demo.ensure_years(staffed_school, today=TODAY)
    seed_review.seed_demo(school=staffed_school, today=TODAY)
    assert not Nomination.objects.exists() and not TeamReview.objects.exists()
