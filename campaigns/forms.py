"""Input and layout for the campaign pages; the rules that must always hold live in the models."""

from datetime import date

from django import forms

from thiduakhenthuong.organization.models import SchoolYear

from .models import Campaign, CampaignCriterion, CampaignKind, CampaignPeriod, CampaignStatus, Commitment, TargetGroup

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


class CampaignForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label="Đối tượng", choices=TargetGroup.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Campaign
        fields = ["school_year", "name", "kind", "start_date", "end_date", "target_groups", "description"]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
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
    fields=["order", "name", "description"],
    widgets={"description": forms.Textarea(attrs={"rows": 2}), "order": forms.NumberInput(attrs={"min": 0})},
    extra=3,
    can_delete=True,
)


class LaunchForm(forms.Form):
    launched_on = forms.DateField(label="Ngày phát động", initial=date.today, widget=DATE_WIDGET)


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="Ngày kết thúc", initial=date.today, widget=DATE_WIDGET)
    summary = forms.CharField(
        label="Sơ kết, tổng kết phong trào",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Kết quả đạt được, tập thể và cá nhân tiêu biểu, hạn chế và bài học.",
    )


class PeriodForm(forms.ModelForm):
    class Meta:
        model = CampaignPeriod
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign = campaign


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["pledge", "targets", "signed_on"]
        widgets = {
            "pledge": forms.Textarea(attrs={"rows": 5}),
            "targets": forms.Textarea(attrs={"rows": 4}),
            "signed_on": DATE_WIDGET,
        }

    def __init__(self, *args, campaign, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.campaign, self.instance.team = campaign, team
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("signed_on", date.today())


class CampaignFilterForm(forms.Form):
    year = forms.ModelChoiceField(
        label="Năm học", queryset=SchoolYear.objects.none(), required=False, empty_label="Tất cả các năm"
    )
    kind = forms.ChoiceField(label="Hình thức", choices=[("", "Tất cả")] + CampaignKind.choices, required=False)
    status = forms.ChoiceField(label="Trạng thái", choices=[("", "Tất cả")] + CampaignStatus.choices, required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].queryset = SchoolYear.objects.filter(school=school)
