"""The staff list as Excel: the import template, reading an uploaded file into checked rows, and the export.

Import and export share the column headers, so an exported file can be edited and imported again (columns the
import does not read, such as "Vai trò", are ignored: roles are given in the app, never from a file).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from thiduakhenthuong.core.spreadsheets import read_sheet
from thiduakhenthuong.core.text import fold

from .models import Gender, School, Staff, StaffKind, Team

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_ROWS = 500
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    width: int
    required: bool = False
    kind: str = "text"  # text | date | gender | staff_kind | team


#: The columns the import reads, in the template's order.
IMPORT_COLUMNS = [
    Column("Họ và tên", "full_name", 28, required=True),
    Column("Giới tính", "gender", 10, required=True, kind="gender"),
    Column("Ngày sinh", "date_of_birth", 12, kind="date"),
    Column("Chức vụ", "position", 22, required=True),
    Column("Loại", "kind", 16, required=True, kind="staff_kind"),
    Column("Tổ", "team", 16, kind="team"),
    Column("Ngày tuyển dụng", "recruited_on", 16, kind="date"),
    Column("Thư điện tử", "email", 26),
    Column("Điện thoại", "phone", 14),
]
_GENDERS = {fold(label): value for value, label in Gender.choices}
_KINDS = {fold(label): value for value, label in StaffKind.choices}


@dataclass
class ImportRow:
    """One line of the uploaded sheet: what it says (for the preview), the values to save, and what is wrong."""

    number: int  # the row number in Excel, as the person sees it
    shown: dict[str, str]
    data: dict = field(default_factory=dict)  # JSON-safe Staff field values (dates ISO, team as id)
    errors: list[str] = field(default_factory=list)


def read_staff_file(upload, school: School) -> list[ImportRow]:
    """Read an uploaded .xlsx into rows, each checked cell by cell and against the school's records.

    Raises ValidationError (Vietnamese) when the file itself is unusable (see ``read_sheet``) or has no data row.
    """
    sheet = read_sheet(
        upload,
        headers=[c.header for c in IMPORT_COLUMNS],
        required=[c.header for c in IMPORT_COLUMNS if c.required],
        ignored=EXPORT_ONLY_HEADERS,
        max_bytes=MAX_UPLOAD_BYTES,
        max_rows=MAX_ROWS,
    )
    teams = {fold(team.name): team for team in Team.objects.filter(school=school)}
    rows = [
        _parse_row(number, {column: sheet.get(values, column.header) for column in IMPORT_COLUMNS}, teams)
        for number, values in sheet.rows
    ]
    if not rows:
        raise ValidationError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
    check_rows(school, rows)
    return rows


def _parse_row(number: int, cells: dict[Column, object], teams: dict[str, Team]) -> ImportRow:
    row = ImportRow(number=number, shown={})
    for column in IMPORT_COLUMNS:
        value = cells.get(column)
        text = "" if value is None else str(value).strip()
        row.shown[column.field] = value.strftime("%d/%m/%Y") if isinstance(value, datetime | date) else text
        if not text:
            if column.required:
                row.errors.append(f"Thiếu {column.header.lower()}.")
            row.data[column.field] = None if column.kind in {"date", "team"} else ""
            continue
        if column.kind == "date":
            parsed = _parse_date(value)
            if parsed is None:
                row.errors.append(f"{column.header} “{text}” không phải ngày hợp lệ (ghi theo dạng dd/mm/yyyy).")
            row.data[column.field] = parsed.isoformat() if parsed else None
        elif column.kind == "gender":
            row.data[column.field] = _GENDERS.get(fold(text), "")
            if not row.data[column.field]:
                row.errors.append(f"Giới tính “{text}” không hợp lệ: ghi Nam hoặc Nữ.")
        elif column.kind == "staff_kind":
            row.data[column.field] = _KINDS.get(fold(text), "")
            if not row.data[column.field]:
                labels = ", ".join(label for _, label in StaffKind.choices)
                row.errors.append(f"Loại “{text}” không hợp lệ: ghi một trong {labels}.")
        elif column.kind == "team":
            team = teams.get(fold(text))
            row.data[column.field] = team.pk if team else None
            if team is None:
                row.errors.append(f"Tổ “{text}” không có trong danh sách tổ của trường.")
            else:
                row.shown[column.field] = team.name
        else:
            row.data[column.field] = text
    return row


def _parse_date(value) -> date | None:
    """A real Excel date cell, or text written dd/mm/yyyy (d/m/yyyy and dashes accepted)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None  # a bare number is ambiguous (a year? a serial?): ask for a date
    text = value.strip().replace("-", "/").replace(".", "/")
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def staff_from_row(school: School, data: dict) -> Staff:
    """An unsaved Staff of ``school`` from a row's JSON-safe values (as kept between preview and confirm)."""
    values = {**data}
    for name in ("date_of_birth", "recruited_on"):
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    values["team_id"] = values.pop("team", None)
    return Staff(school=school, **values)


def check_rows(school: School, rows: list[ImportRow]) -> None:
    """Add to each row what the model says (field rules, ``Staff.clean``) and duplicates, in the file or the school.

    A duplicate is the same name (accents and case ignored) with the same date of birth.
    """
    existing = set(Staff.objects.filter(school=school).values_list("search_name", "date_of_birth"))
    team_ids = set(Team.objects.filter(school=school).values_list("pk", flat=True))
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.data.get("team") is not None and row.data["team"] not in team_ids:
            row.errors.append("Tổ không còn trong danh sách tổ của trường.")
        if row.errors:
            continue
        staff = staff_from_row(school, row.data)
        try:
            staff.full_clean(exclude=["school", "user", "search_name"], validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = Staff._meta.get_field(name).verbose_name if name != "__all__" else ""
                row.errors.extend(f"{label.capitalize()}: {message}" if label else message for message in messages)
        key = (fold(staff.full_name), staff.date_of_birth)
        if key in existing:
            row.errors.append("Đã có người cùng họ tên và ngày sinh trong danh sách cán bộ của trường.")
        elif key in seen:
            row.errors.append(f"Trùng với dòng {seen[key]} (cùng họ tên và ngày sinh).")
        else:
            seen[key] = row.number


def _sheet(title: str, headers: list[str], widths: list[int]):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.cell(row=1, column=index).alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"
    return workbook, sheet


def template_workbook(school: School) -> Workbook:
    """The import template: the headers, drop-down lists for gender, kind and the school's teams, and a guide."""
    workbook, sheet = _sheet("Danh sách", [c.header for c in IMPORT_COLUMNS], [c.width for c in IMPORT_COLUMNS])
    team_names = list(Team.objects.filter(school=school).values_list("name", flat=True))
    lists = {
        "gender": [label for _, label in Gender.choices],
        "staff_kind": [label for _, label in StaffKind.choices],
        "team": team_names,
    }
    for index, column in enumerate(IMPORT_COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        if column.kind == "date":
            for row in range(2, MAX_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        elif lists.get(column.kind):
            validation = DataValidation(type="list", formula1='"' + ",".join(lists[column.kind]) + '"')
            validation.error = "Chọn một giá trị trong danh sách."
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    guide = workbook.create_sheet("Hướng dẫn")
    guide.column_dimensions["A"].width = 110
    for line in [
        f"Nhập danh sách cán bộ, giáo viên, nhân viên của {school.name}",
        "Điền mỗi người một dòng trên trang “Danh sách”, giữ nguyên dòng tiêu đề.",
        "Bắt buộc: Họ và tên, Giới tính (Nam/Nữ), Chức vụ, Loại (Cán bộ quản lý/Giáo viên/Nhân viên).",
        "Ngày sinh, Ngày tuyển dụng: kiểu ngày của Excel hoặc chữ dạng dd/mm/yyyy, ví dụ 05/09/2010.",
        "Tổ: đúng tên một tổ của trường (" + (", ".join(team_names) or "chưa có tổ nào") + "); có thể để trống.",
        "Vai trò trong phần mềm (hiệu trưởng, tổ trưởng, văn thư…) được gán sau, trên trang hồ sơ cán bộ.",
        "Nếu có dòng sai, không dòng nào được lưu: sửa tệp theo thông báo rồi tải lên lại.",
        f"Tối đa {MAX_ROWS} người mỗi lần nhập; tệp không quá {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
    ]:
        guide.append([line])
    guide["A1"].font = Font(bold=True)
    return workbook


EXPORT_HEADERS = [
    ("STT", 6),
    ("Họ và tên", 28),
    ("Giới tính", 10),
    ("Ngày sinh", 12),
    ("Chức vụ", 22),
    ("Loại", 16),
    ("Tổ", 16),
    ("Vai trò", 24),
    ("Ngày tuyển dụng", 16),
    ("Ngày thôi việc", 14),
    ("Thư điện tử", 26),
    ("Điện thoại", 14),
]
#: Columns of the export that the import does not read (roles are given in the app), so an export imports again.
EXPORT_ONLY_HEADERS = tuple(h for h, _ in EXPORT_HEADERS if h not in {c.header for c in IMPORT_COLUMNS})


def export_workbook(staff) -> Workbook:
    """The given staff (already filtered and ordered) as a sheet with Vietnamese headers and dd/mm/yyyy dates."""
    workbook, sheet = _sheet("Cán bộ", [h for h, _ in EXPORT_HEADERS], [w for _, w in EXPORT_HEADERS])
    date_columns = [i for i, (h, _) in enumerate(EXPORT_HEADERS, start=1) if h.startswith("Ngày")]
    for number, person in enumerate(staff, start=1):
        sheet.append(
            [
                number,
                person.full_name,
                person.get_gender_display(),
                person.date_of_birth,
                person.position,
                person.get_kind_display(),
                person.team.name if person.team else "",
                person.get_role_display(),
                person.recruited_on,
                person.left_on,
                person.email,
                person.phone,
            ]
        )
        for column in date_columns:
            sheet.cell(row=number + 1, column=column).number_format = DATE_FORMAT
    return workbook
