"""Người tốt, việc tốt: the people whose good deeds the school records (``Exemplar``), the deeds (``GoodDeed``) with
their evidence photos, and the writing contest on exemplary people (``ContestRound``, ``ContestEntry``).

A deed is reported by any staff member, then verified (or rejected with a reason) by the principal or a
vice-principal through ``DEED_WORKFLOW``; a verified deed is on the school's public page unless the school hides it.
A pupil's full name goes public only with the consent recorded on the deed. Every change goes through ``services``.
"""

import uuid

from django.db import models
from django.db.models import Q

from awards.models import Nomination
from thiduakhenthuong.core.text import fold
from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import YearlyReport, private_storage
from thiduakhenthuong.organization.models import OtherPerson, Pupil, School, SchoolYear, Staff

EXEMPLAR_FIELDS = ("staff", "pupil", "other_person")


class Exemplar(models.Model):
    """A person the school records good deeds of: a staff member, a pupil (with the class), or another person (a
    parent, a citizen: ``OtherPerson``). Exactly one; one row per person."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    staff = models.OneToOneField(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cán bộ"
    )
    pupil = models.OneToOneField(
        Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="học sinh"
    )
    other_person = models.OneToOneField(
        OtherPerson, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cá nhân khác"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gương người tốt"
        verbose_name_plural = "gương người tốt"
        constraints = [
            models.CheckConstraint(
                condition=Q(staff__isnull=False, pupil__isnull=True, other_person__isnull=True)
                | Q(staff__isnull=True, pupil__isnull=False, other_person__isnull=True)
                | Q(staff__isnull=True, pupil__isnull=True, other_person__isnull=False),
                name="exemplar_one_person",
            ),
        ]

    def __str__(self):
        return str(self.person)

    @property
    def kind(self) -> str:
        return next(field for field in EXEMPLAR_FIELDS if getattr(self, f"{field}_id"))

    @property
    def person(self):
        return getattr(self, self.kind)

    @property
    def full_name(self) -> str:
        return self.person.full_name

    @property
    def detail(self) -> str:
        """Class or position, as every page prints it beside the name (select_related the person's relations)."""
        if self.pupil_id:
            return f"Học sinh {self.pupil.class_group}"
        if self.staff_id:
            return self.staff.position
        return self.other_person.get_relation_display()


class DeedStatus(models.TextChoices):
    REPORTED = "reported", "Chờ xác minh"
    VERIFIED = "verified", "Đã xác minh"
    REJECTED = "rejected", "Không xác minh"


DEED_WORKFLOW = Workflow(
    noun="việc tốt",
    states=DeedStatus,
    tones={DeedStatus.REPORTED: "warning", DeedStatus.VERIFIED: "success", DeedStatus.REJECTED: "secondary"},
    verbs=[
        Verb("edit", sources={DeedStatus.REPORTED}, target=DeedStatus.REPORTED, label="Sửa", tone="secondary"),
        Verb("verify", sources={DeedStatus.REPORTED}, target=DeedStatus.VERIFIED, label="Xác minh", tone="success"),
        Verb("reject", sources={DeedStatus.REPORTED}, target=DeedStatus.REJECTED, label="Không xác minh",
             tone="danger"),
    ],
    describe=lambda deed: f"“{deed.title}”",
)  # fmt: skip


class GoodDeedQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "exemplar__staff", "exemplar__pupil__class_group", "exemplar__other_person", "reported_by", "school_year"
        )

    def public(self):
        """What the public page shows: verified and not hidden."""
        return self.filter(status=DeedStatus.VERIFIED, is_hidden=False)

    def search(self, text: str):
        """Accent-insensitive search in the title, description, place and the person's name."""
        return self.filter(search_text__contains=fold(text)) if text and text.strip() else self

    def public_search(self, text: str):
        """The public page's search: the name only as published."""
        return self.filter(public_search_text__contains=fold(text)) if text and text.strip() else self


class GoodDeed(WorkflowModel, models.Model):
    """A good deed (việc tốt) of one exemplar, reported by a staff member, verified by the principal or a
    vice-principal. ``full_name_consent``: the pupil's parents (or the person) agreed that the full name be
    published; without it the public page prints the given name and the class."""

    workflow = DEED_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    exemplar = models.ForeignKey(Exemplar, on_delete=models.PROTECT, related_name="deeds", verbose_name="người")
    title = models.CharField("việc tốt", max_length=200, help_text="Ví dụ: Nhặt được ví tiền, trả lại người đánh rơi.")
    description = models.TextField("diễn biến", max_length=4000)
    occurred_on = models.DateField("ngày")
    place = models.CharField("nơi", max_length=200, blank=True)
    full_name_consent = models.BooleanField(
        "đồng ý công khai họ tên đầy đủ",
        default=False,
        help_text="Với học sinh: cha mẹ đã đồng ý. Không chọn thì trang công khai chỉ ghi tên và lớp.",
    )
    status = models.CharField("trạng thái", max_length=10, choices=DeedStatus.choices, default=DeedStatus.REPORTED)
    reported_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="người báo")
    reported_at = models.DateTimeField("báo lúc", auto_now_add=True)
    verified_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người xác minh"
    )
    verified_at = models.DateTimeField("xác minh lúc", null=True, blank=True)
    reject_reason = models.TextField("lý do không xác minh", blank=True)
    is_hidden = models.BooleanField("ẩn khỏi trang công khai", default=False)
    hidden_reason = models.CharField("lý do ẩn", max_length=300, blank=True)
    commendation = models.OneToOneField(
        Nomination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đề nghị khen thưởng đột xuất",
    )
    search_text = models.TextField(editable=False, blank=True)
    #: What the public page searches: the name only as it is published (a pupil's full name is not findable there
    #: without the consent, or a search would tell whose deed it is).
    public_search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoodDeedQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = "việc tốt"
        verbose_name_plural = "người tốt, việc tốt"
        indexes = [models.Index(fields=["school", "status", "is_hidden", "-occurred_on"], name="deed_public_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False), name="deed_verified_has_time"
            ),
            models.CheckConstraint(condition=~Q(status="rejected") | ~Q(reject_reason=""), name="deed_rejected_why"),
        ]

    def __str__(self):
        return self.title

    def refresh_search(self) -> None:
        texts = [self.title, self.description, self.place]
        self.search_text = fold(" ".join([*texts, self.exemplar.full_name]))
        self.public_search_text = fold(" ".join([*texts, self.public_name, self.exemplar.detail]))

    @property
    def is_public(self) -> bool:
        return self.status == DeedStatus.VERIFIED and not self.is_hidden

    @property
    def public_name(self) -> str:
        """The name the public page prints: the full name of staff; of a pupil or another person only with the
        consent recorded on the deed, else the given name (the last word of a Vietnamese name)."""
        exemplar = self.exemplar
        if exemplar.staff_id or self.full_name_consent:
            return exemplar.full_name
        given = exemplar.full_name.split()[-1:] or [""]
        return f"Em {given[0]}" if exemplar.pupil_id else given[0]


def image_upload_to(image: "EvidenceImage", filename: str) -> str:
    """A random name (the person's file name is never used, not even kept: the image is re-encoded)."""
    return f"exemplars/{image.deed.school_id}/{uuid.uuid4().hex}.jpg"


class EvidenceImage(models.Model):
    """A photo of a deed, re-encoded as JPEG without metadata (``images.clean_image``), stored without a public URL
    and served only through the views that check who may see it."""

    deed = models.ForeignKey(GoodDeed, on_delete=models.CASCADE, related_name="images", verbose_name="việc tốt")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField("ảnh", storage=private_storage, upload_to=image_upload_to)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "ảnh minh chứng"
        verbose_name_plural = "ảnh minh chứng"

    def __str__(self):
        return f"Ảnh {self.pk} – {self.deed}"


# --------------------------------------------------------------------------------------------------
# The writing contest on exemplary people
# --------------------------------------------------------------------------------------------------


class ContestRound(models.Model):
    """One round of the writing contest (Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt) in a
    school year: entries are written between ``opens_on`` and ``closes_on``; the school selects the entries it
    sends to the higher office by ``send_by``."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    name = models.CharField(
        "tên cuộc thi", max_length=300, default="Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt"
    )
    organiser = models.CharField("cơ quan phát động", max_length=200, help_text="Ví dụ: Phòng GDĐT huyện Thanh Oai.")
    opens_on = models.DateField("nhận bài từ ngày")
    closes_on = models.DateField("hạn nộp bài")
    send_by = models.DateField("hạn gửi bài dự thi lên cấp trên")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-school_year__start_date"]
        verbose_name = "cuộc thi viết"
        verbose_name_plural = "cuộc thi viết"
        constraints = [
            models.UniqueConstraint(fields=["school_year"], name="contestround_one_per_year"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="contestround_dates"),
            models.CheckConstraint(condition=Q(send_by__gte=models.F("closes_on")), name="contestround_send_after"),
        ]

    def __str__(self):
        return f"{self.name} năm học {self.school_year}"

    def is_open(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class ContestEntry(models.Model):
    """An entry (bài dự thi) by a staff member about an exemplary person."""

    contest = models.ForeignKey(ContestRound, on_delete=models.CASCADE, related_name="entries", verbose_name="cuộc thi")
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="tác giả")
    title = models.CharField("tên bài viết", max_length=300)
    subject_name = models.CharField("người được viết về", max_length=200)
    subject_detail = models.CharField(
        "đơn vị, chức vụ của người được viết về", max_length=200, blank=True, help_text="Ví dụ: Giáo viên Tổ 1."
    )
    text = models.TextField("nội dung bài viết", max_length=60000)
    selected = models.BooleanField("chọn gửi dự thi", default=False)
    selected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contest", "id"]
        verbose_name = "bài dự thi"
        verbose_name_plural = "bài dự thi"

    def __str__(self):
        return self.title

    @property
    def words(self) -> int:
        return len(self.text.split())


def entry_upload_to(attachment: "ContestAttachment", filename: str) -> str:
    """A random name: the person's file name is kept only in ``original_name`` (shown, never used as a path)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = f".{extension}" if extension in {"pdf", "doc", "docx", "jpg", "jpeg", "png"} else ""
    return f"exemplars/contest/{uuid.uuid4().hex}{suffix}"


class ContestAttachment(models.Model):
    entry = models.ForeignKey(ContestEntry, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", storage=private_storage, upload_to=entry_upload_to)
    original_name = models.CharField("tên tệp", max_length=200)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "tệp đính kèm bài dự thi"
        verbose_name_plural = "tệp đính kèm bài dự thi"

    def __str__(self):
        return self.original_name


class YearReport(YearlyReport):
    """The school's yearly report (BC) of good deeds and commendations (``services.draft_year_report``)."""

    class Meta:
        verbose_name = "báo cáo người tốt, việc tốt"
        verbose_name_plural = "báo cáo người tốt, việc tốt"

    def __str__(self):
        return f"Báo cáo người tốt, việc tốt năm học {self.school_year}"
