"""The year's statistics: the page with its charts, the printable BC and the .xlsx export (``awards.statistics``)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.input import query_id
from thiduakhenthuong.core.responses import pdf_response
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.documents.formatting import build_symbol
from thiduakhenthuong.documents.models import DocumentType, Issuer, OfficialDocument
from thiduakhenthuong.documents.rendering import render_pdf
from thiduakhenthuong.organization.models import Role, SchoolYear, Staff

from ..exports import statistics_workbook
from ..permissions import can_read_statistics
from ..statistics import school_statistics


def _year(request) -> tuple[SchoolYear, list[SchoolYear]]:
    """The year asked for (``?year=<id>``), else the latest year that has ended, else the current one."""
    years = list(SchoolYear.objects.filter(school=request.school).order_by("-start_date"))
    if not years:
        raise Http404("Đơn vị chưa có năm học.")
    chosen = query_id(request.GET, "year")
    if chosen is not None:
        for year in years:
            if year.pk == chosen:
                return year, years
        raise Http404("Không có năm học này.")
    today = timezone.localdate()
    ended = [year for year in years if year.end_date < today]
    return (ended[0] if ended else years[0]), years


@staff_required(can_read_statistics)
def statistics(request):
    if not SchoolYear.objects.filter(school=request.school).exists():
        return render(request, "awards/statistics.html", {"stats": None, "years": []})
    year, years = _year(request)
    stats = school_statistics(request.school, year)
    return render(request, "awards/statistics.html", {"stats": stats, "years": years, "chart_data": stats.chart_data()})


@staff_required(can_read_statistics)
def statistics_export(request):
    year, _ = _year(request)
    stats = school_statistics(request.school, year)
    return xlsx_response(statistics_workbook(stats), f"thong-ke-thi-dua-khen-thuong-{year.name}.xlsx")


@staff_required(can_read_statistics)
def statistics_report(request):
    """The BC in the national format, printed for signing (a draft until the clerk numbers it in the register)."""
    year, _ = _year(request)
    stats = school_statistics(request.school, year)
    school = request.school
    principal = Staff.objects.filter(school=school, role=Role.PRINCIPAL, left_on__isnull=True).first()
    document = OfficialDocument(
        school=school,
        issuer=Issuer(school=school, name=school.name, abbreviation=school.abbreviation),
        issuer_name=school.name,
        issuer_parent_name=school.parent_agency,
        place_name=school.place_name,
        symbol=build_symbol(number=None, doc_type=DocumentType.REPORT, issuer_abbreviation=school.abbreviation),
        doc_type=DocumentType.REPORT,
        summary=f"Kết quả thi đua, khen thưởng năm học {year.name}",
        document_date=timezone.localdate(),
        signer_authority="Hiệu trưởng",
        signer_name=principal.full_name if principal else "",
        recipients="Phòng Giáo dục và Đào tạo (để b/c)",
        archive_note="VT",
    )
    context = {
        "document": document,
        "stats": stats,
        "totals_bars": stats.svg_bars(stats.chart_totals),
        "money_bars": stats.svg_bars(stats.chart_money),
    }
    return pdf_response(render_pdf("awards/pdf/statistics_report.html", context), f"bao-cao-thi-dua-{year.name}.pdf")
