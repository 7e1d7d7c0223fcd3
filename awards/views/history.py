"""Award history pages: the list, entry and correction of one award, and the .xlsx import of earlier years."""

from django.contrib import messages
from django.shortcuts import redirect, render

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response

from .. import imports, services
from ..exports import award_workbook
from ..forms import AwardFilterForm, AwardRecordForm
from ..models import AwardRecord, DriveKind
from ..permissions import can_keep_award_records, can_print_certificates, can_read_awards, get_award_for_edit
from .records import import_page


def _filtered_awards(request):
    """The school's awards narrowed by the list's filters (a filter that fails is left out, its message shown)."""
    awards = (
        AwardRecord.objects.filter(school=request.school).for_list().prefetch_related("initiative_uses__initiative")
    )
    filters = AwardFilterForm(request.GET, school=request.school)
    filters.is_valid()
    chosen = filters.cleaned_data
    if chosen.get("year"):
        awards = awards.filter(school_year=chosen["year"])
    if chosen.get("person"):
        awards = awards.filter(staff=chosen["person"])
    if chosen.get("title"):
        awards = awards.filter(title=chosen["title"])
    return awards, filters


@staff_required(can_read_awards)
def award_list(request):
    awards, filters = _filtered_awards(request)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/award_list.html",
        {
            "page": page,
            "filters": filters,
            "can_edit": can_keep_award_records(request.staff),
            "can_print": can_print_certificates(request.staff),
            "drives": DriveKind,
        },
    )


@staff_required(can_read_awards)
def award_export(request):
    """The history as filtered on screen, every page of it, as an .xlsx file."""
    awards, _ = _filtered_awards(request)
    return xlsx_response(award_workbook(awards), f"lich-su-khen-thuong-{request.school.abbreviation}.xlsx")


def _award_form(request, award, title):
    form = AwardRecordForm(request.POST or None, instance=award, school=request.school)
    if request.method == "POST" and form.is_valid():
        recorded = run_service(
            request,
            lambda: services.record_award(
                actor=request.user, award=form.save(commit=False), initiatives=form.cleaned_data["initiatives"]
            ),
            form=form,
        )
        if recorded:
            messages.success(request, f"Đã ghi khen thưởng “{recorded.value.title}” của {recorded.value.recipient}.")
            return redirect("awards:award_list")
    return render(request, "awards/simple_form.html", {"form": form, "title": title, "back": "awards:award_list"})


@staff_required(can_keep_award_records)
def award_create(request):
    return _award_form(request, AwardRecord(), "Ghi khen thưởng đã nhận")


@staff_required()
def award_edit(request, pk):
    return _award_form(request, get_award_for_edit(request.staff, pk), "Sửa khen thưởng đã nhận")


@staff_required(can_keep_award_records)
def award_import(request):
    return import_page(
        request,
        importer=imports.import_awards,
        columns=imports.AWARD_COLUMNS,
        title="Nhập lịch sử khen thưởng từ Excel",
        template_name="mau-lich-su-khen-thuong.xlsx",
        back="awards:award_list",
    )
