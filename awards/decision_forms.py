"""Forms of the year's last steps (disclosure, objections, holidays, approval, the QĐ and the TTr, the higher
authority's decision): input only; the rules are the services' (``awards.decisions``)."""

from django import forms

from thiduakhenthuong.core.input import DateInput, Form

from .models import HolidayKind, Nomination


class DisclosureForm(Form):
    starts_on = forms.DateField(label="Công khai từ ngày", widget=DateInput())
    working_days = forms.IntegerField(label="Số ngày làm việc", min_value=1, max_value=60)
    note = forms.CharField(
        label="Nội dung thông báo", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionForm(Form):
    nomination = forms.ModelChoiceField(
        label="Về đề nghị", queryset=Nomination.objects.none(), required=False, empty_label="Cả danh sách"
    )
    text = forms.CharField(label="Nội dung phản ánh", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = disclosure.nominations.for_list()
        field.label_from_instance = lambda n: f"{n.recipient} – {n.title.name}"


class AnswerForm(Form):
    answer = forms.CharField(label="Trả lời", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class HolidayForm(Form):
    day = forms.DateField(label="Ngày", widget=DateInput())
    name = forms.CharField(label="Tên ngày", max_length=200)
    kind = forms.ChoiceField(label="Loại", choices=HolidayKind.choices)


class IssueForm(Form):
    issued_on = forms.DateField(label="Ngày ban hành", widget=DateInput())


class HigherDecisionForm(Form):
    number = forms.CharField(label="Số, ký hiệu quyết định", max_length=50)
    decided_on = forms.DateField(label="Ngày quyết định", widget=DateInput())
    authority_name = forms.CharField(label="Cơ quan quyết định", max_length=200)
    conferred = forms.ModelMultipleChoiceField(
        label="Được khen thưởng", queryset=Nomination.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    refused = forms.ModelMultipleChoiceField(
        label="Không được khen thưởng", queryset=Nomination.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    scan = forms.FileField(label="Bản quyết định đã ký (PDF, JPEG, PNG)", required=False)

    def __init__(self, *args, waiting, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [n.pk for n in waiting]
        for name in ("conferred", "refused"):
            field = self.fields[name]
            field.queryset = Nomination.objects.for_list().filter(pk__in=ids)
            field.label_from_instance = lambda n: f"{n.recipient} – {n.title.name}"
        if not self.is_bound:
            self.initial.setdefault("conferred", ids)
