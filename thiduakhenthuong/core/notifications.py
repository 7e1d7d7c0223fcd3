"""Telling people what awaits them: an in-app notification, and an e-mail once the transaction commits.

A notification that asks someone to do something (approve a change, number a draft) names the task: its
``subject`` (the object waiting) and ``kind`` (what is to be done to it, a short code such as
``awards.change.decide``). The service that does the task calls ``close_for(subject, kind)``: every copy sent for it
is closed (marked done and read) whoever did the task, so nobody is left with a notice of work already done.

Titles say what happened to what, e.g. "Yêu cầu thay đổi đăng ký “Chiến sĩ thi đua cơ sở” của bạn đã được đồng ý",
never a bare "Đồng ý".
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Notification


def notify(
    *,
    recipients: Iterable,
    title: str,
    body: str = "",
    url: str = "",
    email: bool = True,
    subject=None,
    kind: str = "",
) -> list[Notification]:
    """Create one notification per recipient (users); e-mail those with an address after commit.

    ``subject`` and ``kind`` name the task the notification asks for, so ``close_for`` can close it when done.
    Safe inside a service's transaction: if it rolls back, neither the notifications nor the e-mails exist.
    """
    if (subject is None) != (not kind):
        raise ValueError("A task's notification names both its subject and its kind.")
    users = [user for user in recipients if user is not None]
    subject_fields = {}
    if subject is not None:
        subject_fields = {"subject_type": ContentType.objects.get_for_model(subject), "subject_id": str(subject.pk)}
    created = Notification.objects.bulk_create(
        Notification(recipient=user, title=title[:200], body=body, url=url, kind=kind, **subject_fields)
        for user in users
    )
    addresses = [user.email for user in users if user.email]
    if email and addresses:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        message = "\n\n".join(part for part in (body, link) if part)

        def send():
            send_mail(title, message, None, addresses, fail_silently=True)

        transaction.on_commit(send)
    return created


def close_for(subject, kind: str) -> int:
    """Close every open notification asking for task ``kind`` on ``subject``: the task is done. Returns how many.

    Called by the service that does the task, in its transaction; unread copies also become read.
    """
    now = timezone.now()
    open_rows = Notification.objects.about(subject, kind).filter(closed_at__isnull=True)
    return open_rows.update(closed_at=now, read_at=Coalesce("read_at", Value(now)))
