"""The end of the year's review: disclosure of the council's list (công khai) with its objections, the school's
decisions (QĐ khen thưởng), its submissions upward (TTr) and the higher authority's decisions when they come back.

Services: ``awards.decisions``. Nominations move only through ``awards.nominations``; these rows say which
nominations a disclosure, a decision or a submission holds, and what the higher authority answered.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import DocumentStatus, OfficialDocument, private_storage
from thiduakhenthuong.organization.models import Authority, School, SchoolYear, Staff

from . import Nomination

# --------------------------------------------------------------------------------------------------
# The school's calendar: public holidays (the working days of a disclosure)
# --------------------------------------------------------------------------------------------------


class HolidayKind(models.TextChoices):
    OFF = "off", "Ngày nghỉ lễ, tết, nghỉ bù"
    WORK = "work", "Ngày làm bù (cuối tuần đi làm)"


class PublicHoliday(models.Model):
    """A day off on a weekday, or a weekend day worked to make up a swapped day, in the school's calendar.

    Seeded from ``awards.holidays.OFFICIAL_DAYS`` (Vietnam's official days for 2025–2027); the school edits them.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    day = models.DateField("ngày")
    name = models.CharField("tên ngày", max_length=200)
    kind = models.CharField("loại", max_length=10, choices=HolidayKind.choices, default=HolidayKind.OFF)

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"
        constraints = [models.UniqueConstraint(fields=["school", "day"], name="publicholiday_unique_day")]

    def __str__(self):
        return f"{self.day:%d/%m/%Y}: {self.name}"


# --------------------------------------------------------------------------------------------------
# Disclosure and objections
# --------------------------------------------------------------------------------------------------


class DisclosureQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("school_year", "published_by")

    def open_on(self, day: date):
        return self.filter(starts_on__lte=day, ends_on__gte=day)


class Disclosure(models.Model):
    """The council's passed list published for objections (công khai danh sách đề nghị khen thưởng) from
    ``starts_on`` for ``working_days`` working days, up to ``ends_on`` included (``awards.workdays``).

    No nomination of the list is approved, rejected, decided or submitted before the period is over and every
    objection about the list is answered (``awards.nominations``)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    starts_on = models.DateField("công khai từ ngày")
    working_days = models.PositiveSmallIntegerField("số ngày làm việc")
    ends_on = models.DateField("đến hết ngày")
    note = models.TextField("nội dung thông báo", blank=True)
    nominations = models.ManyToManyField(Nomination, related_name="disclosures", verbose_name="đề nghị công khai")
    published_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người công khai"
    )
    published_at = models.DateTimeField("công khai lúc", auto_now_add=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "công khai danh sách đề nghị khen thưởng"
        verbose_name_plural = "công khai danh sách đề nghị khen thưởng"
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="disclosure_ordered"),
            models.CheckConstraint(condition=Q(working_days__gte=1), name="disclosure_days_positive"),
        ]

    def __str__(self):
        return f"Công khai danh sách đề nghị khen thưởng năm học {self.school_year} ({self.period})"

    @property
    def period(self) -> str:
        return f"{self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y}"

    def is_open(self, day: date) -> bool:
        """Objections are received from the first day to the last, both included."""
        return self.starts_on <= day <= self.ends_on

    def is_over(self, day: date) -> bool:
        return day > self.ends_on


class ObjectionStatus(models.TextChoices):
    OPEN = "open", "Chờ trả lời"
    ANSWERED = "answered", "Đã trả lời"


OBJECTION_WORKFLOW = Workflow(
    noun="ý kiến phản ánh",
    states=ObjectionStatus,
    tones={ObjectionStatus.OPEN: "warning", ObjectionStatus.ANSWERED: "success"},
    verbs=[Verb("answer", sources={ObjectionStatus.OPEN}, target=ObjectionStatus.ANSWERED, label="Trả lời",
                phrase="trả lời")],
    describe=lambda objection: f"của {objection.filed_by}",
)  # fmt: skip


class ObjectionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("filed_by", "answered_by", "nomination__title", "disclosure__school_year")

    def unanswered(self):
        return self.filter(status=ObjectionStatus.OPEN)


class Objection(WorkflowModel, models.Model):
    """A staff member's objection (ý kiến phản ánh) to a disclosed list, about one nominee or the whole list,
    answered in writing by the principal."""

    workflow = OBJECTION_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    disclosure = models.ForeignKey(
        Disclosure, on_delete=models.CASCADE, related_name="objections", verbose_name="đợt công khai"
    )
    nomination = models.ForeignKey(
        Nomination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name="về đề nghị",
        help_text="Để trống nếu ý kiến về cả danh sách.",
    )
    filed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="người phản ánh")
    text = models.TextField("nội dung phản ánh")
    filed_at = models.DateTimeField("gửi lúc", auto_now_add=True)
    status = models.CharField("trạng thái", max_length=10, choices=ObjectionStatus.choices, default="open")
    answer = models.TextField("trả lời", blank=True)
    answered_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="người trả lời"
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = "ý kiến phản ánh"
        verbose_name_plural = "ý kiến phản ánh"
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="objection_text_given"),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="objection_answered_in_writing",
            ),
        ]

    def __str__(self):
        about = self.nomination.recipient if self.nomination_id else "danh sách"
        return f"Ý kiến của {self.filed_by} về {about}"


# --------------------------------------------------------------------------------------------------
# The school's decision (QĐ), its submission upward (TTr), the higher authority's decision
# --------------------------------------------------------------------------------------------------


class AwardDecisionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("document", "school_year")

    def live(self):
        return self.exclude(document__status=DocumentStatus.CANCELLED)


class AwardDecision(models.Model):
    """The school's decision conferring what it confers itself (QĐ khen thưởng): its document and the approved
    nominations it decides. Issuing the document decides them (``awards.decisions.issue_award_decision``)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    document = models.OneToOneField(
        OfficialDocument, on_delete=models.PROTECT, related_name="award_decision", verbose_name="quyết định"
    )
    nominations = models.ManyToManyField(Nomination, related_name="award_decisions", verbose_name="đề nghị")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = AwardDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "quyết định khen thưởng của trường"
        verbose_name_plural = "quyết định khen thưởng của trường"

    def __str__(self):
        return str(self.document)


class SubmissionQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("document", "school_year", "authority")

    def live(self):
        return self.exclude(document__status=DocumentStatus.CANCELLED)


class Submission(models.Model):
    """The school's submission (tờ trình) to the authority that confers the titles of its nominations under the
    regime of the year (``authority``): its document and the nominations it submits. Issuing it submits them."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="+", verbose_name="kính gửi")
    document = models.OneToOneField(
        OfficialDocument, on_delete=models.PROTECT, related_name="submission", verbose_name="tờ trình"
    )
    nominations = models.ManyToManyField(Nomination, related_name="submissions", verbose_name="đề nghị")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "tờ trình đề nghị khen thưởng"
        verbose_name_plural = "tờ trình đề nghị khen thưởng"

    def __str__(self):
        return str(self.document)


def higher_scan_upload_to(decision: "HigherDecision", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"awards/higher-decisions/{decision.school_id}/{decision.decided_on:%Y}/{decision.number_slug}.{extension}"


class HigherDecision(models.Model):
    """The higher authority's decision answering a submission: its number, date, authority, the scan of the signed
    paper, and which of the submitted nominations it conferred (the others: refused)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    submission = models.ForeignKey(
        Submission, on_delete=models.PROTECT, related_name="answers", verbose_name="tờ trình được trả lời"
    )
    number = models.CharField("số, ký hiệu", max_length=50)
    decided_on = models.DateField("ngày quyết định")
    authority_name = models.CharField("cơ quan, người quyết định", max_length=200)
    scan = models.FileField("bản quyết định (scan)", storage=private_storage, upload_to=higher_scan_upload_to,
                            blank=True)  # fmt: skip
    conferred = models.ManyToManyField(Nomination, related_name="+", blank=True, verbose_name="được khen thưởng")
    refused = models.ManyToManyField(Nomination, related_name="+", blank=True, verbose_name="không được khen thưởng")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField("ghi lúc", auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "quyết định của cấp trên"
        verbose_name_plural = "quyết định của cấp trên"
        constraints = [models.CheckConstraint(condition=~Q(number=""), name="higherdecision_number_given")]

    def __str__(self):
        return f"Quyết định {self.number} ngày {self.decided_on:%d/%m/%Y} của {self.authority_name}"

    @property
    def number_slug(self) -> str:
        return "".join(ch if ch.isalnum() else "-" for ch in self.number).strip("-")[:40] or "qd"
