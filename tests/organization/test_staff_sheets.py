"""Staff import from .xlsx (preview, all-or-nothing confirm), the template and the export."""

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import StaffFactory, TeamFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Gender, Role, Staff, StaffKind
from thiduakhenthuong.organization.staff_sheets import read_staff_file

pytestmark = pytest.mark.django_db

HEADERS = [
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Loại",
    "Tổ",
    "Ngày tuyển dụng",
    "Thư điện tử",
    "Điện thoại",
]
GOOD = [
    ["Nguyễn Thị Hằng", "Nữ", "12/03/1990", "Giáo viên", "Giáo viên", "Tổ 1", datetime(2012, 9, 1), "", "0912345678"],
    ["Trần Văn Long", "Nam", datetime(1985, 7, 2), "Bảo vệ", "Nhân viên", "", "01/01/2015", "long@example.vn", ""],
    ["Lê Thị Thu", "nữ", "5/9/1992", "Giáo viên", "giao vien", "to 1", "", "", ""],
]


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="danh-sach.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def preview(client, content: bytes, name="danh-sach.xlsx"):
    return client.post(reverse("organization:staff_import"), {"file": upload(content, name)})


@pytest.fixture
def principal(client_for):
    return client_for(Role.PRINCIPAL)


def test_valid_file_is_previewed_then_saved_in_full(principal, school, team):
    before = Staff.objects.filter(school=school).count()
    response = preview(principal, xlsx(GOOD))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mọi dòng đều hợp lệ" in page and "Trần Văn Long" in page
    assert Staff.objects.filter(school=school).count() == before  # nothing saved by the preview
    token = response.context["token"]
    response = principal.post(reverse("organization:staff_import_confirm"), {"token": token})
    assert response.status_code == 302
    saved = Staff.objects.filter(school=school).exclude(pk=principal.staff.pk).order_by("full_name")
    assert [s.full_name for s in saved] == ["Lê Thị Thu", "Nguyễn Thị Hằng", "Trần Văn Long"]
    hang = saved.get(full_name="Nguyễn Thị Hằng")
    assert (hang.gender, hang.date_of_birth, hang.team, hang.recruited_on) == (
        Gender.FEMALE,
        date(1990, 3, 12),
        team,
        date(2012, 9, 1),
    )
    assert hang.role == Role.MEMBER and hang.search_name == "nguyen thi hang"
    long = saved.get(full_name="Trần Văn Long")
    assert (long.kind, long.team, long.date_of_birth) == (StaffKind.EMPLOYEE, None, date(1985, 7, 2))
    assert saved.get(full_name="Lê Thị Thu").date_of_birth == date(1992, 9, 5)
    entries = AuditEntry.objects.filter(school=school, action="organization.staff.create")
    assert entries.count() == 3 and all("danh-sach.xlsx" in e.reason for e in entries)
    assert entries.first().actor == principal.staff.user
    # the token is spent: a second confirm saves nothing more
    response = principal.post(reverse("organization:staff_import_confirm"), {"token": token}, follow=True)
    assert "đã hết hạn" in response.content.decode()
    assert saved.count() == 3


def test_one_bad_row_saves_nothing_and_names_the_error(principal, school):
    rows = [*GOOD, ["Phạm Thị Mơ", "Nữ", "31/02/1990", "Giáo viên", "Giáo viên", "Tổ 1", "", "", ""]]
    response = preview(principal, xlsx(rows))
    page = response.content.decode()
    assert "Có 1 dòng sai: chưa lưu dòng nào" in page
    assert "Ngày sinh “31/02/1990” không phải ngày hợp lệ (ghi theo dạng dd/mm/yyyy)." in page
    assert response.context["token"] == "" and "staff_import" not in principal.session
    assert 'name="token"' not in page
    principal.post(reverse("organization:staff_import_confirm"), {"token": ""})
    assert not Staff.objects.filter(full_name="Nguyễn Thị Hằng").exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["", "Nữ", "", "Giáo viên", "Giáo viên", "", "", "", ""], "Thiếu họ và tên."),
        (["Vũ Thị A", "Nữ", "1990-13-01", "Giáo viên", "Giáo viên", "", "", "", ""], "không phải ngày hợp lệ"),
        (["Vũ Thị A", "Nữ", 1990, "Giáo viên", "Giáo viên", "", "", "", ""], "Ngày sinh “1990” không phải ngày"),
        (["Vũ Thị A", "Nữ", "", "Giáo viên", "Giáo viên", "Tổ 9", "", "", ""], "Tổ “Tổ 9” không có trong danh sách"),
        (
            ["Vũ Thị A", "X", "", "Giáo viên", "Giáo viên", "", "", "", ""],
            "Giới tính “X” không hợp lệ: ghi Nam hoặc Nữ.",
        ),
        (["Vũ Thị A", "Nữ", "", "Giáo viên", "Hiệu phó", "", "", "", ""], "Loại “Hiệu phó” không hợp lệ"),
        (["Vũ Thị A", "Nữ", "", "", "Giáo viên", "", "", "", ""], "Thiếu chức vụ."),
        (["Vũ Thị A", "Nữ", "01/01/2990", "Giáo viên", "Giáo viên", "", "", "", ""], "Ngày sinh phải trước hôm nay."),
        (["Vũ Thị A", "Nữ", "", "Giáo viên", "Giáo viên", "", "", "khong-phai-email", ""], "Thư điện tử:"),
        (["Nguyễn Thị Hằng", "Nữ", "12/03/1990", "GV", "Giáo viên", "", "", "", ""], "Trùng với dòng 2"),
    ],
)
def test_row_errors_in_vietnamese(school, team, row, message):
    rows = read_staff_file(upload(xlsx([GOOD[0], row])), school)
    assert rows[0].errors == []
    assert any(message in error for error in rows[1].errors), rows[1].errors


def test_someone_already_on_the_staff_is_a_duplicate(school, team):
    StaffFactory(school=school, full_name="Nguyễn Thị Hằng", date_of_birth=date(1990, 3, 12))
    rows = read_staff_file(upload(xlsx([GOOD[0]])), school)
    assert rows[0].errors == ["Đã có người cùng họ tên và ngày sinh trong danh sách cán bộ của trường."]


def test_teams_of_another_school_are_unknown(school, other_school):
    TeamFactory(school=other_school, name="Tổ 4-5")
    rows = read_staff_file(upload(xlsx([["Vũ Thị A", "Nữ", "", "GV", "Giáo viên", "Tổ 4-5", "", "", ""]])), school)
    assert rows[0].errors == ["Tổ “Tổ 4-5” không có trong danh sách tổ của trường."]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7\n" + b"x" * 2000, "không đúng định dạng cho phép (Excel (.xlsx))"),
        ("Họ và tên,Giới tính\nA,Nữ\n".encode(), "không đúng định dạng cho phép (Excel (.xlsx))"),
        (b"PK\x03\x04" + b"\x00" * 500, "không đúng định dạng cho phép (Excel (.xlsx))"),
    ],
)
def test_a_file_that_is_not_xlsx_is_refused_by_content(principal, school, content, message):
    response = preview(principal, content, name="danh-sach.xlsx")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["rows"] is None


def test_missing_headers_and_oversized_files_are_refused(principal, settings):
    response = preview(principal, xlsx([["A"]], headers=["Tên"]))
    assert (
        "Tệp “danh-sach.xlsx”, trang “Sheet”, dòng tiêu đề (dòng 1): thiếu cột “Họ và tên”, “Giới tính”, "
        "“Chức vụ”, “Loại”; cột “Tên” (cột A) không có trong tệp mẫu."
    ) in response.content.decode()
    response = preview(principal, b"PK" + b"0" * (2 * 1024 * 1024 + 10))
    assert "vượt mức cho phép 2,0\xa0MB" in response.content.decode()


def test_rows_are_checked_again_on_confirm(principal, school):
    """Between preview and confirm someone adds the same person: the confirm refuses and saves nothing."""
    response = preview(principal, xlsx(GOOD))
    StaffFactory(school=school, full_name="Trần Văn Long", date_of_birth=date(1985, 7, 2))
    response = principal.post(
        reverse("organization:staff_import_confirm"), {"token": response.context["token"]}, follow=True
    )
    assert "Người thứ 2: Đã có người cùng họ tên và ngày sinh" in response.content.decode()
    assert not Staff.objects.filter(full_name="Nguyễn Thị Hằng").exists()


def test_confirm_saves_what_was_previewed_whatever_the_browser_sends(principal, school):
    response = preview(principal, xlsx(GOOD[:1]))
    principal.post(
        reverse("organization:staff_import_confirm"),
        {"token": response.context["token"], "full_name": "Kẻ Giả Mạo", "rows": "[]", "role": "principal"},
    )
    assert Staff.objects.filter(school=school, full_name="Nguyễn Thị Hằng", role=Role.MEMBER).exists()
    assert not Staff.objects.filter(full_name="Kẻ Giả Mạo").exists()


def test_wrong_token_saves_nothing(principal):
    preview(principal, xlsx(GOOD))
    response = principal.post(reverse("organization:staff_import_confirm"), {"token": "doan-bua"}, follow=True)
    assert "đã hết hạn" in response.content.decode()
    assert not Staff.objects.filter(full_name="Nguyễn Thị Hằng").exists()


@pytest.mark.parametrize("role", [Role.TEAM_HEAD, Role.CLERK, Role.MEMBER])
def test_only_staff_admins_import(client_for, role):
    client = client_for(role)
    assert client.get(reverse("organization:staff_import")).status_code == 403
    assert client.post(reverse("organization:staff_import"), {"file": upload(xlsx(GOOD))}).status_code == 403
    assert client.get(reverse("organization:staff_import_template")).status_code == 403
    assert client.post(reverse("organization:staff_import_confirm"), {"token": "x"}).status_code == 403


def test_template_has_the_columns_and_the_school_teams(principal, team):
    response = principal.get(reverse("organization:staff_import_template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Danh sách"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"Tổ 1"' in lists and '"Nữ,Nam"' in lists
    assert "Hướng dẫn" in workbook.sheetnames


def test_filled_template_imports(principal, school):
    """The downloaded template, filled in, is accepted as is (real Excel date cells)."""
    workbook = load_workbook(io.BytesIO(principal.get(reverse("organization:staff_import_template")).content))
    workbook["Danh sách"].append(["Đào Thị Mến", "Nữ", datetime(1991, 1, 2), "Giáo viên", "Giáo viên", "Tổ 1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_staff_file(upload(buffer.getvalue()), school)
    assert len(rows) == 1 and rows[0].errors == [] and rows[0].data["date_of_birth"] == "1991-01-02"


def test_export_has_vietnamese_headers_and_dates(principal, school, team):
    StaffFactory(school=school, full_name="Bùi Thị Xuân", team=team, date_of_birth=date(1983, 3, 8))
    other_team = TeamFactory(school=school, name="Tổ Văn phòng")
    StaffFactory(school=school, full_name="Lê Văn Bình", team=other_team, gender=Gender.MALE)
    response = principal.get(reverse("organization:staff_export"), {"team": team.pk})
    assert response.status_code == 200
    assert 'filename="danh-sach-can-bo-THCD.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:5] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ"]
    assert "Ngày tuyển dụng" in [cell.value for cell in sheet[1]]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # the list's team filter applies; the list's order too: by given name, the factory's ("Hoa 12") a number
    assert names == [principal.staff.full_name, "Bùi Thị Xuân"]
    birth = sheet.cell(row=3, column=4)
    assert birth.value.date() == date(1983, 3, 8)
    assert birth.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=2, column=7).value == "Tổ 1"


def test_export_of_a_team_head_holds_only_their_team(client_for, school, team):
    client = client_for(Role.TEAM_HEAD)
    StaffFactory(school=school, full_name="Người Tổ Khác", team=TeamFactory(school=school, name="Tổ 2-3"))
    StaffFactory(school=school, full_name="Người Cùng Tổ", team=team)
    sheet = load_workbook(io.BytesIO(client.get(reverse("organization:staff_export")).content)).active
    names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {client.staff.full_name, "Người Cùng Tổ"}


def test_exported_file_can_be_imported_again(principal, school, other_school):
    """Extra export columns (STT, Vai trò…) are ignored; everyone is already there, so each row is a duplicate."""
    exported = principal.get(reverse("organization:staff_export")).content
    rows = read_staff_file(upload(exported), school)
    assert [row.errors for row in rows] == [["Đã có người cùng họ tên và ngày sinh trong danh sách cán bộ của trường."]]
    TeamFactory(school=other_school, name="Tổ 1")
    assert read_staff_file(upload(exported), other_school)[0].errors == []


def test_staff_list_links_to_import_and_export(principal, client_for):
    page = principal.get(reverse("organization:staff_list"), {"q": "a"}).content.decode()
    assert reverse("organization:staff_import") in page
    assert reverse("organization:staff_export") + "?q=a" in page
