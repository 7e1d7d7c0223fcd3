"""Pages for the school's people, teams and years."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.text import fold

from . import services
from .forms import SchoolYearForm, StaffFilterForm, StaffForm
from .models import Role, SchoolYear, Staff, Team
from .permissions import (
    SCHOOL_READERS,
    STAFF_ADMINS,
    can_manage_staff,
    get_staff_for_edit,
    get_staff_for_view,
    role_required,
    school_required,
)


@role_required(*SCHOOL_READERS, Role.TEAM_HEAD)
def staff_list(request):
    """The school's staff (a team head sees their own team), searchable without accents."""
    staff = Staff.objects.filter(school=request.school).for_list()
    if not request.roles & SCHOOL_READERS:
        staff = staff.filter(team=request.staff.team_id)
    form = StaffFilterForm(request.GET or None, school=request.school)
    if form.is_valid():
        if form.cleaned_data["q"]:
            staff = staff.filter(search_name__contains=fold(form.cleaned_data["q"]))
        if form.cleaned_data["team"]:
            staff = staff.filter(team=form.cleaned_data["team"])
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organization/staff_list.html",
        {"page": page, "form": form, "can_manage": can_manage_staff(request)},
    )


@school_required
def staff_detail(request, pk):
    staff = get_staff_for_view(request, pk)
    return render(request, "organization/staff_detail.html", {"staff": staff, "can_manage": can_manage_staff(request)})


def _staff_form_page(request, staff: Staff, title: str):
    form = StaffForm(request.POST or None, instance=staff, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_staff(actor=request.user, staff=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu hồ sơ của {saved.full_name}.")
            return redirect("organization:staff_detail", pk=saved.pk)
    return render(request, "organization/staff_form.html", {"form": form, "title": title, "staff": staff})


@role_required(*STAFF_ADMINS)
def staff_create(request):
    return _staff_form_page(request, Staff(school=request.school), "Thêm cán bộ, giáo viên, nhân viên")


@school_required
def staff_update(request, pk):
    staff = get_staff_for_edit(request, pk)
    return _staff_form_page(request, staff, f"Sửa hồ sơ: {staff.full_name}")


@role_required(*SCHOOL_READERS, Role.TEAM_HEAD)
def team_list(request):
    teams = Team.objects.filter(school=request.school).annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True))
    )
    heads = {
        s.team_id: s for s in Staff.objects.filter(school=request.school, role=Role.TEAM_HEAD, left_on__isnull=True)
    }
    rows = [(team, heads.get(team.pk)) for team in teams]
    return render(request, "organization/team_list.html", {"rows": rows})


@role_required(*SCHOOL_READERS)
def year_list(request):
    years = SchoolYear.objects.filter(school=request.school)
    form = SchoolYearForm(request.POST or None, school=request.school)
    if request.method == "POST":
        if not can_manage_staff(request):
            messages.error(request, "Bạn không có quyền thêm năm học.")
        elif form.is_valid():
            form.save()
            messages.success(request, f"Đã thêm năm học {form.instance.name}.")
            return redirect("organization:year_list")
    return render(
        request, "organization/year_list.html", {"years": years, "form": form, "can_manage": can_manage_staff(request)}
    )


@require_POST
@role_required(*STAFF_ADMINS)
def year_set_current(request, pk):
    year = get_object_or_404(SchoolYear, pk=pk, school=request.school)
    services.set_current_year(actor=request.user, year=year)
    messages.success(request, f"Năm học hiện tại: {year.name}.")
    return redirect("organization:year_list")
