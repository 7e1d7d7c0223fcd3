"""Pages for the school's people, teams and years."""

import secrets
from datetime import date
from itertools import count

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.markup import html_rows
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.core.text import fold

from . import services, staff_sheets
from .forms import AccountForm, SchoolYearForm, StaffFilterForm, StaffForm, StaffImportForm
from .models import Gender, Role, SchoolYear, Staff, Team
from .permissions import (
    can_create_account,
    can_list_all_staff,
    can_list_staff,
    can_manage_staff,
    can_read_years,
    get_staff_for_account,
    get_staff_for_edit,
    get_staff_for_view,
    get_year_for_set_current,
)


def _filtered_staff(request):
    """The staff the person may list (a team head: their own team), filtered by the list's search form."""
    staff = Staff.objects.filter(school=request.school).for_list()
    if not can_list_all_staff(request.staff):
        staff = staff.filter(team=request.staff.team_id)
    form = StaffFilterForm(request.GET or None, school=request.school)
    if form.is_valid():
        if form.cleaned_data["q"]:
            staff = staff.filter(search_name__contains=fold(form.cleaned_data["q"]))
        if form.cleaned_data["team"]:
            staff = staff.filter(team=form.cleaned_data["team"])
        if form.cleaned_data["no_account"]:
            staff = staff.filter(user__isnull=True).active()
    return staff, form


@staff_required(can_list_staff)
def staff_list(request):
    """The school's staff (a team head sees their own team), searchable without accents, in Vietnamese order."""
    staff, form = _filtered_staff(request)
    # ordered within the school: the default ordering's "school" joins the school table for nothing
    rows = staff.order_by("team__sort_order", "sort_name", "pk").values(*_ROW_FIELDS)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "organization/staff_list.html",
        {
            "page": page,
            "rows": _list_rows(page.object_list, reverse("organization:staff_detail", args=[0]).removesuffix("0/")),
            "form": form,
            "can_manage": can_manage_staff(request.staff),
        },
    )


#: The busiest page's rows are written out in Python (``html_rows``): fifty people's values through the template
#: language cost as much as the rest of the page (bench/pages.py). Not a number among them: the ids are part of
#: the links' text.
_ROW_FIELDS = ("pk", "full_name", "gender", "position", "team__name", "recruited_on", "role", "left_on")
_GENDERS = dict(Gender.choices)
_ROLES = dict(Role.choices)
_ROW = (
    '<tr{}><td><a href="{}">{}</a>{}</td><td class="d-none d-md-table-cell">{}</td><td>{}</td><td>{}</td>'
    '<td class="d-none d-md-table-cell">{}</td><td class="d-none d-lg-table-cell">{}</td></tr>'
)
_LEFT_ROW = mark_safe(' class="text-muted"')
_LEFT_BADGE = mark_safe(' <span class="badge text-bg-light">đã thôi việc</span>')


def _list_rows(staff: list[dict], detail_prefix: str) -> SafeString:
    """The table rows of a page of the list (dicts of _ROW_FIELDS), someone who has left greyed and marked;
    ``detail_prefix`` is the detail page's address without the person's id."""
    today = date.today()
    return html_rows(
        _ROW,
        (
            (
                "" if (works := Staff.works_on(s["left_on"], today)) else _LEFT_ROW,
                f"{detail_prefix}{s['pk']}/",
                s["full_name"],
                "" if works else _LEFT_BADGE,
                _GENDERS.get(s["gender"], s["gender"]),
                s["position"],
                s["team__name"] or "—",
                s["recruited_on"].strftime("%d/%m/%Y") if s["recruited_on"] else "—",
                _ROLES.get(s["role"], s["role"]),
            )
            for s in staff
        ),
    )


@staff_required(can_list_staff)
def staff_export(request):
    """The list as it is filtered on screen, as an .xlsx file."""
    staff, _ = _filtered_staff(request)
    return xlsx_response(staff_sheets.export_workbook(staff), f"danh-sach-can-bo-{request.school.abbreviation}.xlsx")


@staff_required(can_manage_staff)
def staff_import_template(request):
    return xlsx_response(staff_sheets.template_workbook(request.school), "mau-nhap-can-bo.xlsx")


_IMPORT_SESSION_KEY = "staff_import"


@staff_required(can_manage_staff)
def staff_import(request):
    """Upload a filled template and see every row checked; nothing is saved until the preview is confirmed.

    The checked rows stay on the server (in the session) between preview and confirm, under a one-time token:
    the confirm request carries only the token, so nothing the browser sends can change what is saved.
    """
    form = StaffImportForm(request.POST or None, request.FILES or None)
    rows = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        read = run_service(request, lambda: staff_sheets.read_staff_file(upload, request.school), form=form)
        rows = read.value if read else None
        if read:
            request.session.pop(_IMPORT_SESSION_KEY, None)
            if not any(row.errors for row in rows):
                token = secrets.token_urlsafe(16)
                request.session[_IMPORT_SESSION_KEY] = {
                    "token": token,
                    "school": request.school.pk,
                    "source": upload.name[:100],
                    "rows": [row.data for row in rows],
                }
    return render(
        request,
        "organization/staff_import.html",
        {
            "form": form,
            "rows": rows,
            "token": token,
            "columns": staff_sheets.IMPORT_COLUMNS,
            "error_count": sum(1 for row in rows or [] if row.errors),
        },
    )


@require_POST
@staff_required(can_manage_staff)
def staff_import_confirm(request):
    pending = request.session.get(_IMPORT_SESSION_KEY)
    if (
        not pending
        or pending["school"] != request.school.pk
        or not secrets.compare_digest(pending["token"], request.POST.get("token", ""))
    ):
        messages.error(request, "Phiên nhập danh sách đã hết hạn hoặc đã được lưu. Vui lòng tải tệp lên lại.")
        return redirect("organization:staff_import")
    del request.session[_IMPORT_SESSION_KEY]
    created = run_service(
        request,
        lambda: services.import_staff(
            actor=request.user, school=request.school, rows=pending["rows"], source=pending["source"]
        ),
    )
    if not created:
        return redirect("organization:staff_import")
    messages.success(request, f"Đã nhập {len(created.value)} cán bộ từ tệp {pending['source']}.")
    return redirect("organization:staff_list")


@staff_required()
def staff_detail(request, pk):
    staff = get_staff_for_view(request.staff, pk)
    return render(
        request,
        "organization/staff_detail.html",
        {
            "staff": staff,
            "can_manage": can_manage_staff(request.staff),
            "can_create_account": can_create_account(request.staff, staff),
        },
    )


def _suggest_username(staff: Staff) -> str:
    """Given name then the other names' initials, unaccented: Đỗ Thị Thanh Huyền → huyendtt (then huyendtt2…)."""
    parts = fold(staff.full_name).replace("-", " ").split() or ["canbo"]
    base = "".join(ch for ch in parts[-1] + "".join(p[0] for p in parts[:-1]) if ch.isascii() and ch.isalnum())
    taken = set(get_user_model().objects.filter(username__startswith=base).values_list("username", flat=True))
    return next(name for name in (base if n == 1 else f"{base}{n}" for n in count(1)) if name not in taken)


@never_cache
@staff_required()
def staff_account_create(request, pk):
    """Create a staff member's sign-in account; the initial password is shown once, on the response to the POST."""
    staff = get_staff_for_account(request.staff, pk)
    if staff.user_id is not None:
        messages.info(request, f"{staff.full_name} đã có tài khoản {staff.user.username}.")
        return redirect("organization:staff_detail", pk=staff.pk)
    form = AccountForm(request.POST or None, initial={"username": _suggest_username(staff)})
    if request.method == "POST" and form.is_valid():
        created = run_service(
            request,
            lambda: services.create_account(
                actor=request.user,
                staff=staff,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            ),
            form=form,
        )
        if created:
            user, password = created.value
            return render(
                request,
                "organization/account_created.html",
                {"staff": staff, "username": user.username, "password": password},
            )
    return render(request, "organization/account_form.html", {"form": form, "staff": staff})


def _staff_form_page(request, staff: Staff, title: str):
    form = StaffForm(request.POST or None, instance=staff, school=request.school)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request, lambda: services.save_staff(actor=request.user, staff=form.save(commit=False)), form=form
        )
        if saved:
            messages.success(request, f"Đã lưu hồ sơ của {saved.value.full_name}.")
            return redirect("organization:staff_detail", pk=saved.value.pk)
    return render(request, "organization/staff_form.html", {"form": form, "title": title, "staff": staff})


@staff_required(can_manage_staff)
def staff_create(request):
    return _staff_form_page(request, Staff(school=request.school), "Thêm cán bộ, giáo viên, nhân viên")


@staff_required()
def staff_update(request, pk):
    staff = get_staff_for_edit(request.staff, pk)
    return _staff_form_page(request, staff, f"Sửa hồ sơ: {staff.full_name}")


@staff_required(can_list_staff)
def team_list(request):
    working = Staff.objects.filter(school=request.school).active()
    members = working.filter(team=OuterRef("pk")).order_by().values("team").annotate(n=Count("pk")).values("n")
    teams = Team.objects.filter(school=request.school).annotate(member_count=Coalesce(Subquery(members), 0))
    heads = Staff.objects.filter(school=request.school).heads_by_team()
    rows = [(team, heads.get(team.pk)) for team in teams]
    return render(request, "organization/team_list.html", {"rows": rows})


@staff_required(can_read_years)
def year_list(request):
    years = SchoolYear.objects.filter(school=request.school)
    form = SchoolYearForm(request.POST or None, school=request.school)
    if request.method == "POST":
        if not can_manage_staff(request.staff):
            messages.error(request, "Bạn không có quyền thêm năm học.")
        elif form.is_valid():
            year = services.save_year(actor=request.user, year=form.save(commit=False))
            messages.success(request, f"Đã thêm năm học {year.name}.")
            return redirect("organization:year_list")
    return render(
        request,
        "organization/year_list.html",
        {"years": years, "form": form, "can_manage": can_manage_staff(request.staff)},
    )


@require_POST
@staff_required(can_manage_staff)
def year_set_current(request, pk):
    year = get_year_for_set_current(request.staff, pk)
    services.set_current_year(actor=request.user, year=year)
    messages.success(request, f"Năm học hiện tại: {year.name}.")
    return redirect("organization:year_list")
