"""Spreadsheets in and out.

Out: every .xlsx the app sends goes through ``xlsx_response``, which first makes the workbook inert (user text that
looks like a formula stays text), so no export can smuggle a formula into a school's Excel.

In: reading .xlsx imports: columns found by their header (accents and case ignored), cells parsed per column,
and every problem reported with its row number in Vietnamese, so that an import saves all rows or none.
An importer declares its ``Column``s, calls ``read_table`` and turns each returned row into model instances,
adding its own ``RowError``s; it saves only when there is no error at all.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from .text import fold
from .uploads import check_upload

MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Text starting with one of these is read as a formula (or a command) by spreadsheet programs when typed or
#: re-entered: such text is written as a plain string with Excel's "quote prefix" so that it stays text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def make_inert(workbook: Workbook) -> Workbook:
    """Turn every text cell that a spreadsheet program could take for a formula into plain text.

    openpyxl stores a string starting with "=" as a formula and "#N/A"-like strings as errors; those become strings,
    and every string starting with a ``FORMULA_TRIGGERS`` character gets the quote prefix, so editing the cell in
    Excel keeps it text too. Numbers and dates the app wrote are left alone: exports write no formulas of their own.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and (cell.data_type in ("f", "e") or value.startswith(FORMULA_TRIGGERS)):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return workbook


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


def read_table(upload, columns: list[Column]) -> tuple[list[tuple[int, dict]], list[RowError]]:
    """Rows of the first sheet as (row number, {key: parsed value}), and the errors found.

    Raises ``ValidationError`` when the file is not an .xlsx of acceptable size or lacks a required column.
    Empty rows are skipped; a cell that fails to parse becomes a ``RowError`` and its row is left out.
    """
    check_upload(upload, allowed={"xlsx"}, max_bytes=MAX_XLSX_BYTES)
    try:
        workbook = load_workbook(upload, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ValidationError("Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx.") from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions = {fold(text(cell)): index for index, cell in enumerate(header) if text(cell)}
    missing = [column.header for column in columns if column.required and fold(column.header) not in positions]
    if missing:
        raise ValidationError(f"Thiếu cột: {', '.join(missing)}. Hãy dùng đúng tệp mẫu.")
    found: list[tuple[int, dict]] = []
    errors: list[RowError] = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            errors.append(RowError(number, f"Tệp có quá {MAX_ROWS} dòng."))
            break
        if not any(text(value) for value in values):
            continue
        data, problems = {}, []
        for column in columns:
            index = positions.get(fold(column.header))
            cell = values[index] if index is not None and index < len(values) else None
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
    workbook.close()
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
