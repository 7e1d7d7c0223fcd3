"""The shared kernel's records: the audit log and in-app notifications."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
    """One change made through a service: who did what (a registered action code) to which object, the values
    before and after (``data``), and why.

    Written by ``thiduakhenthuong.core.audit.record`` inside the service's transaction, so it exists
    exactly when the change does. Never edited. Rows of one request share ``group``.
    """

    school = models.ForeignKey(
        "organization.School",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    action = models.CharField("thao tác", max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="loại đối tượng")
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=300)
    data = models.JSONField("dữ liệu", default=dict, blank=True, help_text='{"before": {…}, "after": {…}}')
    reason = models.TextField("lý do", blank=True)
    group = models.UUIDField("nhóm thao tác", default=uuid.uuid4, db_index=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác"
        indexes = [models.Index(fields=["content_type", "object_id"]), models.Index(fields=["school", "-created_at"])]

    def __str__(self):
        return f"{self.action_label}: {self.object_repr}"

    @property
    def action_label(self) -> str:
        from .audit import label

        return label(self.action)

    @property
    def before(self) -> dict:
        return (self.data or {}).get("before") or {}

    @property
    def after(self) -> dict:
        return (self.data or {}).get("after") or {}


class NotificationQuerySet(models.QuerySet):
    def about(self, obj, kind: str = ""):
        """Notifications whose subject is ``obj`` (and of ``kind``, when given)."""
        rows = self.filter(subject_type=ContentType.objects.get_for_model(obj), subject_id=str(obj.pk))
        return rows.filter(kind=kind) if kind else rows


class Notification(models.Model):
    """Something waiting for a person, shown in the app and (optionally) sent by e-mail.

    A notification that asks for a task names its ``subject`` (the object) and ``kind`` (the task, e.g.
    ``awards.change.decide``); the service that does the task closes it for everyone it was sent to
    (``notifications.close_for``), whoever did it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    kind = models.CharField("loại việc", max_length=100, blank=True)
    subject_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name="loại đối tượng"
    )
    subject_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    closed_at = models.DateTimeField("xong lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["subject_type", "subject_id", "kind"]),
        ]

    def __str__(self):
        return self.title
