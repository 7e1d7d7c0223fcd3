"""From the council's results to the award history in the browser: the principal discloses the list, a teacher
objects on her phone, the principal answers and, the period over, approves everything on her phone; the clerk
drafts, numbers and downloads the school's QĐ and the TTr's dossier, records the commune's decision, and the award
history shows the new titles."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import AwardRecord, Disclosure, NominationStatus
from tests.e2e.conftest import login
from tests.factories import ClassGroupFactory, NominationFactory, PupilFactory, SchoolYearFactory, title
from thiduakhenthuong.organization.demo import authority_rows
from thiduakhenthuong.organization.models import Authority, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_disclosure_approval_decision_submission_and_the_history(page, mobile_page, make_staff, school, console_errors):
    Authority.objects.bulk_create(authority_rows(school, "Cao Dương"))
    SchoolYearFactory(school=school, start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True)
    year = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    principal = make_staff(Role.PRINCIPAL, team=None, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    clerk = make_staff(Role.CLERK, team=None, full_name="Nguyễn Thị Ánh", position="Văn thư")
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    colleague = make_staff(Role.MEMBER, full_name="Lê Thị Hoa", position="Giáo viên")
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5)
    passed = {"status": NominationStatus.COUNCIL_PASSED, "proposed_at": "2026-05-25T10:00Z", "school_year": year}
    NominationFactory(staff=colleague, **passed)
    for name in ("Nguyễn Minh An", "Phạm Gia Bảo"):
        pupil = PupilFactory(school=school, class_group=group, full_name=name)
        NominationFactory(staff=None, pupil=pupil, title=title("GK", "pupil"), **passed)
    errors = [console_errors(page), console_errors(mobile_page)]
    page.on("dialog", lambda dialog: dialog.accept())
    mobile_page.on("dialog", lambda dialog: dialog.accept())
    today = timezone.localdate()

    # the principal publishes the council's list for five working days from today
    login(page, principal.user.username)
    page.goto(f"/awards/disclosures/?year={year.pk}")
    page.get_by_role("link", name="Công khai danh sách").click()
    page.get_by_label("Công khai từ ngày").fill(today.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Tính ngày hết hạn").click()
    expect(page.locator("#disclosure-end")).to_contain_text("Hết thời hạn công khai")
    page.get_by_role("button", name="Công khai", exact=True).click()
    expect(page.get_by_text("Đã công khai danh sách đề nghị khen thưởng năm học 2025-2026.")).to_be_visible()

    # a teacher sees it on her dashboard and objects from her phone
    login(mobile_page, teacher.user.username)
    mobile_page.goto("/")
    mobile_page.get_by_role("link", name="Danh sách đề nghị khen thưởng đang công khai").click()
    expect(mobile_page.get_by_role("cell", name="Lê Thị Hoa")).to_be_visible()
    mobile_page.get_by_label("Về đề nghị").select_option(label="Lê Thị Hoa – Lao động tiên tiến")
    mobile_page.get_by_label("Nội dung phản ánh").fill("Đề nghị xem lại ngày công học kỳ II của đồng chí Hoa.")
    mobile_page.get_by_role("button", name="Gửi ý kiến").click()
    expect(mobile_page.get_by_text("Đã gửi ý kiến phản ánh")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390

    # the principal answers in writing
    page.goto("/")
    page.get_by_role("link", name="Ý kiến phản ánh chờ trả lời").click()
    page.get_by_label("Trả lời bằng văn bản").fill("Đồng chí Hoa nghỉ ốm có giấy xác nhận; giữ nguyên đề nghị.")
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã trả lời ý kiến phản ánh của Trần Thị Mai.")).to_be_visible()

    # the five working days go by
    Disclosure.objects.update(starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=3))

    # the principal approves everything from her phone
    mobile_page.context.clear_cookies()
    login(mobile_page, principal.user.username)
    mobile_page.goto(f"/awards/approval/?year={year.pk}")
    mobile_page.get_by_role("button", name="Duyệt tất cả (3)").click()
    expect(mobile_page.get_by_text("Đã duyệt 3 đề nghị khen thưởng năm học 2025-2026.")).to_be_visible()
    assert mobile_page.evaluate("document.documentElement.scrollWidth") <= 390

    # the clerk drafts and numbers the school's QĐ (pupils) and the TTr to the commune (the teacher's title)
    page.context.clear_cookies()
    login(page, clerk.user.username)
    page.goto(f"/awards/papers/?year={year.pk}")
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    page.get_by_role("button", name="Cấp số và ban hành").click()
    expect(page.get_by_text("Đã cấp số quyết định khen thưởng")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Quyết định số 01/QĐ-THCD ngày {today:%d/%m/%Y}")).to_be_visible()
    pdf = page.request.get(page.get_by_role("link", name="Tải quyết định (PDF)").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")
    page.get_by_role("button", name="Lập dự thảo tờ trình").click()
    page.get_by_role("button", name="Cấp số và trình").click()
    expect(page.get_by_text("Đã cấp số tờ trình")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hồ sơ (một tệp PDF)").click()
    assert download.value.suggested_filename.startswith(
        "ho-so-02-ttr-thcd"
    )  # one sequence per issuer and year: the QĐ took 01

    # the commune's decision comes back
    page.get_by_role("link", name="Ghi quyết định của cấp trên").click()
    page.get_by_label("Số, ký hiệu quyết định").fill("215/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill(today.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_text("Đã ghi quyết định 215/QĐ-UBND của UBND xã Cao Dương")).to_be_visible()

    # the award history shows the new titles
    page.context.clear_cookies()
    login(page, principal.user.username)
    page.goto(f"/awards/history/?year={year.pk}")
    expect(page.get_by_role("cell", name="Lê Thị Hoa").first).to_be_visible()
    expect(page.get_by_role("cell", name="Nguyễn Minh An").first).to_be_visible()
    assert AwardRecord.objects.filter(school_year=year).count() == 3
    assert errors == [[], []]
