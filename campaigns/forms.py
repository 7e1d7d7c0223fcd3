"""Input and layout for the campaign pages; the rules that must always hold live in the models."""

from datetime import date

from django import forms

from thiduakhenthuong.core.input import DateInput, Form, ModelForm
from thiduakhenthuong.documents.models import OfficialDocument, SignerCapacity
from thiduakhenthuong.organization.models import Role, SchoolYear, Staff

from .models import (
    IN_FORCE,
    PLAN_TEXTS,
    Campaign,
    CampaignCriterion,
    CampaignKind,
    CampaignPeriod,
    CampaignStatus,
    Commitment,
    Plan,
    TargetGroup,
)


class CampaignForm(ModelForm):
    target_groups = forms.MultipleChoiceField(
        label="Đối tượng", choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Campaign
        fields = ["school_year", "name", "kind", "start_date", "end_date", "target_groups", "description"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["school_year"].queryset = SchoolYear.objects.filter(school=school)
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("school_year", SchoolYear.objects.current(school))


CriterionFormSet = forms.inlineformset_factory(
    Campaign,
    CampaignCriterion,
    form=ModelForm,
    fields=["order", "name", "description"],
    widgets={"description": forms.Textarea(attrs={"rows": 2}), "order": forms.NumberInput(attrs={"min": 0})},
    extra=3,
    can_delete=True,
)


class LaunchForm(Form):
    launched_on = forms.DateField(label="Ngày phát động", initial=date.today, widget=DateInput())
    launch_document = forms.ModelChoiceField(
        label="Văn bản phát động (nếu có)",
        queryset=OfficialDocument.objects.none(),
        required=False,
        empty_label="Không có",
        help_text="Văn bản đã cấp số của đơn vị, ví dụ kế hoạch hay quyết định phát động.",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["launch_document"]
        field.queryset = OfficialDocument.objects.filter(school=school, status__in=IN_FORCE)
        field.label_from_instance = lambda d: f"{d.symbol} ngày {d.document_date:%d/%m/%Y}: {d.summary}"


class CloseForm(Form):
    closed_on = forms.DateField(label="Ngày kết thúc", initial=date.today, widget=DateInput())
    summary = forms.CharField(
        label="Sơ kết, tổng kết phong trào",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Kết quả đạt được, tập thể và cá nhân tiêu biểu, hạn chế và bài học.",
    )


class PeriodForm(ModelForm):
    class Meta:
        model = CampaignPeriod
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign


class CommitmentForm(ModelForm):
    class Meta:
        model = Commitment
        fields = ["pledge", "targets", "signed_on"]
        widgets = {
            "pledge": forms.Textarea(attrs={"rows": 5}),
            "targets": forms.Textarea(attrs={"rows": 4}),
            "signed_on": DateInput(),
        }

    def __init__(self, *args, campaign, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign, self.instance.team = campaign, team
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("signed_on", date.today())


class CampaignFilterForm(Form):
    year = forms.ModelChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), required=False, empty_label="Tất cả các năm"
    )
    kind = forms.ChoiceField(label="Hình thức", choices=[("", "Tất cả")] + CampaignKind.choices, required=False)
    status = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả")] + CampaignStatus.choices, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = SchoolYear.objects.filter(school=school)


# --- the yearly plan ----------------------------------------------------------------------------------------------


class PlanCreateForm(Form):
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100, help_text="Năm dương lịch, ví dụ 2023.")
    school_years = forms.ModelMultipleChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, school, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        years = SchoolYear.objects.filter(school=school)
        self.fields["school_years"].queryset = years
        if not self.is_bound:
            # The first year from this one without a plan, and the school years it overlaps: the defaults agree
            # with each other and with the service's check (a school year must overlap the plan's year).
            planned = set(Plan.objects.filter(school=school, year__gte=today.year).values_list("year", flat=True))
            year = today.year
            while year in planned:
                year += 1
            self.initial.setdefault("year", year)
            self.initial.setdefault(
                "school_years", list(years.filter(start_date__year__lte=year, end_date__year__gte=year))
            )


TEXT_HELP = "Mỗi đoạn một dòng; dòng bắt đầu bằng “1.”, “2.1.” được in đậm như đề mục; “- ”, “+ ” là gạch đầu dòng."


class PlanSectionForm(Form):
    """One section of the plan editor. ``changes()`` gives the keyword arguments of ``services.update_plan`` (and of
    ``printing.plan_preview``) for what the form holds; each form has its own prefix so all can post together."""

    key = ""
    title = ""

    def __init__(self, data=None, *, plan: Plan, **kwargs):
        self.plan = plan
        super().__init__(data, prefix=self.key, initial=self.initial_from(plan), **kwargs)

    def initial_from(self, plan: Plan) -> dict:
        raise NotImplementedError

    def changes(self) -> dict:
        raise NotImplementedError

    def is_posted(self) -> bool:
        """Whether the posted data holds this section at all (a preview posts every section)."""
        return self.is_bound and any(name.startswith(f"{self.prefix}-") for name in self.data)


class PlanTextForm(PlanSectionForm):
    text = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=TEXT_HELP,
    )

    def __init__(self, data=None, *, plan: Plan, key: str, **kwargs):
        self.key, self.title = key, PLAN_TEXTS[key]
        super().__init__(data, plan=plan, **kwargs)

    def initial_from(self, plan):
        return {"text": plan.texts[self.key]}

    def changes(self):
        return {"texts": {self.key: self.cleaned_data["text"]}}


class PlanCampaignsForm(PlanSectionForm):
    key = "campaigns"
    title = PLAN_TEXTS["campaigns_intro"]

    campaigns_intro = forms.CharField(
        label="Nội dung",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=TEXT_HELP,
    )
    campaigns = forms.ModelMultipleChoiceField(
        label="Phong trào của năm",
        queryset=Campaign.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    list_campaigns = forms.BooleanField(
        label=Plan._meta.get_field("list_campaigns").verbose_name.capitalize(),
        required=False,
        help_text=Plan._meta.get_field("list_campaigns").help_text,
    )

    def __init__(self, data=None, *, plan: Plan, **kwargs):
        super().__init__(data, plan=plan, **kwargs)
        field = self.fields["campaigns"]
        field.queryset = Campaign.objects.filter(
            school=plan.school_id, school_year__in=plan.school_years.all()
        ).select_related("school_year")
        field.label_from_instance = lambda c: f"{c.name} ({c.school_year.name}, {c.get_kind_display().lower()})"

    def initial_from(self, plan):
        return {
            "campaigns_intro": plan.texts["campaigns_intro"],
            "campaigns": list(plan.campaigns.all()),
            "list_campaigns": plan.list_campaigns,
        }

    def changes(self):
        data = self.cleaned_data
        return {
            "texts": {"campaigns_intro": data["campaigns_intro"]},
            "campaigns": list(data["campaigns"]),
            "list_campaigns": data["list_campaigns"],
        }


class PlanHeaderForm(PlanSectionForm):
    key = "header"
    title = "Thông tin văn bản"

    summary = forms.CharField(label="Trích yếu", max_length=500)
    document_date = forms.DateField(
        label="Ngày ban hành dự kiến", required=False, widget=DateInput(), help_text="Để trống: lấy ngày cấp số."
    )
    school_years = forms.ModelMultipleChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    signer = forms.ModelChoiceField(label="Người ký", queryset=Staff.objects.none())
    drafter = forms.ModelChoiceField(label="Người soạn thảo", queryset=Staff.objects.none(), required=False)
    recipients = forms.CharField(
        label="Nơi nhận", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Mỗi nơi một dòng."
    )
    archive_note = forms.CharField(label="Lưu", max_length=100, required=False, help_text="Ví dụ: VT (Ánh 02).")

    def __init__(self, data=None, *, plan: Plan, **kwargs):
        super().__init__(data, plan=plan, **kwargs)
        staff = Staff.objects.filter(school=plan.school_id).active()
        self.fields["signer"].queryset = staff.filter(role__in=[Role.PRINCIPAL, Role.VICE_PRINCIPAL])
        self.fields["drafter"].queryset = staff
        self.fields["school_years"].queryset = SchoolYear.objects.filter(school=plan.school_id)

    def initial_from(self, plan):
        document = plan.document
        return {
            "summary": document.summary,
            "document_date": document.document_date,
            "school_years": list(plan.school_years.all()),
            "signer": document.signer_id,
            "drafter": document.drafter_id,
            "recipients": document.recipients,
            "archive_note": document.archive_note,
        }

    def changes(self):
        data = dict(self.cleaned_data)
        school_years = list(data.pop("school_years"))
        signer = data["signer"]
        if signer.role == Role.PRINCIPAL:
            data.update(signer_capacity=SignerCapacity.NONE, signer_authority=signer.position, signer_position="")
        else:  # a vice principal signs on the principal's behalf: "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG"
            data.update(
                signer_capacity=SignerCapacity.KT,
                signer_authority=Role.PRINCIPAL.label,
                signer_position=signer.position,
            )
        return {"school_years": school_years, "document_fields": data}


def plan_section_forms(plan: Plan, data=None) -> list[PlanSectionForm]:
    """The editor's forms in printed order: the document's header, then one per part of the text."""
    forms_ = [PlanHeaderForm(data, plan=plan)]
    for key in PLAN_TEXTS:
        forms_.append(
            PlanCampaignsForm(data, plan=plan) if key == "campaigns_intro" else PlanTextForm(data, plan=plan, key=key)
        )
    return forms_


class PlanIssueForm(Form):
    issued_on = forms.DateField(label="Ngày ban hành", initial=date.today, widget=DateInput())
