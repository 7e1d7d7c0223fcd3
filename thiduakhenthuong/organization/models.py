"""The school and its people: School, LegalRegime, Authority, Team, Staff, SchoolYear, ClassGroup, Pupil.

Every school-owned row carries its ``school``; pages scope every query by it (see ``permissions``).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from thiduakhenthuong.core.text import fold, sort_key

#: Room for ``sort_key`` of a 100-character name (two digits a letter, a tone digit a word, the breaks).
SORT_NAME_LENGTH = 320


class NamedPerson(models.Model):
    """A person listed by name (staff, pupils, other people): ``sort_name`` keeps the Vietnamese order in SQL.

    Lists order by ``sort_name`` (``core.text.sort_key``: given name, then the rest, in the Vietnamese alphabet with
    tones after their letters), an indexed column filled by ``save()``; code that writes rows past ``save()``
    (``bulk_create``, ``update``) calls ``fill_names()`` first.
    """

    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, db_index=True)

    #: Columns derived from ``full_name``; ``save(update_fields=…)`` with ``full_name`` saves them too.
    derived_name_fields: tuple[str, ...] = ("sort_name",)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_names()
        if kwargs.get("update_fields") is not None and "full_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.derived_name_fields}
        super().save(*args, **kwargs)

    def fill_names(self) -> None:
        self.sort_name = sort_key(self.full_name)


class LegalRegime(models.Model):
    """A legal regime of emulation law with its effective period and its general parameters.

    A school year is judged under the regime in force at its end (``LegalRegime.objects.in_force_on``). The
    eligibility figures of a regime live in the awards app (``awards.EligibilityRules``, one row per regime).
    """

    code = models.CharField("mã", max_length=10, unique=True)
    name = models.CharField("tên", max_length=200)
    law_name = models.CharField("luật", max_length=200)
    decree_name = models.CharField("nghị định", max_length=200)
    effective_from = models.DateField("hiệu lực từ")
    effective_to = models.DateField("hiệu lực đến", null=True, blank=True)
    disclosure_working_days = models.PositiveSmallIntegerField("số ngày làm việc công khai danh sách")
    reward_rounding_step = models.PositiveIntegerField("làm tròn tiền thưởng lên bội số của (đồng)")

    class Meta:
        ordering = ["effective_from"]
        verbose_name = "chế độ pháp lý"
        verbose_name_plural = "chế độ pháp lý"
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=models.F("effective_from")),
                name="regime_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def in_force_on(cls, day: date) -> "LegalRegime":
        regime = (
            cls.objects.filter(effective_from__lte=day)
            .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
            .order_by("-effective_from")
            .first()
        )
        if regime is None:
            raise LookupError(f"Không có chế độ pháp lý nào có hiệu lực ngày {day:%d/%m/%Y}.")
        return regime


class AuthorityLevel(models.TextChoices):
    """Who confers: the school's head, the commune/district/province chairman, ministry or government."""

    SCHOOL = "school", "Thủ trưởng đơn vị"
    COMMUNE = "commune", "Chủ tịch UBND cấp xã"
    DISTRICT = "district", "Chủ tịch UBND cấp huyện"
    PROVINCE = "province", "Chủ tịch UBND cấp tỉnh"
    MINISTRY = "ministry", "Bộ trưởng"
    GOVERNMENT = "government", "Thủ tướng Chính phủ"
    STATE = "state", "Chủ tịch nước"


class School(models.Model):
    name = models.CharField("tên đơn vị", max_length=200)
    abbreviation = models.CharField(
        "viết tắt", max_length=20, unique=True, help_text="Dùng trong ký hiệu văn bản, ví dụ: 23/KH-THCD."
    )
    parent_agency = models.CharField("cơ quan chủ quản hiện nay", max_length=200)
    place_name = models.CharField("địa danh ghi ngày tháng", max_length=100)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(condition=~Q(abbreviation=""), name="school_abbreviation_not_empty"),
        ]

    def __str__(self):
        return self.name

    def authority(self, *, regime: LegalRegime, level: str) -> "Authority | None":
        return self.authorities.filter(regime=regime, level=level).first()


class Authority(models.Model):
    """The body at one level above (or at) a school under one regime: its name, its head and where it sits.

    With the catalog's conferring level per title and regime this says who confers which title on
    this school's people. It also names the parent agency printed in document headers of that regime
    (``is_parent``) and where submissions go (``receives_submissions``).
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="authorities", verbose_name="đơn vị")
    regime = models.ForeignKey(LegalRegime, on_delete=models.PROTECT, related_name="+", verbose_name="chế độ")
    level = models.CharField("cấp", max_length=20, choices=AuthorityLevel.choices)
    name = models.CharField("tên cơ quan", max_length=200, help_text="Ví dụ: UBND huyện Thanh Oai.")
    head_title = models.CharField("chức danh người đứng đầu", max_length=100, help_text="Ví dụ: Chủ tịch.")
    is_parent = models.BooleanField("là cơ quan chủ quản", default=False)
    receives_submissions = models.BooleanField("nhận tờ trình đề nghị khen thưởng", default=False)

    class Meta:
        ordering = ["school", "regime__effective_from", "level"]
        verbose_name = "cơ quan có thẩm quyền"
        verbose_name_plural = "cơ quan có thẩm quyền"
        constraints = [
            models.UniqueConstraint(fields=["school", "regime", "level"], name="authority_unique_level"),
            models.UniqueConstraint(
                fields=["school", "regime"], condition=Q(is_parent=True), name="authority_one_parent"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.regime.code})"


class SchoolYearQuerySet(models.QuerySet):
    def current(self, school: School) -> "SchoolYear | None":
        return self.filter(school=school, is_current=True).first()


class SchoolYear(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="years", verbose_name="đơn vị")
    name = models.CharField("năm học", max_length=9, help_text="Ví dụ: 2022-2023.")
    start_date = models.DateField("bắt đầu")
    end_date = models.DateField("kết thúc")
    is_current = models.BooleanField("năm học hiện tại", default=False)

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        ordering = ["school", "-start_date"]
        verbose_name = "năm học"
        verbose_name_plural = "năm học"
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="schoolyear_unique_name"),
            models.UniqueConstraint(fields=["school"], condition=Q(is_current=True), name="schoolyear_one_current"),
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="schoolyear_ordered"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."})
        if self.name and self.start_date and self.end_date:
            expected = f"{self.start_date.year}-{self.end_date.year}"
            if self.name != expected:
                raise ValidationError({"name": f"Tên năm học phải là “{expected}” theo ngày bắt đầu và kết thúc."})

    @property
    def start_year(self) -> int:
        return self.start_date.year

    def nearest_day(self, day: date) -> date:
        """``day`` itself while the year runs; else the year's first day (not started) or its last (over)."""
        return min(max(day, self.start_date), self.end_date)

    @property
    def regime(self) -> LegalRegime:
        """The legal regime in force at the end of this year, under which the year is judged."""
        return LegalRegime.in_force_on(self.end_date)


class Team(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="teams", verbose_name="đơn vị")
    name = models.CharField("tên tổ", max_length=100)
    is_office = models.BooleanField("tổ văn phòng", default=False)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["school", "sort_order", "name"]
        verbose_name = "tổ"
        verbose_name_plural = "tổ"
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="team_unique_name")]

    def __str__(self):
        return self.name


class Gender(models.TextChoices):
    FEMALE = "female", "Nữ"
    MALE = "male", "Nam"


class StaffKind(models.TextChoices):
    MANAGER = "manager", "Cán bộ quản lý"
    TEACHER = "teacher", "Giáo viên"
    EMPLOYEE = "employee", "Nhân viên"


class Role(models.TextChoices):
    """What a person does in this application (not the job title, which is ``Staff.position``)."""

    PRINCIPAL = "principal", "Hiệu trưởng"
    VICE_PRINCIPAL = "vice_principal", "Phó hiệu trưởng"
    TEAM_HEAD = "team_head", "Tổ trưởng"
    CLERK = "clerk", "Văn thư"
    MEMBER = "member", "Cán bộ, giáo viên, nhân viên"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class StaffQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        on = on or date.today()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def principals(self, on: date | None = None):
        """The principals in office on ``on`` (default today): whoever has left by that day is no longer one."""
        return self.filter(role=Role.PRINCIPAL).active(on)

    def principal_of(self, school: School | int, *, on: date | None = None) -> "Staff | None":
        """The one way to find who signs for ``school`` as its principal (hiệu trưởng) on ``on`` (default today):
        the principal in office that day, the lowest id when a handover leaves two in office; None when there is
        none, and a caller that needs a signer refuses in Vietnamese. One query, with no join."""
        return self.principals(on).filter(school=school).order_by("pk").first()

    def team_heads(self, on: date | None = None):
        """The team heads (tổ trưởng) in office on ``on`` (default today): whoever has left by that day is no longer
        one. During a handover a team has two (see ``heads_by_team``)."""
        return self.filter(role=Role.TEAM_HEAD).active(on)

    def heads_by_team(self, on: date | None = None) -> dict[int, "Staff"]:
        """Each team's head in office on ``on`` (default today), by team id, among these staff: the lowest id when a
        handover leaves two in office (the outgoing head, who has given her leaving day, and her successor); a team
        without a head in office is absent. One query, with no join."""
        # ordered down the ids: a team's lowest id is written last and stays
        return {head.team_id: head for head in self.team_heads(on).order_by("-pk")}

    def team_head_of(self, team: "Team | int", *, on: date | None = None) -> "Staff | None":
        """The one way to find who heads ``team`` (tổ trưởng) on ``on`` (default today), who answers and signs for
        it: the head in office that day, the lowest id when a handover leaves two in office (``heads_by_team``);
        None when there is none. One query, with no join."""
        team_id = team.pk if isinstance(team, Team) else team
        return self.filter(team=team_id).heads_by_team(on).get(team_id)

    def for_list(self):
        return self.select_related("team")


class Staff(NamedPerson):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff", verbose_name="đơn vị")
    full_name = models.CharField("họ và tên", max_length=100)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=100, help_text="Ví dụ: Hiệu trưởng, Giáo viên, Kế toán.")
    kind = models.CharField("loại", max_length=10, choices=StaffKind.choices)
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.MEMBER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name="tổ"
    )
    recruited_on = models.DateField("ngày tuyển dụng", null=True, blank=True)
    left_on = models.DateField("ngày thôi việc", null=True, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name="tài khoản",
    )
    search_name = models.CharField(max_length=100, editable=False, db_index=True)

    objects = StaffQuerySet.as_manager()
    derived_name_fields = ("sort_name", "search_name")

    class Meta:
        ordering = ["school", "team__sort_order", "sort_name", "pk"]
        verbose_name = "cán bộ, giáo viên, nhân viên"
        verbose_name_plural = "cán bộ, giáo viên, nhân viên"
        # "staff of a school without an account" (the dashboard, ?no_account=on): without it SQLite walks the
        # account index over every account-less person of every school
        indexes = [models.Index(fields=["school", "user"], name="staff_school_account")]
        constraints = [
            # one principal, one head a team, without a leaving day: a handover gives the outgoing one her day first
            # (until then both are in office: ``principal_of`` and ``team_head_of`` say which one signs)
            models.UniqueConstraint(
                fields=["school"],
                condition=Q(role="principal", left_on__isnull=True),
                name="staff_one_principal",
                violation_error_message="Đơn vị đã có hiệu trưởng chưa có ngày thôi việc: hãy ghi ngày thôi việc "
                "của hiệu trưởng cũ (hoặc đổi vai trò của người đó) trước khi giao cho người khác.",
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(role="team_head", left_on__isnull=True),
                name="staff_one_team_head",
                violation_error_message="Tổ đã có tổ trưởng chưa có ngày thôi việc: hãy ghi ngày thôi việc của tổ "
                "trưởng cũ (hoặc đổi vai trò của người đó) trước khi giao cho người khác.",
            ),
            models.CheckConstraint(
                condition=~Q(role="team_head") | Q(team__isnull=False), name="staff_team_head_has_team"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(recruited_on__isnull=True)
                | Q(left_on__gt=models.F("recruited_on")),
                name="staff_left_after_recruited",
            ),
        ]

    def __str__(self):
        return self.full_name

    def fill_names(self) -> None:
        super().fill_names()
        self.search_name = fold(self.full_name)

    def clean(self):
        super().clean()
        errors = {}
        if self.team_id and self.school_id and self.team.school_id != self.school_id:
            errors["team"] = "Tổ phải thuộc cùng đơn vị."
        if self.role == Role.TEAM_HEAD and not self.team_id:
            errors["team"] = "Tổ trưởng phải thuộc một tổ."
        if self.left_on and self.recruited_on and self.left_on <= self.recruited_on:
            errors["left_on"] = "Ngày thôi việc phải sau ngày tuyển dụng."
        if self.date_of_birth and self.date_of_birth >= date.today():
            errors["date_of_birth"] = "Ngày sinh phải trước hôm nay."
        if errors:
            raise ValidationError(errors)

    @property
    def initials(self) -> str:
        """The given name, as the archive line writes the drafter (``Lưu: VT (Ánh 02).``)."""
        return self.full_name.split()[-1] if self.full_name else ""

    @property
    def is_active(self) -> bool:
        return self.works_on(self.left_on, date.today())

    @staticmethod
    def works_on(left_on: date | None, day: date) -> bool:
        """Whether someone who left on ``left_on`` (None: never left) still works on ``day`` (for plain rows)."""
        return left_on is None or left_on > day


class ClassGroup(models.Model):
    """A pupils' class of one school year: only what commendations of pupils need."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups", verbose_name="đơn vị")
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.CASCADE, related_name="class_groups", verbose_name="năm học"
    )
    name = models.CharField("lớp", max_length=20)
    grade = models.PositiveSmallIntegerField("khối")
    homeroom_teacher = models.ForeignKey(
        Staff,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        verbose_name="giáo viên chủ nhiệm",
    )

    class Meta:
        ordering = ["school_year", "grade", "name"]
        verbose_name = "lớp"
        verbose_name_plural = "lớp"
        constraints = [
            models.UniqueConstraint(fields=["school_year", "name"], name="classgroup_unique_name"),
            models.CheckConstraint(condition=Q(grade__gte=1) & Q(grade__lte=12), name="classgroup_grade_range"),
        ]

    def __str__(self):
        return f"Lớp {self.name}"


class Pupil(NamedPerson):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="pupils", verbose_name="đơn vị")
    full_name = models.CharField("họ và tên", max_length=100)
    gender = models.CharField("giới tính", max_length=10, choices=Gender.choices)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    class_group = models.ForeignKey(ClassGroup, on_delete=models.PROTECT, related_name="pupils", verbose_name="lớp")

    class Meta:
        ordering = ["class_group", "sort_name", "pk"]
        verbose_name = "học sinh"
        verbose_name_plural = "học sinh"

    def __str__(self):
        return self.full_name


class OtherRelation(models.TextChoices):
    """What a person who is neither staff nor pupil is to the school."""

    PARENT = "parent", "Phụ huynh học sinh"
    CITIZEN = "citizen", "Công dân"
    ALUMNUS = "alumnus", "Cựu học sinh"
    FORMER_STAFF = "former_staff", "Nguyên cán bộ, giáo viên"
    PARTNER = "partner", "Đại diện cơ quan, đơn vị phối hợp"
    OTHER = "other", "Khác"


class OtherPerson(NamedPerson):
    """A person outside the staff and the pupils whom the school commends: a parent, a citizen, an alumnus…"""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="other_people", verbose_name="đơn vị")
    full_name = models.CharField("họ và tên", max_length=100)
    relation = models.CharField("quan hệ với nhà trường", max_length=20, choices=OtherRelation.choices)
    description = models.CharField(
        "ghi rõ", max_length=200, blank=True, help_text="Ví dụ: phụ huynh em Nguyễn Văn An, lớp 3A; thôn Cao Dương."
    )

    class Meta:
        ordering = ["school", "sort_name", "pk"]
        verbose_name = "cá nhân khác"
        verbose_name_plural = "cá nhân khác (phụ huynh, công dân…)"
        constraints = [models.CheckConstraint(condition=~Q(full_name=""), name="otherperson_name_not_empty")]

    def __str__(self):
        return self.full_name

    @property
    def relation_text(self) -> str:
        """What the person is to the school, as printed beside the name (Phụ huynh học sinh: phụ huynh em …)."""
        label = self.get_relation_display()
        return f"{label}: {self.description}" if self.description else label
