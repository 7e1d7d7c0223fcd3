"""Scoring: the rubric (bộ tiêu chí chấm điểm) a council scores an agenda item against, and each member's sheet.

Imported at the end of ``council/models.py`` so that Django and ``from council.models import X`` see these models.

- A ``Rubric`` belongs to a school and a council kind; an emulation council's rubric names the title it scores
  (Lao động tiên tiến, Chiến sĩ thi đua cơ sở…) or none (the general rubric, for titles without their own); an
  initiative council's rubric names none. One rubric is in force per school, kind and title (``is_active``).
- A rubric that a sheet uses is frozen (``is_frozen``): the scores it holds keep their meaning. To change it the
  principal copies it: the copy is in force from then on, the original stays with the meetings that used it.
- A ``ScoreSheet`` is one member's sheet for one agenda item, created when the meeting opens scoring for every
  present member not recused from the item; a draft until ``submitted_at`` is set, then locked.
- A ``Score`` is the points given for one criterion; it carries the criterion's maximum so that the database itself
  refuses points outside 0..max.
"""

from django.db import models
from django.db.models import F, Q

from awards.models import Title
from thiduakhenthuong.organization.models import School

from .models import CouncilKind  # defined before ``models`` imports this module


class RubricQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_criteria(self):
        return self.select_related("title").prefetch_related("criteria")


class Rubric(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    council_kind = models.CharField("loại hội đồng", max_length=20, choices=CouncilKind.choices)
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="danh hiệu, hình thức",
        help_text="Để trống: bộ tiêu chí chung (dùng cho danh hiệu chưa có bộ tiêu chí riêng, và cho sáng kiến).",
    )
    name = models.CharField("tên bộ tiêu chí", max_length=200)
    pass_points = models.PositiveSmallIntegerField(
        "điểm đạt",
        null=True,
        blank=True,
        help_text="Sáng kiến được công nhận khi điểm bình quân của hội đồng đạt từ mức này trở lên.",
    )
    is_active = models.BooleanField("đang áp dụng", default=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="sao từ"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = RubricQuerySet.as_manager()

    class Meta:
        ordering = ["council_kind", "title__sort_order", "-is_active", "-id"]
        verbose_name = "bộ tiêu chí chấm điểm"
        verbose_name_plural = "bộ tiêu chí chấm điểm"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "council_kind", "title"],
                condition=Q(is_active=True, title__isnull=False),
                name="rubric_one_active_per_title",
            ),
            models.UniqueConstraint(
                fields=["school", "council_kind"],
                condition=Q(is_active=True, title__isnull=True),
                name="rubric_one_active_general",
            ),
            models.CheckConstraint(
                condition=Q(council_kind="emulation") | Q(title__isnull=True), name="rubric_initiative_has_no_title"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="rubric_name_not_empty"),
        ]

    def __str__(self):
        return self.name

    @property
    def max_total(self) -> int:
        return sum(criterion.max_points for criterion in self.criteria.all())

    @property
    def is_frozen(self) -> bool:
        """A sheet uses it: its criteria and maxima no longer change (copy it to edit)."""
        return self.sheets.exists()


class RubricCriterion(models.Model):
    rubric = models.ForeignKey(Rubric, on_delete=models.CASCADE, related_name="criteria", verbose_name="bộ tiêu chí")
    label = models.CharField("tiêu chí", max_length=300)
    max_points = models.PositiveSmallIntegerField("điểm tối đa")
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_max_points_positive"),
            models.CheckConstraint(condition=~Q(label=""), name="criterion_label_not_empty"),
        ]

    def __str__(self):
        return f"{self.label} ({self.max_points} điểm)"


class ScoreSheetQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def pending(self):
        return self.filter(submitted_at__isnull=True)


class ScoreSheet(models.Model):
    agenda_item = models.ForeignKey(
        "council.AgendaItem", on_delete=models.CASCADE, related_name="score_sheets", verbose_name="nội dung"
    )
    member = models.ForeignKey(
        "council.CouncilMember", on_delete=models.PROTECT, related_name="score_sheets", verbose_name="thành viên"
    )
    rubric = models.ForeignKey(Rubric, on_delete=models.PROTECT, related_name="sheets", verbose_name="bộ tiêu chí")
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    updated_at = models.DateTimeField("lưu lúc", auto_now=True)

    objects = ScoreSheetQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "member"]
        verbose_name = "phiếu chấm điểm"
        verbose_name_plural = "phiếu chấm điểm"
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "member"], name="scoresheet_one_per_member_item"),
        ]

    def __str__(self):
        return f"Phiếu chấm điểm của {self.member} – {self.agenda_item}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores", verbose_name="phiếu")
    criterion = models.ForeignKey(
        RubricCriterion, on_delete=models.PROTECT, related_name="scores", verbose_name="tiêu chí"
    )
    points = models.PositiveSmallIntegerField("điểm")
    #: the criterion's maximum when scored (its rubric is frozen from then on): lets the database check the range
    max_points = models.PositiveSmallIntegerField("điểm tối đa")

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = "điểm"
        verbose_name_plural = "điểm"
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")), name="score_points_within_max"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.label}: {self.points}"
