"""A principal imports a staff list from Excel in the browser: a bad file is explained, a good one is saved."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.organization.test_staff_sheets import GOOD, xlsx
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(page, content: bytes):
    page.set_input_files("input[type=file]", files=[{"name": "danh-sach.xlsx", "mimeType": XLSX, "buffer": content}])
    page.get_by_role("button", name="Tải lên và kiểm tra").click()


def test_import_journey(page, make_staff, school, team, console_errors):
    principal = make_staff(Role.PRINCIPAL)
    errors = console_errors(page)
    login(page, principal.user.username)
    page.goto("/organization/staff/")
    page.get_by_role("link", name="Nhập từ Excel").click()

    upload(page, xlsx([*GOOD, ["Phạm Thị Mơ", "Nữ", "31/02/1990", "Giáo viên", "Giáo viên", "Tổ 1"]]))
    expect(page.get_by_text("Có 1 dòng sai: chưa lưu dòng nào.")).to_be_visible()
    bad_row = page.locator("#import-preview tr.table-danger")
    expect(bad_row).to_contain_text("Ngày sinh “31/02/1990” không phải ngày hợp lệ")
    expect(page.get_by_role("button", name="Lưu danh sách")).to_have_count(0)

    upload(page, xlsx(GOOD))
    expect(page.locator("#import-preview tbody tr")).to_have_count(3)
    page.get_by_role("button", name="Lưu danh sách (3 người)").click()
    expect(page.get_by_text("Đã nhập 3 cán bộ từ tệp danh-sach.xlsx.")).to_be_visible()
    expect(page.locator("#staff-table")).to_contain_text("Trần Văn Long")
    assert Staff.objects.filter(school=school).count() == 4
    assert errors == []
