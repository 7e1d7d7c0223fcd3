"""The principal edits a section of the plan and sees the printed preview follow, then saves it."""

import difflib
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

    # the new sheet is scaled to the box like the first one
    sheet = preview.locator(".document")
    assert sheet.bounding_box()["width"] <= preview.bounding_box()["width"]
    page.locator("#section-purpose button[type=submit]").click()
    expect(page.locator("#section-purpose")).to_contain_text("Đã lưu.")
    expect(preview).to_contain_text("chào mừng 75 năm Ngày Bác Hồ ra lời kêu gọi")
    assert Plan.objects.get(pk=plan.pk).document.content["purpose"].startswith("- Thi đua lập thành tích")
    assert errors == []


#: The text of each rendered line of the printed page in the browser, in reading order: characters whose boxes share
#: a top edge are a line, so a word split across two lines shows as split. ``text-transform`` is left to the caller:
#: the DOM holds the text as typed.
LINES_JS = """(selector) => {
  const lines = [];
  for (const block of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node, top = null, line = "";
    while ((node = walker.nextNode())) {
      const text = node.textContent;
      for (let i = 0; i < text.length; i++) {
        if (/\\S/.test(text[i])) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (rect) {
            if (top !== null && Math.abs(rect.top - top) > rect.height / 2) { lines.push(line); line = ""; }
            top = rect.top;
          }
        }
        line += text[i];
      }
    }
    lines.push(line);
  }
  return lines.map((line) => line.split(/\\s+/).filter(Boolean).join(" ")).filter(Boolean);
}"""
BODY = "#plan-preview .document .grounds, #plan-preview .document .body p"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results"
DESKTOP = {"width": 1366, "height": 900}
A4_PX = (794, 1123)  # 210 × 297 mm at 96 px to the inch


def printed_lines(content: bytes) -> tuple[list[str], int]:
    """The PDF's lines of text in reading order (the two header columns share lines), and its number of pages."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        lines = [" ".join(line.split()) for p in pdf.pages for line in (p.extract_text() or "").splitlines()]
        return [line for line in lines if line], len(pdf.pages)


def unmatched(shown: list[str], printed: list[str]) -> list[str]:
    """The lines of ``shown`` that the PDF does not print, in the same order, as a line of its own."""
    matcher = difflib.SequenceMatcher(None, shown, printed, autojunk=False)
    matched = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return [line for i, line in enumerate(shown) if i not in matched]


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


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_preview_breaks_every_line_where_the_pdf_does(request, device, reference_plan, console_errors):
    """At 1366 px beside the editor and at 390 px below it, the preview is the PDF's page scaled: every line of the
    running text (the grounds and the body, 150-odd lines of the reference plan) and of the header breaks where the
    PDF's does."""
    plan, principal = reference_plan
    browser_page = request.getfixturevalue("mobile_page" if device == "phone" else "page")
    if device == "desktop":
        browser_page.set_viewport_size(DESKTOP)
    errors = console_errors(browser_page)
    login(browser_page, principal.user.username)
    browser_page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = browser_page.locator("#plan-preview")
    expect(preview).to_contain_text("MỤC ĐÍCH, YÊU CẦU")
    browser_page.evaluate("document.fonts.ready")
    expect(preview).to_have_attribute("data-scale", re.compile(r"0\.\d+"))
    printed, _ = printed_lines(plan_pdf(plan)[0])

    body = browser_page.evaluate(LINES_JS, BODY)
    assert len(body) > 150
    assert unmatched(body, printed) == []
    header = browser_page.evaluate(LINES_JS, "#plan-preview .doc-header p")
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

    SCREENSHOTS.mkdir(exist_ok=True)
    if device == "phone":  # the editor's forms come first; show the preview from its heading
        browser_page.get_by_role("heading", name="Xem trước bản in").evaluate(
            'h => h.scrollIntoView({ behavior: "instant" })'
        )
    browser_page.screenshot(path=SCREENSHOTS / f"plan-preview-{device}.png")
    assert errors == []


def test_phone_shows_the_printed_page_scaled_not_squeezed(mobile_page, reference_plan, console_errors):
    """At 390 px the sheet keeps the A4 width it prints at and is scaled down whole, like a PDF viewer: its text is
    not squeezed into a tall column; "Cỡ thật" shows it at its printed size inside the box, "Mở PDF" opens the PDF."""
    plan, principal = reference_plan
    errors = console_errors(mobile_page)
    login(mobile_page, principal.user.username)
    mobile_page.goto(f"/campaigns/plans/{plan.pk}/")
    preview = mobile_page.locator("#plan-preview")
    expect(preview).to_contain_text("MỤC ĐÍCH, YÊU CẦU")
    mobile_page.evaluate("document.fonts.ready")
    expect(preview).to_have_attribute("data-scale", re.compile(r"0\.\d+"))
    scale = float(preview.get_attribute("data-scale"))
    sheet = preview.locator(":scope > .document")
    box, shown = preview.bounding_box(), sheet.bounding_box()
    assert 0.3 < scale < 0.5
    # A4's width scaled to the box, and as tall as the PDF's pages scaled alike (a squeezed column grew ~20,000 px)
    assert shown["width"] == pytest.approx(A4_PX[0] * scale, abs=2)
    assert shown["width"] <= box["width"] and shown["width"] > 0.9 * (box["width"] - 24)
    _, pages = printed_lines(plan_pdf(plan)[0])
    assert pages * A4_PX[1] * scale * 0.7 < shown["height"] < pages * A4_PX[1] * scale
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    # the box holds the sheet as shown (no blank room below it)
    assert box["height"] < shown["height"] + 40

    toggle = mobile_page.get_by_role("button", name="Cỡ thật")
    toggle.click()
    expect(preview).to_have_attribute("data-scale", "1.000")
    assert sheet.bounding_box()["width"] == pytest.approx(A4_PX[0], abs=2)
    assert preview.evaluate("b => b.scrollWidth > b.clientWidth")  # the box scrolls sideways, the page does not
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    SCREENSHOTS.mkdir(exist_ok=True)
    mobile_page.screenshot(path=SCREENSHOTS / "plan-preview-phone-actual-size.png")
    toggle.click()
    expect(preview).to_have_attribute("data-scale", f"{scale:.3f}")
    link = mobile_page.get_by_role("link", name="Mở PDF")
    assert link.get_attribute("href") == f"/campaigns/plans/{plan.pk}/pdf/"
    assert errors == []
