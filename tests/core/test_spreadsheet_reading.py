"""The one guarded way to read a workbook: every damaged part, bomb or odd header is a Vietnamese message naming the
file, the sheet and the row, on every import page, and nothing is saved."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from awards.models import AnnualEvaluation, AwardRecord
from thiduakhenthuong.core import spreadsheets
from thiduakhenthuong.core.spreadsheets import read_sheet
from thiduakhenthuong.organization.models import Role, Staff

HEADERS = ["Họ và tên", "Năm học"]


def workbook_bytes(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    workbook.active.title = "Danh sách"
    workbook.active.append(headers)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite(content: bytes, part: str, change) -> bytes:
    """The same .xlsx with ``part`` replaced by ``change(its text)``."""
    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            archive.writestr(info, change(data.decode()).encode() if info.filename == part else data)
    return target.getvalue()


def with_row_3(cell_xml: str) -> bytes:
    """A workbook whose row 3 is ``cell_xml``, written by hand."""
    return rewrite(
        workbook_bytes([["Vũ Thị A", "2023-2024"], ["x", "y"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            xml[xml.index('<row r="3"') : xml.index("</sheetData>")], f'<row r="3">{cell_xml}</row>'
        ),
    )


def upload(content: bytes, name="bang.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def read(content: bytes, **limits):
    return read_sheet(upload(content), headers=HEADERS, required=HEADERS, **limits)


DAMAGED_SHEETS = {
    "malformed XML": rewrite(workbook_bytes([["A", "B"]]), "xl/worksheets/sheet1.xml", lambda xml: xml[:-40]),
    "bad cell reference": with_row_3('<c r="ZZZZZZ99999999" t="n"><v>1</v></c>'),
    "non-numeric number cell": with_row_3('<c r="A3" t="n"><v>mười hai</v></c>'),
    "shared string out of range": with_row_3('<c r="A3" t="s"><v>99</v></c>'),
    "date beyond the calendar": with_row_3('<c r="A3" t="d"><v>99999-99-99</v></c>'),
}


@pytest.mark.parametrize("content", DAMAGED_SHEETS.values(), ids=DAMAGED_SHEETS.keys())
def test_a_damaged_sheet_names_the_file_the_sheet_and_the_row(content):
    with pytest.raises(ValidationError) as raised:
        read(content)
    message = raised.value.messages[0]
    assert message.startswith("Tệp “bang.xlsx”")
    if "malformed" not in message:
        assert "trang “Danh sách”" in message


@pytest.mark.parametrize("content", list(DAMAGED_SHEETS.values())[1:4], ids=list(DAMAGED_SHEETS)[1:4])
def test_the_row_of_a_damaged_cell_is_named(content):
    with pytest.raises(ValidationError, match="trang “Danh sách”, từ dòng 3: nội dung hỏng"):
        read(content)


@pytest.mark.parametrize(
    "content",
    [
        b"PK\x03\x04" + b"\x00" * 300,  # a zip signature, nothing behind it
        rewrite(workbook_bytes([]), "xl/workbook.xml", lambda xml: "<workbook>"),  # damaged workbook part
        rewrite(workbook_bytes([]), "xl/_rels/workbook.xml.rels", lambda xml: xml.replace("sheet1.xml", "none.xml")),
    ],
)
def test_a_damaged_file_is_refused(content):
    with pytest.raises(ValidationError, match="bang.xlsx"):
        read(content)


def test_a_decompression_bomb_is_refused_before_it_is_expanded(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_INFLATED_BYTES", 2 * 1024 * 1024)
    bomb = rewrite(
        workbook_bytes([["A", "B"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("</worksheet>", " " * (spreadsheets.MAX_INFLATED_BYTES + 1) + "</worksheet>"),
    )
    assert len(bomb) < 20_000
    monkeypatch.setattr(spreadsheets, "load_workbook", lambda *a, **k: pytest.fail("the bomb was opened"))
    with pytest.raises(ValidationError, match="khi giải nén vượt quá 2 MB"):
        read(bomb)


def test_a_far_away_cell_or_a_huge_dimension_costs_nothing():
    far = rewrite(
        workbook_bytes([["A", "B"]]),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            "</sheetData>", '<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>'
        ),
    )
    with pytest.raises(ValidationError, match="trang “Danh sách” có dữ liệu hoặc định dạng quá dòng 21"):
        read(far, max_rows=10)
    wide = rewrite(
        workbook_bytes([["A", "B"]]), "xl/worksheets/sheet1.xml", lambda xml: xml.replace("A1:B2", "A1:XFD1048576")
    )
    assert [values[:2] for _, values in read(wide).rows] == [("A", "B")]


def test_too_many_rows():
    with pytest.raises(ValidationError, match="trang “Danh sách” có quá 3 dòng dữ liệu"):
        read(workbook_bytes([["A", "B"]] * 4), max_rows=3)
    assert len(read(workbook_bytes([["A", "B"]] * 3), max_rows=3).rows) == 3


def test_duplicated_unknown_and_missing_columns_are_all_named():
    content = workbook_bytes([["A", "B", "C"]], headers=["Họ và tên", "Ghi chú", "ho va ten"])
    with pytest.raises(ValidationError) as raised:
        read(content)
    assert raised.value.messages == [
        "Tệp “bang.xlsx”, trang “Danh sách”, dòng tiêu đề (dòng 1): thiếu cột “Năm học”; "
        "cột “Ghi chú” (cột B) không có trong tệp mẫu; cột “ho va ten” (cột C) lặp lại. Hãy dùng đúng tệp mẫu."
    ]


def test_ignored_columns_are_accepted_and_left_out():
    sheet = read_sheet(
        upload(workbook_bytes([["1", "A", "B"]], headers=["STT", *HEADERS])),
        headers=HEADERS,
        required=HEADERS,
        ignored=("STT",),
    )
    assert [(number, values[:3]) for number, values in sheet.rows] == [(2, ("1", "A", "B"))]
    assert sheet.get(sheet.rows[0][1], "Năm học") == "B" and sheet.get(sheet.rows[0][1], "STT") is None


def test_formulas_are_read_as_their_values_never_as_formulas():
    content = with_row_3('<c r="A3" t="str"><f>HYPERLINK("http://x","y")</f><v>y</v></c><c r="B3"><f>1+1</f></c>')
    number, values = read(content).rows[-1]
    assert (number, values[:2]) == (3, ("y", None))


# Every import page: the damaged file answers with the message, and nothing is written.
IMPORTS = [
    ("organization:staff_import", Staff),
    ("awards:evaluation_import", AnnualEvaluation),
    ("awards:award_import", AwardRecord),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "model"), IMPORTS)
@pytest.mark.parametrize("content", DAMAGED_SHEETS.values(), ids=DAMAGED_SHEETS.keys())
def test_import_pages_answer_a_damaged_file_with_its_message(client_for, url, model, content):
    client = client_for(Role.PRINCIPAL)
    before = model.objects.count()
    response = client.post(reverse(url), {"file": upload(content, "điểm thi.xlsx")})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp “điểm thi.xlsx”" in page and ("nội dung hỏng" in page or "không đúng định dạng" in page)
    assert model.objects.count() == before
