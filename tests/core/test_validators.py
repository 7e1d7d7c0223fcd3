import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from thiduakhenthuong.core.validators import MinimumLengthValidator, UserAttributeSimilarityValidator


def test_too_short_in_vietnamese():
    with pytest.raises(ValidationError) as error:
        MinimumLengthValidator(min_length=12).validate("ngan-qua")
    assert error.value.messages == ["Mật khẩu quá ngắn: cần ít nhất 12 ký tự."]
    MinimumLengthValidator(min_length=12).validate("du-dai-roi-day")


def test_too_similar_in_vietnamese():
    user = get_user_model()(username="nguyenthihoa", first_name="Nguyễn Thị Hoa")
    with pytest.raises(ValidationError) as error:
        UserAttributeSimilarityValidator().validate("nguyenthihoa1", user)
    assert error.value.messages == ["Mật khẩu quá giống tên đăng nhập, họ tên hoặc thư điện tử."]
    UserAttributeSimilarityValidator().validate("ca-dao-tuc-ngu-2024", user)


def test_same_rules_as_django_with_vietnamese_messages():
    validators = [
        UserAttributeSimilarityValidator(),
        MinimumLengthValidator(min_length=12),
    ]
    with pytest.raises(ValidationError) as error:
        validate_password("abc", password_validators=validators)
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in error.value.messages
