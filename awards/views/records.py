"""Pages where the principal and vice principals keep the year's records: evaluations (a table per team, a form
per person, an .xlsx import), disciplines and open proceedings."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.input import query_id
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import template, xlsx_response
from thiduakhenthuong.organization.models import Staff, Team
from thiduakhenthuong.organization.permissions import get_year

from .. import imports, services
from ..forms import AbsenceFormSet, DisciplineForm, EvaluationForm, ImportForm, ProceedingForm, TeamEvaluationForm
from ..models import AnnualEvaluation, Discipline, Proceeding, TeamEvaluation
from ..permissions import can_evaluate, get_object_for_manage, get_staff_for_evaluate
from .common import selected_year


@staff_required(can_evaluate)
def evaluation_list(request):
    """The year's ratings, one table per team, with absence days (constant queries)."""
    year, year_form = selected_year(request)
    teams = list(Team.objects.filter(school=request.school))
    team_id = query_id(request.GET, "team")
    staff = Staff.objects.filter(school=request.school).select_related("team")
    if year:
        staff = staff.active(year.start_date)
    if team_id:
        staff = staff.filter(team=team_id)
    evaluations = {
        e.staff_id: e
        for e in AnnualEvaluation.objects.filter(school_year=year, staff__school=request.school).prefetch_related(
            "absences"
        )
    }
    team_evaluations = {e.team_id: e for e in TeamEvaluation.objects.filter(school_year=year, team__in=teams)}
    groups: dict = {}
    for person in staff:
        groups.setdefault(person.team_id, []).append((person, evaluations.get(person.pk)))
    sections = [(team, team_evaluations.get(team.pk), groups.get(team.pk, [])) for team in teams]
    sections = [section for section in sections if section[2] or not team_id]
    if None in groups:
        sections.append((None, None, groups[None]))
    if year is None:
        sections = []  # no year to rate in: the page says so instead of offering links without a year
    return render(
        request,
        "awards/evaluation_list.html",
        {"year": year, "year_form": year_form, "sections": sections, "teams": teams, "team_id": team_id},
    )


@staff_required()
def evaluation_edit(request, year_pk, staff_pk):
    staff = get_staff_for_evaluate(request.staff, staff_pk)
    year = get_year(request.staff, year_pk)
    evaluation = AnnualEvaluation.objects.filter(staff=staff, school_year=year).first() or AnnualEvaluation(
        school=request.school, staff=staff, school_year=year
    )
    form = EvaluationForm(request.POST or None, instance=evaluation)
    formset = AbsenceFormSet(request.POST or None, instance=evaluation if evaluation.pk else None, prefix="absences")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        absences = [f.save(commit=False) for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        saved = run_service(
            request,
            lambda: services.save_evaluation(actor=request.user, evaluation=form.save(commit=False), absences=absences),
            f"Đã lưu đánh giá của {staff} năm học {year}.",
            form,
        )
        if saved:
            return redirect(f"{reverse('awards:evaluation_list')}?year={year.pk}")
    return render(
        request, "awards/evaluation_form.html", {"form": form, "formset": formset, "staff": staff, "year": year}
    )


@staff_required(can_evaluate)
def team_evaluation_edit(request, year_pk, team_pk):
    team = get_object_or_404(Team, pk=team_pk, school=request.school)
    year = get_year(request.staff, year_pk)
    evaluation = TeamEvaluation.objects.filter(team=team, school_year=year).first() or TeamEvaluation(
        school=request.school, team=team, school_year=year
    )
    form = TeamEvaluationForm(request.POST or None, instance=evaluation)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: services.save_record(actor=request.user, obj=form.save(commit=False)),
            f"Đã lưu đánh giá của {team} năm học {year}.",
            form,
        )
        if saved:
            return redirect(f"{reverse('awards:evaluation_list')}?year={year.pk}")
    return render(request, "awards/simple_form.html", {"form": form, "title": f"Đánh giá tập thể: {team} – {year}"})


def import_page(request, *, importer, columns, title: str, template_name: str, back: str):
    """Upload an .xlsx; show every row error in Vietnamese and save nothing, or save all rows."""
    if request.GET.get("template"):
        return xlsx_response(template(columns), template_name)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = run_service(
            request, lambda: importer(actor=request.user, school=request.school, upload=upload), form=form
        )
        result = outcome.value if outcome else None
        if result is not None and not result.errors:
            messages.success(request, f"Đã nhập {result.saved} dòng.")
            return redirect(back)
    return render(
        request,
        "awards/import.html",
        {"form": form, "result": result, "title": title, "columns": columns},
    )


@staff_required(can_evaluate)
def evaluation_import(request):
    return import_page(
        request,
        importer=imports.import_evaluations,
        columns=imports.EVALUATION_COLUMNS,
        title="Nhập đánh giá cuối năm từ Excel",
        template_name="mau-danh-gia-cuoi-nam.xlsx",
        back="awards:evaluation_list",
    )


def _record_list(request, model, template_name, *related: str):
    records = model.objects.filter(school=request.school).select_related("staff__team", *related)
    return render(request, template_name, {"page": Paginator(records, 50).get_page(request.GET.get("page"))})


@staff_required(can_evaluate)
def discipline_list(request):
    return _record_list(request, Discipline, "awards/discipline_list.html")


@staff_required(can_evaluate)
def proceeding_list(request):
    return _record_list(request, Proceeding, "awards/proceeding_list.html", "team")


def _record_form(request, obj, form_class, *, title, back):
    form = form_class(request.POST or None, instance=obj, school=request.school)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request, lambda: services.save_record(actor=request.user, obj=form.save(commit=False)), form=form
        )
        if saved:
            messages.success(request, f"Đã lưu: {saved.value}.")
            return redirect(back)
    return render(request, "awards/simple_form.html", {"form": form, "title": title, "back": back})


@staff_required(can_evaluate)
def discipline_create(request):
    return _record_form(request, Discipline(), DisciplineForm, title="Ghi kỷ luật", back="awards:discipline_list")


@staff_required()
def discipline_edit(request, pk):
    discipline = get_object_for_manage(request.staff, Discipline, pk)
    return _record_form(request, discipline, DisciplineForm, title="Sửa kỷ luật", back="awards:discipline_list")


@staff_required(can_evaluate)
def proceeding_create(request):
    return _record_form(
        request,
        Proceeding(),
        ProceedingForm,
        title="Ghi vụ việc đang xem xét",
        back="awards:proceeding_list",
    )


@staff_required()
def proceeding_edit(request, pk):
    proceeding = get_object_for_manage(request.staff, Proceeding, pk)
    return _record_form(
        request,
        proceeding,
        ProceedingForm,
        title="Sửa vụ việc (ghi ngày kết thúc khi đã xong)",
        back="awards:proceeding_list",
    )
