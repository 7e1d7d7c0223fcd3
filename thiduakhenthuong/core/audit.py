"""Writing the audit log. Services call ``record`` inside their own ``transaction.atomic()`` block."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def record(
    *, actor, action: str, obj, school=None, from_state: str = "", to_state: str = "", reason: str = ""
) -> AuditEntry:
    """Append one audit row for ``obj``; ``school`` defaults to ``obj.school`` when the object has one."""
    if school is None:
        school = getattr(obj, "school", None)
    return AuditEntry.objects.create(
        school=school,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason or "",
    )
