"""The year's statistics of emulation and commendation (thống kê thi đua, khen thưởng), read from the award history.

What a school reports at the end of the year: titles and forms received by team (and by the pupils, the classes and
people outside the school), by kind (emulation title or form of commendation) and recipient, the ratios the law
watches (Chiến sĩ thi đua cơ sở against Lao động tiên tiến, capped under regime 2017; the shares of staff and pupils
commended), the reward money spent, and the same across the last years for the charts.

Money is the award's reward in force on its decision date: the title's multiple under the year's regime times the
base salary then, rounded up by the regime's step (``TitleRule.reward_on``), computed here from rows loaded once.
Every figure costs a fixed number of queries, whatever the number of awards, teams or years.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q

from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.organization.models import LegalRegime, Pupil, School, SchoolYear, Staff, Team

from .models import AwardRecord, BaseSalary, StatisticsReport, Title, TitleKind, TitleRule, TitleScope
from .money import reward_amount
from .permissions import can_draft_statistics_report

#: How many school years the charts go back (the chosen year included).
YEARS_IN_CHARTS = 5

#: Rows of the by-unit table for recipients who are not staff or teams.
PUPILS_ROW = "Học sinh"
CLASSES_ROW = "Tập thể lớp"
OTHERS_ROW = "Cá nhân ngoài nhà trường"
NO_TEAM_ROW = "Cán bộ không thuộc tổ"
STAFF_WORD = "cán bộ, giáo viên, nhân viên"


@dataclass
class UnitRow:
    name: str
    counts: list[int]
    total: int
    members: int | None = None
    ldtt: int = 0

    @property
    def ldtt_share(self) -> Decimal | None:
        return _share(self.ldtt, self.members)


@dataclass
class KindRow:
    kind: str
    scope: str
    count: int
    amount: int


@dataclass
class Ratio:
    label: str
    numerator: int
    denominator: int
    limit: str
    ok: bool | None  # None: nothing to compare against

    @property
    def share(self) -> Decimal | None:
        return _share(self.numerator, self.denominator)


@dataclass
class MoneyRow:
    title: str
    count: int
    amount: int


@dataclass
class YearSeries:
    label: str
    values: list[int]


@dataclass
class Statistics:
    school: School
    year: SchoolYear
    titles: list[Title]
    units: list[UnitRow]
    kinds: list[KindRow]
    ratios: list[Ratio]
    money: list[MoneyRow]
    money_total: int
    award_total: int
    chart_years: list[str] = field(default_factory=list)
    chart_series: list[YearSeries] = field(default_factory=list)
    chart_money: list[int] = field(default_factory=list)
    chart_totals: list[int] = field(default_factory=list)

    @property
    def title_totals(self) -> list[int]:
        """The whole school's count of each title of the year, in the order of ``titles`` (the by-unit table's
        last row): the money rows are one per title of the year, in that order."""
        return [row.count for row in self.money]

    def chart_data(self) -> dict:
        """What the page's charts draw (plain numbers and labels; sent with ``json_script``)."""
        return {
            "years": self.chart_years,
            "series": [{"label": s.label, "values": s.values} for s in self.chart_series],
            "money": self.chart_money,
        }

    def report_content(self) -> dict:
        """The figures the printed BC shows, as plain data kept in its document's ``content`` (frozen when it is
        drafted): the same names as this object's, so the tables the page and the BC share read either."""
        return {
            "stats": {
                "school_name": self.school.name,
                "year_name": self.year.name,
                "titles": [str(t) for t in self.titles],
                "units": [{"name": u.name, "counts": u.counts, "total": u.total} for u in self.units],
                "title_totals": self.title_totals,
                "kinds": [vars(k) for k in self.kinds],
                "ratios": [
                    {
                        "label": r.label,
                        "numerator": r.numerator,
                        "denominator": r.denominator,
                        "limit": r.limit,
                        "ok": r.ok,
                        "share": None if r.share is None else float(r.share),
                    }
                    for r in self.ratios
                ],
                "money": [vars(m) for m in self.money],
                "money_total": self.money_total,
                "award_total": self.award_total,
                "chart_years": self.chart_years,
                "chart_series": [{"label": s.label, "values": s.values} for s in self.chart_series],
                "chart_money": self.chart_money,
            },
            "totals_bars": self.svg_bars(self.chart_totals),
            "money_bars": self.svg_bars(self.chart_money),
        }

    def svg_bars(self, values: list[int], *, width: int = 460, height: int = 150) -> list[dict]:
        """Bars for a printed chart (the BC has no script): x, y, width, height of each year's bar, and its label."""
        top = max(values or [0]) or 1
        slot = width / max(len(values), 1)
        bars = []
        for index, value in enumerate(values):
            bar_height = round(value / top * (height - 30), 1)
            bars.append(
                {
                    "x": round(index * slot + slot * 0.2, 1),
                    "y": round(height - 18 - bar_height, 1),
                    "width": round(slot * 0.6, 1),
                    "height": bar_height,
                    "value": value,
                    "label": self.chart_years[index] if index < len(self.chart_years) else "",
                    "label_x": round(index * slot + slot / 2, 1),
                }
            )
        return bars


def _share(numerator: int, denominator: int | None) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


class _Money:
    """Reward money of an award from rows loaded once: rules by (title, regime), base salaries by date."""

    def __init__(self, regimes: list[LegalRegime]):
        self.rules = {(r.title_id, r.regime_id): r.reward_multiple for r in TitleRule.objects.all()}
        salaries = list(BaseSalary.objects.order_by("effective_from").values_list("effective_from", "amount"))
        self.salary_days = [day for day, _ in salaries]
        self.salary_amounts = [amount for _, amount in salaries]
        self.regimes = sorted(regimes, key=lambda r: r.effective_from)

    def regime_on(self, day: date) -> LegalRegime | None:
        found = None
        for regime in self.regimes:
            if regime.effective_from <= day and (regime.effective_to is None or regime.effective_to >= day):
                found = regime
        return found

    def amount(self, title_id: int, regime: LegalRegime | None, decided_on: date | None) -> int:
        if regime is None or decided_on is None:
            return 0
        multiple = self.rules.get((title_id, regime.pk))
        index = bisect_right(self.salary_days, decided_on) - 1
        if multiple is None or index < 0:
            return 0
        return reward_amount(multiple, self.salary_amounts[index], regime.reward_rounding_step)


def _unit_of(row: dict) -> tuple[str, int | None]:
    """The by-unit row an award counts in, and the team's id when it is a team's."""
    if row["staff_id"]:
        return (row["staff__team__name"], row["staff__team_id"]) if row["staff__team_id"] else (NO_TEAM_ROW, None)
    if row["team_id"]:
        return row["team__name"], row["team_id"]
    if row["pupil_id"]:
        return PUPILS_ROW, None
    if row["class_group_id"]:
        return CLASSES_ROW, None
    return OTHERS_ROW, None


def school_statistics(school: School, year: SchoolYear) -> Statistics:
    """Every figure of the year's statistics page, BC and workbook for ``school`` in ``year``."""
    years = list(
        SchoolYear.objects.filter(school=school, start_date__lte=year.start_date).order_by("-start_date")[
            :YEARS_IN_CHARTS
        ]
    )[::-1]
    regimes = list(LegalRegime.objects.select_related("eligibility_rules"))
    money = _Money(regimes)
    titles_by_id = {t.pk: t for t in Title.objects.all()}
    rows = list(
        AwardRecord.objects.filter(school=school, school_year__in=years).values(
            "school_year_id", "title_id", "staff_id", "staff__team_id", "staff__team__name", "team_id",
            "team__name", "pupil_id", "class_group_id", "other_person_id", "decision__document_date",
            "decision_date",
        )
    )  # fmt: skip
    regime_of_year = {y.pk: money.regime_on(y.end_date) for y in years}
    for row in rows:
        decided_on = row["decision__document_date"] or row["decision_date"]
        row["amount"] = money.amount(row["title_id"], regime_of_year[row["school_year_id"]], decided_on)

    this_year = [row for row in rows if row["school_year_id"] == year.pk]
    titles = sorted({titles_by_id[row["title_id"]] for row in this_year}, key=lambda t: (t.sort_order, t.code, t.scope))
    column = {title.pk: index for index, title in enumerate(titles)}

    # --- by unit: the school's teams in their order, then pupils, classes, others --------------------------------
    end = year.end_date
    members = dict(
        Staff.objects.filter(school=school, team__isnull=False)
        .filter(Q(recruited_on__isnull=True) | Q(recruited_on__lte=end))
        .active(end)
        .values_list("team_id")
        .annotate(n=Count("pk"))
    )
    units: dict[str, UnitRow] = {}
    for team in Team.objects.filter(school=school).order_by("sort_order", "name"):
        units[team.name] = UnitRow(team.name, [0] * len(titles), 0, members=members.get(team.pk, 0))
    for row in this_year:
        name, _ = _unit_of(row)
        unit = units.setdefault(name, UnitRow(name, [0] * len(titles), 0))
        unit.counts[column[row["title_id"]]] += 1
        unit.total += 1
        if row["staff_id"] and titles_by_id[row["title_id"]].code == "LDTT":
            unit.ldtt += 1
    unit_rows = [unit for unit in units.values() if unit.total or unit.members]

    # --- by kind and recipient ----------------------------------------------------------------------------------
    kinds: dict[tuple[str, str], KindRow] = {}
    for row in this_year:
        title = titles_by_id[row["title_id"]]
        key = (title.get_kind_display(), title.get_scope_display())
        kind = kinds.setdefault(key, KindRow(key[0], key[1], 0, 0))
        kind.count += 1
        kind.amount += row["amount"]
    kind_order = {TitleKind.TITLE.label: 0, TitleKind.COMMENDATION.label: 1}
    scope_order = {label: index for index, (_, label) in enumerate(TitleScope.choices)}
    kind_rows = sorted(kinds.values(), key=lambda k: (kind_order.get(k.kind, 9), scope_order.get(k.scope, 9)))

    # --- the ratios the law watches -----------------------------------------------------------------------------
    codes = Counter(titles_by_id[row["title_id"]].code for row in this_year if row["staff_id"])
    staff_count = (
        Staff.objects.filter(school=school)
        .filter(Q(recruited_on__isnull=True) | Q(recruited_on__lte=end))
        .active(end)
        .count()
    )
    pupil_count = Pupil.objects.filter(school=school, class_group__school_year=year).count()
    pupils_commended = len({row["pupil_id"] for row in this_year if row["pupil_id"]})
    regime = regime_of_year[year.pk]
    rules = getattr(regime, "eligibility_rules", None) if regime else None
    cap = rules.cstdcs_cap_ratio if rules else None
    cstdcs_share = _share(codes["CSTDCS"], codes["LDTT"])
    ratios = [
        Ratio(
            "Chiến sĩ thi đua cơ sở so với số Lao động tiên tiến",
            codes["CSTDCS"],
            codes["LDTT"],
            f"tối đa {cap * 100:.0f}% ({regime.code})" if cap else "không giới hạn theo chế độ của năm học",
            (cstdcs_share is None or cstdcs_share <= cap * 100) if cap else None,
        ),
        Ratio("Lao động tiên tiến trên tổng số cán bộ, giáo viên, nhân viên", codes["LDTT"], staff_count, "", None),
        Ratio(
            "Chiến sĩ thi đua cơ sở trên tổng số cán bộ, giáo viên, nhân viên", codes["CSTDCS"], staff_count, "", None
        ),
        Ratio("Học sinh được khen thưởng trên tổng số học sinh", pupils_commended, pupil_count, "", None),
    ]
    team_min = rules.collective_ltt_min_ratio if rules else None
    if team_min:
        for unit in unit_rows:
            if unit.members:
                share = unit.ldtt_share
                ratios.append(
                    Ratio(
                        f"{unit.name}: Lao động tiên tiến trên số thành viên",
                        unit.ldtt,
                        unit.members,
                        f"Tập thể lao động tiên tiến cần {'trên' if rules.collective_ltt_ratio_strict else 'từ'} "
                        f"{team_min * 100:.0f}%",
                        share is not None
                        and (share > team_min * 100 if rules.collective_ltt_ratio_strict else share >= team_min * 100),
                    )
                )

    # --- money -------------------------------------------------------------------------------------------------
    by_title: dict[int, MoneyRow] = {}
    for row in this_year:
        title = titles_by_id[row["title_id"]]
        entry = by_title.setdefault(title.pk, MoneyRow(str(title), 0, 0))
        entry.count += 1
        entry.amount += row["amount"]
    money_rows = [by_title[t.pk] for t in titles if t.pk in by_title]

    # --- across years ------------------------------------------------------------------------------------------
    index_of_year = {y.pk: index for index, y in enumerate(years)}
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    money_per_year = [0] * len(years)
    totals = [0] * len(years)
    order: dict[str, tuple] = {}
    for row in rows:
        title = titles_by_id[row["title_id"]]
        label = str(title)
        order[label] = (title.sort_order, title.code, title.scope)
        series[label][index_of_year[row["school_year_id"]]] += 1
        money_per_year[index_of_year[row["school_year_id"]]] += row["amount"]
        totals[index_of_year[row["school_year_id"]]] += 1

    return Statistics(
        school=school,
        year=year,
        titles=titles,
        units=unit_rows,
        kinds=kind_rows,
        ratios=ratios,
        money=money_rows,
        money_total=sum(row["amount"] for row in this_year),
        award_total=len(this_year),
        chart_years=[y.name for y in years],
        chart_series=[YearSeries(label, series[label]) for label in sorted(series, key=order.get)],
        chart_money=money_per_year,
        chart_totals=totals,
    )


# --------------------------------------------------------------------------------------------------
# The BC: an official document of the school
# --------------------------------------------------------------------------------------------------
REPORT_TEMPLATE = "awards/pdf/statistics_report.html"


@transaction.atomic
def draft_statistics_report(*, actor, school_year: SchoolYear) -> StatisticsReport:
    """The year's statistics as the school's draft BC (``documents.services.draft_yearly_report``): its figures are
    taken now and taken again each time it is drafted while it is still a draft; once numbered it stays as issued."""
    staff = acting_staff(actor)
    if staff is not None and not can_draft_statistics_report(staff):
        raise PermissionDenied("Chỉ ban giám hiệu và văn thư lập báo cáo thống kê thi đua, khen thưởng.")
    content = school_statistics(school_year.school, school_year).report_content()
    return documents.draft_yearly_report(
        actor=actor,
        report_model=StatisticsReport,
        school_year=school_year,
        content=content,
        summary=f"Kết quả thi đua, khen thưởng năm học {school_year.name}",
        template_name=REPORT_TEMPLATE,
        audit_action="awards.statistics_report.draft",
        audit_data={"awards": content["stats"]["award_total"], "money": content["stats"]["money_total"]},
        recipients="Phòng Giáo dục và Đào tạo (để b/c)",
        archive_note="VT",
    )
