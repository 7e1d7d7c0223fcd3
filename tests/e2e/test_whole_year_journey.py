"""The whole school year in the browser, on the demo data, as the demo's own accounts (issue 12, item 9).

The demo is loaded as ``make run`` loads it; its current year has registrations and no yearly nomination. Then,
through the pages only: the teacher (giaovien) finds her registration and proposes her class's pupils on her
phone, the principal records her year-end rating, her team head (totruong) runs Tổ 1's review and sends it, the
vice-principal (phohieutruong) checks the class's list, the principal sends the proposal to the council; the
principal sets up the year's council, which meets: agenda from the queue, attendance, scores from three browsers,
the pupils' list passed, a secret ballot from three browsers, results, the minutes; the list is disclosed, the team
head objects and the principal answers; the period over, the principal approves; the clerk (vanthu) numbers and
downloads the school's QĐ and the TTr's dossier, prints the QĐ's certificates in the background and records the
commune's decision; the award history shows the new titles.

One step is not the browser's: the five working days of the disclosure pass by moving its period into the past,
as ``tests/e2e/awards/test_decisions_journey.py`` does (the app counts them against the real date).
"""

import io
import re
import unicodedata

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Disclosure, Nomination, NominationStatus
from tests.e2e.conftest import DESKTOP, PHONE, _page, login
from thiduakhenthuong.organization.demo import DEMO_PASSWORD
from thiduakhenthuong.organization.models import ClassGroup, SchoolYear, Staff

pytestmark = pytest.mark.django_db(transaction=True)

TEACHER = "Trần Thị Mai"  # giaovien, Tổ 1, homeroom teacher of 1A
HEAD = "Nguyễn Thị Hồng Nhung"  # totruong, head of Tổ 1
PRINCIPAL = "Đỗ Thị Thanh Huyền"  # hieutruong
VICE = "Nguyễn Thị Thu Hà"  # phohieutruong
LDTT = "Lao động tiên tiến"


def pdf_text(response) -> str:
    assert response.headers["content-type"] == "application/pdf", response.headers["content-type"]
    reader = PdfReader(io.BytesIO(response.body()))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def flat(text: str) -> str:
    """A PDF's text with its line breaks and runs of spaces as single spaces (names can wrap in a table cell)."""
    return " ".join(text.split())


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def desk(browser, live_server):
    """Desktop browsers of their own (one person each), opened on demand: ``desk()``."""
    contexts = []

    def open_page():
        context, page = _page(browser, live_server, DESKTOP)
        contexts.append(context)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_the_whole_year_on_the_demo(page, mobile_page, desk, db_worker, console_errors):
    call_command("seed_demo", stdout=io.StringIO())
    year = SchoolYear.objects.get(school__abbreviation="THCD", is_current=True)
    yearly = Nomination.objects.filter(school_year=year, drive="yearly")
    assert not yearly.exists()  # the year's review is ahead (the demo's one ad-hoc Giấy khen is not yearly)
    class_1a = ClassGroup.objects.get(school_year=year, name="1A")
    # the Giấy khen the principal approved from a good deed (the demo's ad-hoc one) gets a QĐ of its own
    ad_hoc = list(
        Nomination.objects.filter(school_year=year, drive="ad_hoc", status=NominationStatus.APPROVED).values_list(
            "pupil__full_name", flat=True
        )
    )
    assert len(ad_hoc) == 1
    pupils = list(class_1a.pupils.exclude(full_name__in=ad_hoc).values_list("full_name", flat=True)[:2])
    commended = pupils  # the year's QĐ
    teacher = Staff.objects.get(user__username="giaovien")
    today = timezone.localdate()
    principal, teacher_phone, head, vice = page, mobile_page, desk(), desk()
    pages = [principal, teacher_phone, head, vice]
    errors = [console_errors(p) for p in pages]
    for p in pages:
        p.on("dialog", lambda dialog: dialog.accept())  # "Cấp số…?", "Gửi đề nghị của tổ?": yes
    login(principal, "hieutruong", DEMO_PASSWORD)
    login(teacher_phone, "giaovien", DEMO_PASSWORD)
    login(head, "totruong", DEMO_PASSWORD)
    login(vice, "phohieutruong", DEMO_PASSWORD)

    # --- registration: the teacher's, made at the start of the year -------------------------------------------
    teacher_phone.goto("/awards/registrations/mine/")
    expect(teacher_phone.locator("#registrations")).to_contain_text(LDTT)

    # --- the teacher proposes two of her class's pupils on her phone; the vice-principal checks the list -------
    teacher_phone.goto("/awards/pupils/")
    teacher_phone.get_by_role("link", name="1A").click()
    for name in pupils:
        teacher_phone.get_by_role("checkbox", name=name).check()
    teacher_phone.get_by_role("button", name="Gửi đề nghị các học sinh đã chọn").click()
    expect(teacher_phone.get_by_text(f"Đã đề nghị khen thưởng 2 học sinh của {class_1a}.")).to_be_visible()
    assert fits_phone(teacher_phone)
    teacher_phone.screenshot(path="/tmp/whole-year-pupils-phone.png", full_page=True)
    vice.goto(f"/awards/pupils/class/{class_1a.pk}/")
    vice.get_by_role("button", name="Đã kiểm tra danh sách").click()
    expect(vice.get_by_text(f"Đã kiểm tra danh sách {class_1a}")).to_be_visible()

    # --- year end: the principal records the teacher's rating ---------------------------------------------------
    principal.goto(f"/awards/evaluations/{year.pk}/staff/{teacher.pk}/")
    principal.get_by_label("Xếp loại").select_option(label="Hoàn thành tốt nhiệm vụ")
    principal.get_by_role("button", name="Lưu").click()
    expect(principal.get_by_text(f"Đã lưu đánh giá của {TEACHER} năm học {year}.")).to_be_visible()

    # --- Tổ 1's review: the meeting, the proposal, the team's vote, sent ----------------------------------------
    head.goto("/awards/reviews/")
    head.get_by_role("link", name="Tổ 1", exact=True).click()
    head.get_by_role("button", name="Bắt đầu bình xét").click()
    head.get_by_label("Ngày họp").fill(today.strftime("%d/%m/%Y"))
    head.get_by_label("Địa điểm").fill("Phòng họp tổ 1")
    head.get_by_label("Chủ trì").select_option(label=HEAD)
    head.get_by_label("Thư ký").select_option(label=TEACHER)
    head.get_by_role("button", name="Lưu biên bản họp").click()
    mai = head.locator("section", has=head.get_by_role("heading", name=TEACHER))
    expect(mai).to_contain_text(f"Đăng ký: {LDTT}")
    mai.get_by_label("Thêm đề nghị").select_option(label=LDTT)
    mai.get_by_role("button", name="Thêm").click()
    expect(head.get_by_text(f"Đã thêm dự kiến đề nghị “{LDTT}” cho {TEACHER}.")).to_be_visible()
    mai.get_by_label("Đồng ý", exact=True).fill("7")
    mai.get_by_label("Không đồng ý").fill("0")
    mai.get_by_role("button", name="Ghi biểu quyết").click()
    head.get_by_role("button", name="Gửi đề nghị của tổ").click()
    expect(mai).to_contain_text("Đã đề nghị")
    expect(mai).to_contain_text("Khi đề nghị: Đủ điều kiện")

    # --- the principal sends the proposal to the council ---------------------------------------------------------
    principal.goto("/awards/nominations/")
    row = principal.locator("#nominations section", has_text=TEACHER)
    row.get_by_role("button", name="Đưa ra hội đồng").click()
    expect(principal.get_by_text(f"Đưa ra hội đồng: “{LDTT}” cho {TEACHER}.")).to_be_visible()

    # --- the year's council: composition, its QĐ, a meeting ------------------------------------------------------
    principal.goto("/council/")
    principal.get_by_label("Năm học").select_option(label=year.name)
    principal.get_by_label("Loại hội đồng").select_option(label="Hội đồng Thi đua – Khen thưởng")
    principal.get_by_role("button", name="Lập hội đồng").click()
    expect(principal.get_by_text("Đã lập hội đồng: hãy thêm thành viên.")).to_be_visible()
    for name, role in ((PRINCIPAL, "Chủ tịch Hội đồng"), (HEAD, "Thư ký Hội đồng"), (VICE, "Ủy viên")):
        principal.get_by_label("Cán bộ").select_option(label=name)
        principal.get_by_label("Nhiệm vụ trong hội đồng").select_option(label=role)
        principal.get_by_role("button", name="Thêm", exact=True).click()
        expect(principal.get_by_text("Đã thêm thành viên.")).to_be_visible()
    principal.get_by_role("button", name="Thành lập hội đồng (ban hành quyết định)").click()
    expect(principal.get_by_text("Đã thành lập hội đồng: quyết định đã được cấp số.")).to_be_visible()
    expect(principal.get_by_role("link", name=re.compile(r"Quyết định \d+\/QĐ-THCD \(PDF\)"))).to_be_visible()
    principal.get_by_label("Ngày họp").fill(today.strftime("%d/%m/%Y"))
    principal.get_by_label("Giờ họp").fill("14:30")
    principal.get_by_role("button", name="Lên lịch").click()
    expect(principal.get_by_text("Đã lên lịch phiên họp.")).to_be_visible()
    expect(principal.get_by_text("Giờ họp 14:30")).to_be_visible()
    meeting_url = principal.url

    # the agenda counts the staff's proposals only: the pupils' lists are passed as a whole, not on the agenda
    principal.get_by_role("button", name="Lập chương trình từ danh sách chờ xét (1)").click()
    expect(principal.locator("table").first).to_contain_text(f"{TEACHER} – {LDTT}")
    principal.get_by_role("button", name="Lưu điểm danh").click()
    expect(principal.get_by_text("Đã ghi điểm danh.")).to_be_visible()
    principal.get_by_role("button", name="Khai mạc").click()
    expect(principal.get_by_text("Đã khai mạc phiên họp.")).to_be_visible()

    # scores: the chair opens the scoring, the three members score from their own browsers
    principal.get_by_role("link", name="Chấm điểm").click()
    principal.get_by_role("button", name="Mở chấm điểm").click()
    scoring_url = principal.url
    for member in (principal, head, vice):
        member.goto(scoring_url)
        sheets = member.locator(".list-group a")
        for index in range(sheets.count()):
            member.goto(scoring_url)
            member.locator(".list-group a").nth(index).click()
            for field in member.locator("input.form-control-lg").all():
                field.fill(str(int(field.get_attribute("max")) - 1))
            member.get_by_role("button", name="Nộp phiếu").click()
            expect(member.get_by_text("Phiếu đã khoá")).to_be_visible()
    principal.goto(scoring_url)
    principal.get_by_role("button", name="Kết thúc chấm điểm").click()
    expect(principal.get_by_text("Đã kết thúc chấm điểm.")).to_be_visible()

    # the pupils' lists, then the secret ballot: each member from her own browser
    principal.goto(meeting_url)
    principal.get_by_role("button", name="Thông qua danh sách học sinh (2)").click()
    expect(principal.get_by_text("Hội đồng đã thông qua danh sách khen thưởng học sinh.")).to_be_visible()
    principal.get_by_role("button", name="Mở bỏ phiếu kín").click()
    for member in (vice, head, principal):
        member.goto("/council/mine/")
        member.get_by_role("link", name="Bỏ phiếu").first.click()
        member.locator("label.btn", has_text="Đồng ý").first.click()
        member.get_by_role("button", name="Bỏ phiếu").click()
        expect(member.get_by_text("Phiếu của bạn đã được bỏ vào hòm phiếu.")).to_be_visible()
    principal.goto(meeting_url)
    expect(principal.get_by_text("Đã bỏ phiếu: 3/3")).to_be_visible()
    principal.get_by_role("button", name="Kết thúc bỏ phiếu, kiểm phiếu").click()
    expect(principal.locator("table").first).to_contain_text("3/3 = 100%")
    principal.get_by_role("button", name="Bế mạc").click()
    principal.get_by_role("button", name="Lập biên bản").click()
    minutes = pdf_text(principal.request.get(principal.get_by_role("link", name="Biên bản họp").get_attribute("href")))
    assert "BIÊN BẢN" in minutes and TEACHER in minutes and "Kết quả chấm điểm" in minutes

    # --- disclosure: published, an objection from the team head, the principal's answer --------------------------
    principal.goto("/awards/disclosures/")
    principal.get_by_role("link", name="Công khai danh sách").click()
    principal.get_by_label("Công khai từ ngày").fill(today.strftime("%d/%m/%Y"))
    principal.get_by_role("button", name="Công khai", exact=True).click()
    expect(principal.get_by_text(f"Đã công khai danh sách đề nghị khen thưởng năm học {year}.")).to_be_visible()
    head.goto("/")
    head.get_by_role("link", name="Danh sách đề nghị khen thưởng đang công khai").click()
    expect(head.get_by_role("cell", name=TEACHER)).to_be_visible()
    head.get_by_label("Về đề nghị").select_option(label=f"{TEACHER} – {LDTT}")
    head.get_by_label("Nội dung phản ánh").fill("Đề nghị ghi rõ số tiết dạy thay của đồng chí Mai trong năm.")
    head.get_by_role("button", name="Gửi ý kiến").click()
    expect(head.get_by_text("Đã gửi ý kiến phản ánh")).to_be_visible()
    principal.goto("/")
    principal.get_by_role("link", name="Ý kiến phản ánh chờ trả lời").click()
    principal.get_by_label("Trả lời bằng văn bản").fill("Đồng chí Mai dạy thay 42 tiết; giữ nguyên đề nghị.")
    principal.get_by_role("button", name="Gửi trả lời").click()
    expect(principal.get_by_text(f"Đã trả lời ý kiến phản ánh của {HEAD}.")).to_be_visible()

    # the five working days go by (the app reads the real date: the period is moved into the past)
    Disclosure.objects.filter(school_year=year).update(
        starts_on=today - timezone.timedelta(days=10), ends_on=today - timezone.timedelta(days=3)
    )

    # --- approval: the principal approves the whole list ----------------------------------------------------------
    principal.goto("/awards/approval/")
    principal.get_by_role("button", name="Duyệt tất cả (3)").click()
    expect(principal.get_by_text(f"Đã duyệt 3 đề nghị khen thưởng năm học {year}.")).to_be_visible()

    # --- the clerk: the school's QĐ (the pupils' Giấy khen) and the TTr to the commune (the teacher's title) -----
    clerk = desk()
    clerk_errors = console_errors(clerk)
    clerk.on("dialog", lambda dialog: dialog.accept())
    login(clerk, "vanthu", DEMO_PASSWORD)
    clerk.goto("/awards/papers/")
    clerk.get_by_role("button", name="Lập dự thảo quyết định", exact=True).click()
    clerk.get_by_role("button", name="Cấp số và ban hành").click()
    expect(clerk.get_by_text("Đã cấp số quyết định khen thưởng")).to_be_visible()
    heading = clerk.get_by_role("heading", name=re.compile(r"Quyết định số \d+\/QĐ-THCD"))
    decision_number = re.search(r"\d+/QĐ-THCD", heading.inner_text()).group()
    decision = pdf_text(clerk.request.get(clerk.get_by_role("link", name="Tải quyết định (PDF)").get_attribute("href")))
    assert f"Số: {decision_number}" in decision and "QUYẾT ĐỊNH" in decision
    assert all(name in flat(decision) for name in commended) and "Giấy khen" in decision
    assert ad_hoc[0] not in flat(decision)
    clerk.get_by_role("button", name="Lập dự thảo quyết định khen thưởng đột xuất").click()
    clerk.get_by_role("button", name="Cấp số và ban hành").click()
    expect(clerk.get_by_text("Đã cấp số quyết định khen thưởng")).to_be_visible()
    expect(clerk.get_by_text(f"Về việc khen thưởng đột xuất học sinh {ad_hoc[0]}")).to_be_visible()

    clerk.get_by_role("button", name="Lập dự thảo tờ trình").click()
    clerk.get_by_role("button", name="Cấp số và trình").click()
    expect(clerk.get_by_text("Đã cấp số tờ trình")).to_be_visible()
    dossier = pdf_text(clerk.request.get(clerk.get_by_role("link", name="Hồ sơ (một tệp PDF)").get_attribute("href")))
    assert re.search(r"Số: \d+/TTr-THCD", dossier) and "TỜ TRÌNH" in dossier
    assert TEACHER in dossier and LDTT in dossier and "Kính gửi" in dossier
    assert "BIÊN BẢN" in dossier  # the council's minutes travel with it

    # --- the QĐ's certificates, made in the background ------------------------------------------------------------
    clerk.get_by_role("button", name=f"In giấy khen của quyết định ({len(commended)})").click()
    expect(clerk.get_by_role("heading", name=f"Giấy khen theo quyết định số {decision_number}")).to_be_visible()
    db_worker()  # the worker beside the server
    expect(clerk.locator("#batch-progress")).to_contain_text(
        f"{len(commended)}/{len(commended)} giấy", timeout=15_000
    )  # htmx polled it
    certificates = pdf_text(clerk.request.get(clerk.locator("#batch-download").get_attribute("href")))
    assert all(name in flat(certificates) for name in commended) and decision_number in certificates

    # --- the commune's decision comes back --------------------------------------------------------------------------
    clerk.goto("/awards/papers/")
    expect(
        clerk.get_by_role("link", name=f"Giấy khen của quyết định ({len(commended)})")
    ).to_be_visible()  # the QĐ's batch
    clerk.get_by_role("link", name="Ghi quyết định của cấp trên").click()
    clerk.get_by_label("Số, ký hiệu quyết định").fill("88/QĐ-UBND")
    clerk.get_by_label("Ngày quyết định").fill(today.strftime("%d/%m/%Y"))
    clerk.get_by_role("button", name="Ghi quyết định").click()
    expect(clerk.get_by_text("Đã ghi quyết định 88/QĐ-UBND của UBND xã Cao Dương")).to_be_visible()

    # --- the award history shows the year's new titles --------------------------------------------------------------
    principal.goto("/awards/history/")
    history = principal.locator("table").first
    expect(history).to_contain_text(TEACHER)
    expect(history).to_contain_text("88/QĐ-UBND")
    for name in pupils:
        expect(history).to_contain_text(name)
    expect(history).to_contain_text(decision_number)
    assert set(yearly.values_list("status", flat=True)) == {
        NominationStatus.CONFERRED,
        NominationStatus.DECIDED,
    }
    assert errors == [[], [], [], []] and clerk_errors == []
