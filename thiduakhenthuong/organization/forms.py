from django import forms

from .models import SchoolYear, Staff, Team


class StaffForm(forms.ModelForm):
    class Meta:
        model = Staff
        fields = [
            "full_name",
            "gender",
            "date_of_birth",
            "position",
            "kind",
            "role",
            "team",
            "recruited_on",
            "left_on",
            "email",
            "phone",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "recruited_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
            "left_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["team"].queryset = Team.objects.filter(school=school)


class StaffFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)
    team = forms.ModelChoiceField(label="Tổ", queryset=Team.objects.none(), required=False, empty_label="Tất cả các tổ")

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(school=school)


class SchoolYearForm(forms.ModelForm):
    class Meta:
        model = SchoolYear
        fields = ["name", "start_date", "end_date"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school


class StaffImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)")
