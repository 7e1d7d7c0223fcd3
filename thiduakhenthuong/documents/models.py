"""Official documents (văn bản đi) of a school and its councils, and the register that numbers them.

A document is drafted, then issued (the clerk gives it the next number of its issuer's yearly sequence),
then signed (the scan of the signed and stamped paper is attached) or cancelled. Numbers are never reused.
Every change goes through ``services``; the printed form comes from ``rendering``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q

from thiduakhenthuong.core.text import fold
from thiduakhenthuong.core.uploads import stored_extension
from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel

from .formatting import build_symbol


class DocumentType(models.TextChoices):
    """The kind of document; the value is the abbreviation printed in the symbol (23/KH-THCD)."""

    PLAN = "KH", "Kế hoạch"
    DECISION = "QĐ", "Quyết định"
    SUBMISSION = "TTr", "Tờ trình"
    MINUTES = "BB", "Biên bản"
    REPORT = "BC", "Báo cáo"
    NOTICE = "TB", "Thông báo"
    # A công văn has no type abbreviation: its symbol is UNIT-DRAFTING UNIT (23/THCD-VP).
    LETTER = "CV", "Công văn"


class SignerCapacity(models.TextChoices):
    """Capacity in which the signer signs, printed before the authority (KT. HIỆU TRƯỞNG)."""

    NONE = "", "(không)"
    KT = "KT.", "KT. (ký thay)"
    TM = "TM.", "TM. (thay mặt)"
    Q = "Q.", "Q. (quyền)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa uỷ quyền)"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã cấp số"
    SIGNED = "signed", "Đã ký"
    CANCELLED = "cancelled", "Đã huỷ"


#: The workflow: for each verb, the states it may start from and the state it leads to.
#: ``services`` calls ``OfficialDocument.check_transition`` before every change.
DOCUMENT_WORKFLOW = Workflow(
    noun="văn bản",
    states=DocumentStatus,
    tones={
        DocumentStatus.DRAFT: "warning",
        DocumentStatus.ISSUED: "primary",
        DocumentStatus.SIGNED: "success",
        DocumentStatus.CANCELLED: "secondary",
    },
    verbs=[
        Verb("update", sources={DocumentStatus.DRAFT}, target=DocumentStatus.DRAFT, label="Sửa", tone="secondary"),
        Verb("issue", sources={DocumentStatus.DRAFT}, target=DocumentStatus.ISSUED, label="Cấp số", tone="success"),
        Verb(
            "register_historical",
            sources={DocumentStatus.DRAFT},
            target=DocumentStatus.ISSUED,
            label="Đăng ký số đã có",
            phrase="đăng ký số cho",
            tone="secondary",
        ),
        # A signed document may get a better scan; the state stays "signed".
        Verb(
            "attach_signed_scan",
            sources={DocumentStatus.ISSUED, DocumentStatus.SIGNED},
            target=DocumentStatus.SIGNED,
            label="Đính kèm bản ký",
            phrase="đính kèm bản ký cho",
        ),
        # A signed (and stamped) document is in force: revoking it takes a new document, not a cancellation.
        Verb(
            "cancel",
            sources={DocumentStatus.DRAFT, DocumentStatus.ISSUED},
            target=DocumentStatus.CANCELLED,
            label="Huỷ",
            tone="danger",
        ),
    ],
)


class IssuerKind(models.TextChoices):
    SCHOOL = "school", "Đơn vị"
    COUNCIL = "council", "Hội đồng"


class Issuer(models.Model):
    """Who issues in its own name: the school itself, or one of its councils (each with its own number sequence)."""

    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="issuers", verbose_name="đơn vị"
    )
    kind = models.CharField("loại", max_length=10, choices=IssuerKind.choices, default=IssuerKind.SCHOOL)
    name = models.CharField("tên cơ quan ban hành", max_length=200, help_text="Ví dụ: Trường Tiểu học Cao Dương.")
    abbreviation = models.CharField("viết tắt", max_length=20, help_text="Dùng trong ký hiệu văn bản, ví dụ: THCD.")
    parent_name = models.CharField(
        "cơ quan cấp trên",
        max_length=200,
        blank=True,
        help_text="Dòng in phía trên tên cơ quan ban hành, ví dụ: UBND huyện Thanh Oai.",
    )

    class Meta:
        ordering = ["school", "kind", "name"]
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        constraints = [
            models.UniqueConstraint(fields=["school", "abbreviation"], name="issuer_unique_abbreviation"),
            models.UniqueConstraint(fields=["school"], condition=Q(kind="school"), name="issuer_one_school_issuer"),
            models.CheckConstraint(condition=~Q(abbreviation=""), name="issuer_abbreviation_not_empty"),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_school(cls, school) -> "Issuer":
        """The school's own issuer, created from the school's name, abbreviation and parent agency when missing."""
        issuer, _ = cls.objects.get_or_create(
            school=school,
            kind=IssuerKind.SCHOOL,
            defaults={"name": school.name, "abbreviation": school.abbreviation, "parent_name": school.parent_agency},
        )
        return issuer

    @classmethod
    def for_council(cls, school, *, name: str, abbreviation: str) -> "Issuer":
        """A council of ``school`` issuing in its own name (own number sequence), created when missing.

        Its header's upper line is the school's name, e.g. "Trường Tiểu học Cao Dương" above "Hội đồng Thi đua -
        Khen thưởng" (abbreviation "HĐTĐKT", symbols like 02/BB-HĐTĐKT).
        """
        issuer, _ = cls.objects.get_or_create(
            school=school,
            abbreviation=abbreviation,
            defaults={"kind": IssuerKind.COUNCIL, "name": name, "parent_name": school.name},
        )
        return issuer


class NumberRegister(models.Model):
    """Sổ đăng ký văn bản đi: the last number handed out by one issuer in one calendar year.

    Only ``services`` touches it, under ``select_for_update``, so the sequence has no gaps and no duplicates.
    """

    issuer = models.ForeignKey(Issuer, on_delete=models.CASCADE, related_name="registers", verbose_name="cơ quan")
    year = models.PositiveSmallIntegerField("năm")
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        ordering = ["issuer", "-year"]
        verbose_name = "sổ đăng ký văn bản đi"
        verbose_name_plural = "sổ đăng ký văn bản đi"
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="numberregister_unique_year")]

    def __str__(self):
        return f"{self.issuer.abbreviation} {self.year}: {self.last_number}"


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT that have no public URL: they are served only by permission-checked views."""

    def url(self, name):
        raise ValueError("Tệp này chỉ được tải qua trang có kiểm tra quyền.")


private_storage = PrivateStorage()


def scan_upload_to(document: "OfficialDocument", filename: str) -> str:
    """``documents/scans/<school>/<year>/<id>.<type>``: the type is the one detected from the content, which
    ``services.attach_signed_scan`` puts in ``filename``; a person's own file name is refused (ValueError)."""
    extension = stored_extension(filename, settings.DOCUMENT_SCAN_ALLOWED_TYPES.values())
    return f"documents/scans/{document.school_id}/{document.year or 'nam'}/{document.pk}.{extension}"


class OfficialDocumentQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("issuer", "signer", "drafter")

    def search(self, text: str):
        """Accent-insensitive search in the symbol, type, summary, signer and body ("thi dua" finds "thi đua")."""
        return self.filter(search_text__contains=fold(text)) if text and text.strip() else self

    def issued_decisions(self, school):
        """The school's own decisions (QĐ) with a number (issued or signed): what a record of the school's decision
        (an award, an initiative's recognition) may point to."""
        return self.filter(
            school=school, doc_type=DocumentType.DECISION, status__in=[DocumentStatus.ISSUED, DocumentStatus.SIGNED]
        )


class OfficialDocument(WorkflowModel, models.Model):
    """One outgoing official document in the national format (Nghị định 30/2020/NĐ-CP, Phụ lục I).

    ``content`` carries structured data an app's own printed template needs (a decision's attached list…),
    ``template_name`` names that template; both are passed to ``rendering.render_document_pdf``.
    """

    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="documents", verbose_name="đơn vị", editable=False
    )
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="documents", verbose_name="ban hành")
    doc_type = models.CharField("loại văn bản", max_length=5, choices=DocumentType.choices)
    drafting_unit = models.CharField(
        "đơn vị soạn thảo (công văn)",
        max_length=20,
        blank=True,
        help_text="Chỉ dùng cho công văn: ký hiệu là TÊN ĐƠN VỊ-ĐƠN VỊ SOẠN THẢO, ví dụ THCD-VP.",
    )
    number = models.PositiveIntegerField("số", null=True, blank=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=60, blank=True, db_index=True)
    place_name = models.CharField("địa danh", max_length=100, blank=True)
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    summary = models.CharField("trích yếu", max_length=500)
    grounds = models.TextField("căn cứ", blank=True, help_text="Mỗi căn cứ một dòng.")
    addressees = models.TextField("kính gửi", blank=True, help_text="Mỗi nơi một dòng.")
    body = models.TextField(
        "nội dung",
        blank=True,
        help_text="Mỗi đoạn một dòng. Dòng bắt đầu bằng “I.”, “1.” hay “Điều 1.” được in đậm như đề mục.",
    )
    content = models.JSONField("dữ liệu kèm theo", default=dict, blank=True)
    template_name = models.CharField("mẫu in", max_length=200, default="documents/pdf/document.html")
    signer = models.ForeignKey(
        "organization.Staff",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signed_documents",
        verbose_name="người ký",
    )
    signer_capacity = models.CharField(
        "thẩm quyền ký", max_length=5, choices=SignerCapacity.choices, default=SignerCapacity.NONE, blank=True
    )
    signer_authority = models.CharField(
        "chức danh cơ quan/người đứng đầu",
        max_length=100,
        blank=True,
        help_text="In sau thẩm quyền ký, ví dụ: HIỆU TRƯỞNG, HỘI ĐỒNG.",
    )
    signer_position = models.CharField(
        "chức vụ người ký",
        max_length=100,
        blank=True,
        help_text="Khi ký thay, thay mặt…: ví dụ PHÓ HIỆU TRƯỞNG, CHỦ TỊCH.",
    )
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.TextField("nơi nhận", blank=True, help_text="Mỗi nơi một dòng, ví dụ: Phòng GDĐT (để b/c).")
    archive_note = models.CharField("lưu", max_length=100, blank=True, help_text="Ví dụ: VT (Ánh 02).")
    drafter = models.ForeignKey(
        "organization.Staff",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafted_documents",
        verbose_name="người soạn thảo",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT, editable=False
    )
    signed_scan = models.FileField(
        "bản ký (scan)", storage=private_storage, upload_to=scan_upload_to, blank=True, editable=False
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    issued_at = models.DateTimeField("cấp số lúc", null=True, blank=True, editable=False)
    signed_at = models.DateTimeField("đính kèm bản ký lúc", null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField("huỷ lúc", null=True, blank=True, editable=False)
    cancel_reason = models.TextField("lý do huỷ", blank=True, editable=False)
    # The header as printed on the day the number was given, so renaming the school later leaves old papers intact.
    issuer_parent_name = models.CharField("cơ quan cấp trên (khi ban hành)", max_length=200, blank=True)
    issuer_name = models.CharField("cơ quan ban hành (khi ban hành)", max_length=200, blank=True)
    is_historical = models.BooleanField("văn bản giấy đăng ký lại", default=False, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    objects = OfficialDocumentQuerySet.as_manager()
    workflow = DOCUMENT_WORKFLOW

    class Meta:
        ordering = [
            models.F("year").desc(nulls_first=True),
            models.F("number").desc(nulls_first=True),
            "-created_at",
            "-id",
        ]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"], condition=Q(number__isnull=False), name="document_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True)
                | Q(status__in=["issued", "signed"], number__isnull=False, year__isnull=False)
                | Q(status="cancelled"),
                name="document_number_matches_status",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="document_number_positive"
            ),
            models.CheckConstraint(condition=~Q(status="signed") | ~Q(signed_scan=""), name="document_signed_has_scan"),
        ]
        indexes = [
            models.Index(fields=["school", "status"]),
            models.Index(fields=["school", "year", "doc_type"]),
        ]

    def __str__(self):
        return f"{self.get_doc_type_display()} {self.symbol or '(chưa có số)'}: {self.summary}"[:300]

    def save(self, *args, **kwargs):
        self.refresh_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "school", "symbol", "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        school_id = self.issuer.school_id if self.issuer_id else None
        if self.signer_id and self.signer.school_id != school_id:
            errors["signer"] = "Người ký phải là cán bộ của đơn vị ban hành."
        if self.drafter_id and self.drafter.school_id != school_id:
            errors["drafter"] = "Người soạn thảo phải là cán bộ của đơn vị ban hành."
        if self.doc_type != DocumentType.LETTER and self.drafting_unit:
            errors["drafting_unit"] = "Chỉ công văn mới ghi đơn vị soạn thảo trong ký hiệu."
        if not isinstance(self.content, dict):
            errors["content"] = "Dữ liệu kèm theo phải là một từ điển."
        if errors:
            raise ValidationError(errors)

    # --- derived values -------------------------------------------------------------------------------------
    def refresh_derived(self) -> None:
        """Recompute the school, the symbol and the search text from the row (called by ``save``)."""
        if self.issuer_id:
            self.school_id = self.issuer.school_id
            self.symbol = build_symbol(
                number=self.number,
                doc_type=self.doc_type,
                issuer_abbreviation=self.issuer.abbreviation,
                drafting_unit=self.drafting_unit,
            )
        self.search_text = fold(
            " ".join([self.symbol, self.get_doc_type_display(), self.summary, self.signer_name, self.body or ""])
        )

    @property
    def type_name(self) -> str:
        """The type's name as printed in capitals above the summary (KẾ HOẠCH); none for a công văn."""
        return "" if self.doc_type == DocumentType.LETTER else self.get_doc_type_display().upper()

    @property
    def header_parent_name(self) -> str:
        return self.issuer_parent_name or (self.issuer.parent_name if self.issuer_id else "")

    @property
    def header_issuer_name(self) -> str:
        return self.issuer_name or (self.issuer.name if self.issuer_id else "")

    @property
    def header_place_name(self) -> str:
        return self.place_name or (self.issuer.school.place_name if self.issuer_id else "")

    @property
    def signer_title(self) -> str:
        """The signature block's first line: capacity and authority (KT. HIỆU TRƯỞNG; TM. HỘI ĐỒNG)."""
        return " ".join(part for part in (self.signer_capacity, self.signer_authority.upper()) if part)

    @property
    def has_scan(self) -> bool:
        return bool(self.signed_scan)


class YearlyReportQuerySet(models.QuerySet):
    def of_year(self, school_year):
        """The year's report with its document, or None."""
        return self.select_related("document").filter(school_year=school_year).first()


class YearlyReport(models.Model):
    """A report (BC) the school writes once a school year from an app's figures: an official document numbered,
    printed and archived through the register, its figures frozen in the document's ``content`` when it is drafted
    or refreshed (``services.draft_yearly_report``). Each app's concrete model adds only its names; the figures and
    the printed template are the app's."""

    school = models.ForeignKey("organization.School", on_delete=models.CASCADE, related_name="+")
    school_year = models.OneToOneField(
        "organization.SchoolYear", on_delete=models.PROTECT, related_name="+", verbose_name="năm học"
    )
    document = models.OneToOneField(OfficialDocument, on_delete=models.PROTECT, related_name="+")
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = YearlyReportQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_draft(self) -> bool:
        """Its figures may still be taken again; numbered, it stays as issued."""
        return self.document.status == DocumentStatus.DRAFT
