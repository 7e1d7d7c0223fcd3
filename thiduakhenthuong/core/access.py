"""The one adapter between an HTTP request and the permission predicates, which take the staff member.

Every school page is decorated with ``staff_required(predicate)``: the view runs only for a signed-in staff member
of a school (``request.staff``, set by ``CurrentStaffMiddleware``) for whom ``predicate(request.staff)`` holds, and
answers 403 otherwise. Inside, views pass ``request.staff`` to the ``get_<noun>_for_<verb>`` helpers of the app's
``permissions.py``. The nav uses the same predicates (``NavItem.allowed``), so a link is shown exactly when its
page lets the person in.
"""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from thiduakhenthuong.organization.models import Staff
from thiduakhenthuong.organization.permissions import anyone, load_staff

NO_SCHOOL = "Tài khoản của bạn chưa gắn với cán bộ của đơn vị nào."
FORBIDDEN = "Bạn không có quyền thực hiện chức năng này."


def acting_staff(actor) -> Staff | None:
    """The staff member behind a service's ``actor`` (None for system work: the demo loader, a command); a user
    without a school may do nothing there."""
    if actor is None:
        return None
    staff = load_staff(actor)
    if staff is None:
        raise PermissionDenied(NO_SCHOOL)
    return staff


def staff_required(allowed: Callable = anyone, message: str = FORBIDDEN):
    """View decorator: a staff member of a school for whom ``allowed(staff)`` holds, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            staff = getattr(request, "staff", None)
            if staff is None:
                raise PermissionDenied(NO_SCHOOL)
            if not allowed(staff):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
