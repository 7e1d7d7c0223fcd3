"""Password validators with their messages in Vietnamese (Django's ``vi`` catalog lacks these two).

Settings name them in ``AUTH_PASSWORD_VALIDATORS`` in place of Django's classes of the same name.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as error:
            raise ValidationError(
                "Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử.", code="password_too_similar"
            ) from error

    def get_help_text(self):
        return "Mật khẩu không được quá giống tên đăng nhập, họ tên hoặc thư điện tử."
