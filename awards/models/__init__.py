"""Awards: the catalog of titles and forms of commendation with their rules per legal regime, the base salary,
registrations (đăng ký thi đua), annual evaluations, disciplines and proceedings, initiatives and award history.

The codes and values here are the vocabulary of ``awards.rules``: title codes (LDTT, CSTDCS…), ratings
(excellent, good, completed, not_completed), initiative scopes, discipline forms, proceeding and absence kinds.
Every school-owned row carries its ``school`` so that pages (and the eligibility loader) filter by one column.

This package's ``__init__`` holds the first half of the year; each later step of the year (disclosure and
decisions, certificates…) has a module of its own here, imported at the end of this file so that Django and
``from awards.models import X`` see every model.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from thiduakhenthuong.core.text import fold
from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import DocumentStatus, DocumentType, OfficialDocument
from thiduakhenthuong.organization.models import (
    AuthorityLevel,
    ClassGroup,
    Gender,
    LegalRegime,
    OtherPerson,
    Pupil,
    School,
    SchoolYear,
    Staff,
    Team,
)

from ..money import reward_amount
from ..rules import LAW_2022_ARTICLES

# --------------------------------------------------------------------------------------------------
# Catalog
# --------------------------------------------------------------------------------------------------


class TitleKind(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    COMMENDATION = "commendation", "Hình thức khen thưởng"


class TitleScope(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    PUPIL = "pupil", "Học sinh"
    PUPIL_GROUP = "pupil_group", "Tập thể học sinh"


class TitleLevel(models.TextChoices):
    SCHOOL = "school", "Cơ sở"
    LOCAL = "local", "Cấp huyện/xã"
    PROVINCE = "province", "Cấp tỉnh/bộ"
    NATIONAL = "national", "Toàn quốc"


class TitleQuerySet(models.QuerySet):
    def for_staff(self):
        return self.filter(scope=TitleScope.INDIVIDUAL, is_active=True)

    def for_teams(self):
        return self.filter(scope=TitleScope.COLLECTIVE, is_active=True)


class Title(models.Model):
    """An emulation title (danh hiệu) or a form of commendation (hình thức khen thưởng) for one kind of recipient.

    The same code exists once per scope (Giấy khen for a person, a team, a pupil); a code is always of one kind.
    """

    code = models.CharField("mã", max_length=20, help_text="Mã dùng trong quy tắc xét: LDTT, CSTDCS, GK…")
    scope = models.CharField("đối tượng", max_length=20, choices=TitleScope.choices)
    kind = models.CharField("loại", max_length=20, choices=TitleKind.choices)
    level = models.CharField("cấp", max_length=20, choices=TitleLevel.choices)
    name = models.CharField("tên", max_length=200)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)
    certificate = models.BooleanField(
        "có giấy khen, giấy chứng nhận",
        default=False,
        help_text="In giấy chứng nhận hoặc giấy khen cho người, tập thể nhận. Lao động tiên tiến không có: quyết "
        "định là minh chứng.",
    )

    objects = TitleQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code", "scope"]
        verbose_name = "danh hiệu / hình thức khen thưởng"
        verbose_name_plural = "danh mục danh hiệu và hình thức khen thưởng"
        constraints = [
            models.UniqueConstraint(fields=["code", "scope"], name="title_unique_code_scope"),
            models.CheckConstraint(condition=~Q(code=""), name="title_code_not_empty"),
        ]

    def __str__(self):
        if self.scope == TitleScope.INDIVIDUAL:
            return self.name
        return f"{self.name} ({self.get_scope_display().lower()})"

    @property
    def is_title(self) -> bool:
        return self.kind == TitleKind.TITLE

    def clean(self):
        super().clean()
        # A code names one thing: "GK" can never be a title for one scope and a commendation for another.
        clash = Title.objects.filter(code=self.code).exclude(kind=self.kind).exclude(pk=self.pk)
        if self.code and clash.exists():
            raise ValidationError({"kind": f"Mã {self.code} đã được dùng cho loại khác trong danh mục."})


class TitleRule(models.Model):
    """What one regime says about one title: who confers it, how the council votes on it, its reward money."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="rules", verbose_name="danh hiệu")
    regime = models.ForeignKey(LegalRegime, on_delete=models.PROTECT, related_name="+", verbose_name="chế độ")
    conferring_level = models.CharField("cấp quyết định", max_length=20, choices=AuthorityLevel.choices)
    secret_ballot = models.BooleanField("phải bỏ phiếu kín", default=False)
    approval_threshold = models.DecimalField(
        "tỷ lệ phiếu tối thiểu (trên tổng số thành viên hội đồng)",
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
        help_text="Ví dụ 0,80 là 80%. Để trống: quá nửa tổng số thành viên theo quy chế của hội đồng.",
    )
    reward_multiple = models.DecimalField(
        "tiền thưởng (hệ số lương cơ sở)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Để trống nếu không kèm tiền thưởng.",
    )
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)

    class Meta:
        ordering = ["regime__effective_from", "title__sort_order"]
        verbose_name = "quy định theo chế độ"
        verbose_name_plural = "quy định theo chế độ"
        constraints = [
            models.UniqueConstraint(fields=["title", "regime"], name="titlerule_unique_regime"),
            models.CheckConstraint(
                condition=Q(approval_threshold__isnull=True)
                | (Q(approval_threshold__gt=0) & Q(approval_threshold__lte=1)),
                name="titlerule_threshold_fraction",
            ),
            models.CheckConstraint(
                condition=Q(reward_multiple__isnull=True) | Q(reward_multiple__gte=0),
                name="titlerule_multiple_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.title} – {self.regime.code}"

    def reward_on(self, day: date) -> int | None:
        """Reward money in đồng for a conferral on ``day`` (None when the title carries none)."""
        if self.reward_multiple is None:
            return None
        return reward_amount(self.reward_multiple, BaseSalary.on(day).amount, self.regime.reward_rounding_step)


class BaseSalary(models.Model):
    """The state base salary (mức lương cơ sở), in force from ``effective_from`` until the next row."""

    amount = models.PositiveIntegerField("mức lương cơ sở (đồng)")
    effective_from = models.DateField("áp dụng từ", unique=True)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="basesalary_positive")]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def on(cls, day: date) -> "BaseSalary":
        salary = cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
        if salary is None:
            raise LookupError(f"Chưa có mức lương cơ sở áp dụng ngày {day:%d/%m/%Y}.")
        return salary


# --------------------------------------------------------------------------------------------------
# Decisions behind awards and recognitions
# --------------------------------------------------------------------------------------------------

#: A decision the school issued itself: the link only, the text fields empty.
DECIDED_BY_LINK = Q(decision__isnull=False, decision_number="", decision_date__isnull=True)
#: A decision of another authority (or one kept on paper): its number and date as text, no link.
DECIDED_ELSEWHERE = Q(decision__isnull=True, decision_date__isnull=False) & ~Q(decision_number="")


class DecisionMixin(models.Model):
    """The decision behind a row: the school's own issued QĐ (``decision``), or the number and date of another
    authority's decision as text. One or the other, never both (each model's constraint)."""

    decision = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quyết định của trường",
        help_text="Quyết định do trường ban hành (đã cấp số). Để trống nếu là quyết định của cấp khác.",
    )
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def decision_symbol(self) -> str:
        """The decision's number and symbol as printed (23/QĐ-THCD), whichever way it is kept."""
        return self.decision.symbol if self.decision_id else self.decision_number

    @property
    def decided_on(self) -> date | None:
        return self.decision.document_date if self.decision_id else self.decision_date

    def clean_decision(self, *, required: bool) -> dict[str, str]:
        """Errors when the decision is missing, given both ways, or is not an issued QĐ of this school."""
        linked, number, day = bool(self.decision_id), bool(self.decision_number.strip()), self.decision_date is not None
        if linked and (number or day):
            return {"decision": "Chọn quyết định của trường hoặc ghi số, ngày quyết định của cấp khác, không cả hai."}
        if linked:
            document = self.decision
            if (
                document.school_id != self.school_id
                or document.doc_type != DocumentType.DECISION
                or document.status not in {DocumentStatus.ISSUED, DocumentStatus.SIGNED}
            ):
                return {"decision": "Chỉ chọn được quyết định đã cấp số của trường."}
            return {}
        if number != day:
            return {"decision_number" if not number else "decision_date": "Ghi cả số và ngày quyết định."}
        if required and not number:
            return {"decision": "Chọn quyết định của trường hoặc ghi số, ngày quyết định của cấp khác."}
        return {}


# --------------------------------------------------------------------------------------------------
# Registrations
# --------------------------------------------------------------------------------------------------


class RegistrationPeriod(models.Model):
    """When staff and teams register for a school year; after ``deadline`` a change needs the principal."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.OneToOneField(
        SchoolYear, on_delete=models.CASCADE, related_name="registration_period", verbose_name="năm học"
    )
    opens_on = models.DateField("mở đăng ký từ ngày")
    deadline = models.DateField("hạn đăng ký")

    class Meta:
        verbose_name = "thời hạn đăng ký thi đua"
        verbose_name_plural = "thời hạn đăng ký thi đua"
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("opens_on")), name="period_deadline_after_open")
        ]

    def __str__(self):
        return f"Đăng ký thi đua {self.school_year}"

    def clean(self):
        super().clean()
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            raise ValidationError({"deadline": "Hạn đăng ký phải từ ngày mở đăng ký trở đi."})

    def is_open(self, day: date) -> bool:
        return self.opens_on <= day <= self.deadline

    def is_closed(self, day: date) -> bool:
        return day > self.deadline


class RegistrationWindow(models.TextChoices):
    """Where a school year's registration stands on a day: what a person may do (``services.registration_window``)."""

    NO_PERIOD = "no_period", "Chưa mở đăng ký"
    NOT_OPEN = "not_open", "Chưa đến ngày mở đăng ký"
    OPEN = "open", "Đang mở đăng ký"
    LATE = "late", "Đã quá hạn đăng ký"


#: Recipient fields, and the title scope each one takes. Registrations use the first two (staff and teams
#: register for titles); awards (and nominations) any of them.
STAFF_OR_TEAM = ("staff", "team")
ANY_RECIPIENT = ("staff", "team", "pupil", "class_group", "other_person")
RECIPIENT_SCOPES = {
    "staff": TitleScope.INDIVIDUAL,
    "team": TitleScope.COLLECTIVE,
    "pupil": TitleScope.PUPIL,
    "class_group": TitleScope.PUPIL_GROUP,
    "other_person": TitleScope.INDIVIDUAL,
}
#: What each kind of recipient is called in an error ("dành cho …").
RECIPIENT_KINDS = {
    "staff": "cán bộ, giáo viên",
    "team": "tập thể",
    "pupil": "học sinh",
    "class_group": "lớp",
    "other_person": "cá nhân ngoài nhà trường",
}


def _recipient_constraint(name: str, recipient_fields: tuple[str, ...] = STAFF_OR_TEAM) -> models.CheckConstraint:
    """Exactly one of ``recipient_fields`` is set."""
    condition = Q()
    for chosen in recipient_fields:
        condition |= Q(**{f"{field}__isnull": field != chosen for field in recipient_fields})
    return models.CheckConstraint(condition=condition, name=name)


def check_recipient_scope(title: Title | None, field: str) -> dict[str, str]:
    """Errors when a title is given to the wrong kind of recipient (a person a collective title, and so on).

    ``field`` names the recipient's kind (``staff``, ``team``, ``pupil``, ``class_group``, ``other_person``).
    Someone outside the school receives commendations, never the emulation titles of staff.
    """
    if title is None:
        return {}
    if title.scope != RECIPIENT_SCOPES[field]:
        if field == "staff" and title.scope == TitleScope.PUPIL:
            return {"title": f"“{title}” dành cho học sinh, cán bộ không đăng ký hay nhận được."}
        if field == "staff":
            return {"title": f"“{title}” dành cho tập thể, không dành cho cá nhân."}
        return {"title": f"“{title}” không dành cho {RECIPIENT_KINDS[field]}."}
    if field == "other_person" and title.kind != TitleKind.COMMENDATION:
        outside = "người ngoài nhà trường chỉ nhận hình thức khen thưởng"
        return {"title": f"“{title}” là danh hiệu thi đua của cán bộ; {outside}."}
    return {}


class RecipientMixin(models.Model):
    """A person or a team of the school (exactly one), checked against the title's scope.

    History outlives the people it names: a recipient with rows cannot be deleted (PROTECT); staff who leave are
    given a leaving date instead (``organization.services.deactivate_staff``).
    """

    RECIPIENT_FIELDS: tuple[str, ...] = STAFF_OR_TEAM

    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cá nhân"
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="tập thể"
    )

    class Meta:
        abstract = True

    def _holds(self, field: str) -> bool:
        """Whether ``field`` names a recipient: by id, or by an object not saved yet (a new other person that the
        service saves first)."""
        if getattr(self, f"{field}_id") is not None:
            return True
        relation = self._meta.get_field(field)
        return relation.is_cached(self) and relation.get_cached_value(self) is not None

    @property
    def recipient_field(self) -> str | None:
        """The field that holds the recipient (None when none or several are set)."""
        chosen = [field for field in self.RECIPIENT_FIELDS if self._holds(field)]
        return chosen[0] if len(chosen) == 1 else None

    @property
    def recipient(self):
        field = self.recipient_field
        return getattr(self, field) if field else None

    def clean_recipient(self) -> dict[str, str]:
        field = self.recipient_field
        if field is None:
            kinds = ", ".join(RECIPIENT_KINDS[name] for name in self.RECIPIENT_FIELDS)
            return {self.RECIPIENT_FIELDS[0]: f"Chọn đúng một đối tượng: {kinds}."}
        errors: dict[str, str] = {}
        if self.school_id and self.recipient.school_id != self.school_id:
            errors[field] = "Đối tượng phải thuộc cùng đơn vị."
        if getattr(self, "title_id", None):  # a proceeding names a person or team without a title
            errors.update(check_recipient_scope(self.title, field))
        return errors


class AnyRecipientMixin(RecipientMixin):
    """A staff member, a team, a pupil, a class or another person (a parent, a citizen): exactly one."""

    RECIPIENT_FIELDS = ANY_RECIPIENT

    pupil = models.ForeignKey(
        Pupil, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="học sinh"
    )
    class_group = models.ForeignKey(
        ClassGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="lớp"
    )
    other_person = models.ForeignKey(
        OtherPerson, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="cá nhân khác"
    )

    class Meta:
        abstract = True

    @property
    def recipient_detail(self) -> str:
        """What stands beside the recipient's name in lists: the team, the pupil's class, what the person is to
        the school (select_related the recipient's own relations on lists)."""
        field = self.recipient_field
        if field == "staff":
            return self.staff.team.name if self.staff.team_id else self.staff.position
        if field == "pupil":
            return f"Học sinh {self.pupil.class_group}"
        if field == "class_group":
            return f"Tập thể học sinh năm học {self.class_group.school_year}"
        if field == "other_person":
            return self.other_person.relation_text
        return "Tập thể" if field == "team" else ""


class RegistrationStatus(models.TextChoices):
    ACTIVE = "active", "Đang đăng ký"
    WITHDRAWN = "withdrawn", "Đã rút"


#: A registration is in force until withdrawn (by the person before the deadline, or by an approved change).
REGISTRATION_WORKFLOW = Workflow(
    noun="đăng ký",
    states=RegistrationStatus,
    tones={RegistrationStatus.ACTIVE: "primary", RegistrationStatus.WITHDRAWN: "secondary"},
    verbs=[
        Verb(
            "withdraw",
            sources={RegistrationStatus.ACTIVE},
            target=RegistrationStatus.WITHDRAWN,
            label="Rút đăng ký",
            phrase="rút",
            tone="danger",
        ),
    ],
    describe=lambda registration: f"“{registration.title}”",
)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations in force (a withdrawn one stays as history but counts nowhere)."""
        return self.filter(status=RegistrationStatus.ACTIVE)

    def for_list(self):
        return self.select_related("title", "staff__team", "team", "school_year")


class Registration(WorkflowModel, RecipientMixin):
    """A person's or a team's registration of a title or form of commendation they aim for in a school year.

    A withdrawal keeps the row (``status`` withdrawn, who and when); only one registration in force per recipient,
    title and year, so registering again after a withdrawal makes a new row beside the withdrawn one.
    """

    workflow = REGISTRATION_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.CASCADE, related_name="registrations", verbose_name="năm học"
    )
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm đăng ký", auto_now_add=True)
    status = models.CharField(
        "trạng thái", max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.ACTIVE
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField("thời điểm rút", null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["school_year", "title__sort_order"]
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        constraints = [
            _recipient_constraint("registration_one_recipient"),
            models.UniqueConstraint(
                fields=["school_year", "title", "staff"],
                condition=Q(staff__isnull=False, status="active"),
                name="registration_unique_staff",
            ),
            models.UniqueConstraint(
                fields=["school_year", "title", "team"],
                condition=Q(team__isnull=False, status="active"),
                name="registration_unique_team",
            ),
            models.CheckConstraint(
                condition=Q(status="active", withdrawn_at__isnull=True)
                | Q(status="withdrawn", withdrawn_at__isnull=False),
                name="registration_withdrawn_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.title} ({self.school_year})"

    def clean(self):
        super().clean()
        errors = self.clean_recipient()
        if not errors and self.title_id and self.school_year_id and self.status == RegistrationStatus.ACTIVE:
            same = Registration.objects.active().filter(school_year=self.school_year_id, title=self.title_id)
            same = same.exclude(pk=self.pk)
            same = same.filter(staff=self.staff_id) if self.staff_id else same.filter(team=self.team_id)
            if same.exists():
                errors["title"] = f"{self.recipient} đã đăng ký “{self.title}” năm học {self.school_year}."
        if errors:
            raise ValidationError(errors)


class ChangeAction(models.TextChoices):
    ADD = "add", "Đăng ký thêm"
    WITHDRAW = "withdraw", "Rút đăng ký"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Không duyệt"


PENDING_CHANGE_EXISTS = "Đã có một đề nghị thay đổi đăng ký này đang chờ duyệt."

#: A change request is decided once, by the principal: approved (the registration is added or withdrawn) or not.
CHANGE_WORKFLOW = Workflow(
    noun="đề nghị thay đổi đăng ký",
    states=ChangeStatus,
    tones={ChangeStatus.PENDING: "warning", ChangeStatus.APPROVED: "success", ChangeStatus.REJECTED: "secondary"},
    verbs=[
        Verb("approve", sources={ChangeStatus.PENDING}, target=ChangeStatus.APPROVED, label="Duyệt", tone="success"),
        Verb(
            "reject",
            sources={ChangeStatus.PENDING},
            target=ChangeStatus.REJECTED,
            label="Không duyệt",
            phrase="từ chối",
            tone="danger",
        ),
    ],
)


class RegistrationChangeQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ChangeStatus.PENDING)

    def for_list(self):
        return self.select_related("title", "staff__team", "team", "school_year", "requested_by__staff")


class RegistrationChange(WorkflowModel, RecipientMixin):
    """A request, after the deadline, to add or withdraw a registration; the principal approves or rejects it."""

    workflow = CHANGE_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", verbose_name="năm học")
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức")
    action = models.CharField("thay đổi", max_length=10, choices=ChangeAction.choices)
    reason = models.TextField("lý do")
    status = models.CharField("trạng thái", max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="người đề nghị"
    )
    requested_at = models.DateTimeField("thời điểm đề nghị", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("thời điểm duyệt", null=True, blank=True)
    decision_note = models.TextField("ý kiến của hiệu trưởng", blank=True)

    objects = RegistrationChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "đề nghị thay đổi đăng ký"
        verbose_name_plural = "đề nghị thay đổi đăng ký"
        constraints = [
            _recipient_constraint("registrationchange_one_recipient"),
            models.CheckConstraint(condition=~Q(reason=""), name="registrationchange_reason_given"),
            # two requests at once for the same thing: the database lets one through (services turn the other
            # into a Vietnamese error)
            models.UniqueConstraint(
                fields=["school_year", "title", "staff"],
                condition=Q(staff__isnull=False, status="pending"),
                name="registrationchange_one_pending_staff",
                violation_error_message=PENDING_CHANGE_EXISTS,
            ),
            models.UniqueConstraint(
                fields=["school_year", "title", "team"],
                condition=Q(team__isnull=False, status="pending"),
                name="registrationchange_one_pending_team",
                violation_error_message=PENDING_CHANGE_EXISTS,
            ),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.recipient} – {self.title}"

    def clean(self):
        super().clean()
        errors = self.clean_recipient()
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------
# Evaluations, absences, disciplines, proceedings
# --------------------------------------------------------------------------------------------------


class Rating(models.TextChoices):
    EXCELLENT = "excellent", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "good", "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "completed", "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "not_completed", "Không hoàn thành nhiệm vụ"


class AnnualEvaluation(models.Model):
    """A staff member's annual rating (mức độ hoàn thành nhiệm vụ) for a school year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="evaluations", verbose_name="cán bộ")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", verbose_name="năm học")
    rating = models.CharField("xếp loại", max_length=20, choices=Rating.choices)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["school_year", "staff"]
        verbose_name = "đánh giá cuối năm"
        verbose_name_plural = "đánh giá cuối năm"
        constraints = [models.UniqueConstraint(fields=["staff", "school_year"], name="evaluation_unique_year")]

    def __str__(self):
        return f"{self.staff} – {self.school_year}: {self.get_rating_display()}"

    def clean(self):
        super().clean()
        if self.staff_id and self.school_id and self.staff.school_id != self.school_id:
            raise ValidationError({"staff": "Cán bộ phải thuộc cùng đơn vị."})


class AbsenceKind(models.TextChoices):
    MATERNITY = "maternity", "Nghỉ thai sản"
    DUTY_INJURY = "duty_injury", "Điều trị thương tích do làm nhiệm vụ"
    ASSIGNED_TRAINING = "assigned_training", "Đi học tập, bồi dưỡng theo phân công"
    SICK = "sick", "Nghỉ ốm"
    PERSONAL = "personal", "Nghỉ việc riêng"
    UNPAID = "unpaid", "Nghỉ không hưởng lương"
    OTHER = "other", "Khác"


#: Absences that the law counts as working time (Nghị định 152/2025 Điều 4). The rules read the regime's own
#: list; this one only groups the entry form and the profile page.
WORKING_TIME_ABSENCES = frozenset({AbsenceKind.MATERNITY, AbsenceKind.DUTY_INJURY, AbsenceKind.ASSIGNED_TRAINING})


class Absence(models.Model):
    """Days of one kind of absence in the evaluated year (dates when known)."""

    evaluation = models.ForeignKey(
        AnnualEvaluation, on_delete=models.CASCADE, related_name="absences", verbose_name="đánh giá"
    )
    kind = models.CharField("loại nghỉ", max_length=20, choices=AbsenceKind.choices)
    days = models.PositiveSmallIntegerField("số ngày", validators=[MinValueValidator(1), MaxValueValidator(366)])
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=200, blank=True)

    class Meta:
        ordering = ["evaluation", "start_date", "id"]
        verbose_name = "ngày nghỉ"
        verbose_name_plural = "ngày nghỉ"
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1), name="absence_days_positive"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="absence_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.days} ngày"

    @property
    def counts_as_work(self) -> bool:
        return self.kind in WORKING_TIME_ABSENCES

    def clean(self):
        super().clean()
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                raise ValidationError({"end_date": "Ngày kết thúc phải từ ngày bắt đầu trở đi."})
            if self.days and self.days > (self.end_date - self.start_date).days + 1:
                raise ValidationError({"days": "Số ngày nghỉ nhiều hơn khoảng thời gian đã ghi."})


class TeamEvaluation(models.Model):
    """A team's own result for a school year: its rating and whether it was internally united."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="evaluations", verbose_name="tổ")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+", verbose_name="năm học")
    rating = models.CharField("xếp loại tập thể", max_length=20, choices=Rating.choices)
    united = models.BooleanField("nội bộ đoàn kết", default=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["school_year", "team"]
        verbose_name = "đánh giá tập thể"
        verbose_name_plural = "đánh giá tập thể"
        constraints = [models.UniqueConstraint(fields=["team", "school_year"], name="teamevaluation_unique_year")]

    def __str__(self):
        return f"{self.team} – {self.school_year}: {self.get_rating_display()}"


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DEMOTION = "demotion", "Hạ bậc lương"
    REMOVAL = "removal", "Cách chức"
    DISMISSAL = "dismissal", "Buộc thôi việc"


class Discipline(models.Model):
    """A disciplinary measure on a staff member, in effect from ``start`` to ``end`` (empty: still in effect)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="disciplines", verbose_name="cán bộ")
    form = models.CharField("hình thức kỷ luật", max_length=20, choices=DisciplineForm.choices)
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decided_on = models.DateField("ngày quyết định")
    start = models.DateField("có hiệu lực từ")
    end = models.DateField("hết hiệu lực", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["-start"]
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="discipline_period_ordered"
            )
        ]

    def __str__(self):
        return f"{self.staff}: {self.get_form_display()} từ {self.start:%d/%m/%Y}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Ngày hết hiệu lực phải từ ngày có hiệu lực trở đi."})
        if self.staff_id and self.school_id and self.staff.school_id != self.school_id:
            raise ValidationError({"staff": "Cán bộ phải thuộc cùng đơn vị."})


class ProceedingKind(models.TextChoices):
    DISCIPLINE = "discipline", "Đang xem xét kỷ luật"
    INSPECTION = "inspection", "Đang thanh tra, kiểm tra"
    COMPLAINT = "complaint", "Có đơn khiếu nại, tố cáo đang giải quyết"


class ProceedingQuerySet(models.QuerySet):
    def open_on(self, day: date):
        return self.filter(opened_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))


class Proceeding(RecipientMixin):
    """A disciplinary process, an inspection or a complaint about a person or a team (exactly one); nothing is
    conferred on them while it is open."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    kind = models.CharField("loại vụ việc", max_length=20, choices=ProceedingKind.choices)
    opened_on = models.DateField("ngày bắt đầu")
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    objects = ProceedingQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = "vụ việc đang xem xét"
        verbose_name_plural = "vụ việc đang xem xét"
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="proceeding_period_ordered",
            ),
            _recipient_constraint("proceeding_one_subject"),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None or self.closed_on > date.today()

    def clean(self):
        super().clean()
        errors = self.clean_recipient()
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = "Ngày kết thúc phải từ ngày bắt đầu trở đi."
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------
# Initiatives
# --------------------------------------------------------------------------------------------------


class InitiativeScope(models.TextChoices):
    SCHOOL = "school", "Cấp cơ sở"
    DISTRICT = "district", "Cấp huyện"
    PROVINCE = "province", "Cấp tỉnh/thành phố"
    NATIONAL = "national", "Toàn quốc"


class InitiativeStatus(models.TextChoices):
    SUBMITTED = "submitted", "Đã nộp"
    UNDER_REVIEW = "under_review", "Đang xem xét"
    RECOGNISED = "recognised", "Đã công nhận"
    REJECTED = "rejected", "Không công nhận"


#: An initiative is submitted, taken under review, then recognised (with its scope and decision) or refused.
INITIATIVE_WORKFLOW = Workflow(
    noun="sáng kiến",
    states=InitiativeStatus,
    tones={
        InitiativeStatus.SUBMITTED: "warning",
        InitiativeStatus.UNDER_REVIEW: "primary",
        InitiativeStatus.RECOGNISED: "success",
        InitiativeStatus.REJECTED: "secondary",
    },
    verbs=[
        Verb(
            "start_review",
            sources={InitiativeStatus.SUBMITTED},
            target=InitiativeStatus.UNDER_REVIEW,
            label="Xem xét",
            phrase="đưa vào xem xét",
        ),
        Verb(
            "recognise",
            sources={InitiativeStatus.UNDER_REVIEW},
            target=InitiativeStatus.RECOGNISED,
            label="Công nhận",
            tone="success",
        ),
        Verb(
            "reject",
            sources={InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW},
            target=InitiativeStatus.REJECTED,
            label="Không công nhận",
            tone="danger",
        ),
    ],
    describe=lambda initiative: f"“{initiative.title}”",
)


class InitiativeQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("author__team", "school_year", "decision").prefetch_related("co_authors")

    def of(self, staff: Staff):
        """Initiatives the person wrote or co-wrote."""
        return self.filter(Q(author=staff) | Q(co_authors=staff)).distinct()


class Initiative(WorkflowModel, DecisionMixin, models.Model):
    """A staff member's initiative (sáng kiến); its ``scope`` is the widest at which its effect was recognised.

    Its recognition is the school's own QĐ (``decision``) or another authority's decision kept as text."""

    workflow = INITIATIVE_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    author = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="initiatives", verbose_name="tác giả")
    co_authors = models.ManyToManyField(Staff, blank=True, related_name="co_initiatives", verbose_name="đồng tác giả")
    title = models.CharField("tên sáng kiến", max_length=300)
    field = models.CharField("lĩnh vực áp dụng", max_length=200)
    description = models.TextField("mô tả nội dung")
    results = models.TextField("kết quả áp dụng")
    status = models.CharField(
        "trạng thái", max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.SUBMITTED
    )
    scope = models.CharField("phạm vi ảnh hưởng", max_length=20, choices=InitiativeScope.choices, blank=True)
    rejection_reason = models.TextField("lý do không công nhận", blank=True)
    submitted_at = models.DateTimeField("thời điểm nộp", auto_now_add=True)
    search_title = models.CharField(max_length=300, editable=False, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="recognised") | (~Q(scope="") & (DECIDED_BY_LINK | DECIDED_ELSEWHERE)),
                name="initiative_recognised_has_decision",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="initiative_rejected_has_reason"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_title = fold(self.title)
        if kwargs.get("update_fields") is not None and "title" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_title"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = self.clean_decision(required=self.status == InitiativeStatus.RECOGNISED)
        if errors:
            raise ValidationError(errors)

    @property
    def is_recognised(self) -> bool:
        return self.status == InitiativeStatus.RECOGNISED


def attachment_upload_to(attachment: "InitiativeAttachment", filename: str) -> str:
    """A random name: the person's file name is kept only in ``original_name`` (shown, never used as a path)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    suffix = f".{extension}" if extension in {"pdf", "doc", "docx", "jpg", "jpeg", "png", "xlsx"} else ""
    return f"initiatives/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


class InitiativeAttachment(models.Model):
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="attachments", verbose_name="sáng kiến"
    )
    file = models.FileField("tệp", upload_to=attachment_upload_to)
    original_name = models.CharField("tên tệp", max_length=200)
    size = models.PositiveIntegerField("dung lượng (byte)")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self):
        return self.original_name


# --------------------------------------------------------------------------------------------------
# Award history
# --------------------------------------------------------------------------------------------------


class DriveKind(models.TextChoices):
    YEARLY = "yearly", "Tổng kết năm học"
    THEMATIC = "thematic", "Chuyên đề, theo đợt"
    AD_HOC = "ad_hoc", "Đột xuất"


class AwardRecordQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "title",
            "school_year",
            "staff__team",
            "team",
            "pupil__class_group",
            "class_group__school_year",
            "other_person",
            "decision",
        )


class AwardRecord(DecisionMixin, AnyRecipientMixin):
    """A title or commendation received by a staff member, a team, a pupil, a class or another person (a parent, a
    citizen): the history the rules' chains are built from, kept when the person leaves.

    Awards of thematic or ad-hoc drives are kept with their ``drive`` and are never grounds for higher yearly
    awards. A yearly title is received once per recipient and year.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức")
    drive = models.CharField("khen thưởng", max_length=10, choices=DriveKind.choices, default=DriveKind.YEARLY)
    issuer_name = models.CharField(
        "cơ quan, người quyết định", max_length=200, blank=True, help_text="Chỉ ghi khi là quyết định của cấp khác."
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year__start_date", "title__sort_order"]
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "lịch sử khen thưởng"
        constraints = [
            _recipient_constraint("awardrecord_one_recipient", ANY_RECIPIENT),
            *(
                models.UniqueConstraint(
                    fields=["school_year", "title", field],
                    condition=Q(**{f"{field}__isnull": False}, drive="yearly"),
                    name=f"awardrecord_unique_yearly_{field}",
                )
                for field in ANY_RECIPIENT
            ),
            models.CheckConstraint(
                condition=(DECIDED_BY_LINK & Q(issuer_name="")) | (DECIDED_ELSEWHERE & ~Q(issuer_name="")),
                name="awardrecord_decision_by_link_or_text",
            ),
        ]

    def __str__(self):
        return f"{self.recipient} – {self.title} ({self.school_year})"

    @property
    def decided_by(self) -> str:
        """Who decided: the school (its name as issued) or the other authority written down."""
        return self.decision.header_issuer_name if self.decision_id else self.issuer_name

    def clean(self):
        super().clean()
        errors = self.clean_recipient() | self.clean_decision(required=True)
        if self.decision_id and self.issuer_name.strip():
            errors.setdefault("issuer_name", "Quyết định của trường: không ghi cơ quan quyết định.")
        elif not self.decision_id and not self.issuer_name.strip():
            errors.setdefault("issuer_name", "Ghi cơ quan, người quyết định.")
        if not errors and self.title_id and self.school_year_id and self.drive == DriveKind.YEARLY:
            same = AwardRecord.objects.filter(
                school_year=self.school_year_id, title=self.title_id, drive=DriveKind.YEARLY
            ).exclude(pk=self.pk)
            field = self.recipient_field
            same = same.filter(**{field: getattr(self, f"{field}_id")})
            if same.exists():
                errors["title"] = f"{self.recipient} đã có “{self.title}” năm học {self.school_year}."
        if errors:
            raise ValidationError(errors)


class InitiativeUse(models.Model):
    """An initiative spent on an award. One row per initiative at most: the database refuses a second use,
    so an initiative counted for a title is never counted again for a commendation, nor the reverse."""

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="use", verbose_name="sáng kiến"
    )
    award = models.ForeignKey(
        AwardRecord, on_delete=models.CASCADE, related_name="initiative_uses", verbose_name="khen thưởng"
    )
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "sáng kiến đã dùng để khen thưởng"
        verbose_name_plural = "sáng kiến đã dùng để khen thưởng"

    def __str__(self):
        return f"{self.initiative} → {self.award}"


# --------------------------------------------------------------------------------------------------
# Eligibility rules per regime (every parameter of ``rules.RegimeRules``; see ``awards.eligibility``)
# --------------------------------------------------------------------------------------------------

#: Keys of ``EligibilityRules.law_articles``, in the law's order: title and commendation codes, and "principles".
ARTICLE_KEYS = tuple(key for key, _ in LAW_2022_ARTICLES)


def _ratio_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001")), MaxValueValidator(Decimal(1))],
        **kwargs,
    )


def _count_field(verbose_name: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(verbose_name, validators=[MinValueValidator(1)])


class EligibilityRules(models.Model):
    """The figures one legal regime sets for eligibility: what ``awards.rules`` reads, one row per regime.

    Ratios are fractions (0,700 is 70 %). The code, law and decree names come from the regime itself.
    """

    regime = models.OneToOneField(
        LegalRegime, on_delete=models.CASCADE, related_name="eligibility_rules", verbose_name="chế độ"
    )
    # Lao động tiên tiến
    min_service_months = models.PositiveSmallIntegerField(
        "LĐTT: thời gian công tác tối thiểu để được xét (tháng)",
        help_text="Người tuyển dụng chưa đủ số tháng này tính đến ngày bình xét thì không xét danh hiệu năm đó.",
    )
    ltt_min_rating = models.CharField("LĐTT: mức đánh giá tối thiểu", max_length=20, choices=Rating.choices)
    ltt_discipline_min_form = models.CharField(
        "LĐTT: không bị kỷ luật từ hình thức", max_length=20, choices=DisciplineForm.choices
    )
    working_time_absence_kinds = models.JSONField(
        "thời gian nghỉ được tính là thời gian công tác",
        default=list,
        blank=True,
        help_text="Danh sách loại nghỉ (maternity, duty_injury, assigned_training…).",
    )
    # Chiến sĩ thi đua cơ sở
    cstdcs_excellent_rating_suffices = models.BooleanField(
        "CSTĐCS: hoàn thành xuất sắc nhiệm vụ là đủ (không bắt buộc sáng kiến)"
    )
    cstdcs_excellent_rating_required = models.BooleanField(
        "CSTĐCS: bắt buộc hoàn thành xuất sắc nhiệm vụ (cùng với sáng kiến)",
        default=False,
        help_text="Đánh dấu khi văn bản đòi cả hai: hoàn thành xuất sắc nhiệm vụ và có sáng kiến được công nhận.",
    )
    cstdcs_cap_ratio = _ratio_field(
        "CSTĐCS: tỷ lệ tối đa so với số LĐTT", null=True, blank=True, help_text="Để trống: không giới hạn."
    )
    cstdcs_initiative_min_scope = models.CharField(
        "CSTĐCS: phạm vi sáng kiến tối thiểu", max_length=20, choices=InitiativeScope.choices
    )
    # Higher individual titles
    cstdt_consecutive_cstdcs = _count_field("CSTĐ cấp tỉnh: số năm liên tục đạt CSTĐCS")
    cstdt_initiative_min_scope = models.CharField(
        "CSTĐ cấp tỉnh: phạm vi sáng kiến tối thiểu", max_length=20, choices=InitiativeScope.choices
    )
    cstdtq_consecutive_cstdt = _count_field("CSTĐ toàn quốc: số lần liên tục đạt CSTĐ cấp tỉnh")
    cstdtq_initiative_min_scope = models.CharField(
        "CSTĐ toàn quốc: phạm vi sáng kiến tối thiểu", max_length=20, choices=InitiativeScope.choices
    )
    # Collective titles
    collective_ltt_min_ratio = _ratio_field("TTLĐTT: tỷ lệ thành viên đạt LĐTT")
    collective_ltt_ratio_strict = models.BooleanField(
        "TTLĐTT: phải trên tỷ lệ (không tính bằng)",
        help_text="Đánh dấu khi văn bản ghi “trên …%”; bỏ đánh dấu khi ghi “ít nhất …%”.",
    )
    excellent_collective_ltt_min_ratio = _ratio_field("TTLĐXS: tỷ lệ tối thiểu thành viên đạt LĐTT")
    excellent_collective_completed_ratio = _ratio_field("TTLĐXS: tỷ lệ tối thiểu thành viên hoàn thành nhiệm vụ")
    collective_discipline_min_form = models.CharField(
        "tập thể: không có thành viên bị kỷ luật từ hình thức", max_length=20, choices=DisciplineForm.choices
    )
    collective_female_preference_ratio = _ratio_field("ưu tiên tập thể có tỷ lệ nữ từ")
    # Commendations
    gk_min_rating = models.CharField("Giấy khen: mức đánh giá tối thiểu", max_length=20, choices=Rating.choices)
    commendation_initiative_min_scope = models.CharField(
        "Bằng khen: phạm vi sáng kiến tối thiểu", max_length=20, choices=InitiativeScope.choices
    )
    bktp_consecutive_cstdcs = _count_field("Bằng khen cấp tỉnh (cá nhân): số năm liên tục đạt CSTĐCS")
    bktp_consecutive_excellent_years = _count_field(
        "Bằng khen cấp tỉnh (cá nhân): số năm liên tục hoàn thành xuất sắc nhiệm vụ"
    )
    bktp_initiatives = _count_field("Bằng khen cấp tỉnh (cá nhân): số sáng kiến")
    bktp_collective_excellent_years = _count_field("Bằng khen cấp tỉnh (tập thể): số năm liên tục xuất sắc")
    bkttg_excellent_years = _count_field("Bằng khen Thủ tướng: số năm liên tục xuất sắc sau Bằng khen cấp tỉnh")
    bkttg_initiatives = _count_field("Bằng khen Thủ tướng (cá nhân): số sáng kiến")
    # Calendar
    school_year_start_month = models.PositiveSmallIntegerField(
        "năm học bắt đầu: tháng", validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    school_year_start_day = models.PositiveSmallIntegerField(
        "năm học bắt đầu: ngày", validators=[MinValueValidator(1), MaxValueValidator(28)]
    )
    # Citations printed with each reason
    law_articles = models.JSONField(
        "điều luật theo danh hiệu",
        default=dict,
        help_text='Ví dụ {"LDTT": "Điều 24", "principles": "Điều 5"}; khóa là mã danh hiệu hoặc principles.',
    )
    ltt_detail_source = models.CharField("căn cứ: điều kiện thời gian công tác, kỷ luật (LĐTT)", max_length=200)
    working_time_source = models.CharField("căn cứ: thời gian nghỉ tính là thời gian công tác", max_length=200)
    cstdcs_cap_source = models.CharField("căn cứ: tỷ lệ CSTĐCS", max_length=200, blank=True)
    general_conditions_source = models.CharField(
        "căn cứ: điều kiện chung (đang xem xét kỷ luật, khen chuyên đề, ưu tiên)", max_length=200
    )

    class Meta:
        ordering = ["regime__effective_from"]
        verbose_name = "tiêu chuẩn xét danh hiệu theo chế độ"
        verbose_name_plural = "tiêu chuẩn xét danh hiệu theo chế độ"
        constraints = [
            models.CheckConstraint(
                condition=Q(cstdcs_cap_ratio__isnull=True) | (Q(cstdcs_cap_ratio__gt=0) & Q(cstdcs_cap_ratio__lte=1)),
                name="eligibility_cap_fraction",
            ),
            models.CheckConstraint(
                condition=~Q(cstdcs_excellent_rating_suffices=True, cstdcs_excellent_rating_required=True),
                name="eligibility_cstdcs_rating_suffices_or_required",
                violation_error_message="CSTĐCS: hoàn thành xuất sắc nhiệm vụ hoặc là đủ, hoặc là bắt buộc cùng sáng "
                "kiến, không thể cả hai.",
            ),
            *(
                models.CheckConstraint(condition=Q(**{f"{name}__gt": 0, f"{name}__lte": 1}), name=f"eligibility_{name}")
                for name in (
                    "collective_ltt_min_ratio",
                    "excellent_collective_ltt_min_ratio",
                    "excellent_collective_completed_ratio",
                    "collective_female_preference_ratio",
                )
            ),
            models.CheckConstraint(
                condition=Q(school_year_start_month__gte=1, school_year_start_month__lte=12)
                & Q(school_year_start_day__gte=1, school_year_start_day__lte=28),
                name="eligibility_school_year_start",
            ),
        ]

    def __str__(self):
        return f"Tiêu chuẩn xét danh hiệu – {self.regime}"

    def clean(self):
        super().clean()
        errors = {}
        kinds = self.working_time_absence_kinds
        if not isinstance(kinds, list) or any(kind not in AbsenceKind.values for kind in kinds):
            errors["working_time_absence_kinds"] = "Chỉ chọn các loại nghỉ trong danh mục."
        articles = self.law_articles
        if not isinstance(articles, dict) or any(
            key not in ARTICLE_KEYS or not isinstance(value, str) or not value.strip()
            for key, value in articles.items()
        ):
            errors["law_articles"] = (
                "Mỗi khóa là một mã trong " + ", ".join(ARTICLE_KEYS) + "; mỗi giá trị là số điều, ví dụ “Điều 24”."
            )
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------
# The year-end review: team reviews (bình xét) and nominations (đề nghị khen thưởng)
# --------------------------------------------------------------------------------------------------


class TeamReviewStatus(models.TextChoices):
    OPEN = "open", "Đang bình xét"
    SUBMITTED = "submitted", "Đã gửi đề nghị"


TEAM_REVIEW_WORKFLOW = Workflow(
    noun="buổi bình xét",
    states=TeamReviewStatus,
    tones={TeamReviewStatus.OPEN: "warning", TeamReviewStatus.SUBMITTED: "success"},
    verbs=[
        Verb("record_meeting", sources={TeamReviewStatus.OPEN}, target=TeamReviewStatus.OPEN, label="Ghi biên bản họp"),
        Verb("submit", sources={TeamReviewStatus.OPEN}, target=TeamReviewStatus.SUBMITTED, label="Gửi đề nghị của tổ",
             tone="success"),
    ],
    describe=lambda review: f"của {review.team} năm học {review.school_year}",
)  # fmt: skip


class TeamReviewQuerySet(models.QuerySet):
    def for_page(self):
        return self.select_related("school", "team", "school_year", "chair", "secretary").prefetch_related(
            "members_present"
        )


class TeamReview(WorkflowModel, models.Model):
    """A team's end-of-year review (bình xét) of one school year: the meeting (date, place, who attended, chair and
    secretary), the team's vote on each proposal (kept on the nominations it made) and the minutes it prints.

    One per team and year; once submitted, its draft nominations are proposed and the meeting can no longer change.
    """

    workflow = TEAM_REVIEW_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reviews", verbose_name="tổ")
    status = models.CharField(
        "trạng thái", max_length=10, choices=TeamReviewStatus.choices, default=TeamReviewStatus.OPEN
    )
    meeting_date = models.DateField("ngày họp", null=True, blank=True)
    meeting_time = models.TimeField("giờ họp", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=200, blank=True)
    chair = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="chủ trì"
    )
    secretary = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="thư ký"
    )
    members_present = models.ManyToManyField(Staff, blank=True, related_name="+", verbose_name="thành viên có mặt")
    opinions = models.TextField("ý kiến thảo luận", blank=True, help_text="Mỗi ý kiến một dòng.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField("mở lúc", auto_now_add=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    objects = TeamReviewQuerySet.as_manager()

    class Meta:
        ordering = ["school_year", "team__sort_order", "team__name"]
        verbose_name = "bình xét của tổ"
        verbose_name_plural = "bình xét của tổ"
        constraints = [
            models.UniqueConstraint(fields=["team", "school_year"], name="teamreview_unique_year"),
            models.CheckConstraint(
                condition=Q(status="open")
                | Q(meeting_date__isnull=False, chair__isnull=False, secretary__isnull=False),
                name="teamreview_submitted_has_meeting",
            ),
        ]

    def __str__(self):
        return f"Bình xét {self.team} năm học {self.school_year}"

    @property
    def meeting_missing(self) -> list[str]:
        """What the minutes still lack before the team may send its proposals (the members present are read from
        the prefetched relation)."""
        missing = []
        if self.meeting_date is None:
            missing.append("ngày họp")
        if not self.place.strip():
            missing.append("địa điểm")
        if self.chair_id is None:
            missing.append("người chủ trì")
        if self.secretary_id is None:
            missing.append("thư ký")
        if self.pk is None or not self.members_present.all():
            missing.append("thành viên có mặt")
        return missing


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Dự kiến đề nghị"
    TEAM_PROPOSED = "team_proposed", "Đã đề nghị"
    IN_COUNCIL_REVIEW = "in_council_review", "Hội đồng đang xét"
    COUNCIL_PASSED = "council_passed", "Hội đồng thông qua"
    COUNCIL_FAILED = "council_failed", "Hội đồng không thông qua"
    DISCLOSED = "disclosed", "Đã công khai"
    APPROVED = "approved", "Hiệu trưởng đã duyệt"
    REJECTED = "rejected", "Hiệu trưởng không duyệt"
    DECIDED = "decided", "Đã quyết định khen thưởng"
    SUBMITTED = "submitted", "Đã trình cấp trên"
    CONFERRED = "conferred", "Cấp trên đã khen thưởng"
    REFUSED = "refused", "Cấp trên không khen thưởng"
    WITHDRAWN = "withdrawn", "Đã rút"


#: States after which a nomination is over without an award: it no longer holds its recipient, title and year, so
#: a new nomination may be made (next to it, as history).
ENDED_WITHOUT_AWARD = frozenset(
    {
        NominationStatus.COUNCIL_FAILED,
        NominationStatus.REJECTED,
        NominationStatus.REFUSED,
        NominationStatus.WITHDRAWN,
    }
)
#: States in which the school counts the title as proposed (the eligibility engine's "proposed" this year).
PROPOSED_STATES = frozenset(NominationStatus.values) - ENDED_WITHOUT_AWARD - {NominationStatus.DRAFT}

_N = NominationStatus
NOMINATION_WORKFLOW = Workflow(
    noun="đề nghị",
    states=NominationStatus,
    tones={
        _N.DRAFT: "secondary", _N.TEAM_PROPOSED: "info", _N.IN_COUNCIL_REVIEW: "primary", _N.COUNCIL_PASSED: "success",
        _N.COUNCIL_FAILED: "danger", _N.DISCLOSED: "info", _N.APPROVED: "success", _N.REJECTED: "danger",
        _N.DECIDED: "dark", _N.SUBMITTED: "primary", _N.CONFERRED: "dark", _N.REFUSED: "danger", _N.WITHDRAWN: "light",
    },
    verbs=[
        Verb("record_vote", sources={_N.DRAFT}, target=_N.DRAFT, label="Ghi biểu quyết của tổ"),
        Verb("propose", sources={_N.DRAFT}, target=_N.TEAM_PROPOSED, label="Đề nghị", tone="success"),
        # the principal's own proposal of an ad-hoc commendation (simplified procedure): no team, no council
        Verb("propose_ad_hoc", sources={_N.DRAFT}, target=_N.APPROVED, label="Đề nghị khen thưởng đột xuất",
             tone="success"),
        Verb("withdraw", sources={_N.DRAFT, _N.TEAM_PROPOSED}, target=_N.WITHDRAWN, label="Rút đề nghị",
             tone="danger"),
        Verb("send_to_council", sources={_N.TEAM_PROPOSED}, target=_N.IN_COUNCIL_REVIEW, label="Đưa ra hội đồng"),
        Verb("council_pass", sources={_N.IN_COUNCIL_REVIEW}, target=_N.COUNCIL_PASSED,
             label="Ghi hội đồng thông qua", tone="success"),
        Verb("council_fail", sources={_N.IN_COUNCIL_REVIEW}, target=_N.COUNCIL_FAILED,
             label="Ghi hội đồng không thông qua", tone="danger"),
        Verb("disclose", sources={_N.COUNCIL_PASSED}, target=_N.DISCLOSED, label="Công khai"),
        Verb("approve", sources={_N.DISCLOSED}, target=_N.APPROVED, label="Duyệt", tone="success"),
        Verb("reject", sources={_N.DISCLOSED}, target=_N.REJECTED, label="Không duyệt", tone="danger"),
        Verb("decide", sources={_N.APPROVED}, target=_N.DECIDED, label="Quyết định khen thưởng", tone="success"),
        Verb("submit", sources={_N.APPROVED}, target=_N.SUBMITTED, label="Trình cấp trên"),
        Verb("confer", sources={_N.SUBMITTED}, target=_N.CONFERRED, label="Ghi cấp trên khen thưởng",
             tone="success"),
        Verb("refuse", sources={_N.SUBMITTED}, target=_N.REFUSED, label="Ghi cấp trên không khen thưởng",
             tone="danger"),
    ],
    describe=lambda nomination: f"“{nomination.title}” cho {nomination.recipient}",
)  # fmt: skip


class NominationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related(
            "title",
            "school_year",
            "staff__team",
            "team",
            "pupil__class_group",
            "class_group__school_year",
            "other_person",
            "team_review__team",
            "proposed_by__staff",
        )

    def live(self):
        """Nominations still holding their recipient, title and year (not ended without an award)."""
        return self.exclude(status__in=ENDED_WITHOUT_AWARD)

    def proposed(self):
        """Nominations the school counts as proposed: past the draft and not ended without an award."""
        return self.filter(status__in=PROPOSED_STATES)

    def in_council_queue(self, school_year: SchoolYear):
        """The council's queue of ``school_year``: the proposals sent to it (staff, teams, pupils…) awaiting its
        result, in the board's order. The council app reads its agenda here and records each result through
        ``awards.nominations.record_council_result``."""
        return self.filter(school_year=school_year, status=NominationStatus.IN_COUNCIL_REVIEW).order_by(
            "title__sort_order", "title__pk", "pk"
        )


LIVE_NOMINATION_EXISTS = "Đã có một đề nghị “{title}” cho {recipient} năm học {year}."


class Nomination(WorkflowModel, AnyRecipientMixin):
    """A proposal (đề nghị khen thưởng) that a staff member, a team, a pupil, a class or another person receive a
    title or a form of commendation in a school year.

    It moves through ``NOMINATION_WORKFLOW`` by the services of ``awards.nominations`` only. The eligibility verdict
    with its reasons is frozen (``verdict_at_proposal``) when it is proposed; pages show the live verdict beside it.
    One live yearly nomination per recipient, title and year (a database constraint per kind of recipient); ad-hoc
    ones (``drive``) are one per notable act, which the app recording the act keeps.
    """

    workflow = NOMINATION_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    title = models.ForeignKey(Title, on_delete=models.PROTECT, related_name="+", verbose_name="danh hiệu, hình thức")
    status = models.CharField(
        "trạng thái", max_length=20, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    #: Yearly (the year-end review) or ad hoc (a notable act, proposed by the principal): the award it leads to
    #: keeps the drive, and an ad-hoc award never grounds a yearly title.
    drive = models.CharField("khen thưởng", max_length=10, choices=DriveKind.choices, default=DriveKind.YEARLY)
    team_review = models.ForeignKey(
        TeamReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name="bình xét của tổ",
    )
    achievements = models.TextField("thành tích tóm tắt", blank=True)
    votes_for = models.PositiveSmallIntegerField("số đồng ý", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("số không đồng ý", null=True, blank=True)
    verdict_at_proposal = models.JSONField("kết quả xét khi đề nghị", null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người đề nghị",
    )
    proposed_at = models.DateTimeField("đề nghị lúc", null=True, blank=True)
    council_votes_for = models.PositiveSmallIntegerField("số phiếu đồng ý của hội đồng", null=True, blank=True)
    council_members = models.PositiveSmallIntegerField("tổng số thành viên hội đồng", null=True, blank=True)
    status_note = models.TextField("ghi chú, lý do", blank=True)
    award = models.OneToOneField(
        AwardRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nomination",
        verbose_name="khen thưởng đã ghi",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["school_year", "title__sort_order", "id"]
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        constraints = [
            _recipient_constraint("nomination_one_recipient", ANY_RECIPIENT),
            *(
                models.UniqueConstraint(
                    fields=["school_year", "title", field],
                    condition=Q(**{f"{field}__isnull": False}, drive="yearly")
                    & ~Q(status__in=sorted(ENDED_WITHOUT_AWARD)),
                    name=f"nomination_one_live_{field}",
                )
                for field in ANY_RECIPIENT
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True, votes_against__isnull=True)
                | Q(votes_for__isnull=False, votes_against__isnull=False),
                name="nomination_votes_both_or_none",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(proposed_at__isnull=False) | Q(status="withdrawn"),
                name="nomination_proposed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["decided", "conferred"]) | Q(award__isnull=False),
                name="nomination_awarded_has_record",
            ),
        ]

    def __str__(self):
        return f"Đề nghị {self.title} – {self.recipient} ({self.school_year})"

    @property
    def vote_recorded(self) -> bool:
        return self.votes_for is not None

    def clean(self):
        super().clean()
        errors = self.clean_recipient()
        if self.team_review_id and not errors:
            review = self.team_review
            if review.school_year_id != self.school_year_id:
                errors["team_review"] = "Buổi bình xét phải cùng năm học với đề nghị."
            elif self.team_id and self.team_id != review.team_id:
                errors["team"] = "Tổ chỉ tự đề nghị danh hiệu tập thể cho chính tổ mình."
            elif self.staff_id and self.staff.team_id != review.team_id:
                errors["staff"] = f"{self.staff} không thuộc {review.team}."
            elif not (self.staff_id or self.team_id):
                errors["team_review"] = "Tổ chỉ đề nghị cho thành viên của tổ và cho chính tổ."
        if (
            self.drive == DriveKind.AD_HOC
            and not errors
            and (self.team_review_id or (self.title_id and self.title.is_title))
        ):
            errors["title"] = "Khen thưởng đột xuất là một hình thức khen thưởng, do hiệu trưởng đề nghị."
        yearly = self.drive == DriveKind.YEARLY
        if yearly and not errors and self.title_id and self.school_year_id and self.status not in ENDED_WITHOUT_AWARD:
            field = self.recipient_field
            same = (
                Nomination.objects.live()
                .filter(drive=DriveKind.YEARLY)
                .filter(school_year=self.school_year_id, title=self.title_id, **{field: getattr(self, f"{field}_id")})
            )
            if same.exclude(pk=self.pk).exists():
                errors["title"] = LIVE_NOMINATION_EXISTS.format(
                    title=self.title, recipient=self.recipient, year=self.school_year
                )
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------
# Achievement reports (báo cáo thành tích)
# --------------------------------------------------------------------------------------------------


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Đã nộp, chờ xác nhận"
    RETURNED = "returned", "Trả lại để sửa"
    CONFIRMED = "confirmed", "Hiệu trưởng đã xác nhận"


#: The nominee writes and submits; the principal confirms it or returns it with a note; saving a returned report
#: makes it a draft again.
REPORT_WORKFLOW = Workflow(
    noun="báo cáo thành tích",
    states=ReportStatus,
    tones={
        ReportStatus.DRAFT: "secondary",
        ReportStatus.SUBMITTED: "warning",
        ReportStatus.RETURNED: "danger",
        ReportStatus.CONFIRMED: "success",
    },
    verbs=[
        Verb("edit", sources={ReportStatus.DRAFT, ReportStatus.RETURNED}, target=ReportStatus.DRAFT, label="Lưu"),
        Verb(
            "submit",
            sources={ReportStatus.DRAFT, ReportStatus.RETURNED},
            target=ReportStatus.SUBMITTED,
            label="Nộp báo cáo",
            phrase="nộp",
        ),
        Verb(
            "confirm",
            sources={ReportStatus.SUBMITTED},
            target=ReportStatus.CONFIRMED,
            label="Xác nhận",
            tone="success",
        ),
        Verb(
            "return",
            sources={ReportStatus.SUBMITTED},
            target=ReportStatus.RETURNED,
            label="Trả lại để sửa",
            phrase="trả lại",
            tone="danger",
        ),
    ],
    describe=lambda report: f"của {report.recipient}",
)


class AchievementReportQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("staff__team", "team", "school_year", "title")

    def submitted_for(self, school_year: SchoolYear):
        """Reports of the year handed in (submitted or confirmed): the board's "report submitted" check."""
        return self.filter(school_year=school_year, status__in=[ReportStatus.SUBMITTED, ReportStatus.CONFIRMED])

    def of(self, *, school_year: SchoolYear, staff: Staff | None = None, team: Team | None = None):
        return self.filter(school_year=school_year, staff=staff, team=team)

    def by_recipient(self, school_year: SchoolYear) -> dict[tuple[str, int], "AchievementReport"]:
        """The year's reports keyed ("staff", id) or ("team", id), in one query: what a list of nominations shows
        beside each (report not written, not submitted, submitted, confirmed)."""
        return {
            ("staff", report.staff_id) if report.staff_id else ("team", report.team_id): report
            for report in self.filter(school_year=school_year).only("pk", "status", "staff_id", "team_id")
        }


class AchievementReport(WorkflowModel, RecipientMixin):
    """A nominee's report of achievements (báo cáo thành tích) for a school year, in the decree's form: a staff
    member's (I. brief CV; II. duties and achievements; III. awards received) or a team's, written by its head
    (I. situation and duties; II. achievements; III. awards).

    One per recipient and year (constraints), so it exists whatever becomes of the nomination it supports. The
    paper is the nominee's own, not a numbered document: it prints through the one renderer with the nominee's
    signature and the principal's confirmation. Part III is read from the award history while the report is
    written and frozen in ``awards_snapshot`` when it is submitted.
    """

    workflow = REPORT_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đề nghị tặng",
        help_text="Danh hiệu hoặc hình thức khen thưởng mà báo cáo đề nghị.",
    )
    status = models.CharField("trạng thái", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    # I. Sơ lược lý lịch (individual) / tên tập thể
    name = models.CharField("họ và tên (tên tập thể)", max_length=200)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices, blank=True)
    hometown = models.CharField("quê quán", max_length=200, blank=True)
    residence = models.CharField("trú quán", max_length=200, blank=True)
    workplace = models.CharField("đơn vị công tác", max_length=200, blank=True)
    position = models.CharField("chức vụ (Đảng, chính quyền, đoàn thể)", max_length=200, blank=True)
    qualifications = models.CharField("trình độ chuyên môn, nghiệp vụ", max_length=200, blank=True)
    academic_titles = models.CharField("học hàm, học vị, danh hiệu, giải thưởng", max_length=200, blank=True)
    # I. Sơ lược đặc điểm, tình hình (collective)
    situation = models.TextField("đặc điểm, tình hình", blank=True)
    # II. Thành tích đạt được
    duties = models.TextField("quyền hạn, nhiệm vụ được giao (chức năng, nhiệm vụ)", blank=True)
    achievements = models.TextField("thành tích đạt được", blank=True)
    measures = models.TextField("biện pháp, giải pháp, sáng kiến đã áp dụng", blank=True)
    # III. Các hình thức đã được khen thưởng
    other_awards = models.TextField(
        "khen thưởng khác (chưa có trong lịch sử khen thưởng)",
        blank=True,
        help_text="Mỗi dòng một khen thưởng: năm; danh hiệu hoặc hình thức; số, ngày quyết định; cơ quan ban hành.",
    )
    awards_snapshot = models.JSONField("khen thưởng đã nhận (khi nộp)", null=True, blank=True, editable=False)
    return_note = models.TextField("ý kiến khi trả lại", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("sửa lần cuối", auto_now=True)
    submitted_at = models.DateTimeField("thời điểm nộp", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField("thời điểm xác nhận", null=True, blank=True)

    objects = AchievementReportQuerySet.as_manager()

    class Meta:
        ordering = ["school_year", "team", "name"]
        verbose_name = "báo cáo thành tích"
        verbose_name_plural = "báo cáo thành tích"
        constraints = [
            _recipient_constraint("achievementreport_one_recipient"),
            models.UniqueConstraint(
                fields=["school_year", "staff"], condition=Q(staff__isnull=False), name="achievementreport_one_staff"
            ),
            models.UniqueConstraint(
                fields=["school_year", "team"], condition=Q(team__isnull=False), name="achievementreport_one_team"
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_note=""), name="achievementreport_returned_has_note"
            ),
        ]

    def __str__(self):
        return f"Báo cáo thành tích của {self.recipient} ({self.school_year})"

    @property
    def is_collective(self) -> bool:
        return self.team_id is not None

    @property
    def is_editable(self) -> bool:
        return self.can("edit")

    def clean(self):
        super().clean()
        errors = self.clean_recipient()
        if errors:
            raise ValidationError(errors)


# --------------------------------------------------------------------------------------------------
# Pupils' commendations: each class's list (see ``awards.pupils``)
# --------------------------------------------------------------------------------------------------


class ClassProposalStatus(models.TextChoices):
    DRAFT = "draft", "Chưa gửi"
    SUBMITTED = "submitted", "Đã gửi, chờ kiểm tra"
    CHECKED = "checked", "Đã kiểm tra"


#: The homeroom teacher sends her class's list (and may add names until it is checked); the vice-principal checks
#: it, which puts its proposals on the council's queue.
CLASS_PROPOSAL_WORKFLOW = Workflow(
    noun="danh sách đề nghị khen thưởng học sinh",
    states=ClassProposalStatus,
    tones={
        ClassProposalStatus.DRAFT: "secondary",
        ClassProposalStatus.SUBMITTED: "warning",
        ClassProposalStatus.CHECKED: "success",
    },
    verbs=[
        Verb(
            "submit",
            sources={ClassProposalStatus.DRAFT, ClassProposalStatus.SUBMITTED},
            target=ClassProposalStatus.SUBMITTED,
            label="Gửi đề nghị",
            phrase="gửi thêm vào",
        ),
        Verb(
            "check",
            sources={ClassProposalStatus.SUBMITTED},
            target=ClassProposalStatus.CHECKED,
            label="Đã kiểm tra",
            phrase="kiểm tra",
            tone="success",
        ),
    ],
    describe=lambda proposal: f"của {proposal.class_group}",
)


class ClassProposal(WorkflowModel, models.Model):
    """A class's list of pupils proposed for the principal's Giấy khen (the proposals are its pupils'
    ``Nomination`` rows): one per class, which belongs to one school year."""

    workflow = CLASS_PROPOSAL_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    class_group = models.OneToOneField(
        ClassGroup, on_delete=models.PROTECT, related_name="proposal", verbose_name="lớp"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=ClassProposalStatus.choices, default=ClassProposalStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField("kiểm tra lúc", null=True, blank=True)

    class Meta:
        ordering = ["class_group"]
        verbose_name = "danh sách đề nghị khen thưởng học sinh của lớp"
        verbose_name_plural = "danh sách đề nghị khen thưởng học sinh"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="checked") | Q(checked_at__isnull=False), name="classproposal_checked_has_time"
            ),
        ]

    def __str__(self):
        return f"Danh sách đề nghị khen thưởng học sinh {self.class_group}"


# The later steps of the year, each in a module of its own (imported last: they refer to the models above).
from .certificates import CERTIFICATE_BATCH_WORKFLOW, BatchStatus, CertificateBatch  # noqa: E402, F401
from .decisions import (  # noqa: E402, F401
    OBJECTION_WORKFLOW,
    AwardDecision,
    Disclosure,
    HigherDecision,
    HolidayKind,
    Objection,
    ObjectionStatus,
    PublicHoliday,
    Submission,
)
from .statistics import StatisticsReport  # noqa: E402, F401
