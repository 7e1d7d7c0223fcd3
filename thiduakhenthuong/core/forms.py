from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.contenttypes.models import ContentType

from . import audit
from .input import DateInput, Form, HardenedFormMixin
from .models import AuditEntry


class AuditFilterForm(Form):
    action = forms.ChoiceField(label="Thao tác", required=False)
    actor = forms.ModelChoiceField(label="Người thực hiện", queryset=get_user_model().objects.none(), required=False)
    content_type = forms.ModelChoiceField(label="Loại đối tượng", queryset=ContentType.objects.none(), required=False)
    object_id = forms.CharField(label="Mã đối tượng", required=False, max_length=64)
    text = forms.CharField(label="Tên đối tượng chứa", required=False, max_length=100)
    date_from = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    date_to = forms.DateField(label="Đến ngày", required=False, widget=DateInput())
    group = forms.UUIDField(label="Cùng lượt thao tác", required=False, widget=forms.HiddenInput)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "Tất cả"), *audit.choices()]
        self.fields["actor"].queryset = (
            get_user_model()
            .objects.filter(staff__school=school)
            .select_related("staff")
            .order_by("staff__sort_name", "pk")
        )
        self.fields["actor"].label_from_instance = lambda user: (
            user.staff.full_name if hasattr(user, "staff") else user.username
        )
        used = AuditEntry.objects.filter(school=school).values("content_type")
        self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=used)
        self.fields["content_type"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        ).capitalize()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "“Đến ngày” phải sau “Từ ngày”.")
        return data

    def filter(self, entries):
        """``entries`` narrowed by the valid filters (all of them when the form is unbound or invalid)."""
        if not self.is_bound or not self.is_valid():
            return entries
        data = self.cleaned_data
        lookups = {
            "action": data.get("action"),
            "actor": data.get("actor"),
            "content_type": data.get("content_type"),
            "object_id": data.get("object_id"),
            "object_repr__icontains": data.get("text"),
            "created_at__date__gte": data.get("date_from"),
            "created_at__date__lte": data.get("date_to"),
            "group": data.get("group"),
        }
        return entries.filter(**{key: value for key, value in lookups.items() if value})


class VietnamesePasswordChangeForm(HardenedFormMixin, PasswordChangeForm):
    """Django's password change form with the rules spelled out for the person typing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = (
            "Ít nhất 12 ký tự; không quá giống tên đăng nhập; không phải mật khẩu phổ biến; không chỉ gồm chữ số."
        )


class LoginForm(HardenedFormMixin, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường.",
        "inactive": "Tài khoản này đã bị khoá.",
    }
