"""Helpers shared by the awards pages."""

from django.http import Http404

from thiduakhenthuong.organization.models import SchoolYear

from ..forms import YearFilterForm


def selected_year(request) -> tuple[SchoolYear | None, YearFilterForm]:
    """The year chosen in ``?year=`` (of the user's school), else the current year."""
    form = YearFilterForm(request.GET or None, school=request.school)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    if year is None:
        year = SchoolYear.objects.current(request.school) or SchoolYear.objects.filter(school=request.school).first()
        form = YearFilterForm(initial={"year": year.pk if year else None}, school=request.school)
    return year, form


def selected_year_or_404(request) -> tuple[SchoolYear, YearFilterForm]:
    """``selected_year`` for a page or an action that needs a year: not found while the school has none."""
    year, form = selected_year(request)
    if year is None:
        raise Http404("Chưa có năm học.")
    return year, form
