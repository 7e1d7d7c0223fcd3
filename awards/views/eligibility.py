"""Eligibility pages: a person's registered titles with what is missing (phone-sized), and the whole school's
table of verdicts for the principal, vice principals and clerk. Each costs a constant number of queries."""

from django.shortcuts import render

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.organization.permissions import get_staff_for_view

from ..eligibility import evaluate_school, verdict_table
from ..permissions import can_read_eligibility
from .common import selected_year


@staff_required(can_read_eligibility)
def school_eligibility(request):
    """People × registered titles, then teams × collective titles, with each verdict and its reasons."""
    year, year_form = selected_year(request)
    rows = evaluate_school(request.school, year) if year else []
    return render(
        request,
        "awards/eligibility_school.html",
        {
            "year": year,
            "year_form": year_form,
            "people": verdict_table(row for row in rows if not row.is_team),
            "teams": verdict_table(row for row in rows if row.is_team),
        },
    )


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
