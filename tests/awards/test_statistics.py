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

from awards.models import StatisticsReport
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
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as documents
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


def _pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as document:
        return " ".join(" ".join((page.extract_text() or "") for page in document.pages).split())


def test_the_bc_is_a_document_the_clerk_numbers(client_for, school, team, years):
    """The year's statistics become a draft BC of the school (its figures frozen in it, refreshed while a draft);
    the clerk numbers it through the register and prints it like every other document; numbered, it stays."""
    clerk = client_for(Role.CLERK)
    year = years["2025-2026"]
    award(school, year, "LDTT", staff=StaffFactory(school=school, team=team))
    query = f"?year={year.pk}"

    response = clerk.post(reverse("awards:statistics_report") + query)
    report = StatisticsReport.objects.get(school_year=year)
    document = report.document
    assert response.url == reverse("documents:document_detail", args=[document.pk])
    assert (document.doc_type, document.status, document.number) == ("BC", "draft", None)
    assert document.content["stats"]["award_total"] == 1 and document.signer_authority == "HIỆU TRƯỞNG"
    award(school, year, "LDTT", staff=StaffFactory(school=school, team=team))
    clerk.post(reverse("awards:statistics_report") + query)  # a draft follows the history
    document.refresh_from_db()
    assert document.content["stats"]["award_total"] == 2 and StatisticsReport.objects.count() == 1
    assert AuditEntry.objects.filter(action="awards.statistics_report.draft").count() == 2

    documents.issue_document(actor=clerk.staff.user, document=document, issued_on=date(2026, 6, 15))
    text = _pdf_text(clerk.get(reverse("documents:document_pdf", args=[document.pk])).content)
    assert "BÁO CÁO" in text and "Kết quả thi đua, khen thưởng năm học 2025-2026" in text, text
    assert "Số: 01/BC-THCD" in text and "Cao Dương, ngày 15 tháng 6 năm 2026" in text
    assert "I. KẾT QUẢ THI ĐUA, KHEN THƯỞNG NĂM HỌC 2025-2026" in text and "Trường Tiểu học Cao Dương báo cáo" in text
    assert "Toàn trường 2 2" in text and "Lao động tiên tiến 2 1.420.000" in text and "HIỆU TRƯỞNG" in text
    assert "Tiền thưởng (đồng) 0 0 1.420.000" in text  # across the years
    assert "II. KẾT QUẢ QUA CÁC NĂM HỌC" in text and "Phòng Giáo dục và Đào tạo (để b/c)" in text

    page = clerk.get(reverse("awards:statistics") + query).content.decode()
    assert "Báo cáo số 01/BC-THCD" in page and "stats-report-draft" not in page
    award(school, year, "LDTT", staff=StaffFactory(school=school, team=team))
    refused = clerk.post(reverse("awards:statistics_report") + query, follow=True).content.decode()
    assert "đã được cấp số 01/BC-THCD" in refused
    document.refresh_from_db()
    assert document.content["stats"]["award_total"] == 2  # as issued


def test_the_workbook(client_for, school, team, years):
    client = client_for(Role.PRINCIPAL)
    year = years["2025-2026"]
    award(school, year, "LDTT", staff=StaffFactory(school=school, team=team, full_name="=HYPERLINK(1)"))
    workbook = load_workbook(io.BytesIO(client.get(reverse("awards:statistics_export") + f"?year={year.pk}").content))
    assert workbook.sheetnames == ["Theo tổ", "Theo loại", "Tỷ lệ", "Tiền thưởng", "Qua các năm"]
    assert list(workbook["Theo tổ"].iter_rows(values_only=True))[-1] == ("Toàn trường", 1, 1)
    money = [list(row) for row in workbook["Tiền thưởng"].iter_rows(min_row=3, values_only=True)]
    assert ["Lao động tiên tiến", 1, 710_000] in money


def test_who_reads_the_statistics_and_drafts_its_bc(client_for, school, years):
    assert client_for(Role.MEMBER).get(reverse("awards:statistics")).status_code == 403
    administrator = client_for(Role.ADMINISTRATOR)
    page = administrator.get(reverse("awards:statistics")).content.decode()
    assert "stats-report-draft" not in page  # reads the figures, drafts no document
    assert administrator.post(reverse("awards:statistics_report")).status_code == 403
    assert client_for(Role.PRINCIPAL).get(reverse("awards:statistics_report")).status_code == 405


def test_a_school_without_years_has_nothing_to_count(client_for):
    page = client_for(Role.PRINCIPAL).get(reverse("awards:statistics"))
    assert page.status_code == 200 and "chưa có năm học nào" in page.content.decode()
