from .models import Notification
from .registry import registry


def site(request):
    """Navigation for the signed-in person's roles and their unread-notification count (one query)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    staff = getattr(request, "staff", None)
    return {
        "nav_items": registry.nav_for(staff) if staff is not None else [],
        "unread_count": lambda: Notification.objects.filter(recipient=request.user, read_at__isnull=True).count(),
    }
