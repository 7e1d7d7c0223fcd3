"""Render an issued or signed document to PDF by its symbol and year, e.g.

    python manage.py render_document 23/KH-THCD --year 2023 --output kh.pdf

The symbol names the issuer (THCD, HĐTĐKT…); when two schools' councils share an abbreviation, ``--school`` (the
school's abbreviation) picks one.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...formatting import format_number, parse_symbol
from ...models import DocumentStatus, OfficialDocument
from ...rendering import pdf_filename, render_document_pdf


class Command(BaseCommand):
    help = "In một văn bản đã cấp số hoặc đã ký ra PDF theo số, ký hiệu và năm (ví dụ: 23/KH-THCD --year 2023)."

    def add_arguments(self, parser):
        parser.add_argument("symbol", help="Số, ký hiệu, ví dụ 23/KH-THCD")
        parser.add_argument("--year", type=int, required=True, help="Năm ban hành")
        parser.add_argument(
            "--output", "-o", help="Tệp PDF ghi ra (mặc định: tên theo ký hiệu, trong thư mục hiện tại)"
        )
        parser.add_argument("--school", help="Viết tắt tên trường khi ký hiệu trùng giữa các trường")

    def handle(self, *args, symbol, year, output, school, **options):
        try:
            number, code = parse_symbol(symbol)
        except ValueError as error:
            raise CommandError(str(error)) from error
        documents = OfficialDocument.objects.select_related("issuer__school", "signer", "drafter").filter(
            symbol=f"{format_number(number)}/{code}",
            year=year,
            status__in=[DocumentStatus.ISSUED, DocumentStatus.SIGNED],
        )
        if school:
            documents = documents.filter(school__abbreviation=school)
        found = list(documents[:2])
        if not found:
            raise CommandError(f"Không có văn bản đã cấp số {format_number(number)}/{code} năm {year}.")
        if len(found) > 1:
            schools = ", ".join(d.school.abbreviation for d in documents)
            raise CommandError(f"Ký hiệu này có ở nhiều trường ({schools}): chọn một bằng --school.")
        document = found[0]
        path = Path(output or pdf_filename(document))
        path.write_bytes(render_document_pdf(document))
        self.stdout.write(f"Đã ghi {document.get_doc_type_display()} {document.symbol} vào {path}.")
