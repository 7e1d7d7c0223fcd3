"""Input and layout of the awards pages; the rules that must always hold live in the models and services."""

from django import forms
from django.forms import inlineformset_factory, modelformset_factory

from thiduakhenthuong.core.input import DateInput, Form, IdChoiceField, ModelForm, TimeInput
from thiduakhenthuong.core.uploads import check_upload
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import (
    ClassGroup,
    LegalRegime,
    OtherPerson,
    OtherRelation,
    Pupil,
    SchoolYear,
    Staff,
    Team,
)

from .models import (
    Absence,
    AbsenceKind,
    AchievementReport,
    AnnualEvaluation,
    AwardRecord,
    Discipline,
    EligibilityRules,
    Initiative,
    InitiativeScope,
    InitiativeStatus,
    NominationStatus,
    Proceeding,
    RegistrationPeriod,
    TeamEvaluation,
    Title,
    TitleRule,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {"pdf", "docx", "doc", "jpg", "png"}


class TitleChoiceField(IdChoiceField):
    """Titles and forms of commendation offered together but labelled apart, in two groups."""

    def _get_choices(self):
        if not hasattr(self, "queryset") or self.queryset is None:
            return []
        groups: dict[str, list] = {}
        for title in self.queryset:
            groups.setdefault(title.get_kind_display(), []).append((title.pk, str(title)))
        return [("", self.empty_label or "—"), *groups.items()]

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


class YearFilterForm(Form):
    year = forms.ModelChoiceField(
        label="Năm học",
        queryset=SchoolYear.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.Select(attrs={"class": "form-select"}),  # rendered bare ({{ year_form.year }}), not by crispy
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = SchoolYear.objects.filter(school=school)


def _select(**attrs) -> forms.Select:
    """A filter's drop-down, rendered bare beside the others in a list's search bar."""
    return forms.Select(attrs={"class": "form-select", **attrs})


class EligibilityFilterForm(Form):
    """Narrows the school's verdict table to a team and a title; the year is chosen apart (``YearFilterForm``)."""

    team = forms.ModelChoiceField(
        label="Tổ", queryset=Team.objects.none(), required=False, empty_label="Tất cả các tổ", widget=_select()
    )
    title = TitleChoiceField(
        label="Danh hiệu, hình thức", queryset=Title.objects.none(), required=False, empty_label="Tất cả",
        widget=_select(),
    )  # fmt: skip

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(school=school).order_by("sort_order", "name")
        self.fields["title"].queryset = Title.objects.filter(is_active=True)


class AwardFilterForm(Form):
    """Narrows the award history to a school year, a staff member and a title."""

    year = forms.ModelChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), required=False, empty_label="Tất cả các năm",
        widget=_select(),
    )  # fmt: skip
    person = forms.ModelChoiceField(
        label="Cán bộ, giáo viên", queryset=Staff.objects.none(), required=False, empty_label="Tất cả",
        widget=_select(),
    )  # fmt: skip
    title = TitleChoiceField(
        label="Danh hiệu, hình thức", queryset=Title.objects.none(), required=False, empty_label="Tất cả",
        widget=_select(),
    )  # fmt: skip

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = SchoolYear.objects.filter(school=school)
        # those who left keep their history: they stay in the list
        self.fields["person"].queryset = Staff.objects.filter(school=school)
        self.fields["title"].queryset = Title.objects.all()


class InitiativeFilterForm(Form):
    """Narrows the initiative list by words of the title (accents ignored), status and school year."""

    q = forms.CharField(label="Tên sáng kiến", required=False, max_length=100)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *InitiativeStatus.choices], widget=_select()
    )
    year = forms.ModelChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), required=False, empty_label="Tất cả các năm",
        widget=_select(),
    )  # fmt: skip

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["class"] = "form-control"
        self.fields["year"].queryset = SchoolYear.objects.filter(school=school)


class TeamMeetingForm(Form):
    """The facts of the team's review meeting, as its minutes print them."""

    meeting_date = forms.DateField(label="Ngày họp", widget=DateInput())
    meeting_time = forms.TimeField(label="Giờ họp", required=False, widget=TimeInput())
    place = forms.CharField(label="Địa điểm", max_length=200)
    chair = forms.ModelChoiceField(label="Chủ trì", queryset=Staff.objects.none())
    secretary = forms.ModelChoiceField(label="Thư ký", queryset=Staff.objects.none())
    members_present = forms.ModelMultipleChoiceField(
        label="Thành viên có mặt", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    opinions = forms.CharField(
        label="Ý kiến thảo luận (mỗi ý kiến một dòng)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary", "members_present"):
            self.fields[name].queryset = members


class NominationCreateForm(Form):
    """A proposal for one member of the team, or for the team itself (the subject is in the URL's form field)."""

    subject = forms.CharField(widget=forms.HiddenInput)
    title = TitleChoiceField(label="Đề nghị danh hiệu, hình thức", queryset=Title.objects.none())
    achievements = forms.CharField(
        label="Thành tích tóm tắt", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = titles


class TeamVoteForm(Form):
    votes_for = forms.IntegerField(label="Đồng ý", min_value=0, max_value=500)
    votes_against = forms.IntegerField(label="Không đồng ý", min_value=0, max_value=500)


class NominationReasonForm(Form):
    """The reason a move needs (withdrawing, not approving); optional for the others."""

    reason = forms.CharField(label="Lý do", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class NominationFilterForm(Form):
    """The board's filters: team (its members and itself), title, status."""

    team = forms.ModelChoiceField(label="Tổ", queryset=Team.objects.none(), required=False, empty_label="Tất cả")
    title = TitleChoiceField(label="Danh hiệu", queryset=Title.objects.none(), required=False, empty_label="Tất cả")
    status = forms.ChoiceField(label="Trạng thái", required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(school=school)
        self.fields["title"].queryset = Title.objects.filter(is_active=True)
        self.fields["status"].choices = [("", "Tất cả"), *NominationStatus.choices]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


class RegistrationPeriodForm(ModelForm):
    class Meta:
        model = RegistrationPeriod
        fields = ["opens_on", "deadline"]
        widgets = {"opens_on": DateInput(), "deadline": DateInput()}


class RegisterForm(Form):
    title = TitleChoiceField(label="Danh hiệu, hình thức khen thưởng đăng ký", queryset=Title.objects.none())
    reason = forms.CharField(
        label="Lý do (khi đã quá hạn, cần hiệu trưởng duyệt)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, titles, late: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = titles
        if late:
            self.fields["reason"].required = True
            self.fields["reason"].label = "Lý do đăng ký thêm (cần hiệu trưởng duyệt)"
        else:
            del self.fields["reason"]


class WithdrawRequestForm(Form):
    """A withdrawal: before the deadline nothing to say; after it, the reason the principal reads."""

    reason = forms.CharField(label="Lý do rút đăng ký", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class DecisionForm(Form):
    """The principal's note on a change request: required when it is rejected."""

    note = forms.CharField(label="Ý kiến", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, reject: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reject:
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = "Hãy ghi lý do không duyệt."


class EvaluationForm(ModelForm):
    class Meta:
        model = AnnualEvaluation
        fields = ["rating", "note"]


AbsenceFormSet = inlineformset_factory(
    AnnualEvaluation,
    Absence,
    form=ModelForm,
    fields=["kind", "days", "start_date", "end_date", "note"],
    widgets={"start_date": DateInput(), "end_date": DateInput()},
    extra=2,
    can_delete=True,
)


class TeamEvaluationForm(ModelForm):
    class Meta:
        model = TeamEvaluation
        fields = ["rating", "united", "note"]


class _SchoolStaffForm(ModelForm):
    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["staff"].queryset = Staff.objects.filter(school=school).select_related("team")


class DisciplineForm(_SchoolStaffForm):
    class Meta:
        model = Discipline
        fields = ["staff", "form", "decision_number", "decided_on", "start", "end", "note"]
        widgets = {f: DateInput() for f in ["decided_on", "start", "end"]}


class ProceedingForm(_SchoolStaffForm):
    """About a person or, for a complaint or an inspection of a team, the team."""

    class Meta:
        model = Proceeding
        fields = ["staff", "team", "kind", "opened_on", "closed_on", "note"]
        widgets = {f: DateInput() for f in ["opened_on", "closed_on"]}
        labels = {"staff": "Cán bộ", "team": "Hoặc tổ"}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, school=school, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(school=school)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class InitiativeForm(ModelForm):
    attachments = MultipleFileField(
        label="Tệp đính kèm", required=False, help_text="PDF, Word, JPEG hoặc PNG; mỗi tệp tối đa 10 MB."
    )

    class Meta:
        model = Initiative
        fields = ["school_year", "title", "field", "description", "results", "co_authors"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "co_authors": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, school, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school, self.instance.author = school, author
        self.fields["school_year"].queryset = SchoolYear.objects.filter(school=school)
        self.fields["co_authors"].queryset = Staff.objects.filter(school=school).active().exclude(pk=author.pk)
        self.fields["co_authors"].required = False
        current = SchoolYear.objects.current(school)
        if current and not self.is_bound:
            self.initial.setdefault("school_year", current.pk)

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        for upload in files:
            check_upload(upload, allowed=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_BYTES)
        return files


class DecisionChoiceField(IdChoiceField):
    """The school's issued decisions (QĐ), newest first, labelled by symbol, date and summary."""

    def __init__(self, *args, school, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Quyết định của trường")
        kwargs.setdefault("empty_label", "— quyết định của cấp khác (ghi số, ngày bên dưới) —")
        super().__init__(OfficialDocument.objects.issued_decisions(school), *args, **kwargs)

    def label_from_instance(self, document):
        day = f" ngày {document.document_date:%d/%m/%Y}" if document.document_date else ""
        return f"{document.symbol}{day}: {document.summary[:80]}"


class RecogniseForm(Form):
    """The recognising decision: an issued QĐ of the school, or the number and date of another authority's."""

    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=InitiativeScope.choices)
    decision_number = forms.CharField(label="Số quyết định công nhận (cấp khác)", max_length=50, required=False)
    decision_date = forms.DateField(label="Ngày quyết định (cấp khác)", required=False, widget=DateInput())

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"] = DecisionChoiceField(school=school)
        self.order_fields(["scope", "decision", "decision_number", "decision_date"])

    def clean(self):
        data = super().clean()
        text = bool(data.get("decision_number", "").strip()) or data.get("decision_date") is not None
        if data.get("decision") and text:
            raise forms.ValidationError(
                "Chọn quyết định của trường hoặc ghi số, ngày quyết định của cấp khác, không cả hai."
            )
        if not data.get("decision") and not (data.get("decision_number", "").strip() and data.get("decision_date")):
            raise forms.ValidationError(
                "Chọn quyết định của trường, hoặc ghi cả số và ngày quyết định công nhận (dd/mm/yyyy)."
            )
        return data


class RejectForm(Form):
    reason = forms.CharField(label="Lý do không công nhận", widget=forms.Textarea(attrs={"rows": 3}))


class AwardRecordForm(ModelForm):
    title = TitleChoiceField(label="Danh hiệu, hình thức khen thưởng", queryset=Title.objects.none())
    initiatives = forms.ModelMultipleChoiceField(
        label="Sáng kiến dùng để xét (mỗi sáng kiến chỉ dùng một lần)",
        queryset=Initiative.objects.none(),
        required=False,
    )

    class Meta:
        model = AwardRecord
        fields = [
            "school_year",
            "staff",
            "team",
            "pupil",
            "class_group",
            "title",
            "drive",
            "decision",
            "decision_number",
            "decision_date",
            "issuer_name",
            "note",
        ]
        widgets = {"decision_date": DateInput()}
        labels = {"decision_number": "Số quyết định (cấp khác)", "decision_date": "Ngày quyết định (cấp khác)"}

    # Another person (a parent, a citizen): one already known to the school, or a new one saved with the award.
    other_person = IdChoiceField(label="Cá nhân khác đã có", queryset=OtherPerson.objects.none(), required=False)
    other_name = forms.CharField(label="Hoặc cá nhân khác mới: họ và tên", max_length=100, required=False)
    other_relation = forms.ChoiceField(
        label="Quan hệ với nhà trường", choices=[("", "—"), *OtherRelation.choices], required=False
    )
    other_description = forms.CharField(
        label="Ghi rõ", max_length=200, required=False, help_text="Ví dụ: phụ huynh em Nguyễn Văn An, lớp 3A."
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["decision"] = DecisionChoiceField(school=school)
        self.fields["school_year"].queryset = SchoolYear.objects.filter(school=school)
        self.fields["staff"].queryset = Staff.objects.filter(school=school)
        self.fields["team"].queryset = Team.objects.filter(school=school)
        self.fields["pupil"].queryset = Pupil.objects.filter(school=school).select_related("class_group")
        self.fields["pupil"].label_from_instance = lambda pupil: f"{pupil.full_name} ({pupil.class_group})"
        self.fields["class_group"].queryset = ClassGroup.objects.filter(school=school).select_related("school_year")
        self.fields["class_group"].label_from_instance = lambda group: f"{group} ({group.school_year})"
        self.fields["other_person"].queryset = OtherPerson.objects.filter(school=school)
        self.fields["other_person"].label_from_instance = lambda person: f"{person} ({person.relation_text})"
        self.initial.setdefault("other_person", self.instance.other_person_id)
        self.fields["title"].queryset = Title.objects.filter(is_active=True)
        self.fields["initiatives"].queryset = Initiative.objects.filter(
            school=school, status="recognised", use__isnull=True
        ).select_related("author")
        self.fields["initiatives"].label_from_instance = lambda i: f"{i.title} ({i.author})"
        self.order_fields(
            [
                "school_year", "staff", "team", "pupil", "class_group", "other_person", "other_name",
                "other_relation", "other_description",
            ]
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        chosen, name = data.get("other_person"), data.get("other_name", "").strip()
        if chosen and name:
            raise forms.ValidationError("Chọn cá nhân khác đã có hoặc ghi người mới, không cả hai.")
        if name:
            if not data.get("other_relation"):
                self.add_error("other_relation", "Chọn quan hệ của người này với nhà trường.")
                return data
            # saved by the service together with the award
            chosen = OtherPerson(
                school=self.instance.school,
                full_name=name,
                relation=data["other_relation"],
                description=data.get("other_description", "").strip(),
            )
        self.instance.other_person = chosen
        return data


class ImportForm(Form):
    """The file of an import; it is checked and read by ``core.spreadsheets.read_sheet`` (size, content, damage,
    columns) when the import runs, through ``run_service``, which puts its refusal on this field."""

    file = forms.FileField(label="Tệp Excel (.xlsx)")


class AchievementReportForm(ModelForm):
    """The report as its author writes it: the staff member's parts, or the team's (situation instead of the CV)."""

    INDIVIDUAL = [
        "title", "name", "date_of_birth", "gender", "hometown", "residence", "workplace", "position",
        "qualifications", "academic_titles", "duties", "achievements", "measures", "other_awards",
    ]  # fmt: skip
    COLLECTIVE = ["title", "name", "situation", "duties", "achievements", "measures", "other_awards"]

    class Meta:
        model = AchievementReport
        fields = [
            "title", "name", "date_of_birth", "gender", "hometown", "residence", "workplace", "position",
            "qualifications", "academic_titles", "situation", "duties", "achievements", "measures", "other_awards",
        ]  # fmt: skip
        widgets = {
            "date_of_birth": DateInput(),
            "situation": forms.Textarea(attrs={"rows": 5}),
            "duties": forms.Textarea(attrs={"rows": 4}),
            "achievements": forms.Textarea(attrs={"rows": 8}),
            "measures": forms.Textarea(attrs={"rows": 5}),
            "other_awards": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        keep = self.COLLECTIVE if report.is_collective else self.INDIVIDUAL
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        titles = Title.objects.for_teams() if report.is_collective else Title.objects.for_staff()
        self.fields["title"] = TitleChoiceField(
            label="Đề nghị tặng", queryset=titles, required=False, empty_label="— chưa chọn —"
        )
        if report.is_collective:
            self.fields["name"].label = "Tên tập thể"
            self.fields["duties"].label = "Chức năng, nhiệm vụ"
        self.fields["achievements"].required = False  # a draft may be unfinished; submitting requires it


class ReturnReportForm(Form):
    note = forms.CharField(label="Cần sửa gì", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


# --------------------------------------------------------------------------------------------------
# The law by data: a new regime copied from the one in force, then edited
# --------------------------------------------------------------------------------------------------

#: The eligibility figures in the groups of the law, for the regime page and the admin alike.
ELIGIBILITY_FIELDSETS = [
    (
        "Lao động tiên tiến",
        {
            "fields": [
                "min_service_months",
                "ltt_min_rating",
                "ltt_discipline_min_form",
                "working_time_absence_kinds",
            ]
        },
    ),
    (
        "Chiến sĩ thi đua",
        {
            "fields": [
                "cstdcs_excellent_rating_suffices",
                "cstdcs_excellent_rating_required",
                "cstdcs_cap_ratio",
                "cstdcs_initiative_min_scope",
                "cstdt_consecutive_cstdcs",
                "cstdt_initiative_min_scope",
                "cstdtq_consecutive_cstdt",
                "cstdtq_initiative_min_scope",
            ]
        },
    ),
    (
        "Danh hiệu tập thể",
        {
            "fields": [
                "collective_ltt_min_ratio",
                "collective_ltt_ratio_strict",
                "excellent_collective_ltt_min_ratio",
                "excellent_collective_completed_ratio",
                "collective_discipline_min_form",
                "collective_female_preference_ratio",
            ]
        },
    ),
    (
        "Hình thức khen thưởng",
        {
            "fields": [
                "gk_min_rating",
                "commendation_initiative_min_scope",
                "bktp_consecutive_cstdcs",
                "bktp_consecutive_excellent_years",
                "bktp_initiatives",
                "bktp_collective_excellent_years",
                "bkttg_excellent_years",
                "bkttg_initiatives",
            ]
        },
    ),
    ("Năm học", {"fields": ["school_year_start_month", "school_year_start_day"]}),
    (
        "Căn cứ pháp lý",
        {
            "fields": [
                "law_articles",
                "ltt_detail_source",
                "working_time_source",
                "cstdcs_cap_source",
                "general_conditions_source",
            ]
        },
    ),
]


class EligibilityRulesForm(ModelForm):
    """A regime's eligibility figures (every field but the regime), absences as check boxes."""

    working_time_absence_kinds = forms.MultipleChoiceField(
        label="Thời gian nghỉ được tính là thời gian công tác",
        choices=AbsenceKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = EligibilityRules
        fields = [name for _, group in ELIGIBILITY_FIELDSETS for name in group["fields"]]


class RegimeCopyForm(Form):
    """A new regime: the one it copies (the regime in force by default), its names and its dates."""

    source = IdChoiceField(label="Sao chép số liệu của chế độ", queryset=LegalRegime.objects.all())
    code = forms.CharField(label="Mã chế độ mới", max_length=10, help_text="Ví dụ: 2026.")
    name = forms.CharField(label="Tên", max_length=200)
    law_name = forms.CharField(label="Luật", max_length=200)
    decree_name = forms.CharField(label="Nghị định", max_length=200)
    effective_from = forms.DateField(label="Hiệu lực từ", widget=DateInput())
    effective_to = forms.DateField(label="Hiệu lực đến", required=False, widget=DateInput())

    def __init__(self, *args, in_force: LegalRegime | None, **kwargs):
        super().__init__(*args, **kwargs)
        if in_force is not None and not self.is_bound:
            self.initial.update(source=in_force.pk, law_name=in_force.law_name, decree_name=in_force.decree_name)


class RegimeForm(ModelForm):
    class Meta:
        model = LegalRegime
        fields = ["name", "law_name", "decree_name", "effective_from", "effective_to"]
        widgets = {"effective_from": DateInput(), "effective_to": DateInput()}


TitleRuleFormSet = modelformset_factory(
    TitleRule,
    form=ModelForm,
    fields=["conferring_level", "secret_ballot", "approval_threshold", "reward_multiple", "legal_basis"],
    extra=0,
    can_delete=False,
)


class CertificateBatchForm(Form):
    """Which decision to print: named by one of its awards (the list's rows carry it), so no decision number or
    date typed by the browser ever reaches a query."""

    award = IdChoiceField(queryset=AwardRecord.objects.none(), label="Quyết định")

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        from .certificates import certificate_awards

        self.fields["award"].queryset = certificate_awards(school)
