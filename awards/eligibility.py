"""The eligibility rules (``awards.rules``) run on the school's data.

- ``regime_rules(regime)``: the ``RegimeRules`` of a legal regime, every field read from the database
  (``EligibilityRules`` and the regime's own code and names).
- ``load_facts(school, school_year)`` / ``load_many(school_years)``: the facts of every active staff member and
  every team of one school year (or of several schools' years at once, for a district), in a fixed number of
  queries whatever the number of staff and years: the scope (regimes, years, titles, teams, staff), then one
  loader per source (``LOADERS``: evaluations, history, initiatives, disciplines, proceedings, team facts,
  registrations), each filling its part of one set of facts, grouped in Python.
- ``evaluate_school(school, school_year)`` / ``evaluate_many(school_years)``: one ``Row`` (subject, title, verdict)
  per registration of the year. Both go through ``load_many``: one code path for one school and for many.

What the loader decides (the rules take it as given):
- The review date is the last day of the school year (``SchoolYear.end_date``): the recruitment bar, open
  proceedings and the recognition of initiatives are judged on that day. The regime is the one in force then.
- History: every earlier school year with an annual rating, an award, an initiative or a discipline. Yearly
  awards (``DriveKind.YEARLY``) are ``titles``; thematic and ad-hoc ones are ``thematic_titles``.
- This year's titles: those already conferred (award history), and those the school would propose: a person or
  team who registered for a base title (LĐTT, CSTĐCS; TTLĐTT, TTLĐXS) and whom the rules find eligible for it.
  Chains that end this year (three consecutive CSTĐCS, Bằng khen after two) and the collective shares (LĐTT
  members of a team) count those; a verdict that holds only thanks to them says so in a flag.
- The 2017 cap on CSTĐCS (``SchoolContext``): ``ltt_count`` is the number of this year's LĐTT holders in that
  sense (conferred, or registered and eligible); ``cstdcs_proposed`` the number of CSTĐCS holders in that sense.
- A team's participation in the campaigns: when the school ran (launched or closed) a campaign in the year, the
  team took part if it signed a pledge (giao ước) in one of them; with no campaign, nothing is asked. Proceedings
  (complaints, inspections) about a team keep it from review while open, as for a person.
- Proposed this year (``is_proposed``): a live nomination of the base title (a draft of the team's review, or
  proposed and beyond) counts; one ended without an award (withdrawn, not passed, not approved, refused) does not;
  with no nomination, "registered and found eligible" counts until the subject's team has sent its review (then
  only what the team proposed counts). Nominations are read by their own loader, one query.
- Not yet in the data, left at the rules' defaults: a person's participation in the campaigns (True), a recorded
  exceptional achievement (False).
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from campaigns.models import Campaign, CampaignStatus
from thiduakhenthuong.organization.models import LegalRegime, School, SchoolYear, Staff, Team

from . import rules
from .models import (
    ARTICLE_KEYS,
    ENDED_WITHOUT_AWARD,
    Absence,
    AnnualEvaluation,
    AwardRecord,
    Discipline,
    DriveKind,
    Initiative,
    InitiativeStatus,
    Nomination,
    Proceeding,
    Registration,
    TeamEvaluation,
    TeamReviewStatus,
    Title,
)
from .rules import Outcome, PersonFacts, RegimeRules, SchoolContext, TeamFacts, TeamYearRecord, Verdict, YearRecord

#: RegimeRules fields read from the regime itself; every other field is a column of ``EligibilityRules``.
FROM_REGIME = ("code", "law_name", "decree_name")

#: Yearly titles the school proposes from its own review, in the order they must be judged (CSTĐCS counts LĐTT).
BASE_PERSON_TITLES = (rules.LDTT, rules.CSTDCS)
BASE_TEAM_TITLES = (rules.TTLDTT, rules.TTLDXS)

PROJECTION_FLAG = (
    "Kết quả này tính cả danh hiệu năm nay dự kiến đề nghị (đã đăng ký, đủ điều kiện, chưa có quyết định công nhận)"
)
NO_RULE = "Không xét tự động: ghi nhận khi được khen thưởng"

OUTCOME_LABELS = {
    Outcome.ELIGIBLE: "Đủ điều kiện",
    Outcome.NOT_ELIGIBLE: "Chưa đủ điều kiện",
    Outcome.NOT_CONSIDERED: "Không thuộc diện xét",
    Outcome.ADVISORY: "Tham khảo",
}
#: Bootstrap colour of each outcome; the label is always printed beside it.
OUTCOME_STYLES = {
    Outcome.ELIGIBLE: "success",
    Outcome.NOT_ELIGIBLE: "warning",
    Outcome.NOT_CONSIDERED: "secondary",
    Outcome.ADVISORY: "info",
}

# ----------------------------------------------------------------------------------------------------
# Regime parameters
# ----------------------------------------------------------------------------------------------------


def regime_rules(regime: LegalRegime) -> RegimeRules:
    """The regime's rule parameters (reads ``regime.eligibility_rules``: select_related it to save a query)."""
    try:
        row = regime.eligibility_rules
    except LegalRegime.eligibility_rules.RelatedObjectDoesNotExist:
        raise LookupError(f"Chưa có tiêu chuẩn xét danh hiệu cho chế độ “{regime}”.") from None
    values = {name: getattr(regime, name) for name in FROM_REGIME}
    for spec in fields(RegimeRules):
        if spec.name not in FROM_REGIME:
            values[spec.name] = getattr(row, spec.name)
    values["working_time_absence_kinds"] = frozenset(values["working_time_absence_kinds"])
    # in the law's order whatever the database keeps (PostgreSQL's jsonb does not keep the keys' order)
    order = {key: index for index, key in enumerate(ARTICLE_KEYS)}
    values["law_articles"] = tuple(sorted(values["law_articles"].items(), key=lambda item: order.get(item[0], 99)))
    return RegimeRules(**values)


def _regime_on(regimes: Sequence[LegalRegime], day: date) -> LegalRegime:
    """``LegalRegime.in_force_on`` over rows already loaded."""
    found = [r for r in regimes if r.effective_from <= day and (r.effective_to is None or r.effective_to >= day)]
    if not found:
        raise LookupError(f"Không có chế độ pháp lý nào có hiệu lực ngày {day:%d/%m/%Y}.")
    return max(found, key=lambda r: r.effective_from)


# ----------------------------------------------------------------------------------------------------
# Loading
# ----------------------------------------------------------------------------------------------------


@dataclass
class _Year:
    """A school year of one person or team while rows are grouped; frozen into a YearRecord afterwards."""

    rating: str | None = None
    titles: set[str] = field(default_factory=set)
    thematic: set[str] = field(default_factory=set)
    initiatives: list[rules.InitiativeFact] = field(default_factory=list)
    disciplines: list[rules.Discipline] = field(default_factory=list)
    united: bool = True


@dataclass
class SchoolFacts:
    """Everything the rules need about one school year, and the base verdicts already reached."""

    school_year: SchoolYear
    rules: RegimeRules
    staff: list[Staff]  # active on the review date, in page order
    teams: list[Team]
    people: dict[int, PersonFacts]  # by staff id; this year's titles: conferred only
    projected: dict[int, PersonFacts]  # the same with the titles the school would propose this year
    team_facts: dict[int, TeamFacts]  # by team id; members' and own titles this year: conferred only
    projected_teams: dict[int, TeamFacts]  # members' and own titles projected
    registrations: list[tuple[Staff | Team, Title]]
    context: SchoolContext | None  # None when loaded for one person: the school-wide cap is not counted
    verdicts: dict[tuple[str, int, str], Verdict]  # ("staff"|"team", id, code): base titles already judged

    @property
    def review_date(self) -> date:
        return self.school_year.end_date


def load_facts(school: School, school_year: SchoolYear) -> SchoolFacts:
    """The facts of one school year of ``school``."""
    if school_year.school_id != school.pk:
        raise ValueError(f"Năm học {school_year} không thuộc {school}.")
    return load_many([school_year])[0]


def _school_year_of(day: date, regime: RegimeRules) -> int:
    start = date(day.year, regime.school_year_start_month, regime.school_year_start_day)
    return day.year if day >= start else day.year - 1


def _absence(kind: str, days: int, start: date | None, end: date | None, year_start: date) -> rules.Absence:
    """A dated absence; undated days are placed from the start of the year so that their number is kept."""
    if start is None:
        start = end - timedelta(days=days - 1) if end else year_start
    return rules.Absence(kind=kind, start=start, end=end or start + timedelta(days=days - 1))


def _initiative_label(title: str) -> str:
    return f"“{title if len(title) <= 60 else title[:59] + '…'}”"


@contextmanager
def _without_cyclic_gc():
    """Pause the cyclic garbage collector while tens of thousands of small acyclic objects are built.

    Each batch of allocations would otherwise start a collection that walks every live object, for nothing:
    these objects hold no cycles and reference counting frees them all the same. On a district (4,000 staff, ten
    years) the collector took a third of the pass. It is switched back on at the end, even on an error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_many(school_years: Iterable[SchoolYear]) -> list[SchoolFacts]:
    """The facts of several schools' years at once (one year per school), in a fixed number of queries."""
    with _without_cyclic_gc():
        return _load_many(list(school_years))


@dataclass
class _Scope:
    """What every loader needs: the years judged, who is judged in them, and the maps from ids to years and codes.

    ``staff_limit`` / ``team_limit``: the starting year of the year judged, by staff or team id; rows of later
    years are not history. Only people employed on the review date have a limit (the others are not judged).
    """

    years: list[SchoolYear]
    by_school: dict[int, SchoolYear]
    person: Staff | None  # loading one person's own facts only
    regime_of: dict[int, RegimeRules]  # by school id
    year_of: dict[int, int]  # school year id -> starting calendar year
    titles: dict[int, Title]
    code_of: dict[int, str]
    staff_by_school: dict[int, list[Staff]]
    teams_by_school: dict[int, list[Team]]
    staff_limit: dict[int, int]
    staff_school: dict[int, int]
    team_limit: dict[int, int]

    @property
    def school_ids(self) -> list[int]:
        return list(self.by_school)

    @property
    def whole_school(self) -> bool:
        return self.person is None


@dataclass
class _Gathered:
    """The one set of facts the loaders fill, each from its own source, grouped by person or team and year."""

    people_years: dict[int, dict[int, _Year]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(_Year)))
    team_years: dict[int, dict[int, _Year]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(_Year)))
    proceedings: dict[int, list[rules.Proceeding]] = field(default_factory=lambda: defaultdict(list))
    team_proceedings: dict[int, list[rules.Proceeding]] = field(default_factory=lambda: defaultdict(list))
    absences: dict[int, list[rules.Absence]] = field(default_factory=lambda: defaultdict(list))
    team_participation: dict[int, bool] = field(default_factory=dict)  # absent: no campaign to take part in
    registered: dict[int, list[tuple[int | None, int | None, Title]]] = field(default_factory=lambda: defaultdict(list))
    #: by school id: ("staff"|"team", id) -> {base title code: the nomination's status} this year
    nominated: dict[int, dict[tuple[str, int], dict[str, str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    reviewed_teams: set[int] = field(default_factory=set)  # teams that sent their review of the year


def _load_many(years: list[SchoolYear], person: Staff | None = None) -> list[SchoolFacts]:
    """``person``: load only that staff member's facts and registrations (their own titles, no team facts, no
    school-wide cap context), in the same queries narrowed to them."""
    if not years:
        return []
    scope = _load_scope(years, person)
    gathered = _Gathered()
    for loader in LOADERS:
        loader(scope, gathered)
    return [_school_facts(year, scope, gathered) for year in years]


def _load_scope(years: list[SchoolYear], person: Staff | None) -> _Scope:
    """Regimes, school years, titles, teams and the staff employed on each review date (five queries)."""
    by_school = {year.school_id: year for year in years}
    if len(by_school) != len(years):
        raise ValueError("Mỗi trường chỉ xét một năm học trong một lần.")
    school_ids = list(by_school)
    regimes = list(LegalRegime.objects.select_related("eligibility_rules"))
    regime_of = {sid: regime_rules(_regime_on(regimes, year.end_date)) for sid, year in by_school.items()}
    current = {sid: year.start_date.year for sid, year in by_school.items()}

    # Every history row names its school year by id: one small query maps ids to starting years, so that no big
    # query joins the year or converts a date column.
    years_rows = SchoolYear.objects.filter(school_id__in=school_ids).order_by().values_list("pk", "start_date")
    titles = {title.pk: title for title in Title.objects.all()}

    teams_by_school: dict[int, list[Team]] = defaultdict(list)
    team_by_id: dict[int, Team] = {}
    team_limit: dict[int, int] = {}
    for team in _with_participation(Team.objects.filter(school_id__in=school_ids if person is None else []), years):
        teams_by_school[team.school_id].append(team)
        team_by_id[team.pk] = team
        team_limit[team.pk] = current[team.school_id]
    staff_by_school: dict[int, list[Staff]] = defaultdict(list)
    staff_limit: dict[int, int] = {}
    staff_school: dict[int, int] = {}
    team_field = Staff._meta.get_field("team")
    for member in _mine(Staff.objects.filter(school_id__in=school_ids), person, "pk"):
        review = by_school[member.school_id].end_date
        if Staff.works_on(member.left_on, review) and (member.recruited_on is None or member.recruited_on <= review):
            # the team is already loaded: attach it rather than build one copy per person (select_related)
            team_field.set_cached_value(member, team_by_id.get(member.team_id))
            staff_by_school[member.school_id].append(member)
            staff_limit[member.pk] = current[member.school_id]
            staff_school[member.pk] = member.school_id
    return _Scope(
        years=years,
        by_school=by_school,
        person=person,
        regime_of=regime_of,
        year_of={pk: started.year for pk, started in years_rows},
        titles=titles,
        code_of={pk: title.code for pk, title in titles.items()},
        staff_by_school=staff_by_school,
        teams_by_school=teams_by_school,
        staff_limit=staff_limit,
        staff_school=staff_school,
        team_limit=team_limit,
    )


def _load_evaluations(scope: _Scope, gathered: _Gathered) -> None:
    """Annual ratings of every year, and this year's absences (two queries)."""
    evaluations = _mine(AnnualEvaluation.objects.filter(school_id__in=scope.school_ids), scope.person, "staff_id")
    for staff_id, year_id, rating in evaluations.order_by().values_list("staff_id", "school_year_id", "rating"):
        year = scope.year_of[year_id]
        if year <= scope.staff_limit.get(staff_id, -1):
            gathered.people_years[staff_id][year].rating = rating

    rows = _mine(Absence.objects.filter(evaluation__school_year__in=scope.years), scope.person, "evaluation__staff_id")
    for staff_id, kind, days, start, end in rows.order_by().values_list(
        "evaluation__staff_id", "kind", "days", "start_date", "end_date"
    ):
        if staff_id in scope.staff_limit:
            year_start = scope.by_school[scope.staff_school[staff_id]].start_date
            gathered.absences[staff_id].append(_absence(kind, days, start, end, year_start))


def _load_history(scope: _Scope, gathered: _Gathered) -> None:
    """Titles and commendations received by staff and teams (one query); yearly ones are chain titles, thematic and
    ad-hoc ones are kept apart. Awards of pupils, classes and other people are not the rules' concern."""
    awards = _mine(AwardRecord.objects.filter(school_id__in=scope.school_ids), scope.person, "staff_id")
    awards = awards.filter(Q(staff__isnull=False) | Q(team__isnull=False))
    for staff_id, team_id, year_id, title_id, drive in awards.order_by().values_list(
        "staff_id", "team_id", "school_year_id", "title_id", "drive"
    ):
        year = scope.year_of[year_id]
        if staff_id:
            if year > scope.staff_limit.get(staff_id, -1):
                continue
            record = gathered.people_years[staff_id][year]
        else:
            if year > scope.team_limit.get(team_id, -1):
                continue
            record = gathered.team_years[team_id][year]
        (record.titles if drive == DriveKind.YEARLY else record.thematic).add(scope.code_of[title_id])


def _load_initiatives(scope: _Scope, gathered: _Gathered) -> None:
    """Initiatives in the year they belong to, for the author and every co-author (two queries): recognised ones
    with the date of their decision (another authority's, or the school's own QĐ), pending ones as not yet
    recognised, rejected ones left out; ``used_for`` is the award an InitiativeUse spent them on."""
    initiatives = {}
    rows = (
        _mine(Initiative.objects.filter(school_id__in=scope.school_ids), scope.person, "author_id", "co_authors")
        .exclude(status=InitiativeStatus.REJECTED)
        .order_by()
        .values_list(
            "pk",
            "author_id",
            "school_year_id",
            "title",
            "status",
            "scope",
            "decision_date",
            "decision__document_date",
            "use__award__title_id",
        )
    )
    for pk, author_id, year_id, title, status, scope_code, decided_on, school_decided_on, used_for in rows:
        fact = rules.InitiativeFact(
            id=_initiative_label(title),
            # a pending initiative has no scope yet: the rules only list it as "not yet recognised"
            scope=scope_code or rules.SCOPES[0],
            recognised_on=(decided_on or school_decided_on) if status == InitiativeStatus.RECOGNISED else None,
            used_for=scope.code_of[used_for] if used_for else None,
        )
        year = scope.year_of[year_id]
        initiatives[pk] = (year, fact)
        if year <= scope.staff_limit.get(author_id, -1):
            gathered.people_years[author_id][year].initiatives.append(fact)
    co_authors = Initiative.co_authors.through.objects.filter(initiative__school_id__in=scope.school_ids)
    for initiative_id, staff_id in (
        _mine(co_authors, scope.person, "staff_id").order_by().values_list("initiative_id", "staff_id")
    ):
        if initiative_id in initiatives:
            year, fact = initiatives[initiative_id]
            if year <= scope.staff_limit.get(staff_id, -1):
                gathered.people_years[staff_id][year].initiatives.append(fact)


def _load_disciplines(scope: _Scope, gathered: _Gathered) -> None:
    """Disciplines, in the school year they started (one query)."""
    disciplines = _mine(Discipline.objects.filter(school_id__in=scope.school_ids), scope.person, "staff_id")
    for staff_id, form, start, end in disciplines.order_by().values_list("staff_id", "form", "start", "end"):
        if staff_id in scope.staff_limit:
            regime = scope.regime_of[scope.staff_school[staff_id]]
            year = min(_school_year_of(start, regime), scope.staff_limit[staff_id])
            gathered.people_years[staff_id][year].disciplines.append(rules.Discipline(form=form, start=start, end=end))


def _load_proceedings(scope: _Scope, gathered: _Gathered) -> None:
    """Disciplinary processes, inspections and complaints about a person or a team (one query); the rules keep
    those open on the review date."""
    rows = _mine(Proceeding.objects.filter(school_id__in=scope.school_ids), scope.person, "staff_id")
    for staff_id, team_id, kind, opened_on, closed_on in rows.order_by().values_list(
        "staff_id", "team_id", "kind", "opened_on", "closed_on"
    ):
        proceeding = rules.Proceeding(kind=kind, opened_on=opened_on, closed_on=closed_on)
        if staff_id in scope.staff_limit:
            gathered.proceedings[staff_id].append(proceeding)
        elif team_id in scope.team_limit:
            gathered.team_proceedings[team_id].append(proceeding)


def _with_participation(teams, years: list[SchoolYear]):
    """Teams annotated with what their campaign participation is read from, in the teams' own query: whether the
    school ran (launched or closed) a campaign in the year judged, and whether the team signed a pledge (giao ước)
    in one of them."""
    campaigns = Campaign.objects.filter(school_year__in=years).exclude(status=CampaignStatus.DRAFT)
    return teams.annotate(
        campaigns_held=Exists(campaigns.filter(school=OuterRef("school_id"))),
        pledged=Exists(campaigns.filter(commitments__team=OuterRef("pk"))),
    )


def _load_team_facts(scope: _Scope, gathered: _Gathered) -> None:
    """Teams' own ratings and unity (one query), and their participation in the year's campaigns: a team that
    signed no pledge in any campaign the school ran has not taken part; with no campaign, nothing is asked."""
    for teams in scope.teams_by_school.values():
        for team in teams:
            if team.campaigns_held:
                gathered.team_participation[team.pk] = team.pledged
    team_evaluations = TeamEvaluation.objects.filter(school_id__in=scope.school_ids if scope.whole_school else [])
    for team_id, year_id, rating, united in team_evaluations.order_by().values_list(
        "team_id", "school_year_id", "rating", "united"
    ):
        year = scope.year_of[year_id]
        if year <= scope.team_limit.get(team_id, -1):
            record = gathered.team_years[team_id][year]
            record.rating, record.united = rating, united


def _load_registrations(scope: _Scope, gathered: _Gathered) -> None:
    """This year's registrations in force (one query)."""
    rows = _mine(Registration.objects.active().filter(school_year__in=scope.years), scope.person, "staff_id")
    for school_id, staff_id, team_id, title_id in rows.order_by().values_list(
        "school_id", "staff_id", "team_id", "title_id"
    ):
        gathered.registered[school_id].append((staff_id, team_id, scope.titles[title_id]))


def _load_nominations(scope: _Scope, gathered: _Gathered) -> None:
    """This year's nominations of base titles of staff and teams, with whether the team that made them has sent
    its review (one query). Where several rows name the same title (one ended, a new one live), the live one wins."""
    base = [pk for pk, code in scope.code_of.items() if code in BASE_PERSON_TITLES + BASE_TEAM_TITLES]
    rows = _mine(
        Nomination.objects.filter(school_year__in=scope.years, title__in=base, drive=DriveKind.YEARLY).filter(
            Q(staff__isnull=False) | Q(team__isnull=False)
        ),
        scope.person,
        "staff_id",
    )
    for school_id, staff_id, team_id, title_id, status, review_team, review_status in rows.order_by().values_list(
        "school_id", "staff_id", "team_id", "title_id", "status", "team_review__team_id", "team_review__status"
    ):
        key = ("staff", staff_id) if staff_id else ("team", team_id)
        found = gathered.nominated[school_id][key]
        code = scope.code_of[title_id]
        if found.get(code) is None or found[code] in ENDED_WITHOUT_AWARD:
            found[code] = status
        if review_status == TeamReviewStatus.SUBMITTED:
            gathered.reviewed_teams.add(review_team)


#: One loader per source, each filling its part of the facts.
LOADERS = (
    _load_evaluations,
    _load_history,
    _load_initiatives,
    _load_disciplines,
    _load_proceedings,
    _load_team_facts,
    _load_registrations,
    _load_nominations,
)


def _mine(queryset, person: Staff | None, *lookups: str):
    """``queryset`` narrowed to rows of ``person`` in any of ``lookups`` (unchanged when loading a whole school)."""
    if person is None:
        return queryset
    condition = Q()
    for lookup in lookups:
        condition |= Q(**{lookup: person.pk})
    if len(lookups) > 1:  # a match through a many-to-many field would repeat rows: match keys in a subquery
        return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset.filter(condition)


def _record(year: int, data: _Year | None) -> YearRecord:
    if data is None:
        return YearRecord(year=year)
    return YearRecord(
        year=year,
        rating=data.rating,
        titles=frozenset(data.titles),
        thematic_titles=frozenset(data.thematic),
        disciplines=tuple(data.disciplines),
        initiatives=tuple(data.initiatives),
    )


def _team_record(year: int, data: _Year | None) -> TeamYearRecord:
    data = data or _Year()
    return TeamYearRecord(
        year=year, rating=data.rating, titles=frozenset(data.titles), thematic_titles=frozenset(data.thematic)
    )


def is_proposed(verdict: Verdict | None, *, nomination: str | None = None, reviewed: bool = False) -> bool:
    """Whether a base title counts as proposed by the school this year, for the chains that end this year and the
    collective shares (a team's Lao động tiên tiến members).

    ``nomination``: the status of the subject's nomination of that title this year (None: there is none);
    ``reviewed``: the subject's team has sent its review. A live nomination counts (a draft of the team's review
    included: the review page shows what the team's proposals would give); one that ended without an award does
    not. Without a nomination, registered (the caller judges only registrations) and found eligible counts, until
    the team has sent its review: then only what it proposed counts.
    """
    if nomination is not None:
        return nomination not in ENDED_WITHOUT_AWARD
    return not reviewed and verdict is not None and verdict.eligible


def _school_facts(school_year: SchoolYear, scope: _Scope, gathered: _Gathered) -> SchoolFacts:
    regime = scope.regime_of[school_year.school_id]
    staff = scope.staff_by_school[school_year.school_id]
    teams = scope.teams_by_school[school_year.school_id]
    people_years, team_years = gathered.people_years, gathered.team_years
    proceedings, absences = gathered.proceedings, gathered.absences
    registered = gathered.registered[school_year.school_id]
    whole_school = scope.whole_school
    review = school_year.end_date
    this_year = school_year.start_date.year
    people: dict[int, PersonFacts] = {}
    for person in staff:
        by_year = people_years.get(person.pk, {})
        people[person.pk] = PersonFacts(
            id=person.pk,
            name=person.full_name,
            gender=person.gender,
            recruited_on=person.recruited_on,
            review_date=review,
            current=_record(this_year, by_year.get(this_year)),
            history=tuple(_record(year, data) for year, data in sorted(by_year.items()) if year < this_year),
            open_proceedings=tuple(p for p in proceedings.get(person.pk, ()) if p.is_open(review)),
            absences=tuple(absences.get(person.pk, ())),
        )
    staff_by_id = {person.pk: person for person in staff}
    team_by_id = {team.pk: team for team in teams}
    registrations: list[tuple[Staff | Team, Title]] = []
    wanted: set[tuple[str, int, str]] = set()
    for staff_id, team_id, title in registered:
        subject = staff_by_id.get(staff_id) if staff_id else team_by_id.get(team_id)
        if subject is None:  # someone who left before the review
            continue
        registrations.append((subject, title))
        wanted.add(("staff" if staff_id else "team", subject.pk, title.code))
    order = {("staff", person.pk): i for i, person in enumerate(staff)} | {
        ("team", t.pk): i for i, t in enumerate(teams)
    }
    registrations.sort(
        key=lambda pair: (
            isinstance(pair[0], Team),
            order["team" if isinstance(pair[0], Team) else "staff", pair[0].pk],
            pair[1].sort_order,
            pair[1].pk,
        )
    )

    nominated = gathered.nominated.get(school_year.school_id, {})
    reviewed_teams = gathered.reviewed_teams
    verdicts: dict[tuple[str, int, str], Verdict] = {}
    proposed: dict[int, set[str]] = defaultdict(set)
    for code in BASE_PERSON_TITLES:
        for staff_id, facts in people.items():
            verdict = None
            if ("staff", staff_id, code) in wanted:
                verdict = verdicts[("staff", staff_id, code)] = rules.evaluate_person(code, facts, regime)
            nomination = nominated.get(("staff", staff_id), {}).get(code)
            team_id = staff_by_id[staff_id].team_id
            if is_proposed(verdict, nomination=nomination, reviewed=team_id in reviewed_teams):
                proposed[staff_id].add(code)
    projected = {staff_id: _with_titles(facts, proposed.get(staff_id, set())) for staff_id, facts in people.items()}
    context = None
    if whole_school:
        context = SchoolContext(
            ltt_count=sum(1 for facts in projected.values() if rules.LDTT in facts.current.titles),
            cstdcs_proposed=sum(1 for facts in projected.values() if rules.CSTDCS in facts.current.titles),
        )
    if context is not None and regime.cstdcs_cap_ratio is not None:  # the cap needs the whole school's counts
        for (kind, staff_id, code), _ in list(verdicts.items()):
            if code == rules.CSTDCS:
                verdicts[(kind, staff_id, code)] = rules.evaluate_person(code, people[staff_id], regime, context)

    conferred_teams: dict[int, TeamFacts] = {}
    member_projected: dict[int, TeamFacts] = {}  # members projected, the team's own titles conferred
    for team in teams:
        by_year = team_years.get(team.pk, {})
        current = by_year.get(this_year) or _Year()
        members = [person.pk for person in staff if person.team_id == team.pk]
        conferred_teams[team.pk] = TeamFacts(
            id=team.pk,
            name=team.name,
            members=tuple(people[pk] for pk in members),
            review_date=review,
            current=_team_record(this_year, current),
            history=tuple(_team_record(year, data) for year, data in sorted(by_year.items()) if year < this_year),
            united=current.united,
            campaign_participation=gathered.team_participation.get(team.pk, True),
            open_proceedings=tuple(p for p in gathered.team_proceedings.get(team.pk, ()) if p.is_open(review)),
        )
        member_projected[team.pk] = replace(conferred_teams[team.pk], members=tuple(projected[pk] for pk in members))
    team_proposed: dict[int, set[str]] = defaultdict(set)
    for code in BASE_TEAM_TITLES:
        for team_id, facts in member_projected.items():
            verdict = None
            if ("team", team_id, code) in wanted:
                verdict = _judge(
                    lambda subject, code=code: rules.evaluate_team(code, subject, regime),
                    facts,
                    conferred_teams[team_id],
                )
                verdicts[("team", team_id, code)] = verdict
            nomination = nominated.get(("team", team_id), {}).get(code)
            if is_proposed(verdict, nomination=nomination, reviewed=team_id in reviewed_teams):
                team_proposed[team_id].add(code)
    projected_teams = {
        team_id: _with_titles(facts, team_proposed.get(team_id, set())) for team_id, facts in member_projected.items()
    }
    return SchoolFacts(
        school_year=school_year,
        rules=regime,
        staff=staff,
        teams=teams,
        people=people,
        projected=projected,
        team_facts=conferred_teams,
        projected_teams=projected_teams,
        registrations=registrations,
        context=context,
        verdicts=verdicts,
    )


def _with_titles(facts, codes: set[str]):
    """The same facts with ``codes`` added to this year's titles (the same object when nothing is added)."""
    if codes <= facts.current.titles:
        return facts
    return replace(facts, current=replace(facts.current, titles=facts.current.titles | codes))


def _judge(rule, projected, conferred) -> Verdict:
    """The verdict on the projected facts, flagged when it differs from the verdict on conferred titles only."""
    verdict = rule(projected)
    if projected is not conferred and rule(conferred).outcome is not verdict.outcome:
        verdict = replace(verdict, flags=(*verdict.flags, PROJECTION_FLAG))
    return verdict


# ----------------------------------------------------------------------------------------------------
# Evaluation
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One registered title of one person or team, with the rules' verdict (None: no rule for that title)."""

    school_year: SchoolYear
    subject: Staff | Team
    title: Title
    verdict: Verdict | None

    @property
    def is_team(self) -> bool:
        return isinstance(self.subject, Team)

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self.verdict.outcome] if self.verdict else NO_RULE

    @property
    def style(self) -> str:
        return OUTCOME_STYLES[self.verdict.outcome] if self.verdict else "light"

    @property
    def outcome(self) -> str:
        return self.verdict.outcome.value if self.verdict else "no_rule"

    @property
    def missing(self) -> tuple[str, ...]:
        return self.verdict.missing if self.verdict and not self.verdict.eligible else ()


def evaluate_school(school: School, school_year: SchoolYear) -> list[Row]:
    """Every registration of ``school_year`` judged: people first (page order), then teams."""
    if school_year.school_id != school.pk:
        raise ValueError(f"Năm học {school_year} không thuộc {school}.")
    return evaluate_many([school_year])


def evaluate_person(person: Staff, school_year: SchoolYear) -> list[Row]:
    """The registrations of one person in ``school_year``, judged on their own facts only (same queries, narrowed).

    The verdicts equal those of ``evaluate_school`` except that the school-wide cap on CSTĐCS (regime 2017, a flag
    for the council, never an outcome) is not counted: for a person's own dashboard and progress cards.
    """
    if school_year.school_id != person.school_id:
        raise ValueError(f"Năm học {school_year} không thuộc đơn vị của {person}.")
    with _without_cyclic_gc():
        return evaluate(_load_many([school_year], person=person)[0])


def evaluate_many(school_years: Iterable[SchoolYear]) -> list[Row]:
    """Every registration of several schools' years (one per school), in one pass."""
    # the facts are dropped before the collector is back: it never walks them
    with _without_cyclic_gc():
        return [row for facts in _load_many(list(school_years)) for row in evaluate(facts)]


def evaluate(facts: SchoolFacts) -> list[Row]:
    """The rows of one school year whose facts are loaded."""
    regime = facts.rules
    rows = []
    for subject, title in facts.registrations:
        code = title.code
        if isinstance(subject, Team):
            key = ("team", subject.pk, code)
            rule = rules.TEAM_RULES.get(code)
            subjects = (facts.projected_teams[subject.pk], facts.team_facts[subject.pk])
            arguments = (regime,)
        else:
            key = ("staff", subject.pk, code)
            rule = rules.PERSON_RULES.get(code)
            subjects = (facts.projected[subject.pk], facts.people[subject.pk])
            arguments = (regime, facts.context)
        verdict = facts.verdicts.get(key)
        if verdict is None and rule is not None:
            verdict = _judge(lambda facts_, rule=rule, arguments=arguments: rule(facts_, *arguments), *subjects)
        rows.append(Row(facts.school_year, subject, title, verdict))
    return rows


# ----------------------------------------------------------------------------------------------------
# Tables for the pages
# ----------------------------------------------------------------------------------------------------


@dataclass
class VerdictTable:
    """Subjects × titles: one cell per title, None where the subject did not register it."""

    titles: list[Title]
    rows: list[tuple[Staff | Team, list[Row | None]]]

    @property
    def eligible_counts(self) -> list[tuple[int, int]]:
        """Per column: (eligible, registered)."""
        counts = []
        for index in range(len(self.titles)):
            cells = [cells[index] for _, cells in self.rows if cells[index] is not None]
            counts.append((sum(1 for cell in cells if cell.verdict and cell.verdict.eligible), len(cells)))
        return counts


def verdict_table(rows: Iterable[Row]) -> VerdictTable:
    """Rows (in subject order) laid out as a table; columns in the catalog's order."""
    rows = list(rows)
    titles = sorted({row.title.pk: row.title for row in rows}.values(), key=lambda t: (t.sort_order, t.pk))
    column = {title.pk: index for index, title in enumerate(titles)}
    by_subject: dict[int, tuple[Staff | Team, list[Row | None]]] = {}
    for row in rows:
        _, cells = by_subject.setdefault(row.subject.pk, (row.subject, [None] * len(titles)))
        cells[column[row.title.pk]] = row
    return VerdictTable(titles, list(by_subject.values()))
