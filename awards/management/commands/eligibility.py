"""Print the verdict of every registered title of a school year, one row per person or team and title:

    python manage.py eligibility --school THCD --year 2023-2024 [--format csv]

The text table (default) pads the short columns and ends each row with the reasons; ``--format csv`` writes a
header row and one column per part (what is missing, the reasons with ✓/✗ and their legal basis, the notes).
"""

import csv

from django.core.management.base import BaseCommand, CommandError

from thiduakhenthuong.organization.models import School, SchoolYear

from ...eligibility import Row, evaluate_school

HEADER = ["Loại", "Đối tượng", "Tổ", "Danh hiệu", "Kết quả", "Còn thiếu", "Lý do", "Lưu ý"]


def _reasons(row: Row) -> str:
    if row.verdict is None:
        return ""
    return "; ".join(
        f"{'✓' if reason.passed else '✗'} {reason.text}" + (f" ({reason.article})" if reason.article else "")
        for reason in row.verdict.reasons
    )


def _cells(row: Row) -> list[str]:
    subject = row.subject
    return [
        "Tập thể" if row.is_team else "Cá nhân",
        subject.name if row.is_team else subject.full_name,
        "" if row.is_team else getattr(subject.team, "name", ""),
        row.title.name,
        row.label,
        "; ".join(row.missing),
        _reasons(row),
        "; ".join(row.verdict.flags) if row.verdict else "",
    ]


class Command(BaseCommand):
    help = "In kết quả xét danh hiệu (đủ/chưa đủ điều kiện và lý do) của mọi đăng ký thi đua trong một năm học."

    def add_arguments(self, parser):
        parser.add_argument("--school", required=True, help="Viết tắt tên trường, ví dụ THCD")
        parser.add_argument("--year", help="Năm học, ví dụ 2023-2024 (mặc định: năm học hiện tại)")
        parser.add_argument("--format", choices=["text", "csv"], default="text", help="text (mặc định) hoặc csv")

    def handle(self, *args, school, year, format, **options):
        found = School.objects.filter(abbreviation=school).first()
        if found is None:
            raise CommandError(f"Không có trường viết tắt “{school}”.")
        years = SchoolYear.objects.filter(school=found)
        school_year = years.filter(name=year).first() if year else years.current(found)
        if school_year is None:
            known = ", ".join(years.values_list("name", flat=True)) or "chưa có"
            raise CommandError(f"{found} không có năm học “{year or 'hiện tại'}” (các năm học: {known}).")
        rows = [_cells(row) for row in evaluate_school(found, school_year)]
        if format == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(rows)
            return
        self.stdout.write(f"{found} – năm học {school_year}: {len(rows)} danh hiệu đã đăng ký")
        # the text table: short columns padded, then the reasons (what is missing first)
        table = [["Đối tượng", "Tổ", "Danh hiệu", "Kết quả", "Lý do"]] + [
            [name, team, title, label, "; ".join(filter(None, [f"Còn thiếu: {missing}" if missing else "", reasons]))]
            for _, name, team, title, label, missing, reasons, _ in rows
        ]
        widths = [max(len(line[i]) for line in table) for i in range(4)]
        for line in table:
            self.stdout.write(
                "  ".join(
                    [*(cell.ljust(width) for cell, width in zip(line[:4], widths, strict=True)), line[4]]
                ).rstrip()
            )
