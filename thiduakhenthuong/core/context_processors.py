from .models import Notification
from .registry import registry


def site(request):
    """Navigation for the signed-in person's roles and their unread-notification count (one query)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    roles = getattr(request, "roles", frozenset())
    return {
        "nav_items": registry.nav_for(roles) if getattr(request, "school", None) else [],
        "unread_count": lambda: Notification.objects.filter(recipient=request.user, read_at__isnull=True).count(),
    }
