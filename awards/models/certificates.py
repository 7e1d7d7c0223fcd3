"""Certificates (giấy chứng nhận, giấy khen) of a decision, printed together in the background.

A ``CertificateBatch`` is the one printable file of a decision's certificates: the decision is the school's own
issued QĐ (``decision``) or another authority's, kept as number, date and issuer as the award history keeps it.
Its state lives here (status, progress, the finished PDF in the private media store), so the page that polls it and
the worker that renders it share nothing but the database: a restart of either loses nothing.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import OfficialDocument, private_storage
from thiduakhenthuong.organization.models import School


class BatchStatus(models.TextChoices):
    QUEUED = "queued", "Đang chờ xử lý"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Đã xong"
    FAILED = "failed", "Bị lỗi"


CERTIFICATE_BATCH_WORKFLOW = Workflow(
    noun="tệp giấy khen",
    states=BatchStatus,
    tones={
        BatchStatus.QUEUED: "secondary",
        BatchStatus.RUNNING: "info",
        BatchStatus.DONE: "success",
        BatchStatus.FAILED: "danger",
    },
    verbs=[
        Verb("start", sources={BatchStatus.QUEUED}, target=BatchStatus.RUNNING, label="Bắt đầu tạo"),
        Verb("finish", sources={BatchStatus.RUNNING}, target=BatchStatus.DONE, label="Hoàn tất", tone="success"),
        Verb(
            "fail",
            sources={BatchStatus.QUEUED, BatchStatus.RUNNING},
            target=BatchStatus.FAILED,
            label="Báo lỗi",
            tone="danger",
        ),
        # Asking again re-renders from the award history as it is now; a batch stuck in the queue (its worker gone)
        # may be asked again too (``awards.certificates.STALE_AFTER``).
        Verb(
            "render",
            sources={BatchStatus.DONE, BatchStatus.FAILED, BatchStatus.QUEUED, BatchStatus.RUNNING},
            target=BatchStatus.QUEUED,
            label="Tạo tệp in",
        ),
    ],
)


def batch_upload_to(batch: "CertificateBatch", filename: str) -> str:
    return f"certificates/{batch.school_id}/{batch.pk}.pdf"


class CertificateBatch(WorkflowModel, models.Model):
    """All certificates of one decision as one PDF, rendered by the background worker."""

    workflow = CERTIFICATE_BATCH_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    decision = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quyết định của trường",
    )
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    issuer_name = models.CharField("cơ quan, người quyết định", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=10, choices=BatchStatus.choices, default=BatchStatus.QUEUED)
    total = models.PositiveIntegerField("số giấy", default=0)
    done = models.PositiveIntegerField("đã tạo", default=0)
    file = models.FileField(
        "tệp PDF", storage=private_storage, upload_to=batch_upload_to, blank=True, editable=False, max_length=200
    )
    error = models.TextField("lỗi", blank=True)
    task_id = models.CharField("mã công việc nền", max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField("yêu cầu lúc")
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "tệp giấy khen của quyết định"
        verbose_name_plural = "tệp giấy khen của quyết định"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "decision"], condition=Q(decision__isnull=False), name="certbatch_one_per_decision"
            ),
            models.UniqueConstraint(
                fields=["school", "decision_number", "decision_date", "issuer_name"],
                condition=Q(decision__isnull=True),
                name="certbatch_one_per_other_decision",
            ),
            models.CheckConstraint(
                condition=Q(decision__isnull=False, decision_number="", decision_date__isnull=True, issuer_name="")
                | (Q(decision__isnull=True, decision_date__isnull=False) & ~Q(decision_number="")),
                name="certbatch_decision_by_link_or_text",
            ),
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="certbatch_done_within_total"),
        ]

    def __str__(self):
        return f"Giấy khen theo quyết định {self.decision_symbol}"

    @property
    def decision_symbol(self) -> str:
        return self.decision.symbol if self.decision_id else self.decision_number

    @property
    def decided_on(self):
        return self.decision.document_date if self.decision_id else self.decision_date

    @property
    def percent(self) -> int:
        if self.status == BatchStatus.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0
