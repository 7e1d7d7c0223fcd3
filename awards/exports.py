"""The .xlsx exports of the awards lists (eligibility verdicts, award history, initiatives): each writes the rows the
page shows under the same filters, every row (not one page of them), as plain values the school can sort and print.
``xlsx_response`` sends them."""

from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from thiduakhenthuong.organization.models import SchoolYear

from .eligibility import Row
from .models import AwardRecord, DriveKind, Initiative


def _sheet(title: str, heading: str, header: list[str], widths: dict[str, int]) -> tuple[Workbook, object]:
    """A workbook whose one sheet has ``heading`` in bold on row 1 and the column ``header`` on row 2."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([heading])
    sheet["A1"].font = Font(bold=True)
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    return workbook, sheet


ELIGIBILITY_HEADER = ["STT", "Cá nhân, tập thể", "Tổ", "Danh hiệu, hình thức", "Kết quả", "Còn thiếu", "Căn cứ"]


def eligibility_workbook(year: SchoolYear, rows: Iterable[Row]) -> Workbook:
    """One line per registered title: who, the verdict, what is missing, and each condition checked with its basis."""
    workbook, sheet = _sheet(
        "Xét danh hiệu",
        f"KẾT QUẢ XÉT DANH HIỆU THI ĐUA NĂM HỌC {year.name} (tính đến ngày {year.end_date:%d/%m/%Y})",
        ELIGIBILITY_HEADER,
        {"B": 30, "C": 14, "D": 34, "E": 20, "F": 40, "G": 70},
    )
    for number, row in enumerate(rows, start=1):
        reasons = []
        if row.verdict:
            reasons = [
                f"{'✓' if reason.passed else '✗'} {reason.text}" + (f" ({reason.article})" if reason.article else "")
                for reason in row.verdict.reasons
            ] + [f"! {flag}" for flag in row.verdict.flags]
        team = "" if row.is_team else (row.subject.team.name if row.subject.team else "")
        sheet.append(
            [number, str(row.subject), team, row.title.name, row.label, "; ".join(row.missing), "\n".join(reasons)]
        )
        sheet.cell(row=sheet.max_row, column=7).alignment = Alignment(wrap_text=True, vertical="top")
    return workbook


AWARD_HEADER = [
    "STT", "Năm học", "Người, tập thể được khen", "Đơn vị, lớp, quan hệ", "Danh hiệu, hình thức", "Khen thưởng",
    "Số quyết định", "Ngày quyết định", "Cơ quan, người quyết định", "Sáng kiến", "Ghi chú",
]  # fmt: skip


def award_workbook(awards: Iterable[AwardRecord]) -> Workbook:
    """The award history, one line per award (``awards`` with ``for_list()`` and their initiatives prefetched)."""
    widths = {"B": 12, "C": 30, "D": 22, "E": 34, "I": 30, "J": 40}
    workbook, sheet = _sheet("Lịch sử khen thưởng", "LỊCH SỬ KHEN THƯỞNG", AWARD_HEADER, widths)
    for number, award in enumerate(awards, start=1):
        sheet.append(
            [
                number,
                award.school_year.name,
                str(award.recipient),
                award.recipient_detail,
                award.title.name,
                award.get_drive_display() if award.drive != DriveKind.YEARLY else "Hằng năm",
                award.decision_symbol,
                award.decided_on,
                award.decided_by,
                "; ".join(use.initiative.title for use in award.initiative_uses.all()),
                award.note,
            ]
        )
        sheet.cell(row=sheet.max_row, column=8).number_format = "DD/MM/YYYY"
    return workbook


INITIATIVE_HEADER = [
    "STT", "Tên sáng kiến", "Tác giả", "Tổ", "Đồng tác giả", "Năm học", "Lĩnh vực áp dụng", "Trạng thái",
    "Phạm vi ảnh hưởng", "Số quyết định công nhận", "Ngày quyết định",
]  # fmt: skip


def initiative_workbook(initiatives: Iterable[Initiative]) -> Workbook:
    """The initiatives, one line each (``initiatives`` with ``for_list()``)."""
    workbook, sheet = _sheet(
        "Sáng kiến", "DANH SÁCH SÁNG KIẾN", INITIATIVE_HEADER, {"B": 44, "C": 26, "D": 14, "E": 30, "G": 24, "H": 16}
    )
    for number, initiative in enumerate(initiatives, start=1):
        author = initiative.author
        sheet.append(
            [
                number,
                initiative.title,
                author.full_name,
                author.team.name if author.team else "",
                ", ".join(co.full_name for co in initiative.co_authors.all()),
                initiative.school_year.name,
                initiative.field,
                initiative.get_status_display(),
                initiative.get_scope_display() if initiative.scope else "",
                initiative.decision_symbol,
                initiative.decided_on,
            ]
        )
        sheet.cell(row=sheet.max_row, column=11).number_format = "DD/MM/YYYY"
    return workbook


def statistics_workbook(stats) -> Workbook:
    """The year's statistics (``awards.statistics.Statistics``): one sheet per table of the page, and the years."""
    year = stats.year.name
    workbook, sheet = _sheet(
        "Theo tổ",
        f"THỐNG KÊ DANH HIỆU, HÌNH THỨC KHEN THƯỞNG THEO TỔ, ĐỐI TƯỢNG NĂM HỌC {year}",
        ["Tổ, đối tượng", *[str(t) for t in stats.titles], "Cộng"],
        {"A": 30},
    )
    for unit in stats.units:
        sheet.append([unit.name, *unit.counts, unit.total])
    sheet.append(["Toàn trường", *stats.title_totals, stats.award_total])

    def add(title: str, heading: str, header: list[str], rows: list[list]):
        new = workbook.create_sheet(title)
        new.append([heading])
        new["A1"].font = Font(bold=True)
        new.append(header)
        for cell in new[2]:
            cell.font = Font(bold=True)
        for row in rows:
            new.append(row)
        new.column_dimensions["A"].width = 45
        new.freeze_panes = "A3"

    add(
        "Theo loại",
        f"THEO LOẠI VÀ ĐỐI TƯỢNG NĂM HỌC {year}",
        ["Loại", "Đối tượng", "Số lượt", "Tiền thưởng (đồng)"],
        [[k.kind, k.scope, k.count, k.amount] for k in stats.kinds],
    )
    add(
        "Tỷ lệ",
        f"CÁC TỶ LỆ THEO QUY ĐỊNH NĂM HỌC {year}",
        ["Chỉ tiêu", "Số lượng", "Trên tổng số", "Tỷ lệ (%)", "Quy định", "Đánh giá"],
        [
            [r.label, r.numerator, r.denominator, float(r.share) if r.share is not None else None, r.limit,
             {True: "Đạt", False: "Không đạt"}.get(r.ok, "")]
            for r in stats.ratios
        ],
    )  # fmt: skip
    add(
        "Tiền thưởng",
        f"TIỀN THƯỞNG NĂM HỌC {year}",
        ["Danh hiệu, hình thức", "Số lượt", "Tiền thưởng (đồng)"],
        [[m.title, m.count, m.amount] for m in stats.money] + [["Cộng", stats.award_total, stats.money_total]],
    )
    add(
        "Qua các năm",
        "SỐ LƯỢT KHEN THƯỞNG VÀ TIỀN THƯỞNG QUA CÁC NĂM HỌC",
        ["Danh hiệu, hình thức", *stats.chart_years],
        [[s.label, *s.values] for s in stats.chart_series] + [["Tiền thưởng (đồng)", *stats.chart_money]],
    )
    return workbook
