"""Eligibility pages: a person's registered titles with what is missing (phone-sized), and the whole school's
table of verdicts for the principal, vice principals and clerk. Each costs a constant number of queries."""

from django.http import Http404
from django.shortcuts import render

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.organization.permissions import get_staff_for_view

from ..eligibility import Row, evaluate_school, verdict_table
from ..exports import eligibility_workbook
from ..forms import EligibilityFilterForm
from ..models import Nomination
from ..permissions import can_read_eligibility
from .common import selected_year


def _school_rows(request):
    """The year's verdicts narrowed by the page's filters (a filter that fails is left out, its message shown).

    The whole school is judged before narrowing: team ratios and caps count everyone, whatever is shown.
    """
    year, year_form = selected_year(request)
    filters = EligibilityFilterForm(request.GET, school=request.school)
    filters.is_valid()
    rows: list[Row] = evaluate_school(request.school, year) if year else []
    team, title = filters.cleaned_data.get("team"), filters.cleaned_data.get("title")
    if team:
        rows = [row for row in rows if (row.subject.pk if row.is_team else row.subject.team_id) == team.pk]
    if title:
        rows = [row for row in rows if row.title.pk == title.pk]
    return year, year_form, filters, rows


@staff_required(can_read_eligibility)
def school_eligibility(request):
    """People × registered titles, then teams × collective titles, with each verdict and its reasons."""
    year, year_form, filters, rows = _school_rows(request)
    return render(
        request,
        "awards/eligibility_school.html",
        {
            "year": year,
            "year_form": year_form,
            "filters": filters,
            "people": verdict_table(row for row in rows if not row.is_team),
            "teams": verdict_table(row for row in rows if row.is_team),
        },
    )


@staff_required(can_read_eligibility)
def school_eligibility_export(request):
    """The table as filtered on screen, one line per registered title, as an .xlsx file."""
    year, _, _, rows = _school_rows(request)
    if year is None:  # the page offers no export then
        raise Http404("Chưa có năm học.")
    return xlsx_response(eligibility_workbook(year, rows), f"xet-danh-hieu-{year.name}.xlsx")


def _person_page(request, person, *, own: bool):
    year, year_form = selected_year(request)
    rows = evaluate_school(request.school, year) if year else []
    return render(
        request,
        "awards/eligibility_person.html",
        {
            "person": person,
            "own": own,
            "year": year,
            "year_form": year_form,
            "rows": [row for row in rows if not row.is_team and row.subject.pk == person.pk],
            "team_rows": [row for row in rows if row.is_team and row.subject.pk == person.team_id],
            # what her team proposed for her this year (the frozen verdict is the council's; the live one is above)
            "nominations": Nomination.objects.for_list().filter(school_year=year, staff=person) if year else [],
        },
    )


@staff_required()
def my_eligibility(request):
    """The signed-in person: for each title registered this year, on track or what is still missing."""
    return _person_page(request, request.staff, own=True)


@staff_required()
def staff_eligibility(request, pk):
    """A reader of the school (or the person's team head) opens one person's verdicts."""
    return _person_page(request, get_staff_for_view(request.staff, pk), own=False)
