"""A staff member's own "Hồ sơ thi đua": registrations, evaluations, initiatives and awards."""

from django.db.models import Q
from django.shortcuts import render

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.organization.models import SchoolYear
from thiduakhenthuong.organization.permissions import get_staff_for_view

from ..models import AnnualEvaluation, AwardRecord, Initiative, Registration, RegistrationChange
from ..permissions import teams_to_register


def _profile(request, staff, own: bool):
    year = SchoolYear.objects.current(request.school)
    context = {
        "person": staff,
        "own": own,
        "year": year,
        "registrations": Registration.objects.filter(staff=staff).for_list().order_by("-school_year__start_date"),
        "changes": RegistrationChange.objects.filter(staff=staff).for_list(),
        "evaluations": AnnualEvaluation.objects.filter(staff=staff)
        .select_related("school_year")
        .prefetch_related("absences")
        .order_by("-school_year__start_date"),
        "initiatives": Initiative.objects.filter(Q(author=staff) | Q(co_authors=staff))
        .distinct()
        .select_related("school_year", "use__award__title"),
        "awards": AwardRecord.objects.filter(Q(staff=staff) | Q(team=staff.team_id, team__isnull=False))
        .for_list()
        .prefetch_related("initiative_uses__initiative"),
        "team_links": teams_to_register(request.staff) if own else [],
    }
    return render(request, "awards/profile.html", context)


@staff_required()
def my_profile(request):
    return _profile(request, request.staff, own=True)


@staff_required()
def staff_profile(request, pk):
    """A manager (or the person's team head) reads someone's record."""
    return _profile(request, get_staff_for_view(request.staff, pk), own=False)
