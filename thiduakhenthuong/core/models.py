"""The shared kernel's records: the audit log and in-app notifications."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
    """One change made through a service: who did what to which object, from which state to which, and why.

    Written by ``thiduakhenthuong.core.audit.record`` inside the service's transaction, so it exists
    exactly when the change does. Never edited.
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
    action = models.CharField("thao tác", max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="loại đối tượng")
    object_id = models.CharField("mã đối tượng", max_length=64)
    object_repr = models.CharField("đối tượng", max_length=300)
    from_state = models.CharField("từ", max_length=100, blank=True)
    to_state = models.CharField("thành", max_length=100, blank=True)
    reason = models.TextField("lý do", blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "nhật ký thao tác"
        verbose_name_plural = "nhật ký thao tác"
        indexes = [models.Index(fields=["content_type", "object_id"]), models.Index(fields=["school", "-created_at"])]

    def __str__(self):
        return f"{self.action}: {self.object_repr}"


class Notification(models.Model):
    """Something waiting for a person, shown in the app and (optionally) sent by e-mail."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name="người nhận"
    )
    title = models.CharField("tiêu đề", max_length=200)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title
