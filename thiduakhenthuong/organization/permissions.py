"""Who may do what, over the person: predicates and fetch-and-authorize helpers that take the staff member.

Nothing here takes an HTTP request, so a management command, a scheduled job or a council tally asks the same
questions as a page. Predicates are ``can_<verb>_<noun>(staff[, obj]) -> bool``; helpers
``get_<noun>_for_<verb>(staff, pk)`` return an object only when it belongs to the person's school and the person may
act on it, and raise ``Http404`` (missing, or another school's) or ``PermissionDenied`` (same school, not allowed).
Views reach them through the one request adapter, ``thiduakhenthuong.core.access.staff_required``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Role, SchoolYear, Staff, Team

MANAGERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL})
#: Who keeps the school's setup data (staff, teams, years).
STAFF_ADMINS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.ADMINISTRATOR})
#: Who gives staff their sign-in accounts.
ACCOUNT_ADMINS = frozenset({Role.PRINCIPAL, Role.ADMINISTRATOR})
#: Who reads the whole school's records (documents, registrations, the audit trail's readers are narrower).
SCHOOL_READERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK, Role.ADMINISTRATOR})
#: Who reads the audit log of the school.
AUDIT_READERS = frozenset({Role.PRINCIPAL})
#: Who administers the school's setup data in the Django admin, scoped to their school (never a superuser).
SCHOOL_ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})


def load_staff(user) -> Staff | None:
    if not user.is_authenticated:
        return None
    # Runs on every request: no ordering (Staff's default ordering joins the team), at most one row by the
    # one-to-one link.
    return Staff.objects.select_related("school", "team").filter(user_id=user.pk).order_by().first()


def roles_of(staff: Staff | None) -> frozenset[str]:
    """A person's roles: their staff role and ``member``, which every staff member is. None: no roles."""
    if staff is None:
        return frozenset()
    return frozenset({staff.role, Role.MEMBER})


def holds(staff: Staff | None, roles) -> bool:
    """Whether ``staff`` holds one of ``roles`` (``member`` stands for every staff member)."""
    return bool(roles_of(staff) & frozenset(roles))


def anyone(staff: Staff) -> bool:
    """Every staff member of a school."""
    return staff is not None


# --- staff, teams, years ---
def can_list_staff(staff: Staff) -> bool:
    """The school's readers list everyone; a team head lists their team."""
    return holds(staff, SCHOOL_READERS | {Role.TEAM_HEAD})


def can_list_all_staff(staff: Staff) -> bool:
    return holds(staff, SCHOOL_READERS)


def can_manage_staff(staff: Staff) -> bool:
    return holds(staff, STAFF_ADMINS)


def can_create_accounts(staff: Staff) -> bool:
    return holds(staff, ACCOUNT_ADMINS)


def can_view_staff(staff: Staff, person: Staff) -> bool:
    """Readers see everyone of their school; a team head sees their team; everyone sees themself."""
    if person.school_id != staff.school_id:
        return False
    if holds(staff, SCHOOL_READERS) or staff.pk == person.pk:
        return True
    return staff.role == Role.TEAM_HEAD and staff.team_id is not None and staff.team_id == person.team_id


def can_create_account(staff: Staff, person: Staff) -> bool:
    """An account for someone of the school who has none and still works there."""
    return (
        person.school_id == staff.school_id
        and can_create_accounts(staff)
        and person.user_id is None
        and person.is_active
    )


def can_read_years(staff: Staff) -> bool:
    return holds(staff, SCHOOL_READERS)


def can_read_audit(staff: Staff) -> bool:
    return holds(staff, AUDIT_READERS)


def administers_school(staff: Staff | None) -> bool:
    """The school's own administrator: setup data of their school in the admin, scoped to it."""
    return holds(staff, SCHOOL_ADMINISTRATORS)


def _staff(staff: Staff, pk) -> Staff:
    return get_object_or_404(Staff.objects.select_related("team", "user"), pk=pk, school_id=staff.school_id)


def get_staff_for_view(staff: Staff, pk) -> Staff:
    person = _staff(staff, pk)
    if not can_view_staff(staff, person):
        raise PermissionDenied("Bạn không có quyền xem hồ sơ này.")
    return person


def get_staff_for_edit(staff: Staff, pk) -> Staff:
    person = _staff(staff, pk)
    if not can_manage_staff(staff):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ cán bộ.")
    return person


def get_staff_for_account(staff: Staff, pk) -> Staff:
    person = _staff(staff, pk)
    if not can_create_accounts(staff):
        raise PermissionDenied("Chỉ hiệu trưởng hoặc quản trị viên được tạo tài khoản cho cán bộ.")
    return person


def get_year(staff: Staff, pk) -> SchoolYear:
    """A school year of the person's school (every staff member may read which years exist); else 404."""
    return get_object_or_404(SchoolYear, pk=pk, school_id=staff.school_id)


def get_year_for_set_current(staff: Staff, pk) -> SchoolYear:
    year = get_year(staff, pk)
    if not can_manage_staff(staff):
        raise PermissionDenied("Bạn không có quyền đặt năm học hiện tại.")
    return year


def get_team(staff: Staff, pk) -> Team:
    return get_object_or_404(Team, pk=pk, school_id=staff.school_id)
