"""A good deed from a phone to a Giấy khen, in Chromium: the homeroom teacher reports a pupil's deed with a photo
from a 390 px page, the vice-principal verifies it from her dashboard, it appears on the school's public page
(without login, the pupil's given name and class only), and the principal proposes the principal's Giấy khen."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import DriveKind, NominationStatus
from exemplars.models import DeedStatus, GoodDeed
from tests.e2e.conftest import DESKTOP, PHONE, login
from tests.exemplars.conftest import jpeg_with_gps
from tests.factories import ClassGroupFactory, PupilFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_pupils_good_deed_from_a_phone_to_a_giay_khen(
    mobile_page, browser, live_server, make_staff, school, console_errors, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    start = date(today.year if today.month >= 9 else today.year - 1, 9, 5)
    year = SchoolYearFactory(school=school, start_date=start, end_date=date(start.year + 1, 5, 31), is_current=True)
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    vice = make_staff(Role.VICE_PRINCIPAL, full_name="Nguyễn Thị Thu Hà")
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền")
    group = ClassGroupFactory(school=school, school_year=year, name="3A", grade=3, homeroom_teacher=teacher)
    PupilFactory(school=school, class_group=group, full_name="Nguyễn Văn An")

    # 1. the teacher, on her phone
    phone = mobile_page
    errors = console_errors(phone)
    login(phone, teacher.user.username)
    phone.goto("/exemplars/")
    phone.get_by_role("link", name="Báo việc tốt").click()
    assert _fits(phone), "the report form is wider than the phone"
    phone.locator("input[name=kind][value=pupil]").check()
    phone.locator("select[name=pupil]").select_option(label="Lớp 3A – Nguyễn Văn An")
    phone.fill("input[name=title]", "Nhặt được ví, trả lại người đánh rơi")
    phone.fill("textarea[name=description]", "Em nhặt được ví ở cổng trường và nộp cho cô giáo.")
    phone.fill("input[name=occurred_on]", (today - timedelta(days=1)).strftime("%d/%m/%Y"))
    photo = jpeg_with_gps()
    phone.locator("input[name=images]").set_input_files(
        {"name": "IMG_2031.jpg", "mimeType": "image/jpeg", "buffer": photo.read()}
    )
    phone.get_by_role("button", name="Gửi").click()
    expect(phone.get_by_text("chờ ban giám hiệu xác minh")).to_be_visible()
    assert _fits(phone)
    deed = GoodDeed.objects.get()
    assert deed.status == DeedStatus.REPORTED and deed.images.count() == 1
    assert phone.locator("img[alt^='Ảnh minh chứng']").evaluate("img => img.naturalWidth") > 0

    # 2. the vice-principal, at her desk: the dashboard asks her to verify
    desk_context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="vi-VN")
    desk = desk_context.new_page()
    errors += console_errors(desk)
    login(desk, vice.user.username)
    task = desk.locator("#tasks .card-task", has_text="Xác minh việc tốt")
    task.get_by_role("link").first.click()
    desk.get_by_role("link", name="Nhặt được ví, trả lại người đánh rơi").click()
    desk.get_by_role("button", name="Xác minh", exact=True).click()
    expect(desk.get_by_text("được đăng trên trang công khai")).to_be_visible()
    deed.refresh_from_db()
    assert deed.status == DeedStatus.VERIFIED and deed.verified_by == vice
    desk_context.close()

    # 3. anyone, without signing in, on a phone: the school's public page
    public_context = browser.new_context(base_url=live_server.url, viewport=PHONE, locale="vi-VN", is_mobile=True)
    public = public_context.new_page()
    errors += console_errors(public)
    public.goto("/exemplars/cong-khai/thcd/")
    article = public.locator("article", has_text="Nhặt được ví, trả lại người đánh rơi")
    expect(article).to_contain_text("Em An")
    expect(article).to_contain_text("Lớp 3A")
    assert "Nguyễn Văn An" not in public.content()
    expect(article.locator("img")).to_have_count(1)
    assert article.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert _fits(public)
    public.fill("input[name=q]", "tra lai nguoi danh roi")
    public.get_by_role("button", name="Tìm").click()
    expect(public.locator("article")).to_have_count(1)
    public_context.close()

    # 4. the principal proposes her own Giấy khen for the pupil
    office_context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, locale="vi-VN")
    office = office_context.new_page()
    errors += console_errors(office)
    login(office, principal.user.username)
    office.goto(f"/exemplars/{deed.pk}/")
    assert office.locator("select[name=title] option:checked").inner_text() == "Giấy khen"
    office.get_by_role("button", name="Đề nghị khen thưởng").click()
    expect(office.get_by_text("Đã đề nghị khen thưởng đột xuất “Giấy khen” cho Nguyễn Văn An")).to_be_visible()
    deed.refresh_from_db()
    nomination = deed.commendation
    assert (nomination.title.code, nomination.title.scope) == ("GK", "pupil")
    assert nomination.drive == DriveKind.AD_HOC and nomination.status == NominationStatus.APPROVED
    assert nomination.proposed_by == principal.user
    office_context.close()
    assert errors == []
