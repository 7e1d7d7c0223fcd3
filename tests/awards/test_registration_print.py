"""The printed registration list ("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC …"), read back with pdfplumber and pypdf."""

import io

import pdfplumber
import pypdf
import pytest
from django.urls import reverse

from tests.documents.test_pdf import A4, MM, find, nfc
from tests.factories import RegistrationFactory, StaffFactory, TeamFactory, title
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

TEAMS = ["Tổ 1", "Tổ 2-3", "Tổ 4-5", "Tổ Văn phòng"]


@pytest.fixture
def list_pdf(client_for, school, team, year):
    """A school of 42 people in four teams, all registered for LĐTT, every fifth for CSTĐCS too: two pages."""
    client = client_for(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", team=None)
    RegistrationFactory(school_year=year, staff=client.staff)
    teams = [team] + [TeamFactory(school=school, name=name, sort_order=i) for i, name in enumerate(TEAMS[1:], 1)]
    for i in range(41):
        person = StaffFactory(school=school, team=teams[i % 4], full_name=f"Nguyễn Thị Hồng Nhung {i + 1:02}")
        RegistrationFactory(school_year=year, staff=person)
        if i % 5 == 0:
            RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
    for team in teams[1:]:
        RegistrationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    response = client.get(reverse("awards:registration_print"), {"year": year.pk})
    assert response["Content-Type"] == "application/pdf"
    return response.content


def cells(table) -> list[list[str]]:
    return [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]


def test_header_in_two_columns_and_the_title_centred(list_pdf):
    with pdfplumber.open(io.BytesIO(list_pdf)) as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        for text in ("UBND HUYỆN THANH OAI", "TRƯỜNG TIỂU HỌC CAO DƯƠNG"):
            assert find(page, text)["x1"] < middle, text
        nation = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        for text in ("Độc lập - Tự do - Hạnh phúc", "Cao Dương, ngày"):
            assert find(page, text)["x0"] > middle, text
        assert abs(nation["top"] - find(page, "UBND HUYỆN THANH OAI")["top"]) < 2
        title_line = find(page, "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC 2023-2024")
        assert title_line["top"] > find(page, "Cao Dương, ngày")["bottom"]
        content_middle = 30 * MM + (page.width - 45 * MM) / 2
        assert abs((title_line["x0"] + title_line["x1"]) / 2 - content_middle) < 3
        first_char = next(c for c in page.chars if c["top"] == title_line["top"] and c["x0"] >= title_line["x0"])
        assert first_char["fontname"].endswith("LiberationSerif-Embedded-Bold")


def test_table_lists_the_people_with_their_marks(list_pdf):
    with pdfplumber.open(io.BytesIO(list_pdf)) as pdf:
        assert len(pdf.pages) == 2
        first = pdf.pages[0]
        table = first.find_tables()[0]
        rows = cells(table)
        assert rows[0] == ["STT", "Họ và tên", "Tổ", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]
        assert rows[1] == ["1", "Đỗ Thị Thanh Huyền", "", "x", ""]  # the principal first
        assert rows[2] == ["2", "Nguyễn Thị Hồng Nhung 01", "Tổ 1", "x", "x"]  # a name on one line
        # the marks are centred under their title
        mark, heading = table.rows[1].cells[3], table.rows[0].cells[3]
        x = next(c for c in first.chars if c["text"] == "x" and mark[1] <= c["top"] <= mark[3])
        assert abs((x["x0"] + x["x1"]) / 2 - (heading[0] + heading[2]) / 2) < 1
        # the header row is repeated on the next page, the totals are printed once, under the last person
        second = cells(pdf.pages[1].find_tables()[0])
        assert second[0] == rows[0]
        assert second[-1] == ["", "Cộng", "", "42", "9"]
        assert "Cộng" not in nfc(first.extract_text())


def test_teams_and_signature_share_the_last_page(list_pdf):
    with pdfplumber.open(io.BytesIO(list_pdf)) as pdf:
        last = pdf.pages[-1]
        teams = cells(last.find_tables()[-1])
        assert teams[0] == ["STT", "Tập thể", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc"]
        assert teams[1:] == [["1", "Tổ 1", "", ""], ["2", "Tổ 2-3", "x", ""], ["3", "Tổ 4-5", "x", ""],
                             ["4", "Tổ Văn phòng", "x", ""], ["", "Cộng", "3", "0"]]  # fmt: skip
        recipients, signer = find(last, "Nơi nhận:"), find(last, "HIỆU TRƯỞNG")
        assert abs(recipients["top"] - signer["top"]) < 4 and recipients["x1"] < last.width / 2 < signer["x0"]
        name = find(last, "Đỗ Thị Thanh Huyền")
        assert name["top"] - signer["bottom"] > 20 * MM  # room for the signature and seal
        text = nfc(last.extract_text())
        assert "- Phòng GDĐT (để b/c);" in text and "- Lưu: VT." in text


def test_a4_pages_and_embedded_fonts(list_pdf):
    with pdfplumber.open(io.BytesIO(list_pdf)) as pdf:
        for page in pdf.pages:
            assert abs(page.width - A4[0]) <= 1 and abs(page.height - A4[1]) <= 1
            chars = [c for c in page.chars if c["text"].strip()]
            assert min(c["x0"] for c in chars) >= 30 * MM - 0.5
            assert max(c["x1"] for c in chars) <= page.width - 15 * MM + 0.5
    for page in pypdf.PdfReader(io.BytesIO(list_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "LiberationSerif" in str(font["/BaseFont"])
            assert "/FontFile2" in owner["/FontDescriptor"].get_object(), f"{font['/BaseFont']} is not embedded"
