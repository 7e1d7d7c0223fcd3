from .models import Notification
from .registry import registry


def site(request):
    """The menu for the signed-in person's roles and their unread-notification count (one query)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    staff = getattr(request, "staff", None)
    match = getattr(request, "resolver_match", None)
    return {
        # callables: evaluated only when a full page (not an htmx fragment) shows them
        "nav_menu": lambda: registry.menu_html(staff, match.namespace if match else "") if staff is not None else "",
        "unread_count": lambda: Notification.objects.filter(recipient=request.user, read_at__isnull=True).count(),
    }
