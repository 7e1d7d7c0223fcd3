"""The year's statistics: titles by team and kind, the ratios the law watches, money spent, charts across years,
the printable BC and the .xlsx export, at a constant number of queries."""

import io
import json
import re
from datetime import date

import pdfplumber
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.statistics import school_statistics
from tests.factories import (
    AwardRecordFactory,
    ClassGroupFactory,
    PupilFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
    title,
)
from thiduakhenthuong.organization.models import Role


@pytest.fixture
def years(school):
    return {
        name: SchoolYearFactory(school=school, name=name, start_date=date(start, 9, 5), end_date=date(start + 1, 5, 31))
        for start, name in [(2022, "2022-2023"), (2024, "2024-2025"), (2025, "2025-2026")]
    }


def award(school, year, code, *, scope="individual", on=None, **recipient):
    if not recipient:
        recipient = {"staff": StaffFactory(school=school)}
    defaults = {"staff": None} if "staff" not in recipient else {}
    return AwardRecordFactory(
        school=school, school_year=year, title=title(code, scope), decision_date=on or year.end_date.replace(day=20),
        **defaults, **recipient,
    )  # fmt: skip


def test_titles_by_team_money_and_ratios(school, team, years):
    year = years["2025-2026"]
    other = TeamFactory(school=school, name="Tổ 4-5")
    members = [StaffFactory(school=school, team=team) for _ in range(4)]
    for person in members[:3]:
        award(school, year, "LDTT", staff=person)  # 0.3 × 2,340,000 = 702,000 → 710,000 (decided 20/06/2026)
    award(school, year, "CSTDCS", staff=members[0])  # 1.0 × 2,340,000
    award(school, year, "TTLDTT", scope="collective", team=team)  # 0.8 × 2,340,000 = 1,872,000 → 1,880,000
    group = ClassGroupFactory(school=school, school_year=year, name="4A", grade=4)
    pupils = [PupilFactory(school=school, class_group=group) for _ in range(3)]
    award(school, year, "GK", scope="pupil", pupil=pupils[0])  # the principal's Giấy khen: no money

    stats = school_statistics(school, year)

    names = [str(t) for t in stats.titles]
    assert names[:2] == ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]  # the catalog's order
    rows = {unit.name: unit for unit in stats.units}
    assert rows["Tổ 1"].total == 5 and rows["Tổ 1"].members == 4 and rows["Tổ 1"].ldtt == 3
    assert rows["Tổ 1"].counts[names.index("Lao động tiên tiến")] == 3
    assert rows["Học sinh"].total == 1
    assert other.name not in rows  # no member, no award: nothing to show
    assert stats.title_totals == [3, 1, 1, 1]  # the whole school's row: each title's count, in the titles' order
    money = {m.title: m.amount for m in stats.money}
    assert money["Lao động tiên tiến"] == 3 * 710_000
    assert money["Chiến sĩ thi đua cơ sở"] == 2_340_000
    assert money["Tập thể lao động tiên tiến (tập thể)"] == 1_880_000
    assert stats.money_total == 3 * 710_000 + 2_340_000 + 1_880_000
    kinds = {(k.kind, k.scope): k.count for k in stats.kinds}
    assert kinds[("Danh hiệu thi đua", "Cá nhân")] == 4 and kinds[("Hình thức khen thưởng", "Học sinh")] == 1
    ratios = {r.label: r for r in stats.ratios}
    cstdcs = ratios["Chiến sĩ thi đua cơ sở so với số Lao động tiên tiến"]
    assert (cstdcs.numerator, cstdcs.denominator, str(cstdcs.share)) == (1, 3, "33.3")
    assert cstdcs.ok is None and "không giới hạn" in cstdcs.limit  # no cap since 2024
    team_ratio = ratios["Tổ 1: Lao động tiên tiến trên số thành viên"]
    assert team_ratio.ok is True and str(team_ratio.share) == "75.0"
    assert ratios["Học sinh được khen thưởng trên tổng số học sinh"].denominator == 3


def test_the_2017_cap_of_cstdcs_is_checked(school, team, years):
    year = years["2022-2023"]
    people = [StaffFactory(school=school, team=team) for _ in range(10)]
    for person in people:
        award(school, year, "LDTT", staff=person)
    award(school, year, "CSTDCS", staff=people[0])
    award(school, year, "CSTDCS", staff=people[1])
    cstdcs = school_statistics(school, year).ratios[0]
    assert str(cstdcs.share) == "20.0" and cstdcs.limit.startswith("tối đa 15%") and cstdcs.ok is False


def test_the_page_draws_charts_across_years_at_constant_cost(
    client_for, school, team, years, django_assert_max_num_queries
):
    client = client_for(Role.CLERK)
    for name, count in [("2022-2023", 1), ("2024-2025", 2), ("2025-2026", 3)]:
        for _ in range(count):
            award(school, years[name], "LDTT", staff=StaffFactory(school=school, team=team))
    url = reverse("awards:statistics") + f"?year={years['2025-2026'].pk}"
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(20):
        award(school, years["2025-2026"], "GK", staff=StaffFactory(school=school, team=team))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in page and 'id="chart-titles"' in page
    data = json.loads(re.search(r'<script id="statistics-chart-data" type="application/json">(.*?)</script>', page,
                                re.S).group(1))  # fmt: skip
    assert data["years"] == ["2022-2023", "2024-2025", "2025-2026"]
    series = {s["label"]: s["values"] for s in data["series"]}
    assert series["Lao động tiên tiến"] == [1, 2, 3] and series["Giấy khen"] == [0, 0, 20]


def test_the_bc_and_the_workbook(client_for, school, team, years):
    client = client_for(Role.PRINCIPAL)
    year = years["2025-2026"]
    award(school, year, "LDTT", staff=StaffFactory(school=school, team=team, full_name="=HYPERLINK(1)"))
    query = f"?year={year.pk}"

    pdf = client.get(reverse("awards:statistics_report") + query)
    assert pdf["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = " ".join(" ".join((page.extract_text() or "") for page in document.pages).split())
    assert "BÁO CÁO" in text and "Kết quả thi đua, khen thưởng năm học 2025-2026" in text
    assert "/BC-THCD" in text and "Tổ 1" in text and "710" in text

    workbook = load_workbook(io.BytesIO(client.get(reverse("awards:statistics_export") + query).content))
    assert workbook.sheetnames == ["Theo tổ", "Theo loại", "Tỷ lệ", "Tiền thưởng", "Qua các năm"]
    assert list(workbook["Theo tổ"].iter_rows(values_only=True))[-1] == ("Toàn trường", 1, 1)
    money = [list(row) for row in workbook["Tiền thưởng"].iter_rows(min_row=3, values_only=True)]
    assert ["Lao động tiên tiến", 1, 710_000] in money


def test_who_reads_the_statistics(client_for, school, years):
    assert client_for(Role.MEMBER).get(reverse("awards:statistics")).status_code == 403


def test_a_school_without_years_has_nothing_to_count(client_for):
    page = client_for(Role.PRINCIPAL).get(reverse("awards:statistics"))
    assert page.status_code == 200 and "chưa có năm học nào" in page.content.decode()
