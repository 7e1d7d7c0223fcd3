"""The printed PDF itself, read back with pdfplumber and pypdf: the national format of Nghị định 30/2020."""

import io
import unicodedata
from datetime import date

import pdfplumber
import pypdf
import pytest

from thiduakhenthuong.documents import rendering, services
from thiduakhenthuong.documents.samples import reference_plan

pytestmark = pytest.mark.django_db

MM = 72 / 25.4
A4 = (595.28, 841.89)


@pytest.fixture
def plan_pdf(issuer):
    """The reference plan 23/KH-THCD of 30/01/2023, registered from paper and rendered (six pages)."""
    draft = services.create_draft(actor=None, issuer=issuer, signer_name="Nguyễn Thị Minh", **reference_plan())
    plan = services.register_historical(actor=None, document=draft, number=23, issued_on=date(2023, 1, 30))
    return rendering.render_document_pdf(plan)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def find(page, text: str) -> dict:
    matches = page.search(text, regex=False)
    assert matches, f"“{text}” not found on page {page.page_number}"
    return matches[0]


def test_header_elements_sit_in_their_columns(plan_pdf):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        page = pdf.pages[0]
        middle = page.width / 2
        left = [find(page, text) for text in ("UBND HUYỆN THANH OAI", "TRƯỜNG TIỂU HỌC CAO DƯƠNG", "Số: 23/KH-THCD")]
        right = [find(page, text) for text in ("Độc lập - Tự do - Hạnh phúc", "Cao Dương, ngày 30 tháng 01 năm 2023")]
        for match in left:
            assert match["x1"] < middle, match["text"]
        for match in right:
            assert match["x0"] > middle, match["text"]
        nation = find(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        assert nation["x0"] > left[1]["x1"]  # beside the issuer, not under it
        # The number and the place and date share one line; the national name and the parent agency another.
        number, place_date = left[2], right[1]
        assert abs(number["bottom"] - place_date["bottom"]) < 2
        assert abs(nation["top"] - left[0]["top"]) < 2
        # Type name and summary centred below the header.
        type_name = find(page, "KẾ HOẠCH")
        assert type_name["top"] > number["bottom"]
        content_middle = 30 * MM + (page.width - 45 * MM) / 2
        assert abs((type_name["x0"] + type_name["x1"]) / 2 - content_middle) < 3


def test_page_is_a4_with_the_decree_margins(plan_pdf):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert abs(page.width - A4[0]) <= 1 and abs(page.height - A4[1]) <= 1
            chars = [c for c in page.chars if c["text"].strip()]
            assert min(c["x0"] for c in chars) >= 30 * MM - 0.5
            # justified lines end on the right margin itself; WeasyPrint's spacing lands within a point of it
            assert max(c["x1"] for c in chars) <= page.width - 15 * MM + 1
            body_chars = [c for c in chars if c["top"] > 20 * MM]
            assert max(c["bottom"] for c in body_chars) <= page.height - 20 * MM + 0.5


def test_page_numbers_from_page_two_centred_at_the_top(plan_pdf):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        assert first.crop((0, 0, first.width, 20 * MM)).extract_text().strip() == ""
        top = second.crop((0, 0, second.width, 20 * MM))
        assert top.extract_text().strip() == "2"
        digit = top.chars[0]
        content_middle = 30 * MM + (second.width - 45 * MM) / 2
        assert abs((digit["x0"] + digit["x1"]) / 2 - content_middle) < 3
        last = pdf.pages[-1]
        assert last.crop((0, 0, last.width, 20 * MM)).extract_text().strip() == str(len(pdf.pages))


def test_vietnamese_text_survives_extraction(plan_pdf):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        text = nfc("\n".join(page.extract_text() for page in pdf.pages))
    for expected in (
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 23/KH-THCD",
        "Cao Dương, ngày 30 tháng 01 năm 2023",
        "Công tác Thi đua - Khen thưởng năm 2023",
        "I.MỤC ĐÍCH, YÊU CẦU",
        "Nơi nhận:",
        "- Lưu: VT (Ánh 02).",
        "HIỆU TRƯỞNG",
        "Nguyễn Thị Minh",
    ):
        assert expected in text


def test_fonts_are_liberation_serif_and_embedded(plan_pdf):
    reader = pypdf.PdfReader(io.BytesIO(plan_pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor_owner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fonts[str(font["/BaseFont"])] = descriptor_owner["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert "LiberationSerif" in name
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    styles = {name.split("+")[-1] for name in fonts}
    # The family name is the stylesheet's own, so these can only come from the shipped files, never the system's.
    assert {"LiberationSerif-Embedded", "LiberationSerif-Embedded-Bold", "LiberationSerif-Embedded-Italic"} <= styles


def test_headings_bold_body_regular_grounds_italic(issuer):
    draft = services.create_draft(
        actor=None,
        issuer=issuer,
        doc_type="QĐ",
        summary="Về việc công nhận danh hiệu thi đua năm học 2022-2023",
        grounds="Căn cứ Luật Thi đua, khen thưởng năm 2022\nCăn cứ Nghị định 98/2023/NĐ-CP",
        body="Điều 1. Công nhận danh hiệu Lao động tiên tiến.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.",
        signer_name="Nguyễn Thị Minh",
        signer_authority="Hiệu trưởng",
    )
    document = services.issue_document(actor=None, document=draft, issued_on=date(2023, 3, 5))
    with pdfplumber.open(io.BytesIO(rendering.render_document_pdf(document))) as pdf:
        page = pdf.pages[0]
        text = nfc(page.extract_text())

        def fontname(word):
            match = find(page, word)
            return next(c["fontname"] for c in page.chars if c["top"] == match["top"] and c["x0"] >= match["x0"])

    assert "Số: 01/QĐ-THCD" in text and "ngày 05 tháng 3 năm 2023" in text
    assert "Căn cứ Luật Thi đua, khen thưởng năm 2022;" in text
    assert "Căn cứ Nghị định 98/2023/NĐ-CP." in text
    assert fontname("Căn cứ Luật").endswith("LiberationSerif-Embedded-Italic")
    assert fontname("Điều 1.").endswith("LiberationSerif-Embedded-Bold")
    assert fontname("Công nhận danh hiệu").endswith("LiberationSerif-Embedded")
    assert fontname("QUYẾT ĐỊNH").endswith("LiberationSerif-Embedded-Bold")


def test_landscape_variant_for_certificates():
    """A certificate template sets {% block page_class %}landscape{% endblock %}: A4 landscape, no page number."""
    html = '<div class="document landscape"><p>GIẤY KHEN</p><p class="page-break">Trang hai</p></div>'
    with pdfplumber.open(io.BytesIO(rendering.html_to_pdf(html))) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert abs(page.width - A4[1]) <= 1 and abs(page.height - A4[0]) <= 1
        assert pdf.pages[1].extract_text().strip() == "Trang hai"
