"""The clerk's day with an outgoing document, in the browser: from the dashboard to a number and the signed scan."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import IssuerFactory, OfficialDocumentFactory
from thiduakhenthuong.documents.models import DocumentStatus, OfficialDocument
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)

SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_clerk_numbers_a_draft_and_files_its_signed_scan(page, make_staff, school, console_errors):
    clerk = make_staff(Role.CLERK, full_name="Nguyễn Thị Ánh")
    draft = OfficialDocumentFactory(
        issuer=IssuerFactory(school=school),
        summary="Lịch họp Hội đồng Thi đua - Khen thưởng cuối năm học",
        document_date=date(2024, 5, 20),
    )
    errors = console_errors(page)
    login(page, clerk.user.username)

    task = page.locator("#tasks .card-task", has_text="Văn bản chờ cấp số")
    expect(task.locator(".badge")).to_have_text("1")
    task.get_by_role("link").click()
    page.get_by_role("link", name="chưa có số").click()
    expect(page.get_by_text(draft.summary).first).to_be_visible()

    # "Cấp số" cannot be undone: the browser asks first and says so; declined, nothing happens
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#document-actions").get_by_role("button", name="Cấp số").click()
    assert asked and "không thể thu hồi" in asked[0]
    draft.refresh_from_db()
    assert draft.number is None
    # accepted, a double click still numbers once
    page.on("dialog", lambda dialog: dialog.accept())
    page.locator("#document-actions").get_by_role("button", name="Cấp số").dblclick()
    expect(page.get_by_text("01/TB-THCD").first).to_be_visible()
    draft.refresh_from_db()
    assert (draft.status, draft.number, draft.symbol) == (DocumentStatus.ISSUED, 1, "01/TB-THCD")

    page.locator("#document-actions input[type=file]").set_input_files(
        {"name": "ban-ky.pdf", "mimeType": "application/pdf", "buffer": SCAN}
    )
    page.locator("#document-actions").get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("link", name="Tải bản ký")).to_be_visible()
    assert OfficialDocument.objects.get(pk=draft.pk).status == DocumentStatus.SIGNED
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản ký").click()
    assert download.value.path().read_bytes() == SCAN
    assert errors == []
