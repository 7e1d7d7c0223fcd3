"""The dashboard in a real browser: a principal on a desktop, a teacher on a phone."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import StaffFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.e2e


def test_principal_sees_the_setup_tasks_and_follows_one(page, make_staff, school, console_errors):
    principal = make_staff(Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền")
    StaffFactory.create_batch(2, school=school)
    errors = console_errors(page)
    login(page, principal.user.username)
    expect(page.get_by_role("heading", name="Xin chào, Đỗ Thị Thanh Huyền")).to_be_visible()
    tasks = page.locator("#tasks")
    expect(tasks.get_by_role("link", name="Chọn năm học hiện tại")).to_be_visible()
    expect(tasks.locator(".card-task.urgent")).to_have_count(1)
    account_task = tasks.locator(".card-task", has_text="Cán bộ chưa có tài khoản")
    expect(account_task.locator(".badge")).to_have_text("2")
    expect(page.locator("#mainNav").get_by_role("button", name="Đơn vị")).to_be_visible()  # desktop: menu open
    account_task.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Cán bộ, giáo viên, nhân viên")).to_be_visible()
    expect(page.locator("#staff-table tbody tr")).to_have_count(2)
    assert errors == []


def test_teacher_on_a_phone_sees_the_empty_state_and_the_menu(mobile_page, make_staff, console_errors):
    page = mobile_page
    teacher = make_staff(Role.MEMBER, full_name="Trần Thị Mai")
    errors = console_errors(page)
    login(page, teacher.user.username)
    expect(page.get_by_role("heading", name="Xin chào, Trần Thị Mai")).to_be_visible()
    expect(page.get_by_text("Hiện không có việc nào đang chờ bạn.")).to_be_visible()
    menu = page.locator("#mainNav")
    notifications = menu.get_by_role("link", name="Thông báo")
    expect(notifications).to_be_hidden()
    toggler = page.get_by_role("button", name="Mở menu")
    expect(toggler).to_be_visible()
    toggler.click()
    expect(notifications).to_be_visible()
    expect(menu.get_by_role("link", name="Cán bộ")).to_have_count(0)  # a teacher has no staff list
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    notifications.click()
    expect(page.get_by_text("Bạn chưa có thông báo nào.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []


def test_staff_pages_fit_a_phone(mobile_page, make_staff, school):
    """The widest pages of the foundation (staff list with its filters, the import page) fit 390 px."""
    page = mobile_page
    principal = make_staff(Role.PRINCIPAL)
    StaffFactory.create_batch(5, school=school, position="Nhân viên Thư viện – Thiết bị")
    login(page, principal.user.username)
    for path in ["/organization/staff/", "/organization/staff/import/", "/audit/", "/organization/years/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
