"""A teacher registers on her phone, asks after the deadline to withdraw one title, the principal approves."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.models import ChangeStatus, Registration, RegistrationChange
from tests.e2e.conftest import login
from tests.factories import RegistrationPeriodFactory, SchoolYearFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db(transaction=True)


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 390


def test_teacher_registers_then_asks_to_withdraw_and_the_principal_approves(
    page, mobile_page, make_staff, school, console_errors
):
    today = timezone.localdate()
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    year = SchoolYearFactory(school=school, is_current=True)
    period = RegistrationPeriodFactory(
        school_year=year, opens_on=today - timedelta(days=10), deadline=today + timedelta(days=20)
    )
    phone_errors, desktop_errors = console_errors(mobile_page), console_errors(page)

    # the teacher, on her phone, follows the dashboard's reminder and registers two titles
    login(mobile_page, teacher.user.username)
    mobile_page.locator("#tasks").get_by_role("link", name="Đăng ký thi đua").click()
    expect(mobile_page.get_by_role("heading", name=f"Đăng ký thi đua năm học {year.name}")).to_be_visible()
    expect(mobile_page.get_by_text("(còn 20 ngày)")).to_be_visible()
    for name in ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]:
        mobile_page.get_by_label("Danh hiệu, hình thức khen thưởng đăng ký").select_option(label=name)
        mobile_page.get_by_role("button", name="Đăng ký", exact=True).click()
        expect(mobile_page.get_by_text(f"Đã đăng ký “{name}”.")).to_be_visible()
    listed = mobile_page.locator("#registrations li")
    expect(listed).to_have_count(2)
    expect(listed.nth(0)).to_contain_text("Lao động tiên tiến")
    expect(listed.nth(1)).to_contain_text("Chiến sĩ thi đua cơ sở")
    assert fits_phone(mobile_page)

    # the deadline passes: withdrawing now needs a reason and the principal's approval
    period.opens_on, period.deadline = today - timedelta(days=40), today - timedelta(days=1)
    period.save()
    mobile_page.reload()
    expect(mobile_page.get_by_text("Đã quá hạn đăng ký")).to_be_visible()
    cstdcs = listed.filter(has_text="Chiến sĩ thi đua cơ sở")
    cstdcs.get_by_label("Lý do rút").fill("Chưa có sáng kiến được công nhận trong năm học.")
    cstdcs.get_by_role("button", name="Đề nghị rút").click()
    expect(mobile_page.get_by_text("Đã gửi đề nghị rút đăng ký; hiệu trưởng sẽ xem xét.")).to_be_visible()
    expect(mobile_page.get_by_text("Rút đăng ký: Chiến sĩ thi đua cơ sở")).to_be_visible()
    expect(listed).to_have_count(2)  # nothing changes until the principal decides
    assert fits_phone(mobile_page)

    # the principal, at her desk, sees the request on her dashboard and approves it
    login(page, principal.user.username)
    task = page.locator("#tasks .card-task", has_text="Đề nghị thay đổi đăng ký chờ duyệt")
    expect(task.locator(".badge")).to_have_text("1")
    task.get_by_role("link").click()
    row = page.locator("#changes .card", has_text="Trần Thị Mai")
    expect(row).to_contain_text("Rút đăng ký: Chiến sĩ thi đua cơ sở")
    expect(row).to_contain_text("Chưa có sáng kiến được công nhận trong năm học.")
    row.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_text("Đã duyệt đề nghị rút đăng ký “Chiến sĩ thi đua cơ sở” của Trần Thị Mai.")).to_be_visible()
    expect(page.get_by_text("Không có đề nghị nào.")).to_be_visible()
    assert RegistrationChange.objects.get().status == ChangeStatus.APPROVED

    # the teacher's registration reflects the decision, and she was told
    mobile_page.reload()
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Lao động tiên tiến")
    assert list(Registration.objects.active().filter(staff=teacher).values_list("title__code", flat=True)) == ["LDTT"]
    mobile_page.goto("/notifications/")
    expect(
        mobile_page.get_by_text("Đề nghị rút đăng ký “Chiến sĩ thi đua cơ sở” của Trần Thị Mai đã được đồng ý")
    ).to_be_visible()
    assert fits_phone(mobile_page)
    assert phone_errors == [] and desktop_errors == []
