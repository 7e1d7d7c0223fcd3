"""The principal edits a section of the plan and sees the printed preview follow, then saves it."""

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings
from playwright.sync_api import expect

from campaigns.demo import read_plan_text
from campaigns.models import PLAN_TEXTS, Plan
from campaigns.printing import plan_pdf
from tests.e2e.conftest import login
from tests.factories import PlanFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_principal_edits_a_section_and_the_preview_follows(page, make_staff, console_errors):
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    year = SchoolYearFactory(school=principal.school)
    plan = PlanFactory(school=principal.school, year=2023, school_years=[year], document__signer=principal)
    errors = console_errors(page)  # CSP violations and script errors show up here

    login(page, principal.user.username)
    page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = page.locator("#plan-preview")
    expect(preview).to_contain_text("I. MỤC ĐÍCH, YÊU CẦU")
    expect(preview).to_contain_text("- Phát động các phong trào thi đua yêu nước.")

    purpose = page.locator("#section-purpose textarea")
    purpose.fill("- Thi đua lập thành tích chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi thi đua ái quốc.")
    # the preview follows the typing before anything is saved
    expect(preview).to_contain_text("chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi")
    expect(preview).not_to_contain_text("- Phát động các phong trào thi đua yêu nước.")
    plan.refresh_from_db()
    assert plan.document.content["purpose"] == "- Phát động các phong trào thi đua yêu nước."

    page.locator("#section-purpose button[type=submit]").click()
    expect(page.locator("#section-purpose")).to_contain_text("Đã lưu.")
    expect(preview).to_contain_text("chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi")
    assert Plan.objects.get(pk=plan.pk).document.content["purpose"].startswith("- Thi đua lập thành tích")
    assert errors == []


#: Words of each rendered line of the printed page in the browser, in reading order (a line is the words that share
#: a top edge). ``text-transform`` is left to the caller: the DOM holds the text as typed.
LINES_JS = """(selector) => {
  const lines = [];
  for (const paragraph of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node, top = null, words = [];
    while ((node = walker.nextNode())) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top !== null && Math.abs(rect.top - top) > 3) { lines.push(words.join(" ")); words = []; }
        top = rect.top;
        words.push(match[0]);
      }
    }
    if (words.length) lines.push(words.join(" "));
  }
  return lines;
}"""
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"


@pytest.fixture
def reference_plan(make_staff):
    """A draft plan holding the reference plan's long paragraphs (23/KH-THCD), signed by the principal."""
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    year = SchoolYearFactory(school=principal.school)
    text = read_plan_text()
    content = {key: text[key] for key in PLAN_TEXTS} | {"campaign_lines": []}
    plan = PlanFactory(
        school=principal.school, year=2023, school_years=[year], document__signer=principal, document__content=content
    )
    return plan, principal


def test_phone_shows_the_printed_page_scaled_not_squeezed(mobile_page, reference_plan, console_errors):
    plan, principal = reference_plan
    errors = console_errors(mobile_page)
    login(mobile_page, principal.user.username)
    mobile_page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = mobile_page.locator("#plan-preview")
    expect(preview).to_contain_text("MỤC ĐÍCH, YÊU CẦU")
    expect(preview).to_have_attribute("data-scale", re.compile(r"0\.\d+"))
    sheet = preview.locator(".document")
    # laid out at A4's width (210 mm = 794 px) and scaled to the phone's, like a PDF viewer
    assert sheet.evaluate("s => s.offsetWidth") == pytest.approx(794, abs=2)
    box, shown = preview.bounding_box(), sheet.bounding_box()
    assert shown["width"] <= box["width"] and shown["width"] > 0.9 * (box["width"] - 24)
    assert float(preview.get_attribute("data-scale")) < 0.5
    # no page-wide sideways scroll, and the header keeps the PDF's lines ("UBND HUYỆN THANH OAI" on one line)
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert mobile_page.evaluate(LINES_JS, "#plan-preview .parent-agency") == [plan.school.parent_agency]
    SCREENSHOTS.mkdir(exist_ok=True)
    preview.scroll_into_view_if_needed()
    mobile_page.screenshot(path=SCREENSHOTS / "plan-preview-390.png")
    assert errors == []


def test_desktop_preview_breaks_lines_where_the_pdf_does(page, reference_plan, console_errors):
    plan, principal = reference_plan
    errors = console_errors(page)
    login(page, principal.user.username)
    page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = page.locator("#plan-preview")
    expect(preview).to_contain_text("MỤC ĐÍCH, YÊU CẦU")
    page.evaluate("document.fonts.ready")
    shown = page.evaluate(LINES_JS, "#plan-preview .document .grounds, #plan-preview .document .body p")
    content, _ = plan_pdf(plan)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        printed = {" ".join(line.split()) for p in pdf.pages for line in (p.extract_text() or "").splitlines()}
    header = page.evaluate(LINES_JS, "#plan-preview .doc-header p")
    assert header[:4] == [
        plan.school.parent_agency,
        plan.document.header_issuer_name,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    # the PDF prints the two header columns side by side, each on one line as well
    printed_upper = {line.upper() for line in printed}
    assert f"{header[0]} {header[2]}".upper() in printed_upper
    assert f"{header[1]} {header[3]}".upper() in printed_upper
    body = [line for line in shown if len(line.split()) > 3]  # full lines of running text, not labels
    matched = [line for line in body if line in printed]
    # Same font, size and measure (165 mm), so nearly every line breaks as printed. Not all: WeasyPrint (Pango) lays
    # glyphs a hair wider than the font's advances, which the browser follows exactly (measured: a line of 612.5 px
    # of a 623.6 px measure fits in the browser and wraps in the PDF), so a line that fills the measure to within a
    # few pixels may wrap one word earlier in the PDF.
    assert len(body) > 60 and len(matched) >= 0.85 * len(body), "\n".join(line for line in body if line not in printed)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "plan-preview-desktop.png", full_page=False)
    assert errors == []
