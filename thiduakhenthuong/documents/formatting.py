"""How numbers, dates, symbols and user text are written on a printed document (Nghị định 30/2020, Phụ lục I).

Pure functions over plain values, used by the models (the symbol), the template filters of
``templatetags/document_format.py`` and the tests. They return plain strings or lists of plain values:
the templates add the markup, so user text is always escaped by Django's autoescaping.
"""

import re
from dataclasses import dataclass
from datetime import date

# A công văn has no type abbreviation in its symbol (Phụ lục I, mục II.3).
_LETTER = "CV"
# Headings in a plan's body: "I. MỤC ĐÍCH, YÊU CẦU", "II.NỘI DUNG", "1. Mục đích", "2.1. Nâng cao…".
_ROMAN_HEADING = re.compile(r"^(?=[IVXLC]+\s*\.)[IVXLC]+\s*\.\s*\S")
_NUMBER_HEADING = re.compile(r"^\d{1,2}(\.\d{1,2})*\s*\.\s*\S")
# Articles of a decision: "Điều 1. Tặng danh hiệu…" prints "Điều 1." in bold.
_ARTICLE = re.compile(r"^(Điều\s+\d+\s*\.)\s*(.*)$")
# Headings are short lines; a long numbered line is an ordinary paragraph.
_HEADING_MAX_LENGTH = 200
# Bullets that pasted text brings along (the seed has "·" and tab-indents); the document prints its own "- ".
_LEADING_BULLETS = "-–—·•+* \t"


def format_number(number: int | None) -> str:
    """A document number as printed: numbers below 10 get a leading zero (05); no number prints as blanks."""
    return f"{number:02d}" if number else ""


def format_day(day: date) -> str:
    """Days 1–9 get a leading zero."""
    return f"{day.day:02d}"


def format_month(day: date) -> str:
    """Months 1 and 2 get a leading zero (01, 02); months from 3 on do not (tháng 3), as Phụ lục I says."""
    return f"{day.month:02d}" if day.month < 3 else str(day.month)


def format_date(day: date | None) -> str:
    """ "ngày 05 tháng 01 năm 2023"; for an undated draft, the blanks the signer fills in by hand."""
    if day is None:
        return "ngày      tháng      năm"
    return f"ngày {format_day(day)} tháng {format_month(day)} năm {day.year}"


def place_and_date(place_name: str, day: date | None) -> str:
    """ "Cao Dương, ngày 30 tháng 01 năm 2023"."""
    return f"{place_name}, {format_date(day)}" if place_name else format_date(day)


def build_symbol(*, number: int | None, doc_type: str, issuer_abbreviation: str, drafting_unit: str = "") -> str:
    """The number and symbol (số, ký hiệu) as printed after "Số:": 23/KH-THCD, 05/QĐ-HĐTĐKT, 12/THCD-VP.

    The only place the symbol is derived; an unnumbered draft keeps the blank before the slash ("/KH-THCD").
    """
    if doc_type == _LETTER:
        code = "-".join(part for part in (issuer_abbreviation, drafting_unit) if part)
    else:
        code = f"{doc_type}-{issuer_abbreviation}"
    return f"{format_number(number)}/{code}"


def parse_symbol(symbol: str) -> tuple[int, str]:
    """Split "23/KH-THCD" (or "23 /KH-THCD" as typed on paper) into (23, "KH-THCD"). Raises ValueError."""
    number_part, _, code = symbol.replace(" ", "").partition("/")
    if not number_part.isdigit() or not code:
        raise ValueError(f"Ký hiệu văn bản không hợp lệ: “{symbol}” (ví dụ đúng: 23/KH-THCD).")
    return int(number_part), code


def split_lines(text: str | None) -> list[str]:
    """Non-empty lines of ``text``, stripped of surrounding spaces and of pasted bullets."""
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip().lstrip(_LEADING_BULLETS).strip()
        if line:
            lines.append(line)
    return lines


def enumerate_lines(text: str | None, *, separator: str = ";", last: str = ".") -> list[str]:
    """Lines printed one per line, each ending with ``separator`` and the last with ``last``.

    Used for the grounds (căn cứ …; … .): the user's own trailing punctuation is replaced.
    """
    lines = [line.rstrip(";.,: ") for line in split_lines(text)]
    return [f"{line}{last if index == len(lines) - 1 else separator}" for index, line in enumerate(lines)]


def addressee_lines(addressees: str | None) -> list[str]:
    """ "Kính gửi:" lines: one addressee stands alone on the line; several are listed "- …;" and the last "- … ."."""
    lines = [line.rstrip(";.,: ") for line in split_lines(addressees)]
    if len(lines) <= 1:
        return lines
    return [f"- {line}" for line in enumerate_lines("\n".join(lines))]


def recipient_lines(recipients: str | None, archive_note: str = "") -> list[str]:
    """The "Nơi nhận:" entries: "- …;" each, the last one "- Lưu: VT, …." (the archive line is always there)."""
    entries = [line.rstrip(";.,: ") for line in split_lines(recipients) if not line.lower().startswith("lưu")]
    archive = (archive_note or "").strip().rstrip(";.").strip()
    if archive.lower().startswith("lưu"):
        archive = archive[3:].lstrip(": ").strip()
    return [f"- {entry};" for entry in entries] + [f"- Lưu: {archive or 'VT'}."]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a body: ``lead`` is printed in bold before ``text``; headings are bold throughout."""

    text: str
    lead: str = ""
    heading: bool = False


def paragraphs(body: str | None) -> list[Paragraph]:
    """Split a plain-text body into paragraphs, one per line, recognising headings and articles by their text."""
    result = []
    for line in split_lines_keep_bullets(body):
        article = _ARTICLE.match(line)
        if article:
            result.append(Paragraph(text=article.group(2), lead=article.group(1)))
        elif len(line) <= _HEADING_MAX_LENGTH and (_ROMAN_HEADING.match(line) or _NUMBER_HEADING.match(line)):
            result.append(Paragraph(text=line, heading=True))
        else:
            result.append(Paragraph(text=line))
    return result


def split_lines_keep_bullets(text: str | None) -> list[str]:
    """Non-empty lines, stripped of surrounding spaces; list dashes ("- …", "+ …") are the author's and stay.

    Only the decorative bullets a word processor pastes ("·", "•") are turned into the dash the format uses.
    """
    lines = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        if line[:1] in {"·", "•"}:
            line = "- " + line[1:].strip()
        if line:
            lines.append(line)
    return lines
