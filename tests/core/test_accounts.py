import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_every_page_is_private(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_vietnamese(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert '<html lang="vi">' in response.content.decode()


def test_login_with_right_password_reaches_dashboard(client, make_staff):
    staff = make_staff(Role.MEMBER)
    response = client.post(reverse("login"), {"username": staff.user.username, "password": "mat-khau-du-dai-123"})
    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_lockout_after_repeated_failures_by_username_and_ip(client, make_staff, settings):
    staff = make_staff(Role.MEMBER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": staff.user.username, "password": "sai-mat-khau"})
    # even the right password is refused during the cool-off
    response = client.post(reverse("login"), {"username": staff.user.username, "password": "mat-khau-du-dai-123"})
    assert response.status_code == 429
    assert "tạm thời bị khoá" in response.content.decode()
    # another user from the same address is not locked out
    other = make_staff(Role.MEMBER)
    response = client.post(reverse("login"), {"username": other.user.username, "password": "mat-khau-du-dai-123"})
    assert response.status_code == 302


def test_wrong_password_shows_vietnamese_error(client, make_staff):
    staff = make_staff(Role.MEMBER)
    response = client.post(reverse("login"), {"username": staff.user.username, "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_passwords_need_twelve_characters():
    with pytest.raises(ValidationError) as error:
        validate_password("Ab3$efgh1x")
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in error.value.messages
    validate_password("mot-cau-mat-khau-dai")


def test_idle_session_ends(client_for, settings):
    client = client_for(Role.MEMBER)
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session["last_seen"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.get(reverse("dashboard")).status_code == 302  # signed out for good


def test_password_change(client_for):
    client = client_for(Role.MEMBER)
    response = client.post(
        reverse("password_change"),
        {"old_password": "mat-khau-du-dai-123", "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert response.status_code == 200
    assert "ít nhất 12 ký tự" in response.content.decode().lower()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "mat-khau-du-dai-123",
            "new_password1": "hoa-phuong-do-2024",
            "new_password2": "hoa-phuong-do-2024",
        },
    )
    assert response.status_code == 302
    client.staff.user.refresh_from_db()
    assert client.staff.user.check_password("hoa-phuong-do-2024")
