from .admin_site import enters_admin
from .compiled import CompiledQuery
from .models import Notification
from .registry import registry

_UNREAD = CompiledQuery(lambda user: Notification.objects.filter(recipient=user, read_at__isnull=True))


def site(request):
    """The menu for the signed-in person's roles and their unread-notification count (one query)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    staff = getattr(request, "staff", None)
    match = getattr(request, "resolver_match", None)
    return {
        # callables: evaluated only when a full page (not an htmx fragment) shows them
        "nav_menu": lambda: _menu(request, staff, match.namespace if match else ""),
        "enters_admin": lambda: enters_admin(request),
        "unread_count": lambda: _UNREAD.count(user=request.user.pk),
    }


def _menu(request, staff, active: str) -> str:
    """A school's staff member: their menu. The deployment's superuser (no school): the deployment's pages."""
    if staff is not None:
        return registry.menu_html(staff, active)
    return registry.deployment_menu_html(active) if request.user.is_superuser else ""
