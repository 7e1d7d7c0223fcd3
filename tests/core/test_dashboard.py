from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import CampaignFactory, SchoolYearFactory, StaffFactory, UserFactory
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_teacher_sees_an_honest_empty_state(client_for):
    client = client_for(Role.MEMBER)
    response = client.get(reverse("dashboard"))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["tasks"] == []
    assert f"Xin chào, {client.staff.full_name}" in page
    assert "Hiện không có việc nào đang chờ bạn." in page
    assert "Cán bộ chưa có tài khoản" not in page


def test_principal_sees_the_setup_tasks(client_for, school):
    client = client_for(Role.PRINCIPAL)
    StaffFactory.create_batch(3, school=school)
    StaffFactory(school=school, user=UserFactory())  # has an account: not counted
    response = client.get(reverse("dashboard"))
    tasks = {task.title: task for task in response.context["tasks"]}
    assert tasks["Chọn năm học hiện tại"].urgent
    assert response.context["tasks"][0].title == "Chọn năm học hiện tại"  # urgent first
    assert tasks["Cán bộ chưa có tài khoản"].count == 3
    assert tasks["Cán bộ chưa có tài khoản"].url == reverse("organization:staff_list") + "?no_account=on"
    page = response.content.decode()
    assert "Chọn năm học hiện tại" in page and "card-task urgent" in page


def test_setup_task_disappears_once_done(client_for, school):
    client = client_for(Role.VICE_PRINCIPAL)
    SchoolYearFactory(school=school, is_current=True)
    titles = [task.title for task in client.get(reverse("dashboard")).context["tasks"]]
    assert titles == []


def test_other_schools_are_not_counted(client_for, school, other_school):
    client = client_for(Role.PRINCIPAL)
    StaffFactory.create_batch(2, school=other_school)
    tasks = {task.title for task in client.get(reverse("dashboard")).context["tasks"]}
    assert "Cán bộ chưa có tài khoản" not in tasks


def test_account_without_staff_is_told_to_ask_the_administrator(client):
    client.force_login(UserFactory())
    page = client.get(reverse("dashboard")).content.decode()
    assert "chưa gắn với cán bộ của đơn vị nào" in page


def test_healthz_is_public_and_plain(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_favicon_is_public(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite, in process, asks the questions one by one.")
def test_on_postgresql_the_principal_s_dashboard_asks_every_provider_at_once(
    client_for, school, django_assert_num_queries
):
    """Fourteen providers ask about twenty questions of a principal: one query answers them (before: one each)."""
    client = client_for(Role.PRINCIPAL)
    StaffFactory.create_batch(2, school=school)
    client.get(reverse("dashboard"))  # the session read, once
    # the account, the staff member, the providers' questions, the menu bar's unread count
    with django_assert_num_queries(4):
        response = client.get(reverse("dashboard"))
    assert {task.title: task.count for task in response.context["tasks"]} == {
        "Chọn năm học hiện tại": None,
        "Cán bộ chưa có tài khoản": 2,
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite, in process, asks the questions one by one.")
def test_on_postgresql_the_team_head_s_dashboard_asks_every_provider_at_once(
    client_for, school, team, django_assert_num_queries
):
    """The team head's own questions (her team's review of the current year, the campaigns her team has not pledged
    to) are asked with every other provider's: before, they were three queries of their own after the round."""
    today = date.today()
    year = SchoolYearFactory(school=school, start_date=today - timedelta(days=300), end_date=today + timedelta(days=30))
    year.is_current = True
    year.save()
    CampaignFactory(school=school, school_year=year, launched=True)
    client = client_for(Role.TEAM_HEAD)
    client.get(reverse("dashboard"))  # the session read, once
    # the account, the staff member, the providers' questions, the menu bar's unread count
    with django_assert_num_queries(4):
        response = client.get(reverse("dashboard"))
    assert [(task.title, task.count, task.urgent) for task in response.context["tasks"]] == [
        ("Bình xét của tổ", None, True),
        ("Đăng ký giao ước thi đua của tổ", 1, False),
    ]
    page = response.content.decode()
    assert f"Họp tổ bình xét thi đua năm học {year.name}, ghi biểu quyết và gửi đề nghị của tổ." in page
    assert "Phong trào đã phát động nhưng Tổ 1 chưa đăng ký giao ước." in page
