"""The demo data: the reference plan 23/KH-THCD of 30/01/2023 and the campaigns it names, and its PDF."""

import io
from datetime import date

import pdfplumber
import pytest

from campaigns.demo import read_plan_text, seed_demo
from campaigns.models import Campaign, CampaignStatus, Plan
from campaigns.printing import plan_pdf
from tests.factories import StaffFactory, TeamFactory
from thiduakhenthuong.documents.models import DocumentStatus
from thiduakhenthuong.organization.demo import ensure_years
from thiduakhenthuong.organization.models import Role, StaffKind

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


@pytest.fixture
def reference_school(school):
    """What the kernel's seeder provides for Trường Tiểu học Cao Dương (only what this app's seeder reads)."""
    ensure_years(school, today=TODAY)  # 2022-2023 … 2026-2027, the last one current
    teams = {name: TeamFactory(school=school, name=name) for name in ("Tổ 1", "Tổ 2-3", "Tổ 4-5", "Tổ Văn phòng")}
    StaffFactory(
        school=school, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng", kind=StaffKind.MANAGER,
        role=Role.PRINCIPAL,
    )  # fmt: skip
    StaffFactory(
        school=school, full_name="Nguyễn Thị Ánh", position="Văn thư", kind=StaffKind.EMPLOYEE, role=Role.CLERK,
        team=teams["Tổ Văn phòng"],
    )  # fmt: skip
    return school


@pytest.fixture
def demo_plan(reference_school):
    seed_demo(school=reference_school, stdout=io.StringIO(), today=TODAY)
    return Plan.objects.select_related("document").get(school=reference_school, year=2023)


def test_seeder_is_idempotent(reference_school):
    out = io.StringIO()
    seed_demo(school=reference_school, stdout=out, today=TODAY)
    counts = (Campaign.objects.count(), Plan.objects.count())
    seed_demo(school=reference_school, stdout=out, today=TODAY)
    assert (Campaign.objects.count(), Plan.objects.count()) == counts
    assert counts == (4 + 2 * 3 + 3, 1)  # the plan's four, two for each later year that ended, three under way


def test_demo_plan_is_the_registered_paper(demo_plan):
    document = demo_plan.document
    assert (document.symbol, document.document_date, document.status) == (
        "23/KH-THCD",
        date(2023, 1, 30),
        DocumentStatus.ISSUED,
    )
    assert document.is_historical
    assert (document.signer.full_name, document.drafter.full_name) == ("Đỗ Thị Thanh Huyền", "Nguyễn Thị Ánh")
    assert document.archive_note == "VT (Ánh 02)"
    assert sorted(y.name for y in demo_plan.school_years.all()) == ["2022-2023", "2023-2024"]
    named = {c.name for c in demo_plan.campaigns.all()}
    assert {"Dạy tốt - Học tốt", "Đổi mới sáng tạo trong dạy và học", "Người tốt, việc tốt"} <= named
    assert all(c.school_year.name == "2022-2023" for c in demo_plan.campaigns.all())
    launched_by_plan = Campaign.objects.get(school_year__name="2022-2023", name="Người tốt, việc tốt")
    assert launched_by_plan.launch_document == document


def test_demo_campaigns_of_every_year(demo_plan):
    current = Campaign.objects.filter(school_year__name="2026-2027")
    assert set(current.values_list("status", flat=True)) == {CampaignStatus.LAUNCHED, CampaignStatus.DRAFT}
    assert not Campaign.objects.exclude(school_year__name="2026-2027").exclude(status=CampaignStatus.CLOSED).exists()
    assert set(Campaign.objects.values_list("school_year__name", flat=True)) == {
        "2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027",
    }  # fmt: skip
    pledging = Campaign.objects.get(school_year__name="2026-2027", name="Đổi mới sáng tạo trong dạy và học")
    assert sorted(pledging.commitments.values_list("team__name", flat=True)) == ["Tổ 2-3", "Tổ 4-5"]


def test_demo_text_has_no_conversion_artefacts():
    text = read_plan_text()
    whole = "\n".join(text.values())
    assert "[bookmark" not in whole and "·" not in whole and "\t" not in whole and "  " not in whole
    # the school's own wording stays, slips included
    assert "thực hiện thắng lọi nhiệm vụ năm 2023" in text["campaigns_intro"]
    assert text["purpose"].startswith("- Phát động và triển khai các phong trào thi đua yêu nước")


def test_demo_plan_pdf_reads_like_the_paper(demo_plan):
    content, filename = plan_pdf(demo_plan)
    assert filename == "23-kh-thcd-2023.pdf"
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in [
        "UBND HUYỆN THANH OAI",
        "TRƯỜNG TIỂU HỌC CAO DƯƠNG",
        "Số: 23/KH-THCD",
        "Cao Dương, ngày 30 tháng 01 năm 2023",
        "KẾ HOẠCH",
        "Công tác Thi đua - Khen thưởng năm 2023",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. NỘI DUNG THỰC HIỆN",
        "III. TỔ CHỨC THỰC HIỆN",
        "Nơi nhận:",
        "- Phòng GDĐT (để b/c);",
        "- Các tổ CM (để t/h);",
        "Lưu: VT (Ánh 02).",
        "HIỆU TRƯỞNG",
        "Đỗ Thị Thanh Huyền",
    ]:
        assert expected in text, expected
    assert "[bookmark" not in text and "·" not in text
    flat = " ".join(text.split())
    assert "nghiêm túc thực hiện./." in flat
    assert "Kế hoạch số 51/KH-PGDĐT ngày 17/01/2023" in flat
