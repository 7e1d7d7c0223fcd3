"""Spreadsheets in and out.

Out: every .xlsx the app sends goes through ``xlsx_response``, which first makes the workbook inert (user text that
looks like a formula stays text), so no export can smuggle a formula into a school's Excel.

In: reading .xlsx imports: columns found by their header (accents and case ignored), cells parsed per column,
and every problem reported with its row number in Vietnamese, so that an import saves all rows or none.
An importer declares its ``Column``s, calls ``read_table`` and turns each returned row into model instances,
adding its own ``RowError``s; it saves only when there is no error at all.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .text import fold
from .uploads import check_upload

MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
#: A workbook's parts may inflate to this much in all; more is a decompression bomb, refused unread.
MAX_INFLATED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 500
#: Columns read from a sheet; the templates have a dozen.
MAX_COLUMNS = 60
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Text starting with one of these is read as a formula (or a command) by spreadsheet programs when typed or
#: re-entered: such text is written as a plain string with Excel's "quote prefix" so that it stays text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _make_cell_inert(cell) -> None:
    value = cell.value
    if isinstance(value, str) and (cell.data_type in ("f", "e") or value.startswith(FORMULA_TRIGGERS)):
        cell.data_type = "s"
        cell.quotePrefix = True


def make_inert(workbook: Workbook) -> Workbook:
    """Turn every text cell that a spreadsheet program could take for a formula into plain text.

    openpyxl stores a string starting with "=" as a formula and "#N/A"-like strings as errors; those become strings,
    and every string starting with a ``FORMULA_TRIGGERS`` character gets the quote prefix, so editing the cell in
    Excel keeps it text too. Numbers and dates the app wrote are left alone: exports write no formulas of their own.
    A write-only workbook (for long exports) cannot be read back: its rows are written with ``inert_row``.
    """
    if workbook.write_only:
        return workbook
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                _make_cell_inert(cell)
    return workbook


def inert_row(sheet, values) -> list[WriteOnlyCell]:
    """A row for ``sheet`` of a write-only workbook, made inert as ``make_inert`` would."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        _make_cell_inert(cell)
        cells.append(cell)
    return cells


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    """The one way the app sends a spreadsheet: ``workbook`` made inert, as a download named ``filename``."""
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    make_inert(workbook).save(response)
    return response


@dataclass(frozen=True)
class Column:
    header: str  # as printed in the template's first row
    key: str
    required: bool = True
    parse: Callable[[Any], Any] = lambda value: value  # raises ValueError with a Vietnamese message


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's own row number (the header is row 1)
    message: str

    def __str__(self):
        return f"Dòng {self.row}: {self.message}"


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value) -> date:
    """A date cell, or text written dd/mm/yyyy."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(text(value), "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"“{text(value)}” không phải ngày dạng dd/mm/yyyy") from None


def parse_int(value) -> int:
    try:
        number = float(text(value).replace(",", "."))
    except ValueError:
        raise ValueError(f"“{text(value)}” không phải số") from None
    if not number.is_integer():
        raise ValueError(f"“{text(value)}” không phải số nguyên")
    return int(number)


def choice_parser(choices, what: str) -> Callable[[Any], str]:
    """Accept a choice's value or its label (accents and case ignored)."""
    lookup = {}
    for value, label in choices:
        lookup[fold(str(value))] = value
        lookup[fold(str(label))] = value

    def parse(cell) -> str:
        try:
            return lookup[fold(text(cell))]
        except KeyError:
            raise ValueError(f"{what} “{text(cell)}” không hợp lệ") from None

    return parse


@dataclass(frozen=True)
class Sheet:
    """The first sheet of an uploaded workbook, read in full: where each known header stands, and the rows."""

    file_name: str
    title: str
    positions: dict[str, int]  # folded header -> index in a row's values
    rows: list[tuple[int, tuple]]  # (the spreadsheet's row number, values), empty rows left out

    def get(self, values: tuple, header: str):
        """The cell of ``values`` under ``header``, or None when the column is absent or the row shorter."""
        index = self.positions.get(fold(header))
        return values[index] if index is not None and index < len(values) else None


def read_sheet(
    upload,
    *,
    headers: list[str],
    required: list[str],
    ignored: tuple[str, ...] = (),
    max_bytes: int = MAX_XLSX_BYTES,
    max_rows: int = MAX_ROWS,
) -> Sheet:
    """Open an uploaded .xlsx safely and read its first sheet: the one guarded way the app reads a workbook.

    Values are read, never formulas (a formula cell gives the value Excel last computed). Raises ``ValidationError``
    in Vietnamese, naming the file, the sheet and the row where one is known, when the file is too big, not an .xlsx
    by its content, would inflate past ``MAX_INFLATED_BYTES`` (checked before anything is expanded), is damaged in
    any part, has more than ``max_rows`` rows of data, or when its header row lacks a ``required`` column, repeats a
    column or has one that is neither in ``headers`` nor ``ignored`` (columns an export adds, read by no import).
    """
    name = getattr(upload, "name", "") or "tải lên"
    check_upload(upload, allowed={"xlsx"}, max_bytes=max_bytes)
    content = upload.read()
    upload.seek(0)
    damaged = f"Tệp “{name}” bị hỏng hoặc không đúng định dạng .xlsx"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ValidationError(f"{damaged}.") from error
    # zipfile never inflates a part past the size its header declares (a longer stream fails its check), so the
    # declared sizes bound what reading can expand to.
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_INFLATED_BYTES:
        raise ValidationError(
            f"Tệp “{name}” khi giải nén vượt quá {MAX_INFLATED_BYTES // (1024 * 1024)} MB: "
            "không phải một bảng tính bình thường."
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (zip, XML, KeyError, ValueError…) for a damaged part
        raise ValidationError(f"{damaged}.") from error
    try:
        if not workbook.worksheets:
            raise ValidationError(f"Tệp “{name}” không có trang tính nào.")
        sheet = workbook.worksheets[0]
        where = f"Tệp “{name}”, trang “{sheet.title}”"
        # The sheet's own claim of its size is not trusted (a forged one would hide rows or make openpyxl pad
        # millions); reading stops past ``row_limit``, so a cell far away costs nothing.
        sheet.reset_dimensions()
        row_limit = 2 * max_rows + 1
        rows, number = [], 0
        try:
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                if number > row_limit:
                    raise ValidationError(
                        f"{where} có dữ liệu hoặc định dạng quá dòng {row_limit} (tối đa {max_rows} dòng dữ liệu): "
                        "hãy xoá các dòng thừa hoặc chia thành nhiều tệp."
                    )
                if any(text(value) for value in values):
                    rows.append((number, values))
        except ValidationError:
            raise
        except Exception as error:  # any damage inside the sheet: bad reference, number, shared string, XML…
            raise ValidationError(f"{where}, từ dòng {number + 1}: nội dung hỏng, không đọc được.") from error
    finally:
        workbook.close()
    header = rows[0][1] if rows and rows[0][0] == 1 else ()
    data = rows[1:] if header else rows
    if len(data) > max_rows:
        raise ValidationError(f"{where} có quá {max_rows} dòng dữ liệu: hãy chia thành nhiều tệp.")
    return Sheet(file_name=name, title=sheet.title, positions=_positions(where, header, headers, required, ignored),
                 rows=data)  # fmt: skip


def _positions(where: str, header: tuple, headers: list[str], required: list[str], ignored) -> dict[str, int]:
    """Where each known header stands; every missing, repeated or unknown column named in one ValidationError."""
    known = {fold(h) for h in headers}
    allowed = known | {fold(h) for h in ignored}
    positions, problems = {}, []
    for index, cell in enumerate(header):
        label = text(cell)
        if not label:
            continue
        letter = get_column_letter(index + 1)
        key = fold(label)
        if key in positions:
            problems.append(f"cột “{label}” (cột {letter}) lặp lại")
        elif key not in allowed:
            problems.append(f"cột “{label}” (cột {letter}) không có trong tệp mẫu")
        positions.setdefault(key, index)
    missing = [h for h in required if fold(h) not in positions]
    if missing:
        problems.insert(0, "thiếu cột " + ", ".join(f"“{h}”" for h in missing))
    if problems:
        raise ValidationError(f"{where}, dòng tiêu đề (dòng 1): " + "; ".join(problems) + ". Hãy dùng đúng tệp mẫu.")
    return {key: index for key, index in positions.items() if key in known}


def read_table(
    upload, columns: list[Column], *, ignored: tuple[str, ...] = ()
) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Rows of the first sheet as (row number, {key: parsed value}), and the errors found.

    Raises ``ValidationError`` when the file is unusable (see ``read_sheet``; ``ignored`` are columns a sheet may
    carry that the import does not read).
    Empty rows are skipped; a cell that fails to parse becomes a ``RowError`` and its row is left out.
    """
    sheet = read_sheet(
        upload,
        headers=[c.header for c in columns],
        required=[c.header for c in columns if c.required],
        ignored=ignored,
    )
    found: list[tuple[int, dict]] = []
    errors: list[RowError] = []
    for number, values in sheet.rows:
        data, problems = {}, []
        for column in columns:
            cell = sheet.get(values, column.header)
            if not text(cell):
                if column.required:
                    problems.append(f"thiếu “{column.header}”")
                data[column.key] = None
                continue
            try:
                data[column.key] = column.parse(cell)
            except ValueError as error:
                problems.append(str(error))
        if problems:
            errors.append(RowError(number, "; ".join(problems) + "."))
        else:
            found.append((number, data))
    return found, errors


def template(columns: list[Column], example: list | None = None) -> Workbook:
    """An empty workbook with the header row (and one example row) for people to fill in."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.header for column in columns])
    if example:
        sheet.append(example)
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(14, len(column.header) + 4)
    return workbook
