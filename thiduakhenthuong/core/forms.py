from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(label="Người thực hiện", queryset=get_user_model().objects.none(), required=False)
    content_type = forms.ModelChoiceField(label="Loại đối tượng", queryset=ContentType.objects.none(), required=False)
    object_id = forms.CharField(label="Mã đối tượng", required=False, max_length=64)
    text = forms.CharField(label="Tên đối tượng chứa", required=False, max_length=100)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (
            get_user_model().objects.filter(staff__school=school).select_related("staff").order_by("staff__full_name")
        )
        self.fields["actor"].label_from_instance = lambda user: (
            user.staff.full_name if hasattr(user, "staff") else user.username
        )
        used = AuditEntry.objects.filter(school=school).values("content_type")
        self.fields["content_type"].queryset = ContentType.objects.filter(pk__in=used)
        self.fields["content_type"].label_from_instance = lambda ct: str(
            ct.model_class()._meta.verbose_name
        ).capitalize()


class VietnamesePasswordChangeForm(PasswordChangeForm):
    """Django's password change form with the rules spelled out for the person typing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = (
            "Ít nhất 12 ký tự; không quá giống tên đăng nhập; không phải mật khẩu phổ biến; không chỉ gồm chữ số."
        )


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa và chữ thường.",
        "inactive": "Tài khoản này đã bị khoá.",
    }
