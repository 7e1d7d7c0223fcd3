"""Who may do what, and fetch-and-authorize helpers that keep every query inside the user's school.

Views never load a school-owned object by id directly: they call ``get_<noun>_for_<verb>(request, pk)``,
which returns it only when it belongs to the user's school and the user may act on it, and raises
``Http404`` (other school) or ``PermissionDenied`` (same school, not allowed) otherwise.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Role, Staff

MANAGERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL})
#: Who keeps the school's setup data (staff, teams, years).
STAFF_ADMINS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.ADMINISTRATOR})
#: Who gives staff their sign-in accounts.
ACCOUNT_ADMINS = frozenset({Role.PRINCIPAL, Role.ADMINISTRATOR})
#: Who reads the whole school's records (documents, registrations, the audit trail's readers are narrower).
SCHOOL_READERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK, Role.ADMINISTRATOR})


def load_staff(user) -> Staff | None:
    if not user.is_authenticated:
        return None
    # Runs on every request: no ordering (Staff's default ordering joins the team), at most one row by the
    # one-to-one link.
    return Staff.objects.select_related("school", "team").filter(user_id=user.pk).order_by().first()


def roles_of(user, staff: Staff | None) -> frozenset[str]:
    """A signed-in person's roles: their staff role, ``member`` for all staff, ``administrator`` for superusers."""
    roles = set()
    if staff is not None:
        roles.update({staff.role, Role.MEMBER})
    if getattr(user, "is_superuser", False) and staff is not None:
        roles.add(Role.ADMINISTRATOR)
    return frozenset(roles)


def has_role(request, roles) -> bool:
    return bool(request.roles & frozenset(roles))


def role_required(*roles):
    """View decorator: the signed-in person must hold one of ``roles`` in a school, else 403."""
    allowed = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.school is None or not request.roles & allowed:
                raise PermissionDenied("Bạn không có quyền thực hiện chức năng này.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def school_required(view):
    """View decorator: the signed-in person must be staff of a school (every school page needs one)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.school is None:
            raise PermissionDenied("Tài khoản của bạn chưa gắn với cán bộ của đơn vị nào.")
        return view(request, *args, **kwargs)

    return wrapper


def can_manage_staff(request) -> bool:
    return has_role(request, STAFF_ADMINS)


def can_view_staff(request, staff: Staff) -> bool:
    """Managers see everyone of their school; a team head sees their team; everyone sees themself."""
    if staff.school_id != request.school.pk:
        return False
    if has_role(request, SCHOOL_READERS):
        return True
    me = request.staff
    if me.pk == staff.pk:
        return True
    return me.role == Role.TEAM_HEAD and me.team_id is not None and me.team_id == staff.team_id


def get_staff_for_view(request, pk) -> Staff:
    staff = get_object_or_404(Staff.objects.select_related("team", "user"), pk=pk, school=request.school)
    if not can_view_staff(request, staff):
        raise PermissionDenied("Bạn không có quyền xem hồ sơ này.")
    return staff


def get_staff_for_edit(request, pk) -> Staff:
    staff = get_object_or_404(Staff.objects.select_related("team", "user"), pk=pk, school=request.school)
    if not can_manage_staff(request):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ cán bộ.")
    return staff


def get_staff_for_account(request, pk) -> Staff:
    staff = get_object_or_404(Staff.objects.select_related("team", "user"), pk=pk, school=request.school)
    if not has_role(request, ACCOUNT_ADMINS):
        raise PermissionDenied("Chỉ hiệu trưởng hoặc quản trị viên được tạo tài khoản cho cán bộ.")
    return staff
