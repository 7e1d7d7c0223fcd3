"""Eligibility rules for emulation titles and commendations (thi đua – khen thưởng).

Pure functions over plain data: no Django, no database, no I/O, standard library only. The awards app builds
the input dataclasses and a ``RegimeRules`` from its tables; tests build them directly.

Conventions
- Every figure the law may change (months, ratios, counts of years and initiatives, rating floors, discipline
  floors, which absences count as working time, the citations themselves) is a field of ``RegimeRules``.
  The logic below holds no legal figure of its own.
- ``YearRecord.titles`` holds the yearly titles and commendations conferred on (or already proposed for) the
  person in that school year. The engine never treats a title as held because it judges the person eligible
  for it: a chain such as "three consecutive Chiến sĩ thi đua cơ sở, the third this year" needs this year's
  CSTĐCS in ``current.titles`` (conferred, or proposed by the council at the same meeting).
- Awards from thematic (chuyên đề) or ad-hoc (đột xuất) drives go in ``thematic_titles``; they never count
  in a chain (``chain_titles`` is the one place that says so).
- Conditions common to every rule live in the section "Common conditions" and are applied by every rule:
  an open disciplinary process, inspection or complaint excludes from review; achievements count only from the
  end of a discipline (school years touched by a discipline break every chain); an initiative spent on a title
  is not counted for a commendation, and the reverse; a chain restarts after the award it leads to.
- Absences are data. There is no absence bar of its own; the recruitment bar is calendar time since
  recruitment, so maternity leave, treatment of a duty injury and assigned training (and any other absence)
  are never subtracted from it. Absences are reported as notes on Lao động tiên tiến; long absence shows in
  the annual rating instead.
- Outcomes: NOT_CONSIDERED when the subject is outside the review (open proceeding, recruited too recently);
  ADVISORY for chains the school only reports on (Bằng khen Thủ tướng); otherwise ELIGIBLE / NOT_ELIGIBLE.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Protocol

# ----------------------------------------------------------------------------------------------------
# Codes and vocabularies
# ----------------------------------------------------------------------------------------------------

LDTT = "LDTT"
CSTDCS = "CSTDCS"
CSTDT = "CSTDT"
CSTDTQ = "CSTDTQ"
TTLDTT = "TTLDTT"
TTLDXS = "TTLDXS"
CTD = "CTD"
GK = "GK"
BKTP = "BKTP"
BKTTG = "BKTTG"

INDIVIDUAL_TITLES = frozenset({LDTT, CSTDCS, CSTDT, CSTDTQ})
COLLECTIVE_TITLES = frozenset({TTLDTT, TTLDXS, CTD})
COMMENDATIONS = frozenset({GK, BKTP, BKTTG})

TITLE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        LDTT: "Lao động tiên tiến",
        CSTDCS: "Chiến sĩ thi đua cơ sở",
        CSTDT: "Chiến sĩ thi đua cấp tỉnh",
        CSTDTQ: "Chiến sĩ thi đua toàn quốc",
        TTLDTT: "Tập thể lao động tiên tiến",
        TTLDXS: "Tập thể lao động xuất sắc",
        CTD: "Cờ thi đua cấp tỉnh",
        GK: "Giấy khen",
        BKTP: "Bằng khen của Chủ tịch UBND tỉnh/thành phố",
        BKTTG: "Bằng khen của Thủ tướng Chính phủ",
    }
)

# Ordered from lowest to highest.
RATINGS = ("not_completed", "completed", "good", "excellent")
RATING_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "excellent": "hoàn thành xuất sắc nhiệm vụ",
        "good": "hoàn thành tốt nhiệm vụ",
        "completed": "hoàn thành nhiệm vụ",
        "not_completed": "không hoàn thành nhiệm vụ",
    }
)

# Ordered from narrowest to widest effect.
SCOPES = ("school", "district", "province", "national")
SCOPE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "school": "cấp cơ sở",
        "district": "cấp huyện",
        "province": "cấp tỉnh/thành phố",
        "national": "toàn quốc",
    }
)

# Ordered by severity.
DISCIPLINE_FORMS = ("reprimand", "warning", "demotion", "removal", "dismissal")
DISCIPLINE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "reprimand": "khiển trách",
        "warning": "cảnh cáo",
        "demotion": "hạ bậc lương",
        "removal": "cách chức",
        "dismissal": "buộc thôi việc",
    }
)

PROCEEDING_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "discipline": "trong thời gian xem xét kỷ luật",
        "inspection": "trong thời gian thanh tra, kiểm tra",
        "complaint": "có đơn khiếu nại, tố cáo đang được xác minh, giải quyết",
    }
)

ABSENCE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "maternity": "nghỉ thai sản",
        "duty_injury": "điều trị thương tích do làm nhiệm vụ",
        "assigned_training": "đi học tập, bồi dưỡng theo phân công",
        "sick": "nghỉ ốm",
        "personal": "nghỉ việc riêng",
        "unpaid": "nghỉ không hưởng lương",
    }
)

FEMALE = "female"


def is_title(code: str) -> bool:
    """True for emulation titles (danh hiệu), False for forms of commendation (hình thức khen thưởng)."""
    return code in INDIVIDUAL_TITLES or code in COLLECTIVE_TITLES


def _check(value: str, allowed: Iterable[str], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} không hợp lệ: {value!r}")


# ----------------------------------------------------------------------------------------------------
# Legal regime
# ----------------------------------------------------------------------------------------------------

# Article numbers of the law per key. The titles keep their numbers between the 2003 and the 2022 law.
LAW_2022_ARTICLES: tuple[tuple[str, str], ...] = (
    (CSTDTQ, "Điều 21"),
    (CSTDT, "Điều 22"),
    (CSTDCS, "Điều 23"),
    (LDTT, "Điều 24"),
    (CTD, "Điều 26"),
    (TTLDXS, "Điều 27"),
    (TTLDTT, "Điều 28"),
    (BKTTG, "Điều 71"),
    (BKTP, "Điều 74"),
    (GK, "Điều 75"),
    ("principles", "Điều 5"),
)
LAW_2003_ARTICLES: tuple[tuple[str, str], ...] = (
    (CSTDTQ, "Điều 21"),
    (CSTDT, "Điều 22"),
    (CSTDCS, "Điều 23"),
    (LDTT, "Điều 24"),
    (CTD, "Điều 26"),
    (TTLDXS, "Điều 27"),
    (TTLDTT, "Điều 28"),
    (BKTTG, "Điều 71"),
    (BKTP, "Điều 72"),
    (GK, "Điều 75"),
    ("principles", "Điều 6"),
)


@dataclass(frozen=True)
class RegimeRules:
    """One legal regime's parameters; built from the database by the awards app (seeded per regime).

    Ratios are fractions (Decimal("0.70") is 70 %). Fields with defaults carry the 2022 law's figures; the
    awards app should still pass every field from its own data.
    """

    code: str  # "2017", "2024", "2025"
    law_name: str  # e.g. "Luật Thi đua, khen thưởng 2022"
    decree_name: str  # e.g. "Nghị định 98/2023/NĐ-CP"
    # Not considered for Lao động tiên tiến when recruited less than this many months before the review.
    min_service_months: int
    # Chiến sĩ thi đua cơ sở: is "hoàn thành xuất sắc nhiệm vụ" an alternative to a recognised initiative?
    cstdcs_excellent_rating_suffices: bool
    # Chiến sĩ thi đua cơ sở capped at this share of the school's Lao động tiên tiến holders (None: no cap).
    cstdcs_cap_ratio: Decimal | None
    # Tập thể lao động tiên tiến: share of members holding Lao động tiên tiến.
    collective_ltt_min_ratio: Decimal
    # Tie-break: a team with at least this share of women is preferred.
    collective_female_preference_ratio: Decimal
    # Chiến sĩ thi đua cơ sở: is "hoàn thành xuất sắc nhiệm vụ" required as well as a recognised initiative?
    cstdcs_excellent_rating_required: bool = False
    # True when the law says "trên" (strictly more than) the ratio above; False for "ít nhất" (at least).
    collective_ltt_ratio_strict: bool = True
    # Tập thể lao động xuất sắc: at least this share of members hold Lao động tiên tiến ...
    excellent_collective_ltt_min_ratio: Decimal = Decimal("0.70")
    # ... and at least this share completed their tasks (1 = 100 %).
    excellent_collective_completed_ratio: Decimal = Decimal(1)
    # Chains.
    cstdt_consecutive_cstdcs: int = 3  # CSTĐ cấp tỉnh: consecutive CSTĐCS years, the last one this year
    cstdtq_consecutive_cstdt: int = 2  # CSTĐ toàn quốc: consecutive CSTĐ cấp tỉnh conferrals
    bktp_consecutive_cstdcs: int = 2  # Bằng khen cấp tỉnh (individual): consecutive CSTĐCS years
    bktp_consecutive_excellent_years: int = 2  # ... or consecutive "hoàn thành xuất sắc" years
    bktp_initiatives: int = 2  # ... with this many initiatives applied at school level or above
    bktp_collective_excellent_years: int = 2  # Bằng khen cấp tỉnh (collective): consecutive excellent years
    bkttg_excellent_years: int = 5  # Bằng khen Thủ tướng (advisory): excellent years after Bằng khen cấp tỉnh
    bkttg_initiatives: int = 5  # ... with this many initiatives (individual)
    # Rating floors and discipline floors.
    ltt_min_rating: str = "good"
    gk_min_rating: str = "good"
    ltt_discipline_min_form: str = "reprimand"  # Lao động tiên tiến: no discipline of this form or heavier
    collective_discipline_min_form: str = "warning"  # collective titles: no member disciplined this or worse
    # Initiative scopes required.
    cstdcs_initiative_min_scope: str = "school"
    cstdt_initiative_min_scope: str = "province"
    cstdtq_initiative_min_scope: str = "national"
    commendation_initiative_min_scope: str = "school"
    # Absences that count as working time.
    working_time_absence_kinds: frozenset[str] = frozenset({"maternity", "duty_injury", "assigned_training"})
    # First day of a school year (month, day); the year ends the day before the next one starts.
    school_year_start_month: int = 9
    school_year_start_day: int = 1
    # Citations.
    law_articles: tuple[tuple[str, str], ...] = LAW_2022_ARTICLES
    ltt_detail_source: str = ""  # recruitment bar and discipline bar of Lao động tiên tiến
    working_time_source: str = ""  # which absences count as working time
    cstdcs_cap_source: str = ""  # the cap on Chiến sĩ thi đua cơ sở
    general_conditions_source: str = ""  # open proceedings, discipline, thematic awards, tie-break

    def __post_init__(self) -> None:
        if self.cstdcs_excellent_rating_suffices and self.cstdcs_excellent_rating_required:
            raise ValueError("CSTĐCS: hoàn thành xuất sắc nhiệm vụ không thể vừa là đủ vừa là bắt buộc cùng sáng kiến.")
        _check(self.ltt_min_rating, RATINGS, "Mức đánh giá tối thiểu")
        _check(self.gk_min_rating, RATINGS, "Mức đánh giá tối thiểu")
        _check(self.ltt_discipline_min_form, DISCIPLINE_FORMS, "Hình thức kỷ luật")
        _check(self.collective_discipline_min_form, DISCIPLINE_FORMS, "Hình thức kỷ luật")
        for scope in (
            self.cstdcs_initiative_min_scope,
            self.cstdt_initiative_min_scope,
            self.cstdtq_initiative_min_scope,
            self.commendation_initiative_min_scope,
        ):
            _check(scope, SCOPES, "Phạm vi sáng kiến")

    def cite(self, key: str) -> str:
        """Citation of the law's article for a title/commendation code or "principles"."""
        article = dict(self.law_articles).get(key)
        return f"{self.law_name}, {article}" if article else self.law_name

    def school_year(self, year: int) -> tuple[date, date]:
        """First and last day of the school year that starts in ``year``."""
        start = date(year, self.school_year_start_month, self.school_year_start_day)
        following = date(year + 1, self.school_year_start_month, self.school_year_start_day)
        return start, following - timedelta(days=1)


# ----------------------------------------------------------------------------------------------------
# Input facts
# ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discipline:
    """A disciplinary measure in effect from ``start`` to ``end`` (None: still in effect)."""

    form: str  # one of DISCIPLINE_FORMS
    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        _check(self.form, DISCIPLINE_FORMS, "Hình thức kỷ luật")

    @property
    def severity(self) -> int:
        return DISCIPLINE_FORMS.index(self.form)

    def overlaps(self, first: date, last: date) -> bool:
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True)
class Proceeding:
    """A disciplinary process, inspection or complaint about the person (or team)."""

    kind: str  # "discipline", "inspection", "complaint"
    opened_on: date
    closed_on: date | None = None

    def __post_init__(self) -> None:
        _check(self.kind, PROCEEDING_LABELS, "Loại vụ việc")

    def is_open(self, on: date) -> bool:
        return self.opened_on <= on and (self.closed_on is None or self.closed_on > on)


@dataclass(frozen=True)
class Absence:
    """A period of absence; ``kind`` is one of ABSENCE_LABELS' keys or any other label."""

    kind: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class InitiativeFact:
    """An initiative (or research project) of the person, listed in the school year it belongs to.

    ``scope``: the widest scope at which its effect has been recognised. ``recognised_on``: date of the
    initiative council's recognition (None: not yet recognised). ``used_for``: the award code it already
    earned, if any.
    """

    id: int | str
    scope: str
    recognised_on: date | None = None
    used_for: str | None = None

    def __post_init__(self) -> None:
        _check(self.scope, SCOPES, "Phạm vi sáng kiến")


@dataclass(frozen=True)
class YearRecord:
    """One school year of a person. ``year`` is the starting calendar year (2023 for 2023-2024)."""

    year: int
    rating: str | None = None  # one of RATINGS
    titles: frozenset[str] = frozenset()  # yearly titles/commendations conferred or proposed that year
    thematic_titles: frozenset[str] = frozenset()  # from thematic or ad-hoc drives: never count in a chain
    disciplines: tuple[Discipline, ...] = ()
    initiatives: tuple[InitiativeFact, ...] = ()

    def __post_init__(self) -> None:
        if self.rating is not None:
            _check(self.rating, RATINGS, "Mức đánh giá")


@dataclass(frozen=True)
class PersonFacts:
    """A staff member as the rules see them at ``review_date``."""

    id: int | str
    name: str
    gender: str  # "female" is preferred in a tie
    recruited_on: date | None
    review_date: date
    current: YearRecord
    history: tuple[YearRecord, ...] = ()  # earlier school years, any order
    open_proceedings: tuple[Proceeding, ...] = ()  # only those open on review_date count
    absences: tuple[Absence, ...] = ()
    campaign_participation: bool = True  # active in the emulation campaigns this year
    notable_achievement: bool = False  # a recorded exceptional (đột xuất) achievement this year


@dataclass(frozen=True)
class TeamYearRecord:
    """One school year of a team (tổ) or unit."""

    year: int
    rating: str | None = None  # the team's own rating, one of RATINGS
    titles: frozenset[str] = frozenset()
    thematic_titles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.rating is not None:
            _check(self.rating, RATINGS, "Mức đánh giá")


@dataclass(frozen=True)
class TeamFacts:
    """A team (or the school as a unit) with its members' facts for the same school year."""

    id: int | str
    name: str
    members: tuple[PersonFacts, ...]
    review_date: date
    current: TeamYearRecord
    history: tuple[TeamYearRecord, ...] = ()
    united: bool = True  # nội bộ đoàn kết
    campaign_participation: bool = True  # phong trào thi đua thường xuyên, thiết thực, hiệu quả
    open_proceedings: tuple[Proceeding, ...] = ()
    notable_achievement: bool = False

    @property
    def team_rating(self) -> str | None:
        return self.current.rating


@dataclass(frozen=True)
class SchoolContext:
    """School-wide figures for the cap on Chiến sĩ thi đua cơ sở (regime 2017)."""

    ltt_count: int  # Lao động tiên tiến holders this year
    cstdcs_proposed: int  # Chiến sĩ thi đua cơ sở proposed this year


# ----------------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------------


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NOT_CONSIDERED = "not_considered"  # excluded from review (open proceeding, recruited too recently)
    ADVISORY = "advisory"  # a chain the school only reports on


@dataclass(frozen=True)
class Reason:
    """One condition checked (``passed``) or one informational note (always ``passed=True``)."""

    text: str
    article: str
    passed: bool


@dataclass(frozen=True)
class Verdict:
    title_code: str
    outcome: Outcome
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]  # short to-do texts for the person or team
    flags: tuple[str, ...]  # for the council: caps exceeded, data gaps, decisions that belong to others

    @property
    def eligible(self) -> bool:
        return self.outcome is Outcome.ELIGIBLE


class _Assessment:
    """Collects reasons, missing items and flags while a rule runs."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.reasons: list[Reason] = []
        self.missing: list[str] = []
        self.flags: list[str] = []
        self.failed = False
        self.excluded = False

    def require(self, passed: bool, text: str, article: str, missing: Iterable[str] = ()) -> bool:
        self.reasons.append(Reason(text, article, passed))
        if not passed:
            self.failed = True
            self.missing.extend(missing)
        return passed

    def any_of(self, paths: list[tuple[bool, str, str, list[str]]]) -> bool:
        """Alternative criteria: keep the reasons of the paths that pass; if none does, all of them fail."""
        passing = [p for p in paths if p[0]]
        for passed, text, article, missing in passing or paths:
            self.require(passed, text, article, missing)
        return bool(passing)

    def note(self, text: str, article: str) -> None:
        reason = Reason(text, article, True)
        if reason not in self.reasons:
            self.reasons.append(reason)

    def exclude(self, text: str, article: str) -> None:
        self.excluded = True
        self.reasons.append(Reason(text, article, False))

    def flag(self, text: str) -> None:
        self.flags.append(text)

    def verdict(self, *, advisory: bool = False) -> Verdict:
        if self.excluded:
            outcome = Outcome.NOT_CONSIDERED
        elif advisory:
            outcome = Outcome.ADVISORY
        elif self.failed:
            outcome = Outcome.NOT_ELIGIBLE
        else:
            outcome = Outcome.ELIGIBLE
        return Verdict(
            title_code=self.code,
            outcome=outcome,
            reasons=tuple(self.reasons),
            missing=tuple(dict.fromkeys(self.missing)),
            flags=tuple(dict.fromkeys(self.flags)),
        )


# ----------------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------------


class _YearLike(Protocol):
    year: int
    rating: str | None
    titles: frozenset[str]
    thematic_titles: frozenset[str]


class _Subject(Protocol):
    review_date: date
    open_proceedings: tuple[Proceeding, ...]


def _d(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _sy(year: int) -> str:
    return f"{year}-{year + 1}"


def _pct(ratio: Decimal) -> str:
    return format((ratio * 100).normalize(), "f")


def _rating_at_least(rating: str | None, floor: str) -> bool:
    return rating is not None and RATINGS.index(rating) >= RATINGS.index(floor)


def _rating_label(rating: str | None) -> str:
    return RATING_LABELS[rating] if rating else "chưa có kết quả đánh giá"


def _add_months(start: date, months: int) -> date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _full_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def _ratio_met(count: int, total: int, ratio: Decimal, strict: bool) -> bool:
    if total <= 0:
        return False
    share, floor = Decimal(count), ratio * total
    return share > floor if strict else share >= floor


def _shortfall(count: int, total: int, ratio: Decimal, strict: bool) -> int:
    needed = count
    while needed <= total and not _ratio_met(needed, total, ratio, strict):
        needed += 1
    return needed - count


def _names(codes: Iterable[str]) -> str:
    return ", ".join(TITLE_NAMES.get(c, c) for c in codes)


def _notable_text(notable: bool) -> str:
    return "Có thành tích đột xuất được ghi nhận" if notable else "Không có thành tích đột xuất được ghi nhận"


def _excellent(record: _YearLike) -> bool:
    return record.rating == "excellent"


# ----------------------------------------------------------------------------------------------------
# Chains
# ----------------------------------------------------------------------------------------------------

YearPredicate = Callable[[_YearLike], bool]


def chain_titles(record: _YearLike) -> frozenset[str]:
    """The titles of a year that may ground a higher award: thematic and ad-hoc awards never do."""
    return record.titles


def _predicate(codes: Iterable[str] | str | YearPredicate) -> YearPredicate:
    if callable(codes):
        return codes
    wanted = frozenset({codes}) if isinstance(codes, str) else frozenset(codes)
    return lambda record: bool(chain_titles(record) & wanted)


def streak(
    history: Iterable[_YearLike],
    current: _YearLike,
    codes: Iterable[str] | str | YearPredicate,
    *,
    end_year: int | None = None,
    after_year: int | None = None,
    excluded_years: frozenset[int] = frozenset(),
) -> int:
    """Number of consecutive school years, without a gap, ending at ``end_year`` (default: the current year).

    A year counts when it has a record, holds one of ``codes`` in ``chain_titles`` (or satisfies the predicate
    given instead of codes), is later than ``after_year`` and is not in ``excluded_years``.
    """
    matches = _predicate(codes)
    by_year = {record.year: record for record in history}
    by_year[current.year] = current
    year = current.year if end_year is None else end_year
    count = 0
    while (
        year in by_year
        and (after_year is None or year > after_year)
        and year not in excluded_years
        and matches(by_year[year])
    ):
        count += 1
        year -= 1
    return count


def consecutive_years(
    history: Iterable[_YearLike],
    current: _YearLike,
    codes: Iterable[str] | str | YearPredicate,
    n: int,
    *,
    end_year: int | None = None,
    after_year: int | None = None,
    excluded_years: frozenset[int] = frozenset(),
) -> bool:
    """True when ``streak`` reaches ``n`` consecutive school years."""
    history = tuple(history)
    found = streak(history, current, codes, end_year=end_year, after_year=after_year, excluded_years=excluded_years)
    return found >= n


# ----------------------------------------------------------------------------------------------------
# Common conditions (applied by every rule)
# ----------------------------------------------------------------------------------------------------


def _records(subject: PersonFacts | TeamFacts) -> tuple[_YearLike, ...]:
    return (*subject.history, subject.current)


def _disciplines(person: PersonFacts) -> tuple[Discipline, ...]:
    return tuple(d for record in (*person.history, person.current) for d in record.disciplines)


def _year_window(year: int, regime: RegimeRules, review_date: date) -> tuple[date, date]:
    first, last = regime.school_year(year)
    return first, min(last, review_date)


def _disciplines_in_year(person: PersonFacts, year: int, regime: RegimeRules, min_form: str) -> list[Discipline]:
    disciplines = _disciplines(person)
    if not disciplines:  # most people: skip the calendar work (a school runs this thousands of times)
        return []
    first, last = _year_window(year, regime, person.review_date)
    floor = DISCIPLINE_FORMS.index(min_form)
    return [d for d in disciplines if d.severity >= floor and d.overlaps(first, last)]


def excluded_years(subject: PersonFacts | TeamFacts, regime: RegimeRules) -> frozenset[int]:
    """School years touched by a discipline of the person: achievements count only from the day it ends."""
    if not isinstance(subject, PersonFacts) or not _disciplines(subject):
        return frozenset()
    return frozenset(
        record.year
        for record in _records(subject)
        if _disciplines_in_year(subject, record.year, regime, DISCIPLINE_FORMS[0])
    )


def _last_conferral(subject: PersonFacts | TeamFacts, code: str) -> int | None:
    """Latest earlier school year in which ``code`` was conferred as a yearly award."""
    years = [r.year for r in subject.history if code in chain_titles(r) and r.year < subject.current.year]
    return max(years) if years else None


def _begin(code: str, subject: _Subject, regime: RegimeRules) -> _Assessment:
    assessment = _Assessment(code)
    for proceeding in subject.open_proceedings:
        if proceeding.is_open(subject.review_date):
            assessment.exclude(
                f"Đang {PROCEEDING_LABELS[proceeding.kind]} (từ ngày {_d(proceeding.opened_on)}): "
                "chưa xem xét khen thưởng cho đến khi có kết luận",
                regime.general_conditions_source,
            )
    return assessment


def _chain(
    assessment: _Assessment,
    subject: PersonFacts | TeamFacts,
    regime: RegimeRules,
    codes: Iterable[str] | YearPredicate,
    *,
    reset_by: str,
    end_year: int | None = None,
    floor_year: int | None = None,
) -> tuple[int, int | None]:
    """Run ``streak`` with the common conditions and explain what broke the chain.

    The chain restarts after the last conferral of ``reset_by`` (one achievement is rewarded once), or after
    ``floor_year`` when that is later, and skips nothing: a year touched by a discipline ends it.
    """
    last = _last_conferral(subject, reset_by)
    after = max((y for y in (last, floor_year) if y is not None), default=None)
    excluded = excluded_years(subject, regime)
    count = streak(
        subject.history, subject.current, codes, end_year=end_year, after_year=after, excluded_years=excluded
    )
    end = subject.current.year if end_year is None else end_year
    stop = end - count
    if stop in excluded:
        assessment.note(
            f"Năm học {_sy(stop)} có kỷ luật: thành tích chỉ được tính từ ngày chấp hành xong kỷ luật",
            regime.general_conditions_source,
        )
    if last is not None and stop == last:
        assessment.note(
            f"Đã được tặng {TITLE_NAMES[reset_by]} năm học {_sy(last)}: thành tích đã được khen thưởng không tính lại",
            regime.cite("principles"),
        )
    if not callable(codes):
        wanted = frozenset(codes)
        by_year = {r.year: r for r in _records(subject)}
        record = by_year.get(stop)
        if record is not None and wanted & record.thematic_titles and not wanted & chain_titles(record):
            assessment.note(
                f"{_names(sorted(wanted & record.thematic_titles))} năm học {_sy(stop)} là khen thưởng "
                "chuyên đề/đột xuất: không làm căn cứ khen thưởng cao hơn",
                regime.general_conditions_source,
            )
    return count, after


def _initiatives(
    person: PersonFacts, regime: RegimeRules, code: str, years: Iterable[int], min_scope: str
) -> tuple[list[InitiativeFact], list[InitiativeFact], list[InitiativeFact]]:
    """Initiatives of ``years``: (usable for ``code``, spent on the other kind of award, not yet recognised).

    Usable: recognised by the review date at ``min_scope`` or wider, in a year not touched by a discipline,
    and not already used for a title when ``code`` is a commendation, or for a commendation when a title.
    """
    wanted = set(years) - excluded_years(person, regime)
    floor = SCOPES.index(min_scope)
    usable: list[InitiativeFact] = []
    spent: list[InitiativeFact] = []
    pending: list[InitiativeFact] = []
    for record in (*person.history, person.current):
        if record.year not in wanted:
            continue
        for initiative in record.initiatives:
            if initiative.recognised_on is None or initiative.recognised_on > person.review_date:
                pending.append(initiative)
            elif SCOPES.index(initiative.scope) < floor:
                continue
            elif (
                initiative.used_for is not None
                and initiative.used_for != code
                and is_title(initiative.used_for) != is_title(code)
            ):
                spent.append(initiative)
            else:
                usable.append(initiative)
    return usable, spent, pending


def _ids(initiatives: Iterable[InitiativeFact]) -> str:
    return ", ".join(str(i.id) for i in initiatives)


def _initiative_notes(
    assessment: _Assessment, regime: RegimeRules, spent: list[InitiativeFact], pending: list[InitiativeFact]
) -> None:
    for initiative in spent:
        assessment.note(
            f"Sáng kiến {initiative.id} đã dùng để xét {TITLE_NAMES.get(initiative.used_for or '', '')}: "
            "không tính lại (một thành tích chỉ khen thưởng một lần)",
            regime.cite("principles"),
        )
    if pending:
        assessment.flag(f"Sáng kiến chưa được công nhận, chưa tính: {_ids(pending)}")


def tie_break_key(subject: PersonFacts | TeamFacts, regime: RegimeRules) -> tuple[int]:
    """Sort key for candidates who tie: preferred ones (a woman; a team with enough women) sort first."""
    if isinstance(subject, TeamFacts):
        total = len(subject.members)
        women = sum(1 for m in subject.members if m.gender == FEMALE)
        preferred = _ratio_met(women, total, regime.collective_female_preference_ratio, strict=False)
    else:
        preferred = subject.gender == FEMALE
    return (0 if preferred else 1,)


# ----------------------------------------------------------------------------------------------------
# Individual titles
# ----------------------------------------------------------------------------------------------------


def _service_bar(assessment: _Assessment, person: PersonFacts, regime: RegimeRules) -> None:
    if person.recruited_on is None:
        assessment.flag("Chưa có ngày tuyển dụng: chưa kiểm tra điều kiện thời gian công tác")
        return
    months = _full_months(person.recruited_on, person.review_date)
    bar = regime.min_service_months
    if person.review_date < _add_months(person.recruited_on, bar):
        assessment.exclude(
            f"Tuyển dụng ngày {_d(person.recruited_on)}, đến ngày bình xét {_d(person.review_date)} mới được "
            f"{months} tháng (dưới {bar} tháng): không xét danh hiệu Lao động tiên tiến",
            regime.ltt_detail_source,
        )
    else:
        assessment.note(
            f"Tuyển dụng ngày {_d(person.recruited_on)}: đủ {bar} tháng tính đến ngày bình xét "
            f"{_d(person.review_date)} (thời gian nghỉ không bị trừ)",
            regime.ltt_detail_source,
        )


def _absence_notes(assessment: _Assessment, person: PersonFacts, regime: RegimeRules) -> None:
    first, last = _year_window(person.current.year, regime, person.review_date)
    for absence in person.absences:
        if absence.start > last or absence.end < first:
            continue
        label = ABSENCE_LABELS.get(absence.kind, absence.kind)
        if absence.kind in regime.working_time_absence_kinds:
            text = f"Thời gian {label} ({absence.days} ngày) được tính là thời gian công tác"
        else:
            text = (
                f"Có {absence.days} ngày {label}: không có điều kiện riêng về số ngày nghỉ, "
                "thời gian nghỉ được phản ánh qua kết quả đánh giá"
            )
        assessment.note(text, regime.working_time_source)


def labour_advanced(person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None) -> Verdict:
    """Lao động tiên tiến: rated "hoàn thành tốt" or better, active in the campaigns, not disciplined in the
    school year.

    Not considered when recruited less than ``min_service_months`` before the review.
    """
    a = _begin(LDTT, person, regime)
    if not a.excluded:
        _service_bar(a, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(LDTT)
    current = person.current
    floor = regime.ltt_min_rating
    a.require(
        _rating_at_least(current.rating, floor),
        f"Năm học {_sy(current.year)}: {_rating_label(current.rating)} (yêu cầu {RATING_LABELS[floor]} trở lên)",
        article,
        [f"cần được đánh giá {RATING_LABELS[floor]} trở lên"],
    )
    a.require(
        person.campaign_participation,
        "Tích cực tham gia các phong trào thi đua"
        if person.campaign_participation
        else "Chưa tích cực tham gia các phong trào thi đua",
        article,
        ["cần tích cực tham gia các phong trào thi đua"],
    )
    disciplines = _disciplines_in_year(person, current.year, regime, regime.ltt_discipline_min_form)
    a.require(
        not disciplines,
        "Không bị kỷ luật trong năm học"
        if not disciplines
        else "Bị kỷ luật trong năm học: "
        + ", ".join(f"{DISCIPLINE_LABELS[d.form]} từ ngày {_d(d.start)}" for d in disciplines),
        regime.ltt_detail_source,
        ["không đủ điều kiện năm nay do bị kỷ luật"],
    )
    _absence_notes(a, person, regime)
    return a.verdict()


def grassroots_emulation_fighter(
    person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None
) -> Verdict:
    """Chiến sĩ thi đua cơ sở: meets Lao động tiên tiến this year, and a recognised initiative (or, where
    the regime allows it, the rating "hoàn thành xuất sắc"; or both, where the regime requires both). Under a
    capped regime the cap is flagged, not applied: choosing who stays within it is the council's."""
    a = _begin(CSTDCS, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(CSTDCS)
    ltt = labour_advanced(person, regime)
    if ltt.outcome is Outcome.NOT_CONSIDERED:
        blocking = next(r for r in ltt.reasons if not r.passed)
        a.exclude(f"Không thuộc diện xét Lao động tiên tiến: {blocking.text}", blocking.article)
        return a.verdict()
    a.require(
        ltt.eligible,
        "Đạt tiêu chuẩn Lao động tiên tiến năm nay"
        if ltt.eligible
        else "Chưa đạt tiêu chuẩn Lao động tiên tiến năm nay",
        article,
        ltt.missing,
    )
    current = person.current
    usable, spent, pending = _initiatives(person, regime, CSTDCS, [current.year], regime.cstdcs_initiative_min_scope)
    scope = SCOPE_LABELS[regime.cstdcs_initiative_min_scope]
    initiative_text = (
        f"Có sáng kiến được công nhận ({scope} trở lên): {_ids(usable)}"
        if usable
        else f"Chưa có sáng kiến được công nhận ({scope} trở lên) trong năm học"
    )
    need_initiative = f"cần thêm 1 sáng kiến được công nhận ({scope} trở lên)"
    excellent = current.rating == "excellent"
    excellent_text = (
        f"Được đánh giá {RATING_LABELS['excellent']}"
        if excellent
        else f"Chưa được đánh giá {RATING_LABELS['excellent']} ({_rating_label(current.rating)})"
    )
    if regime.cstdcs_excellent_rating_required:
        a.require(excellent, excellent_text, article, [f"cần được đánh giá {RATING_LABELS['excellent']}"])
        a.require(bool(usable), initiative_text, article, [need_initiative])
    elif regime.cstdcs_excellent_rating_suffices:
        a.any_of(
            [
                (
                    excellent,
                    excellent_text,
                    article,
                    [f"{need_initiative} hoặc được đánh giá {RATING_LABELS['excellent']}"],
                ),
                (bool(usable), initiative_text, article, []),
            ]
        )
    else:
        a.require(bool(usable), initiative_text, article, [need_initiative])
    _initiative_notes(a, regime, spent, pending)
    _cap(a, regime, context)
    return a.verdict()


def _cap(a: _Assessment, regime: RegimeRules, context: SchoolContext | None) -> None:
    ratio = regime.cstdcs_cap_ratio
    if ratio is None:
        return
    if context is None:
        a.flag(f"Chưa kiểm tra tỷ lệ tối đa {_pct(ratio)}% số Lao động tiên tiến (thiếu số liệu của trường)")
        return
    cap = int((Decimal(context.ltt_count) * ratio).to_integral_value(rounding=ROUND_FLOOR))
    text = (
        f"Chiến sĩ thi đua cơ sở không quá {_pct(ratio)}% số Lao động tiên tiến: tối đa {cap} người "
        f"trên {context.ltt_count} Lao động tiên tiến (đang đề nghị {context.cstdcs_proposed})"
    )
    if context.cstdcs_proposed > cap:
        a.flag(f"Vượt tỷ lệ: {text}; Hội đồng phải lựa chọn lại")
    else:
        a.note(text, regime.cstdcs_cap_source)


def provincial_emulation_fighter(
    person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None
) -> Verdict:
    """Chiến sĩ thi đua cấp tỉnh: consecutive Chiến sĩ thi đua cơ sở years (the last one this year) and an
    initiative whose effect is recognised at provincial level within those years."""
    a = _begin(CSTDT, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(CSTDT)
    n = regime.cstdt_consecutive_cstdcs
    count, after = _chain(a, person, regime, {CSTDCS}, reset_by=CSTDT)
    a.require(
        consecutive_years(
            person.history,
            person.current,
            {CSTDCS},
            n,
            after_year=after,
            excluded_years=excluded_years(person, regime),
        ),
        f"{count} năm liên tiếp đạt Chiến sĩ thi đua cơ sở tính đến năm học {_sy(person.current.year)} "
        f"(yêu cầu {n} năm liên tiếp, năm cuối là năm nay)",
        article,
        [f"cần {n} năm liên tiếp đạt CSTĐCS (hiện có {count} năm liên tiếp)"],
    )
    years = range(person.current.year - n + 1, person.current.year + 1)
    scope = regime.cstdt_initiative_min_scope
    usable, spent, pending = _initiatives(person, regime, CSTDT, years, scope)
    a.require(
        bool(usable),
        f"Có sáng kiến được công nhận hiệu quả, phạm vi ảnh hưởng {SCOPE_LABELS[scope]}: {_ids(usable)}"
        if usable
        else f"Chưa có sáng kiến có phạm vi ảnh hưởng {SCOPE_LABELS[scope]} trong {n} năm học xét",
        article,
        [f"cần 1 sáng kiến được công nhận có phạm vi ảnh hưởng {SCOPE_LABELS[scope]}"],
    )
    _initiative_notes(a, regime, spent, pending)
    return a.verdict()


def national_emulation_fighter(
    person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None
) -> Verdict:
    """Chiến sĩ thi đua toàn quốc: consecutive conferrals of Chiến sĩ thi đua cấp tỉnh (consecutive: the
    Chiến sĩ thi đua cơ sở chain between them has no gap) and an initiative with national effect."""
    a = _begin(CSTDTQ, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(CSTDTQ)
    n = regime.cstdtq_consecutive_cstdt
    after = _last_conferral(person, CSTDTQ)
    excluded = excluded_years(person, regime)
    conferrals = sorted(
        r.year
        for r in _records(person)
        if CSTDT in chain_titles(r) and (after is None or r.year > after) and r.year not in excluded
    )
    count, first_year = 0, person.current.year
    if conferrals:
        last = conferrals[-1]
        run, _ = _chain(a, person, regime, {CSTDCS, CSTDT}, reset_by=CSTDTQ, end_year=last)
        first_year = last - run + 1
        count = sum(1 for year in conferrals if year >= first_year)
        if last < person.current.year - 1:
            a.flag(f"Lần gần nhất được tặng CSTĐ cấp tỉnh là năm học {_sy(last)}: xem lại thời điểm đề nghị")
    a.require(
        count >= n,
        f"{count} lần liên tục được tặng Chiến sĩ thi đua cấp tỉnh (yêu cầu {n} lần liên tục)",
        article,
        [f"cần {n} lần liên tục đạt CSTĐ cấp tỉnh (hiện có {count} lần liên tục)"],
    )
    scope = regime.cstdtq_initiative_min_scope
    years = range(first_year, person.current.year + 1)
    usable, spent, pending = _initiatives(person, regime, CSTDTQ, years, scope)
    a.require(
        bool(usable),
        f"Có sáng kiến có phạm vi ảnh hưởng {SCOPE_LABELS[scope]}: {_ids(usable)}"
        if usable
        else f"Chưa có sáng kiến có phạm vi ảnh hưởng {SCOPE_LABELS[scope]}",
        article,
        [f"cần 1 sáng kiến được công nhận có phạm vi ảnh hưởng {SCOPE_LABELS[scope]}"],
    )
    _initiative_notes(a, regime, spent, pending)
    return a.verdict()


# ----------------------------------------------------------------------------------------------------
# Individual commendations
# ----------------------------------------------------------------------------------------------------


def certificate_of_merit(person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None) -> Verdict:
    """Giấy khen (individual): good results in the year's campaigns, or a notable (đột xuất) achievement."""
    a = _begin(GK, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(GK)
    current = person.current
    floor = regime.gk_min_rating
    clean = not _disciplines_in_year(person, current.year, regime, DISCIPLINE_FORMS[0])
    yearly = _rating_at_least(current.rating, floor) and person.campaign_participation and clean
    in_effect = [d for d in _disciplines(person) if d.overlaps(person.review_date, person.review_date)]
    notable = person.notable_achievement and not in_effect
    a.any_of(
        [
            (
                yearly,
                f"Thành tích trong phong trào thi đua năm học {_sy(current.year)}: "
                f"{_rating_label(current.rating)}"
                + ("" if person.campaign_participation else ", chưa tích cực tham gia phong trào")
                + ("" if clean else ", có kỷ luật trong năm học"),
                article,
                [f"cần được đánh giá {RATING_LABELS[floor]} trở lên, tham gia tích cực phong trào thi đua"],
            ),
            (notable, _notable_text(notable), article, []),
        ]
    )
    return a.verdict()


def provincial_commendation(person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None) -> Verdict:
    """Bằng khen of the province/city chairman (individual): consecutive Chiến sĩ thi đua cơ sở years, or
    consecutive "hoàn thành xuất sắc" years with initiatives applied at school level (not already spent on a
    title), or a notable achievement. Chains end this year and restart after the last Bằng khen."""
    a = _begin(BKTP, person, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(BKTP)
    current = person.current
    n1 = regime.bktp_consecutive_cstdcs
    c1, _ = _chain(a, person, regime, {CSTDCS}, reset_by=BKTP)
    n2 = regime.bktp_consecutive_excellent_years
    c2, after = _chain(a, person, regime, _excellent, reset_by=BKTP)
    years = [y for y in range(current.year - n2 + 1, current.year + 1) if after is None or y > after]
    scope = regime.commendation_initiative_min_scope
    usable, spent, pending = _initiatives(person, regime, BKTP, years, scope)
    need = regime.bktp_initiatives
    path2_missing = []
    if c2 < n2:
        path2_missing.append(f"hoặc cần {n2} năm liên tiếp {RATING_LABELS['excellent']} (hiện có {c2})")
    if len(usable) < need:
        path2_missing.append(
            f"hoặc cần thêm {need - len(usable)} sáng kiến được công nhận, áp dụng {SCOPE_LABELS[scope]} "
            f"trở lên (hiện có {len(usable)}/{need})"
        )
    a.any_of(
        [
            (
                c1 >= n1,
                f"{c1} năm liên tiếp đạt Chiến sĩ thi đua cơ sở (yêu cầu {n1})",
                article,
                [f"cần {n1} năm liên tiếp đạt CSTĐCS (hiện có {c1} năm liên tiếp)"],
            ),
            (
                c2 >= n2 and len(usable) >= need,
                f"{c2} năm liên tiếp {RATING_LABELS['excellent']} (yêu cầu {n2}) và {len(usable)} sáng "
                f"kiến được công nhận, áp dụng {SCOPE_LABELS[scope]} trở lên (yêu cầu {need})"
                + (f": {_ids(usable)}" if usable else ""),
                article,
                path2_missing,
            ),
            (person.notable_achievement, _notable_text(person.notable_achievement), article, []),
        ]
    )
    _initiative_notes(a, regime, spent, pending)
    if person.notable_achievement:
        a.flag("Thành tích đột xuất: mức độ ảnh hưởng do cấp tỉnh xem xét")
    return a.verdict()


def prime_minister_commendation(
    person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None
) -> Verdict:
    """Bằng khen Thủ tướng (advisory): a yearly Bằng khen cấp tỉnh, then consecutive "hoàn thành xuất sắc"
    years with initiatives. The school only reports whether the chain is complete."""
    a = _begin(BKTTG, person, regime)
    if a.excluded:
        return a.verdict(advisory=True)
    _advisory_bkttg(a, person, regime, regime.bkttg_initiatives)
    return a.verdict(advisory=True)


def _advisory_bkttg(
    a: _Assessment, subject: PersonFacts | TeamFacts, regime: RegimeRules, need_initiatives: int
) -> None:
    article = regime.cite(BKTTG)
    a.flag("Chỉ mang tính tham khảo: cấp có thẩm quyền xét Bằng khen của Thủ tướng Chính phủ")
    base = _last_conferral(subject, BKTP)
    thematic = sorted(r.year for r in _records(subject) if BKTP in r.thematic_titles)
    if base is None and thematic:
        a.note(
            f"Bằng khen cấp tỉnh năm học {_sy(thematic[-1])} là khen thưởng chuyên đề/đột xuất: "
            "không làm căn cứ khen thưởng cao hơn",
            regime.general_conditions_source,
        )
    a.require(
        base is not None,
        f"Đã được tặng {TITLE_NAMES[BKTP]} năm học {_sy(base)}"
        if base is not None
        else f"Chưa được tặng {TITLE_NAMES[BKTP]} (khen thưởng thường xuyên)",
        article,
        [f"cần có {TITLE_NAMES[BKTP]} trước"],
    )
    if base is None:
        return
    n = regime.bkttg_excellent_years
    count, _ = _chain(a, subject, regime, _excellent, reset_by=BKTTG, floor_year=base)
    a.require(
        count >= n,
        f"{count} năm liên tiếp {RATING_LABELS['excellent']} sau Bằng khen cấp tỉnh (yêu cầu {n})",
        article,
        [f"cần {n} năm liên tiếp {RATING_LABELS['excellent']} (hiện có {count})"],
    )
    if isinstance(subject, PersonFacts):
        years = range(base + 1, subject.current.year + 1)
        scope = regime.commendation_initiative_min_scope
        usable, spent, pending = _initiatives(subject, regime, BKTTG, years, scope)
        a.require(
            len(usable) >= need_initiatives,
            f"{len(usable)} sáng kiến được công nhận, áp dụng {SCOPE_LABELS[scope]} trở lên sau Bằng khen "
            f"cấp tỉnh (yêu cầu {need_initiatives})",
            article,
            [f"cần thêm {need_initiatives - len(usable)} sáng kiến được công nhận"],
        )
        _initiative_notes(a, regime, spent, pending)
    if not a.failed:
        a.flag("Chuỗi thành tích đã đủ theo tiêu chuẩn (tham khảo)")


# ----------------------------------------------------------------------------------------------------
# Collective titles and commendations
# ----------------------------------------------------------------------------------------------------


def _team_rating(a: _Assessment, team: TeamFacts, floor: str, article: str) -> None:
    rating = team.current.rating
    a.require(
        _rating_at_least(rating, floor),
        f"Tập thể năm học {_sy(team.current.year)}: {_rating_label(rating)} (yêu cầu {RATING_LABELS[floor]}"
        + (" trở lên)" if floor != "excellent" else ")"),
        article,
        [f"tập thể cần {RATING_LABELS[floor]}"],
    )


def _team_spirit(a: _Assessment, team: TeamFacts, article: str) -> None:
    a.require(
        team.campaign_participation,
        "Có phong trào thi đua thường xuyên, thiết thực, hiệu quả"
        if team.campaign_participation
        else "Phong trào thi đua chưa thường xuyên, hiệu quả",
        article,
        ["cần tổ chức phong trào thi đua thường xuyên, hiệu quả"],
    )
    a.require(
        team.united,
        "Nội bộ đoàn kết" if team.united else "Nội bộ chưa đoàn kết",
        article,
        ["cần bảo đảm nội bộ đoàn kết"],
    )


def _ltt_share(a: _Assessment, team: TeamFacts, ratio: Decimal, strict: bool, article: str) -> None:
    total = len(team.members)
    holders = sum(1 for m in team.members if LDTT in m.current.titles)
    short = _shortfall(holders, total, ratio, strict)
    a.require(
        _ratio_met(holders, total, ratio, strict),
        f"{holders}/{total} thành viên đạt Lao động tiên tiến (yêu cầu {'trên' if strict else 'ít nhất'} "
        f"{_pct(ratio)}%)",
        article,
        [f"cần thêm {short} thành viên đạt Lao động tiên tiến"],
    )


def _no_heavy_discipline(a: _Assessment, team: TeamFacts, regime: RegimeRules, article: str) -> None:
    form = regime.collective_discipline_min_form
    offenders = [(m, d) for m in team.members for d in _disciplines_in_year(m, team.current.year, regime, form)]
    a.require(
        not offenders,
        f"Không có thành viên bị kỷ luật từ {DISCIPLINE_LABELS[form]} trở lên"
        if not offenders
        else f"Có thành viên bị kỷ luật từ {DISCIPLINE_LABELS[form]} trở lên: "
        + ", ".join(f"{m.name} ({DISCIPLINE_LABELS[d.form]})" for m, d in offenders),
        article,
        [f"không có thành viên bị kỷ luật từ {DISCIPLINE_LABELS[form]} trở lên"],
    )


def advanced_labour_collective(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Tập thể lao động tiên tiến: completed its tasks well, campaigns, the share of Lao động tiên tiến
    holders, no member disciplined "cảnh cáo" or heavier, united. Holders: LĐTT in a member's current
    titles."""
    a = _begin(TTLDTT, team, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(TTLDTT)
    _team_rating(a, team, "good", article)
    _ltt_share(a, team, regime.collective_ltt_min_ratio, regime.collective_ltt_ratio_strict, article)
    _no_heavy_discipline(a, team, regime, article)
    _team_spirit(a, team, article)
    return a.verdict()


def excellent_labour_collective(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Tập thể lao động xuất sắc: excellent, every member completed their tasks, at least 70 % Lao động tiên
    tiến, at least one Chiến sĩ thi đua cơ sở, no member disciplined "cảnh cáo" or heavier, united."""
    a = _begin(TTLDXS, team, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(TTLDXS)
    _team_rating(a, team, "excellent", article)
    total = len(team.members)
    short = [m for m in team.members if not _rating_at_least(m.current.rating, "completed")]
    ratio = regime.excellent_collective_completed_ratio
    a.require(
        _ratio_met(total - len(short), total, ratio, strict=False),
        f"{total - len(short)}/{total} thành viên hoàn thành nhiệm vụ (yêu cầu {_pct(ratio)}%)"
        + (": chưa hoàn thành " + ", ".join(m.name for m in short) if short else ""),
        article,
        [f"cần {_pct(ratio)}% thành viên hoàn thành nhiệm vụ"],
    )
    _ltt_share(a, team, regime.excellent_collective_ltt_min_ratio, False, article)
    fighters = [m.name for m in team.members if CSTDCS in m.current.titles]
    a.require(
        bool(fighters),
        f"Có thành viên đạt Chiến sĩ thi đua cơ sở: {', '.join(fighters)}"
        if fighters
        else "Không có thành viên đạt Chiến sĩ thi đua cơ sở",
        article,
        ["cần ít nhất 1 thành viên đạt Chiến sĩ thi đua cơ sở"],
    )
    _no_heavy_discipline(a, team, regime, article)
    _team_spirit(a, team, article)
    return a.verdict()


def emulation_flag(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Cờ thi đua cấp tỉnh: exceeded its targets (rated excellent), a real campaign, united. Choosing the
    leading collective of the emulation cluster is the province's; the rule only says who may be proposed."""
    a = _begin(CTD, team, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(CTD)
    _team_rating(a, team, "excellent", article)
    _team_spirit(a, team, article)
    a.flag("Lựa chọn tập thể tiêu biểu xuất sắc, dẫn đầu cụm, khối thi đua do cấp tỉnh quyết định (bỏ phiếu kín)")
    return a.verdict()


def team_certificate_of_merit(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Giấy khen (collective): good results in the campaigns and united, or a notable achievement."""
    a = _begin(GK, team, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(GK)
    floor = regime.gk_min_rating
    rating = team.current.rating
    yearly = _rating_at_least(rating, floor) and team.campaign_participation and team.united
    a.any_of(
        [
            (
                yearly,
                f"Tập thể năm học {_sy(team.current.year)}: {_rating_label(rating)}"
                + ("" if team.campaign_participation else ", phong trào thi đua chưa hiệu quả")
                + ("" if team.united else ", nội bộ chưa đoàn kết"),
                article,
                [f"tập thể cần {RATING_LABELS[floor]} trở lên, phong trào hiệu quả, nội bộ đoàn kết"],
            ),
            (team.notable_achievement, _notable_text(team.notable_achievement), article, []),
        ]
    )
    return a.verdict()


def team_provincial_commendation(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Bằng khen cấp tỉnh (collective): consecutive excellent years ending this year, or Tập thể lao động
    xuất sắc this year; united. The chain restarts after the last Bằng khen."""
    a = _begin(BKTP, team, regime)
    if a.excluded:
        return a.verdict()
    article = regime.cite(BKTP)
    n = regime.bktp_collective_excellent_years
    count, _ = _chain(a, team, regime, _excellent, reset_by=BKTP)
    ttldxs = TTLDXS in chain_titles(team.current)
    a.any_of(
        [
            (
                count >= n,
                f"{count} năm liên tiếp tập thể {RATING_LABELS['excellent']} (yêu cầu {n})",
                article,
                [f"cần {n} năm liên tiếp tập thể {RATING_LABELS['excellent']} (hiện có {count})"],
            ),
            (
                ttldxs,
                f"Đạt {TITLE_NAMES[TTLDXS]} năm học {_sy(team.current.year)}",
                article,
                [f"hoặc cần đạt {TITLE_NAMES[TTLDXS]} năm nay"],
            ),
            (team.notable_achievement, _notable_text(team.notable_achievement), article, []),
        ]
    )
    a.require(
        team.united,
        "Nội bộ đoàn kết" if team.united else "Nội bộ chưa đoàn kết",
        article,
        ["cần bảo đảm nội bộ đoàn kết"],
    )
    return a.verdict()


def team_prime_minister_commendation(team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Bằng khen Thủ tướng (collective, advisory): a yearly Bằng khen cấp tỉnh, then consecutive excellent
    years."""
    a = _begin(BKTTG, team, regime)
    if a.excluded:
        return a.verdict(advisory=True)
    _advisory_bkttg(a, team, regime, 0)
    return a.verdict(advisory=True)


# ----------------------------------------------------------------------------------------------------
# Dispatch
# ----------------------------------------------------------------------------------------------------

PersonRule = Callable[[PersonFacts, RegimeRules, SchoolContext | None], Verdict]
TeamRule = Callable[[TeamFacts, RegimeRules], Verdict]

PERSON_RULES: Mapping[str, PersonRule] = MappingProxyType(
    {
        LDTT: labour_advanced,
        CSTDCS: grassroots_emulation_fighter,
        CSTDT: provincial_emulation_fighter,
        CSTDTQ: national_emulation_fighter,
        GK: certificate_of_merit,
        BKTP: provincial_commendation,
        BKTTG: prime_minister_commendation,
    }
)

TEAM_RULES: Mapping[str, TeamRule] = MappingProxyType(
    {
        TTLDTT: advanced_labour_collective,
        TTLDXS: excellent_labour_collective,
        CTD: emulation_flag,
        GK: team_certificate_of_merit,
        BKTP: team_provincial_commendation,
        BKTTG: team_prime_minister_commendation,
    }
)


def evaluate_person(
    code: str, person: PersonFacts, regime: RegimeRules, context: SchoolContext | None = None
) -> Verdict:
    """Verdict on one individual title or commendation; ValueError for an unknown or collective code."""
    rule = PERSON_RULES.get(code)
    if rule is None:
        if code in TEAM_RULES:
            raise ValueError(f"{code} là danh hiệu của tập thể: dùng evaluate_team")
        raise ValueError(f"Mã danh hiệu/hình thức khen thưởng không xác định: {code!r}")
    return rule(person, regime, context)


def evaluate_team(code: str, team: TeamFacts, regime: RegimeRules) -> Verdict:
    """Verdict on one collective title or commendation; ValueError for an unknown or individual code."""
    rule = TEAM_RULES.get(code)
    if rule is None:
        if code in PERSON_RULES:
            raise ValueError(f"{code} là danh hiệu cá nhân: dùng evaluate_person")
        raise ValueError(f"Mã danh hiệu/hình thức khen thưởng không xác định: {code!r}")
    return rule(team, regime)
