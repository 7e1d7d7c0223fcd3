"""The rules on the school's data: load_facts, evaluate_school, evaluate_many (a fixed number of queries)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.eligibility import PROJECTION_FLAG, evaluate_many, evaluate_person, evaluate_school, load_facts
from awards.models import Absence, InitiativeUse, TeamEvaluation
from awards.rules import CSTDCS, GK, LDTT, Outcome
from tests.factories import (
    AnnualEvaluationFactory,
    AwardRecordFactory,
    CampaignFactory,
    CommitmentFactory,
    DisciplineFactory,
    InitiativeFactory,
    ProceedingFactory,
    RegistrationFactory,
    SchoolFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
    title,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(school, year):
    """2019-2020 … 2022-2023 before the current 2023-2024 (judged under regime 2024), by starting year."""
    found = {2023: year}
    for start in range(2019, 2023):
        found[start] = SchoolYearFactory(school=school, start_date=date(start, 9, 5), end_date=date(start + 1, 5, 31))
    return found


def rate(person, years, ratings):
    """Annual ratings from the first of ``years`` on: "excellent", "good"…"""
    for start, rating in ratings.items():
        AnnualEvaluationFactory(staff=person, school_year=years[start], rating=rating)


def award(person, year, code, **kwargs):
    return AwardRecordFactory(school_year=year, staff=person, title=title(code), **kwargs)


def register(subject, year, *codes):
    person = hasattr(subject, "full_name")
    recipient = {"staff": subject} if person else {"staff": None, "team": subject}
    for code in codes:
        RegistrationFactory(school_year=year, title=title(code, "individual" if person else "collective"), **recipient)


def rows_of(school, year):
    return {(row.subject.pk, row.is_team, row.title.code): row for row in evaluate_school(school, year)}


def test_chain_from_history_and_this_years_proposal(school, team, years):
    """Two CSTĐCS conferred, a third this year (excellent: eligible) and a provincial initiative: CSTĐ cấp tỉnh."""
    person = StaffFactory(school=school, team=team)
    rate(person, years, {2021: "excellent", 2022: "excellent", 2023: "excellent"})
    for start in (2021, 2022):
        award(person, years[start], "CSTDCS")
    InitiativeFactory(author=person, school_year=years[2022], recognised=True, scope="province")
    register(person, years[2023], "LDTT", "CSTDCS", "CSTDT")
    rows = rows_of(school, years[2023])
    assert rows[(person.pk, False, "CSTDCS")].verdict.outcome is Outcome.ELIGIBLE
    cstdt = rows[(person.pk, False, "CSTDT")].verdict
    assert cstdt.outcome is Outcome.ELIGIBLE, cstdt
    assert PROJECTION_FLAG in cstdt.flags  # the third CSTĐCS is this year's proposal, not yet conferred


def test_teacher_sees_what_is_missing(school, team, years):
    """Under regime 2017 (2022-2023) CSTĐCS needs a recognised initiative; Bằng khen two consecutive CSTĐCS."""
    person = StaffFactory(school=school, team=team)
    rate(person, years, {2021: "good", 2022: "excellent"})
    register(person, years[2022], "LDTT", "CSTDCS", "BKTP")
    rows = rows_of(school, years[2022])
    assert rows[(person.pk, False, "LDTT")].label == "Đủ điều kiện"
    cstdcs = rows[(person.pk, False, "CSTDCS")]
    assert cstdcs.verdict.outcome is Outcome.NOT_ELIGIBLE and cstdcs.label == "Chưa đủ điều kiện"
    assert any(m.startswith("cần thêm 1 sáng kiến được công nhận") for m in cstdcs.missing), cstdcs.missing
    bktp = rows[(person.pk, False, "BKTP")]
    assert any(m.startswith("cần 2 năm liên tiếp đạt CSTĐCS") for m in bktp.missing), bktp.missing


def test_year_records_separate_yearly_and_thematic_awards(school, team, years):
    person = StaffFactory(school=school, team=team)
    rate(person, years, {2022: "good"})
    award(person, years[2022], "LDTT")
    award(person, years[2022], "GK", drive="thematic")
    award(person, years[2021], "GK", drive="ad_hoc")
    award(person, years[2023], "GK")  # conferred this year already
    facts = load_facts(school, years[2023]).people[person.pk]
    history = {record.year: record for record in facts.history}
    assert set(history) == {2021, 2022}
    assert history[2022].rating == "good"
    assert (history[2022].titles, history[2022].thematic_titles) == ({LDTT}, {GK})
    assert (history[2021].titles, history[2021].thematic_titles) == (frozenset(), {GK})
    assert facts.current.year == 2023 and facts.current.titles == {GK}


def test_later_years_are_not_history(school, team, years):
    person = StaffFactory(school=school, team=team)
    rate(person, years, {2021: "good", 2022: "excellent", 2023: "excellent"})
    facts = load_facts(school, years[2021]).people[person.pk]
    assert facts.current.rating == "good" and facts.history == ()


def test_initiatives_with_co_authors_use_and_status(school, team, years):
    author, co_author = StaffFactory(school=school, team=team), StaffFactory(school=school, team=team)
    used = InitiativeFactory(author=author, school_year=years[2022], recognised=True, title="Dạy đọc hiểu")
    used.co_authors.add(co_author)
    InitiativeUse.objects.create(initiative=used, award=award(author, years[2022], "CSTDCS"))
    InitiativeFactory(author=author, school_year=years[2023], title="Đang chờ xét")
    InitiativeFactory(author=author, school_year=years[2023], status="rejected", rejection_reason="Chưa mới.")
    facts = load_facts(school, years[2023])
    (spent,) = {r.year: r for r in facts.people[author.pk].history}[2022].initiatives
    assert (spent.id, spent.scope, spent.recognised_on, spent.used_for) == (
        "“Dạy đọc hiểu”", "school", date(2023, 5, 10), CSTDCS,
    )  # fmt: skip
    assert {r.year: r for r in facts.people[co_author.pk].history}[2022].initiatives == (spent,)
    (pending,) = facts.people[author.pk].current.initiatives
    assert pending.id == "“Đang chờ xét”" and pending.recognised_on is None


def test_open_proceeding_discipline_and_absences(school, team, years):
    inspected, disciplined, mother = (StaffFactory(school=school, team=team) for _ in range(3))
    for person in (inspected, disciplined, mother):
        rate(person, years, {2023: "excellent"})
        register(person, years[2023], "LDTT")
    ProceedingFactory(staff=inspected, opened_on=date(2024, 3, 1))
    ProceedingFactory(staff=disciplined, opened_on=date(2022, 3, 1), closed_on=date(2022, 6, 1))  # closed: ignored
    DisciplineFactory(staff=disciplined, form="reprimand", start=date(2023, 11, 1), end=date(2024, 10, 31))
    evaluation = mother.evaluations.get()
    Absence.objects.create(evaluation=evaluation, kind="maternity", days=180)
    rows = rows_of(school, years[2023])
    assert rows[(inspected.pk, False, "LDTT")].verdict.outcome is Outcome.NOT_CONSIDERED
    assert rows[(disciplined.pk, False, "LDTT")].verdict.outcome is Outcome.NOT_ELIGIBLE
    assert rows[(disciplined.pk, False, "LDTT")].missing == ("không đủ điều kiện năm nay do bị kỷ luật",)
    leave = rows[(mother.pk, False, "LDTT")].verdict
    assert leave.eligible
    assert any("nghỉ thai sản (180 ngày) được tính là thời gian công tác" in r.text for r in leave.reasons)


def test_recruitment_bar_and_who_is_active(school, team, years):
    newcomer = StaffFactory(school=school, team=team, recruited_on=date(2024, 1, 31))  # 4 months before 31/05/2024
    gone = StaffFactory(school=school, team=team, left_on=date(2024, 1, 1))
    for person in (newcomer, gone):
        rate(person, years, {2023: "good"})
        register(person, years[2023], "LDTT")
    rows = rows_of(school, years[2023])
    assert rows[(newcomer.pk, False, "LDTT")].verdict.outcome is Outcome.NOT_CONSIDERED
    assert (gone.pk, False, "LDTT") not in rows
    # the same person is active for a year that ended before they left
    register(gone, years[2022], "LDTT")
    assert (gone.pk, False, "LDTT") in rows_of(school, years[2022])


def test_team_share_counts_members_proposed_this_year(school, years):
    """Luật 2022 Điều 28: more than 50 % of members Lao động tiên tiến (registered and eligible this year)."""
    team = TeamFactory(school=school, name="Tổ 4-5")
    members = [StaffFactory(school=school, team=team) for _ in range(4)]
    for person, rating in zip(members, ["good", "good", "completed", "completed"], strict=True):
        rate(person, years, {2023: rating})
        register(person, years[2023], "LDTT")
    TeamEvaluation.objects.create(school=school, team=team, school_year=years[2023], rating="good")
    register(team, years[2023], "TTLDTT")
    verdict = rows_of(school, years[2023])[(team.pk, True, "TTLDTT")].verdict
    assert verdict.outcome is Outcome.NOT_ELIGIBLE  # 2/4 is not more than 50 %
    assert "cần thêm 1 thành viên đạt Lao động tiên tiến" in verdict.missing
    AnnualEvaluationFactory._meta.model.objects.filter(staff=members[2]).update(rating="excellent")
    verdict = rows_of(school, years[2023])[(team.pk, True, "TTLDTT")].verdict
    assert verdict.outcome is Outcome.ELIGIBLE
    assert PROJECTION_FLAG in verdict.flags
    assert any(r.text.startswith("3/4 thành viên đạt Lao động tiên tiến") for r in verdict.reasons)


def test_school_context_for_the_2017_cap(school, team, years):
    """2022-2023 is judged under regime 2017: CSTĐCS at most 15 % of the LĐTT holders (a flag for the council)."""
    people = [StaffFactory(school=school, team=team) for _ in range(6)]
    for person in people:
        rate(person, years, {2022: "excellent"})
        register(person, years[2022], "LDTT")
    for person in people[:2]:
        InitiativeFactory(author=person, school_year=years[2022], recognised=True)
        register(person, years[2022], "CSTDCS")
    facts = load_facts(school, years[2022])
    assert (facts.context.ltt_count, facts.context.cstdcs_proposed) == (6, 2)
    verdict = {row.subject.pk: row.verdict for row in evaluate_school(school, years[2022]) if row.title.code == CSTDCS}
    assert verdict[people[0].pk].eligible
    assert any(flag.startswith("Vượt tỷ lệ") and "tối đa 0 người" in flag for flag in verdict[people[0].pk].flags)


def test_a_title_without_rule_and_order_of_rows(school, team, years):
    second, first = (
        StaffFactory(school=school, team=team, full_name="Vũ Hà"),
        StaffFactory(school=school, team=team, full_name="An Bình"),
    )
    register(second, years[2023], "HCLD3", "LDTT")
    register(first, years[2023], "LDTT")
    register(team, years[2023], "TTLDTT")
    rows = evaluate_school(school, years[2023])
    assert [(row.subject.full_name if not row.is_team else row.subject.name, row.title.code) for row in rows] == [
        ("An Bình", "LDTT"),
        ("Vũ Hà", "LDTT"),
        ("Vũ Hà", "HCLD3"),
        ("Tổ 1", "TTLDTT"),
    ]
    assert rows[2].verdict is None and rows[2].outcome == "no_rule"
    assert rows[2].label == "Không xét tự động: ghi nhận khi được khen thưởng"


def test_another_schools_year_is_refused(school, other_school, year):
    with pytest.raises(ValueError):
        load_facts(other_school, year)
    with pytest.raises(ValueError):
        evaluate_school(other_school, year)


def test_many_schools_in_one_pass(school, team, years):
    other = SchoolFactory(abbreviation="THBH")
    other_year = SchoolYearFactory(school=other, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    here, there = StaffFactory(school=school, team=team), StaffFactory(school=other)
    for person, year in ((here, years[2023]), (there, other_year)):
        rate(person, {2023: year}, {2023: "excellent"})
        register(person, year, "LDTT")
    rows = evaluate_many([years[2023], other_year])
    assert [(row.subject, row.school_year) for row in rows] == [(here, years[2023]), (there, other_year)]
    assert all(row.verdict.eligible for row in rows)
    with pytest.raises(ValueError):
        evaluate_many([years[2023], years[2022]])


def _school_with_history(school, years, staff_count: int):
    """``staff_count`` people in two teams, each with five years of ratings, awards and initiatives."""
    teams = [TeamFactory(school=school, name=f"Khối {i}") for i in range(2)]
    for i in range(staff_count):
        person = StaffFactory(school=school, team=teams[i % 2])
        rate(person, years, {start: "excellent" for start in years})
        for start in (2020, 2021, 2022):
            award(person, years[start], "LDTT")
            award(person, years[start], "CSTDCS")
            initiative = InitiativeFactory(author=person, school_year=years[start], recognised=True)
            initiative.co_authors.add(StaffFactory(school=school))
        DisciplineFactory(staff=person, start=date(2019, 10, 1), end=date(2020, 3, 1))
        ProceedingFactory(staff=person, opened_on=date(2020, 3, 1), closed_on=date(2020, 4, 1))
        Absence.objects.create(evaluation=person.evaluations.get(school_year=years[2023]), kind="sick", days=2)
        register(person, years[2023], "LDTT", "CSTDCS", "CSTDT", "BKTP")
    campaign = CampaignFactory(school=school, school_year=years[2023], launched=True)
    for team in teams:
        TeamEvaluation.objects.create(school=school, team=team, school_year=years[2023], rating="excellent")
        register(team, years[2023], "TTLDTT", "TTLDXS", "BKTP")
        CommitmentFactory(campaign=campaign, team=team)
        ProceedingFactory(
            staff=None,
            team=team,
            school=school,
            kind="complaint",
            opened_on=date(2020, 3, 1),
            closed_on=date(2020, 4, 1),
        )


@pytest.mark.parametrize("staff_count", [1, 30])
def test_constant_number_of_queries(school, years, staff_count):
    _school_with_history(school, years, staff_count)
    with CaptureQueriesContext(connection) as queries:
        rows = evaluate_school(school, years[2023])
    assert len(queries.captured_queries) == 15, "\n".join(q["sql"] for q in queries.captured_queries)
    assert len(rows) == staff_count * 4 + 2 * 3
    assert all(row.verdict is not None for row in rows)
    eligible = {row.title.code for row in rows if row.verdict.eligible}
    assert {"LDTT", "CSTDCS", "TTLDTT", "TTLDXS", "BKTP"} <= eligible


@pytest.mark.parametrize("staff_count", [1, 30])
def test_one_persons_verdicts_equal_the_schools_in_fewer_rows(school, years, staff_count):
    """The dashboard judges only the signed-in person: same verdicts, queries narrowed to them (not more of them)."""
    _school_with_history(school, years, staff_count)
    whole = {
        (row.subject.pk, row.title.code): row.verdict for row in evaluate_school(school, years[2023]) if not row.is_team
    }
    people = {pk for pk, _ in whole}
    assert len(people) == staff_count
    for person in school.staff.filter(pk__in=people)[:3]:
        with CaptureQueriesContext(connection) as queries:
            rows = evaluate_person(person, years[2023])
        assert len(queries.captured_queries) <= 15
        assert {row.title.code for row in rows} == {"LDTT", "CSTDCS", "CSTDT", "BKTP"}
        for row in rows:
            assert row.subject == person
            expected = whole[(person.pk, row.title.code)]
            assert (row.verdict.outcome, row.verdict.missing) == (expected.outcome, expected.missing)
