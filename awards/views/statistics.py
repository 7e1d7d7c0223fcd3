"""The year's statistics: the page with its charts, the BC drafted for the register and the .xlsx export
(``awards.statistics``)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.input import query_id
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.organization.models import SchoolYear

from ..exports import statistics_workbook
from ..models import StatisticsReport
from ..permissions import can_draft_statistics_report, can_read_statistics
from ..statistics import draft_statistics_report, school_statistics


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
    """The year's figures with their charts; the year's BC (its number, or the button that drafts it)."""
    if not SchoolYear.objects.filter(school=request.school).exists():
        return render(request, "awards/statistics.html", {"stats": None, "years": []})
    year, years = _year(request)
    stats = school_statistics(request.school, year)
    report = StatisticsReport.objects.of_year(year)
    return render(
        request,
        "awards/statistics.html",
        {"stats": stats, "years": years, "chart_data": stats.chart_data(), "report": report,
         "can_draft": can_draft_statistics_report(request.staff) and (report is None or report.is_draft)},
    )  # fmt: skip


@staff_required(can_read_statistics)
def statistics_export(request):
    year, _ = _year(request)
    stats = school_statistics(request.school, year)
    return xlsx_response(statistics_workbook(stats), f"thong-ke-thi-dua-khen-thuong-{year.name}.xlsx")


@require_POST
@staff_required(can_draft_statistics_report)
def statistics_report(request):
    """Draft the year's BC (or refresh a draft's figures) for the clerk to number, print and archive."""
    year, _ = _year(request)
    done = run_service(
        request,
        lambda: draft_statistics_report(actor=request.user, school_year=year),
        f"Đã lập dự thảo báo cáo thống kê thi đua, khen thưởng năm học {year}: văn thư cấp số trong Văn bản.",
    )
    if done:
        return redirect("documents:document_detail", pk=done.value.document_id)
    return redirect(f"{reverse('awards:statistics')}?year={year.pk}")
