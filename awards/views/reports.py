"""Achievement reports: the nominee (or the team head) writes, saves and submits; the principal confirms or returns.

A report is the nominee's own paper: it prints in the decree's layout through the one renderer, unnumbered.
"""

from django.contrib import messages
from django.db.models import F
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import pdf_response, run_service

from .. import services
from ..forms import AchievementReportForm, ReturnReportForm
from ..models import AchievementReport, ReportStatus
from ..permissions import (
    can_confirm_report,
    can_edit_report,
    can_read_reports,
    can_submit_report,
    can_write_team_report,
    get_report_for_confirm,
    get_report_for_edit,
    get_report_for_view,
)
from ..printing import achievement_report_pdf, report_award_tables
from .common import selected_year, selected_year_or_404

#: The form's fields under the decree's headings I and II, for a person (False) and for a team (True).
PARTS = {
    False: (
        ("name", "date_of_birth", "gender", "hometown", "residence", "workplace", "position", "qualifications",
         "academic_titles"),
        ("duties", "achievements", "measures"),
    ),
    True: (("name", "situation", "duties"), ("achievements", "measures")),
}  # fmt: skip


@staff_required()
def my_reports(request):
    """The person's own report of the year and, for a team head, her team's."""
    year, year_form = selected_year(request)
    if year is None:
        return render(request, "awards/report_mine.html", {"year": None})
    reports = AchievementReport.objects.filter(school_year=year).for_list()
    own = reports.filter(staff=request.staff).first()
    team = request.staff.team if can_write_team_report(request.staff) else None
    team_report = reports.filter(team=team).first() if team else None
    return render(
        request,
        "awards/report_mine.html",
        {"year": year, "year_form": year_form, "own": own, "team": team, "team_report": team_report},
    )


@require_POST
@staff_required()
def report_start(request):
    """Start (or reopen) the person's report, or her team's (``kind=team``), for the chosen year."""
    year, _ = selected_year_or_404(request)
    if request.POST.get("kind") == "team":
        if not can_write_team_report(request.staff):
            messages.error(request, "Chỉ tổ trưởng viết báo cáo thành tích của tổ.")
            return redirect("awards:my_reports")
        report = services.start_report(actor=request.user, school_year=year, team=request.staff.team)
    else:
        report = services.start_report(actor=request.user, school_year=year, staff=request.staff)
    return redirect("awards:report_edit", pk=report.pk)


@staff_required(can_read_reports)
def report_list(request):
    """Every report of the year by status, for the principal and the school's readers."""
    year, year_form = selected_year(request)
    reports = AchievementReport.objects.filter(school=request.school, school_year=year).for_list()
    status = request.GET.get("status", "")
    if status in ReportStatus.values:
        reports = reports.filter(status=status)
    return render(
        request,
        "awards/report_list.html",
        {
            "year": year,
            "year_form": year_form,
            "reports": reports.order_by(
                "team__sort_order", "staff__team__sort_order", F("staff__sort_name").asc(nulls_first=True), "name"
            ),
            "status": status,
            "statuses": ReportStatus.choices,
        },
    )


_award_tables = report_award_tables


@staff_required()
def report_detail(request, pk):
    report = get_report_for_view(request.staff, pk)
    titles, commendations = _award_tables(report)
    return render(
        request,
        "awards/report_detail.html",
        {
            "report": report,
            "titles": titles,
            "commendations": commendations,
            "can_edit": can_edit_report(request.staff, report),
            "can_submit": can_submit_report(request.staff, report),
            "can_confirm": can_confirm_report(request.staff, report),
            "return_form": ReturnReportForm(),
        },
    )


@staff_required()
def report_edit(request, pk):
    report = get_report_for_edit(request.staff, pk)
    if not report.is_editable:
        messages.info(request, f"Báo cáo {report.get_status_display().lower()}: không sửa được nữa.")
        return redirect("awards:report_detail", pk=report.pk)
    form = AchievementReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():

        def save():
            services.save_report(actor=request.user, report=report, **form.cleaned_data)
            if "submit" in request.POST:
                services.submit_report(actor=request.user, report=report)

        done = "Đã nộp báo cáo; hiệu trưởng sẽ xác nhận." if "submit" in request.POST else "Đã lưu bản nháp."
        if run_service(request, save, done, form):
            return redirect("awards:report_detail", pk=report.pk)
    titles, commendations = _award_tables(report)
    part_one, part_two = PARTS[report.is_collective]
    return render(
        request,
        "awards/report_form.html",
        {
            "report": report,
            "form": form,
            "titles": titles,
            "commendations": commendations,
            "part_one": part_one,
            "part_two": part_two,
        },
    )


@require_POST
@staff_required()
def report_submit(request, pk):
    report = get_report_for_edit(request.staff, pk)
    run_service(
        request,
        lambda: services.submit_report(actor=request.user, report=report),
        "Đã nộp báo cáo; hiệu trưởng sẽ xác nhận.",
    )
    return redirect("awards:report_detail", pk=report.pk)


@require_POST
@staff_required()
def report_confirm(request, pk):
    report = get_report_for_confirm(request.staff, pk)
    run_service(request, lambda: services.confirm_report(actor=request.user, report=report), "Đã xác nhận báo cáo.")
    return redirect("awards:report_detail", pk=report.pk)


@require_POST
@staff_required()
def report_return(request, pk):
    report = get_report_for_confirm(request.staff, pk)
    form = ReturnReportForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run_service(
        request,
        lambda: services.return_report(actor=request.user, report=report, note=note),
        "Đã trả lại báo cáo để người viết sửa.",
    )
    return redirect("awards:report_detail", pk=report.pk)


@staff_required()
def report_pdf(request, pk):
    """The report in the decree's layout: the nominee's signature and the principal's confirmation."""
    report = get_report_for_view(request.staff, pk)
    content = achievement_report_pdf(report)
    return pdf_response(content, f"Báo cáo thành tích {report.name} {report.school_year.name}.pdf")
