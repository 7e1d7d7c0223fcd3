import re

from django import forms

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.input import DateInput, Form, ModelForm

from .models import SchoolYear, Staff, Team


class StaffForm(ModelForm):
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
            "date_of_birth": DateInput(),
            "recruited_on": DateInput(),
            "left_on": DateInput(),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["team"].queryset = Team.objects.filter(school=school)


def _teams_of(school):
    # ordered within the school: Team's default ordering joins the school table for nothing
    return Team.objects.filter(school=school).order_by("sort_order", "name")


#: The staff list's team drop-down: (id, name) of the school's teams, asked on every visit of the busiest page.
_TEAM_OPTIONS = CompiledQuery(lambda school: _teams_of(school).values_list("pk", "name"))


class StaffFilterForm(Form):
    """The staff list's search bar; its controls are written out in the page (it sits on the busiest page)."""

    q = forms.CharField(
        label="Tìm theo tên",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "class": "form-control", "placeholder": "không cần gõ dấu"}),
    )
    team = forms.ModelChoiceField(
        label="Tổ",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Tất cả các tổ",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    no_account = forms.BooleanField(
        label="Chỉ người chưa có tài khoản",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_id = school.pk
        if self.is_bound:  # only a search is checked against the teams; the page writes its options out itself
            self.fields["team"].queryset = _teams_of(school)

    def team_options(self) -> list[tuple[str, str, bool]]:
        """The team drop-down's (id as text, name, selected): the busiest page writes its controls out by hand,
        because Django's widget templates cost as much as the rest of the page's body (bench/pages.py)."""
        chosen = str(self["team"].value() or "")
        return [(str(pk), name, str(pk) == chosen) for pk, name in _TEAM_OPTIONS.rows(school=self.school_id)]


class SchoolYearForm(ModelForm):
    class Meta:
        model = SchoolYear
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school


class StaffImportForm(Form):
    file = forms.FileField(label="Tệp Excel (.xlsx)", help_text="Dùng tệp mẫu; tối đa 2 MB, 500 người.")


class AccountForm(Form):
    username = forms.CharField(
        label="Tên đăng nhập",
        max_length=150,
        help_text="Chữ thường không dấu, chữ số và dấu . _ -; ví dụ: huyendtt.",
    )
    password = forms.CharField(
        label="Mật khẩu ban đầu",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Để trống để phần mềm tạo ngẫu nhiên. Mật khẩu chỉ hiện một lần, sau khi tạo.",
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip().lower()
        if not re.fullmatch(r"[a-z0-9._-]{3,150}", username):
            raise forms.ValidationError("Tên đăng nhập gồm 3 ký tự trở lên: chữ thường không dấu, chữ số, . _ -")
        return username
