"""Telling people what awaits them: an in-app notification, and an e-mail once the transaction commits."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .models import Notification


def notify(
    *, recipients: Iterable, title: str, body: str = "", url: str = "", email: bool = True
) -> list[Notification]:
    """Create one notification per recipient (users); e-mail those with an address after commit.

    Safe inside a service's transaction: if it rolls back, neither the notifications nor the e-mails exist.
    """
    users = [user for user in recipients if user is not None]
    created = Notification.objects.bulk_create(
        Notification(recipient=user, title=title, body=body, url=url) for user in users
    )
    addresses = [user.email for user in users if user.email]
    if email and addresses:
        link = f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        message = "\n\n".join(part for part in (body, link) if part)

        def send():
            send_mail(title, message, None, addresses, fail_silently=True)

        transaction.on_commit(send)
    return created
