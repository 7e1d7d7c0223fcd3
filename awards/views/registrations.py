"""Registration pages: a person's own (phone-sized), a team's, the consolidated list, the period, late changes."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import pdf_response, run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.documents.rendering import render_pdf
from thiduakhenthuong.organization.models import SchoolYear, Staff

from .. import services
from ..forms import DecisionForm, RegisterForm, RegistrationPeriodForm, WithdrawRequestForm
from ..models import ChangeStatus, Registration, RegistrationChange, RegistrationPeriod, RegistrationWindow, Title
from ..permissions import (
    can_decide_changes,
    can_read_registrations,
    can_set_registration_period,
    get_change_for_decide,
    get_registration_for_withdraw,
    get_team_for_register,
    teams_to_register,
)
from ..reports import registration_list as build_list
from ..reports import registration_workbook
from .common import selected_year, selected_year_or_404


def _registration_page(request, *, year, titles, registrations, staff=None, team=None, back):
    """The shared page for a person's or a team's registrations: list, add, withdraw, late change requests."""
    period, window = services.registration_window(year) if year else (None, RegistrationWindow.NO_PERIOD)
    late = window == RegistrationWindow.LATE
    form = RegisterForm(request.POST or None, titles=titles, late=late)
    if request.method == "POST" and year and form.is_valid():
        title = form.cleaned_data["title"]
        done = run_service(
            request,
            lambda: services.add_registration(
                actor=request.user, school_year=year, title=title, reason=form.cleaned_data.get("reason", ""),
                staff=staff, team=team,
            ),
            "Đã gửi đề nghị đăng ký thêm; hiệu trưởng sẽ xem xét." if late else f"Đã đăng ký “{title}”.",
            form,
        )  # fmt: skip
        if done:
            return redirect(back)
    pending = RegistrationChange.objects.pending().filter(school_year=year, staff=staff, team=team).for_list()
    return render(
        request,
        "awards/registration_form.html",
        {
            "year": year,
            "period": period,
            "late": late,
            "not_open": window in {RegistrationWindow.NO_PERIOD, RegistrationWindow.NOT_OPEN},
            "days_left": (period.deadline - timezone.localdate()).days if window == RegistrationWindow.OPEN else None,
            "form": form,
            "registrations": registrations,
            "pending": pending if year else [],
            "withdraw_form": WithdrawRequestForm(),
            "recipient": team or staff,
            "team": team,
        },
    )


@staff_required()
def my_registrations(request):
    year = SchoolYear.objects.current(request.school)
    staff = request.staff
    registrations = Registration.objects.active().filter(school_year=year, staff=staff).for_list()
    return _registration_page(
        request, year=year, titles=Title.objects.for_staff(), registrations=registrations, staff=staff,
        back="awards:my_registrations",
    )  # fmt: skip


@staff_required()
def team_registrations(request, team_pk):
    team = get_team_for_register(request.staff, team_pk)
    year = SchoolYear.objects.current(request.school)
    registrations = Registration.objects.active().filter(school_year=year, team=team).for_list()
    return _registration_page(
        request, year=year, titles=Title.objects.for_teams(), registrations=registrations, team=team,
        back=request.path,
    )  # fmt: skip


@require_POST
@staff_required()
def registration_withdraw(request, pk):
    """Withdraw before the deadline; after it, send a withdrawal request with a reason."""
    registration = get_registration_for_withdraw(request.staff, pk)
    back = (
        reverse("awards:team_registrations", args=[registration.team_id])
        if registration.team_id
        else reverse("awards:my_registrations")
    )
    _, window = services.registration_window(registration.school_year)
    late = window == RegistrationWindow.LATE
    form = WithdrawRequestForm(request.POST, required=late)
    if not form.is_valid():
        messages.error(request, "Đã quá hạn đăng ký: hãy ghi lý do rút đăng ký để hiệu trưởng duyệt.")
        return redirect(back)
    run_service(
        request,
        lambda: services.withdraw_registration(
            actor=request.user, registration=registration, reason=form.cleaned_data["reason"]
        ),
        "Đã gửi đề nghị rút đăng ký; hiệu trưởng sẽ xem xét." if late else f"Đã rút đăng ký “{registration.title}”.",
    )
    return redirect(back)


@staff_required(can_read_registrations)
def registration_list(request):
    """People × titles and teams × titles for a year (constant queries), with print and .xlsx export."""
    year, year_form = selected_year(request)
    data = build_list(year) if year else None
    period = RegistrationPeriod.objects.filter(school_year=year).first() if year else None
    teams = teams_to_register(request.staff)
    return render(
        request,
        "awards/registration_list.html",
        {
            "year": year,
            "year_form": year_form,
            "data": data,
            "period": period,
            "teams": teams,
            "pending_count": RegistrationChange.objects.pending().filter(school=request.school).count(),
            "can_set_period": can_set_registration_period(request.staff),
        },
    )


@staff_required(can_read_registrations)
def registration_export(request):
    year, _ = selected_year_or_404(request)
    return xlsx_response(registration_workbook(build_list(year)), f"dang-ky-thi-dua-{year.name}.xlsx")


@staff_required(can_read_registrations)
def registration_print(request):
    """The list "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC …" as a national-format PDF, from the documents renderer."""
    year, _ = selected_year_or_404(request)
    today = timezone.localdate()
    context = {
        "data": build_list(year),
        "school": request.school,
        "today": today,
        "principal": Staff.objects.principal_of(request.school, on=today),
    }
    return pdf_response(
        render_pdf("awards/pdf/registration_list.html", context), f"Danh sách đăng ký thi đua {year.name}.pdf"
    )


@staff_required(can_set_registration_period)
def registration_period(request):
    year, year_form = selected_year(request)
    if year is None:
        messages.error(request, "Chưa có năm học: hãy thêm năm học trước.")
        return redirect("organization:year_list")
    period = RegistrationPeriod.objects.filter(school_year=year).first()
    form = RegistrationPeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            request,
            lambda: services.set_registration_period(
                actor=request.user, school_year=year, opens_on=form.cleaned_data["opens_on"],
                deadline=form.cleaned_data["deadline"],
            ),
            f"Đã đặt thời hạn đăng ký thi đua năm học {year}.",
            form,
        )  # fmt: skip
        if done:
            return redirect(f"{request.path}?year={year.pk}")
    return render(request, "awards/registration_period.html", {"year": year, "year_form": year_form, "form": form})


@staff_required(can_read_registrations)
def change_list(request):
    changes = RegistrationChange.objects.filter(school=request.school).for_list()
    status = request.GET.get("status", "pending")
    if status not in ChangeStatus.values:
        status = "all" if status == "all" else "pending"
    if status != "all":
        changes = changes.filter(status=status)
    return render(
        request,
        "awards/change_list.html",
        {
            "page": Paginator(changes, 50).get_page(request.GET.get("page")),
            "status": status,
            "can_decide": can_decide_changes(request.staff),
            "form": DecisionForm(),
        },
    )


@require_POST
@staff_required()
def change_decide(request, pk, verb):
    if verb not in {"approve", "reject"}:
        raise Http404
    change = get_change_for_decide(request.staff, pk)
    form = DecisionForm(request.POST, reject=verb == "reject")
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect("awards:change_list")
    note = form.cleaned_data["note"]
    what = f"đề nghị {change.get_action_display().lower()} “{change.title}” của {change.recipient}"
    if verb == "approve":
        run_service(
            request, lambda: services.approve_change(actor=request.user, change=change, note=note), f"Đã duyệt {what}."
        )
    else:
        run_service(
            request,
            lambda: services.reject_change(actor=request.user, change=change, note=note),
            f"Đã không duyệt {what}.",
        )
    return redirect("awards:change_list")
