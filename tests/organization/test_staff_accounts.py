"""A principal gives a staff member a sign-in account from the staff page."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import StaffFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(school, team):
    return StaffFactory(school=school, team=team, full_name="Đỗ Thị Thanh Huyền", email="huyen@example.vn")


def account_url(staff):
    return reverse("organization:staff_account_create", args=[staff.pk])


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.ADMINISTRATOR])
def test_generated_password_is_shown_once_and_works(client_for, teacher, role):
    client = client_for(role)
    page = client.get(reverse("organization:staff_detail", args=[teacher.pk])).content.decode()
    assert account_url(teacher) in page
    form = client.get(account_url(teacher))
    assert form.context["form"].initial["username"] == "huyendtt"
    response = client.post(account_url(teacher), {"username": "huyendtt", "password": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode() and len(password) >= 12
    user = get_user_model().objects.get(username="huyendtt")
    teacher.refresh_from_db()
    assert teacher.user == user and user.first_name == "Đỗ Thị Thanh Huyền" and user.email == "huyen@example.vn"
    assert user.check_password(password) and not user.is_superuser
    entry = AuditEntry.objects.get(action="organization.account.create")
    assert (entry.object_id, entry.after, entry.actor) == (str(teacher.pk), {"username": "huyendtt"}, client.staff.user)
    assert password not in f"{entry.reason}{entry.data}"
    # afterwards the page says the account exists and offers no second one
    response = client.get(account_url(teacher))
    assert response.status_code == 302
    assert (
        account_url(teacher) not in client.get(reverse("organization:staff_detail", args=[teacher.pk])).content.decode()
    )


def test_a_chosen_password_must_pass_the_validators(client_for, teacher):
    client = client_for(Role.PRINCIPAL)
    response = client.post(account_url(teacher), {"username": "huyendtt", "password": "12345678"})
    assert response.status_code == 200
    assert "Mật khẩu này hoàn toàn là số." in response.context["form"].errors["password"]
    teacher.refresh_from_db()
    assert teacher.user is None and not AuditEntry.objects.exists()
    response = client.post(account_url(teacher), {"username": "huyendtt", "password": "ca-dao-tuc-ngu-2024"})
    teacher.refresh_from_db()
    assert teacher.user.check_password("ca-dao-tuc-ngu-2024")


def test_username_taken_or_malformed(client_for, teacher, school):
    client = client_for(Role.PRINCIPAL)
    taken = client.staff.user.username
    response = client.post(account_url(teacher), {"username": taken.upper(), "password": ""})
    assert f"Tên đăng nhập “{taken}” đã được dùng." in response.content.decode()
    response = client.post(account_url(teacher), {"username": "Huyền ĐTT", "password": ""})
    assert "chữ thường không dấu" in response.content.decode()
    teacher.refresh_from_db()
    assert teacher.user is None


def test_suggestion_skips_taken_usernames(client_for, school, team):
    client = client_for(Role.PRINCIPAL)
    first = StaffFactory(school=school, full_name="Trần Thị Mai")
    client.post(account_url(first), {"username": "maitt", "password": ""})
    second = StaffFactory(school=school, full_name="Trần Thị Mai", date_of_birth=date(1990, 1, 1))
    assert client.get(account_url(second)).context["form"].initial["username"] == "maitt2"


def test_no_account_for_someone_who_left(client_for, school):
    client = client_for(Role.PRINCIPAL)
    left = StaffFactory(school=school, recruited_on=date(2000, 9, 1), left_on=date(2020, 8, 31))
    response = client.post(account_url(left), {"username": "daroi", "password": ""})
    assert "đã thôi việc" in response.content.decode()
    assert not get_user_model().objects.filter(username="daroi").exists()


@pytest.mark.parametrize("role", [Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER])
def test_other_roles_cannot_create_accounts(client_for, teacher, role):
    client = client_for(role)
    assert client.get(account_url(teacher)).status_code == 403
    assert client.post(account_url(teacher), {"username": "huyendtt", "password": ""}).status_code == 403
    assert not get_user_model().objects.filter(username="huyendtt").exists()


def test_staff_without_account_filter(client_for, teacher):
    client = client_for(Role.PRINCIPAL)
    response = client.get(reverse("organization:staff_list"), {"no_account": "on"})
    names = [s["full_name"] for s in response.context["page"].object_list]
    assert names == [teacher.full_name]
