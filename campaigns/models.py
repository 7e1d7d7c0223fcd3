"""Emulation campaigns (phong trào thi đua), their drives (đợt), criteria and the teams' pledges (giao ước).

A campaign belongs to one school year and is drafted, launched (phát động) and closed by the school's managers;
its workflow is ``CAMPAIGN_WORKFLOW`` below and the guarded verbs in ``services``. Date rules that reach
another row (a campaign inside its school year, a drive inside its campaign) are checked in ``clean()`` and
enforced in the database by triggers (migration 0002), since a CheckConstraint sees only its own row.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import DocumentStatus, OfficialDocument
from thiduakhenthuong.organization.models import School, SchoolYear, Team

#: A document can launch a campaign once it has its number (issued) or its signed scan.
IN_FORCE = frozenset({DocumentStatus.ISSUED, DocumentStatus.SIGNED})


class CampaignKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên"
    PERIODIC = "periodic", "Theo đợt"
    THEMATIC = "thematic", "Chuyên đề"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    CLOSED = "closed", "Đã kết thúc"


class TargetGroup(models.TextChoices):
    """Who a campaign addresses (đối tượng thi đua)."""

    MANAGERS = "managers", "Cán bộ quản lý"
    TEACHERS = "teachers", "Giáo viên"
    EMPLOYEES = "employees", "Nhân viên"
    PUPILS = "pupils", "Học sinh"
    TEAMS = "teams", "Tập thể"


#: The campaign workflow: drafted, launched (phát động) with its document, closed (kết thúc) with its summary.
CAMPAIGN_WORKFLOW = Workflow(
    noun="phong trào",
    states=CampaignStatus,
    tones={CampaignStatus.DRAFT: "secondary", CampaignStatus.LAUNCHED: "success", CampaignStatus.CLOSED: "dark"},
    verbs=[
        Verb(
            "launch", sources={CampaignStatus.DRAFT}, target=CampaignStatus.LAUNCHED, label="Phát động", tone="success"
        ),
        Verb(
            "close",
            sources={CampaignStatus.LAUNCHED},
            target=CampaignStatus.CLOSED,
            label="Kết thúc phong trào",
            phrase="kết thúc",
            tone="dark",
        ),
    ],
    describe=lambda campaign: f"“{campaign.name}”",
)


class CampaignQuerySet(models.QuerySet):
    def of_school(self, school: School):
        return self.filter(school=school)

    def visible_to(self, *, school: School, managers: bool):
        """Managers see drafts too; everyone else of the school sees launched and closed campaigns."""
        qs = self.filter(school=school)
        return qs if managers else qs.exclude(status=CampaignStatus.DRAFT)

    def for_list(self):
        return (
            self.select_related("school_year")
            .annotate(
                period_count=Count("periods", distinct=True), commitment_count=Count("commitments", distinct=True)
            )
            .order_by(*Campaign._meta.ordering)
        )

    def launched(self):
        return self.filter(status=CampaignStatus.LAUNCHED)

    def overdue(self, today: date | None = None):
        """Launched campaigns whose end date has passed: the principal should close them."""
        return self.launched().filter(end_date__lt=today or date.today())

    def awaiting_commitment_of(self, team: Team | int, *, school: School | int):
        """Launched campaigns of ``school`` for which ``team``, one of its teams, has not yet signed its pledge."""
        signed = Commitment.objects.filter(campaign=OuterRef("pk"), team=team)
        return self.launched().filter(school=school).exclude(Exists(signed))


class Campaign(WorkflowModel, models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="campaigns", verbose_name="đơn vị")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="campaigns", verbose_name="năm học"
    )
    name = models.CharField("tên phong trào", max_length=300)
    kind = models.CharField("hình thức", max_length=10, choices=CampaignKind.choices, default=CampaignKind.REGULAR)
    start_date = models.DateField("bắt đầu")
    end_date = models.DateField("kết thúc")
    description = models.TextField("nội dung, mục tiêu", blank=True)
    target_groups = models.JSONField(
        "đối tượng", default=list, blank=True, help_text="Cán bộ quản lý, giáo viên, nhân viên, học sinh, tập thể."
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, editable=False
    )
    launched_on = models.DateField("ngày phát động", null=True, blank=True, editable=False)
    launch_document = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="launched_campaigns",
        verbose_name="văn bản phát động",
    )
    closed_on = models.DateField("ngày kết thúc phong trào", null=True, blank=True, editable=False)
    closing_summary = models.TextField("sơ kết, tổng kết", blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tạo",
    )

    objects = CampaignQuerySet.as_manager()
    workflow = CAMPAIGN_WORKFLOW

    class Meta:
        ordering = ["-school_year__start_date", "start_date", "name"]
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "name"],
                name="campaign_unique_name_per_year",
                violation_error_message="Năm học này đã có phong trào cùng tên.",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="campaign_dates_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
            models.CheckConstraint(condition=Q(status__in=CampaignStatus.values), name="campaign_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=CampaignKind.values), name="campaign_kind_valid"),
            models.CheckConstraint(
                condition=Q(status=CampaignStatus.DRAFT) | Q(launched_on__isnull=False),
                name="campaign_launched_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=CampaignStatus.CLOSED) | (Q(closed_on__isnull=False) & ~Q(closing_summary="")),
                name="campaign_closed_has_summary",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("launched_on")),
                name="campaign_closed_after_launch",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            errors["end_date"] = "Ngày kết thúc phải sau ngày bắt đầu."
        if self.school_year_id:
            year = self.school_year
            if self.school_id and year.school_id != self.school_id:
                errors["school_year"] = "Năm học phải thuộc cùng đơn vị."
            elif (
                self.start_date
                and self.end_date
                and not (year.start_date <= self.start_date and self.end_date <= year.end_date)
            ):
                errors.setdefault(
                    "end_date",
                    f"Thời gian phong trào phải nằm trong năm học {year.name} "
                    f"({year.start_date:%d/%m/%Y} – {year.end_date:%d/%m/%Y}).",
                )
        unknown = set(self.target_groups or []) - set(TargetGroup.values)
        if unknown:
            errors["target_groups"] = "Đối tượng không hợp lệ: " + ", ".join(sorted(unknown)) + "."
        if self.pk and self.start_date and self.end_date:
            outside = [
                p.name for p in self.periods.all() if p.start_date < self.start_date or p.end_date > self.end_date
            ]
            if outside:
                errors.setdefault(
                    "end_date", "Các đợt thi đua sau sẽ nằm ngoài thời gian phong trào: " + "; ".join(outside) + "."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [labels[value] for value in self.target_groups or [] if value in labels]

    @property
    def is_editable(self) -> bool:
        return self.status != CampaignStatus.CLOSED


class CampaignCriterion(models.Model):
    """One criterion (tiêu chí) against which a campaign's participants are judged."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria", verbose_name="phong trào")
    name = models.CharField("tiêu chí", max_length=300)
    description = models.TextField("mô tả", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["campaign", "order", "id"]
        verbose_name = "tiêu chí thi đua"
        verbose_name_plural = "tiêu chí thi đua"

    def __str__(self):
        return self.name


class CampaignPeriod(models.Model):
    """A timed drive inside a campaign, e.g. "Đợt thi đua chào mừng ngày Nhà giáo Việt Nam 20/11"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="periods", verbose_name="phong trào")
    name = models.CharField("tên đợt thi đua", max_length=300)
    start_date = models.DateField("bắt đầu")
    end_date = models.DateField("kết thúc")

    class Meta:
        ordering = ["campaign", "start_date", "name"]
        verbose_name = "đợt thi đua"
        verbose_name_plural = "đợt thi đua"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="period_dates_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
        if self.campaign_id and self.start_date and self.end_date:
            campaign = self.campaign
            if self.start_date < campaign.start_date or self.end_date > campaign.end_date:
                raise ValidationError(
                    {
                        "end_date": f"Đợt thi đua phải nằm trong thời gian của phong trào "
                        f"({campaign.start_date:%d/%m/%Y} – {campaign.end_date:%d/%m/%Y})."
                    }
                )


class Commitment(models.Model):
    """A team's pledge (giao ước thi đua) for one campaign, registered by the team head."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="commitments", verbose_name="phong trào"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="commitments", verbose_name="tổ")
    pledge = models.TextField("nội dung giao ước")
    targets = models.TextField("chỉ tiêu", blank=True)
    signed_on = models.DateField("ngày ký giao ước")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người đăng ký",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        ordering = ["campaign", "team__sort_order", "team__name"]
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["team", "campaign"],
                name="commitment_one_per_team",
                violation_error_message="Tổ đã đăng ký giao ước cho phong trào này.",
            ),
            models.CheckConstraint(condition=~Q(pledge=""), name="commitment_pledge_not_empty"),
        ]

    def __str__(self):
        return f"Giao ước của {self.team} – {self.campaign}"

    def clean(self):
        super().clean()
        if self.team_id and self.campaign_id and self.team.school_id != self.campaign.school_id:
            raise ValidationError({"team": "Tổ phải thuộc cùng đơn vị với phong trào."})


#: The plan's printed template (extends the documents app's national-format base).
PLAN_TEMPLATE = "campaigns/pdf/plan.html"

#: The plan's free-text parts, in printed order, with the label of each section's form. The headings
#: "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. NỘI DUNG THỰC HIỆN" and "III. TỔ CHỨC THỰC HIỆN" are
#: printed by the template; the sub-headings of part II (1., 2., 2.1…) are the author's own lines.
PLAN_TEXTS = {
    "opening": "Mở đầu: căn cứ và mục tiêu",
    "purpose": "I.1. Mục đích",
    "requirements": "I.2. Yêu cầu",
    "campaigns_intro": "II.1. Phát động các phong trào thi đua",
    "contents": "II. Các nội dung thực hiện khác (2., 3., …)",
    "organization": "III. Tổ chức thực hiện",
    "closing": "Kết thúc",
}
#: Parts that must have text before the plan is issued.
PLAN_REQUIRED_TEXTS = ("purpose", "requirements", "organization")


def campaign_line(campaign: "Campaign") -> str:
    """How the plan lists a campaign under part II.1."""
    return (
        f"- {campaign.name} (thi đua {campaign.get_kind_display().lower()}, "
        f"từ {campaign.start_date:%d/%m/%Y} đến {campaign.end_date:%d/%m/%Y})."
    )


class PlanQuerySet(models.QuerySet):
    def visible_to(self, *, school: School, editors: bool):
        """Editors see drafts too; everyone else of the school sees plans that have their number."""
        qs = self.filter(school=school)
        return qs if editors else qs.filter(document__status__in=IN_FORCE)

    def for_list(self):
        return self.select_related("document").prefetch_related("school_years")


class Plan(models.Model):
    """The school's yearly plan of emulation and commendation work (Kế hoạch công tác Thi đua - Khen thưởng).

    Its printed form is an ``OfficialDocument`` (type KH): the texts of its sections live in ``document.content``
    (keys of ``PLAN_TEXTS`` plus ``campaign_lines``), the header and signature in the document's own fields.
    The plan is editable while its document is a draft; once issued, the document (and so the print) is frozen.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="plans", verbose_name="đơn vị")
    year = models.PositiveSmallIntegerField("năm", help_text="Năm dương lịch của kế hoạch, ví dụ 2023.")
    school_years = models.ManyToManyField(SchoolYear, related_name="plans", verbose_name="năm học")
    campaigns = models.ManyToManyField(
        Campaign, blank=True, related_name="plans", verbose_name="phong trào trong kế hoạch"
    )
    list_campaigns = models.BooleanField(
        "in danh sách phong trào ở mục II.1",
        default=True,
        help_text="Bỏ chọn khi phần II.1 đã nêu các phong trào bằng lời.",
    )
    document = models.OneToOneField(
        OfficialDocument, on_delete=models.PROTECT, related_name="plan", editable=False, verbose_name="văn bản"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = "kế hoạch thi đua, khen thưởng"
        verbose_name_plural = "kế hoạch thi đua, khen thưởng"
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"],
                name="plan_one_per_year",
                violation_error_message="Đơn vị đã có kế hoạch thi đua, khen thưởng của năm này.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100),
                name="plan_year_plausible",
                violation_error_message="Năm phải từ 2000 đến 2100.",
            ),
        ]

    def __str__(self):
        return self.document.summary if self.document_id else f"Kế hoạch năm {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.document.status == DocumentStatus.DRAFT

    @property
    def texts(self) -> dict[str, str]:
        content = (self.document.content if self.document_id else None) or {}
        return {key: content.get(key, "") for key in PLAN_TEXTS}

    def content_with(self, *, texts: dict | None = None, campaigns=None, list_campaigns: bool | None = None) -> dict:
        """The document's content with ``texts`` (some keys of ``PLAN_TEXTS``) and the campaign list replaced.

        ``campaigns`` and ``list_campaigns`` default to the plan's own; the campaign lines are a snapshot, so the
        issued document prints the campaigns as they were on the day of issue.
        """
        content = {**self.texts, **{key: value for key, value in (texts or {}).items() if key in PLAN_TEXTS}}
        listed = self.list_campaigns if list_campaigns is None else list_campaigns
        if campaigns is None:
            campaigns = self.campaigns.all() if self.pk else []
        content["campaign_lines"] = [campaign_line(c) for c in campaigns] if listed else []
        return content
