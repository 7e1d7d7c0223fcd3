"""A teacher submits an initiative with a PDF from her phone; the principal reviews and recognises it."""

import pytest
from playwright.sync_api import expect

from awards.models import Initiative, InitiativeStatus
from tests.e2e.conftest import login
from tests.factories import SchoolYearFactory
from thiduakhenthuong.core.models import Notification
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TITLE = "Biện pháp rèn kỹ năng đọc hiểu cho học sinh lớp 3"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_teacher_submits_on_a_phone_and_the_principal_recognises(page, mobile_page, make_staff, school, console_errors):
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    year = SchoolYearFactory(school=school, is_current=True)
    phone_errors, desktop_errors = console_errors(mobile_page), console_errors(page)

    # the teacher submits from her phone, with the write-up as a PDF
    login(mobile_page, teacher.user.username)
    mobile_page.goto("/awards/initiatives/")
    mobile_page.get_by_role("link", name="Nộp sáng kiến").click()
    expect(mobile_page.get_by_label("Năm học")).to_have_value(str(year.pk))  # the current year is chosen
    mobile_page.get_by_label("Tên sáng kiến").fill(TITLE)
    mobile_page.get_by_label("Lĩnh vực áp dụng").fill("Tiếng Việt")
    mobile_page.get_by_label("Mô tả nội dung").fill("Đọc theo cặp, phiếu câu hỏi theo ba mức độ.")
    mobile_page.get_by_label("Kết quả áp dụng").fill("Tỉ lệ học sinh đọc hiểu tốt tăng từ 60% lên 85%.")
    mobile_page.get_by_label("Tệp đính kèm").set_input_files(
        files=[{"name": "sang-kien.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    mobile_page.get_by_role("button", name="Nộp", exact=True).click()
    expect(mobile_page.get_by_text(f"Đã nộp sáng kiến “{TITLE}”.")).to_be_visible()
    expect(mobile_page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(mobile_page.get_by_role("link", name="sang-kien.pdf")).to_be_visible()
    expect(mobile_page.locator(".badge").first).to_have_text("Đã nộp")
    initiative = Initiative.objects.get()
    assert initiative.attachments.get().original_name == "sang-kien.pdf"

    # the principal finds it on her dashboard, starts the review and recognises it at school level
    login(page, principal.user.username)
    page.locator("#tasks").get_by_role("link", name="Sáng kiến chờ xem xét").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Chuyển sang xem xét").click()
    expect(page.get_by_text("Đã chuyển sang xem xét.")).to_be_visible()
    page.get_by_label("Phạm vi ảnh hưởng").select_option(label="Cấp cơ sở")
    page.get_by_label("Số quyết định công nhận").fill("15/QĐ-THCD")
    page.get_by_label("Ngày quyết định").fill("20/05/2024")
    page.once("dialog", lambda dialog: dialog.accept())  # recognition cannot be undone: the browser asks first
    page.get_by_role("button", name="Công nhận", exact=True).click()
    expect(page.get_by_text("Đã công nhận sáng kiến.")).to_be_visible()
    expect(page.get_by_text("Số 15/QĐ-THCD ngày 20/05/2024")).to_be_visible()
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED
    assert initiative.decision_date.isoformat() == "2024-05-20"

    # the teacher was told, and sees it recognised
    mobile_page.goto("/notifications/")
    notice = mobile_page.locator(".list-group-item", has_text=f"Sáng kiến “{TITLE}” đã được công nhận")
    expect(notice).to_contain_text("Phạm vi: Cấp cơ sở; QĐ 15/QĐ-THCD ngày 20/05/2024")
    notice.get_by_role("button", name="Mở").click()
    expect(mobile_page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(mobile_page.locator(".badge", has_text="Đã công nhận")).to_be_visible()
    expect(mobile_page.locator(".badge", has_text="Cấp cơ sở")).to_be_visible()
    expect(mobile_page.get_by_text("Số 15/QĐ-THCD ngày 20/05/2024")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert Notification.objects.filter(recipient=teacher.user).count() == 2  # under review, recognised
    assert phone_errors == [] and desktop_errors == []
