"""Award history pages: the list, entry and correction of one award, and the .xlsx import of earlier years."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from thiduakhenthuong.organization.permissions import has_role, role_required, school_required

from .. import imports, services
from ..forms import AwardRecordForm
from ..models import AwardRecord, DriveKind
from ..permissions import RECORD_KEEPERS, REGISTRATION_READERS, get_award_for_edit
from .records import import_page


@role_required(*REGISTRATION_READERS)
def award_list(request):
    awards = (
        AwardRecord.objects.filter(school=request.school).for_list().prefetch_related("initiative_uses__initiative")
    )
    year = request.GET.get("year")
    if year and year.isdigit():
        awards = awards.filter(school_year=year)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/award_list.html",
        {"page": page, "can_edit": has_role(request, RECORD_KEEPERS), "drives": DriveKind},
    )


def _award_form(request, award, title):
    form = AwardRecordForm(request.POST or None, instance=award, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_award(
                actor=request.user, award=form.save(commit=False), initiatives=form.cleaned_data["initiatives"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Đã ghi khen thưởng.")
            return redirect("awards:award_list")
    return render(request, "awards/simple_form.html", {"form": form, "title": title, "back": "awards:award_list"})


@role_required(*RECORD_KEEPERS)
def award_create(request):
    return _award_form(request, AwardRecord(), "Ghi khen thưởng đã nhận")


@school_required
def award_edit(request, pk):
    return _award_form(request, get_award_for_edit(request, pk), "Sửa khen thưởng đã nhận")


@role_required(*RECORD_KEEPERS)
def award_import(request):
    return import_page(
        request,
        importer=imports.import_awards,
        columns=imports.AWARD_COLUMNS,
        title="Nhập lịch sử khen thưởng từ Excel",
        template_name="mau-lich-su-khen-thuong.xlsx",
        back="awards:award_list",
    )
