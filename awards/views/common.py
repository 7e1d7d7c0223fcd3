"""Helpers shared by the awards pages."""

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
