import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory
from thiduakhenthuong.core.models import Notification
from thiduakhenthuong.core.notifications import close_for, notify
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_notify_creates_one_row_per_recipient_and_mails_after_commit(django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://thidua.example.vn"
    with_email, without_email = UserFactory(), UserFactory(email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        created = notify(
            recipients=[with_email, without_email, None],
            title="Có đề nghị chờ duyệt",
            body="Tổ 1 đã gửi đề nghị.",
            url="/awards/1/",
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(created) == 2
    assert Notification.objects.filter(title="Có đề nghị chờ duyệt").count() == 2
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [with_email.email]
    assert message.subject == "Có đề nghị chờ duyệt"
    assert "https://thidua.example.vn/awards/1/" in message.body


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    user = UserFactory()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[user], title="Sẽ bị huỷ")
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(title="Sẽ bị huỷ").exists()


def test_in_app_only(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[UserFactory()], title="Chỉ trong ứng dụng", email=False)
    assert mail.outbox == []
    assert Notification.objects.filter(title="Chỉ trong ứng dụng").exists()


def test_list_shows_only_mine_and_reading_opens_the_link(client_for):
    client = client_for(Role.MEMBER)
    mine = notify(recipients=[client.staff.user], title="Của tôi", url="/organization/staff/")[0]
    notify(recipients=[UserFactory()], title="Của người khác")
    response = client.get(reverse("notification_list"))
    assert [n.title for n in response.context["page"].object_list] == ["Của tôi"]
    assert "Của người khác" not in response.content.decode()
    assert client.get(reverse("dashboard")).context["unread_count"]() == 1
    response = client.post(reverse("notification_read", args=[mine.pk]))
    assert response.status_code == 302 and response.url == "/organization/staff/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_someone_else_notification_is_not_found(client_for):
    client = client_for(Role.PRINCIPAL)
    other = notify(recipients=[UserFactory()], title="Riêng tư")[0]
    assert client.post(reverse("notification_read", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_read_all(client_for):
    client = client_for(Role.MEMBER)
    notify(recipients=[client.staff.user] * 3, title="Việc mới")
    untouched = notify(recipients=[UserFactory()], title="Người khác")[0]
    client.post(reverse("notification_read_all"))
    assert not Notification.objects.filter(recipient=client.staff.user, read_at__isnull=True).exists()
    untouched.refresh_from_db()
    assert untouched.read_at is None


def test_close_for_closes_every_copy_of_that_task_only(school):

    first, second = UserFactory(), UserFactory()
    draft, other = StaffFactory(school=school), StaffFactory(school=school)
    asked = notify(recipients=[first, second], title="Việc", subject=draft, kind="tests.number", email=False)
    notify(recipients=[first], title="Việc khác cùng đối tượng", subject=draft, kind="tests.sign", email=False)
    notify(recipients=[first], title="Cùng việc, đối tượng khác", subject=other, kind="tests.number", email=False)
    Notification.objects.filter(pk=asked[0].pk).update(read_at="2026-01-01T00:00:00Z")  # one copy already read

    assert close_for(draft, "tests.number") == 2
    closed = Notification.objects.filter(pk__in=[n.pk for n in asked])
    assert all(n.closed_at and n.read_at for n in closed)
    assert closed.get(recipient=first).read_at.year == 2026  # reading time kept
    assert Notification.objects.filter(closed_at__isnull=True).count() == 2
    assert close_for(draft, "tests.number") == 0  # already closed


def test_a_task_names_both_subject_and_kind():
    with pytest.raises(ValueError):
        notify(recipients=[], title="x", kind="tests.number")


def test_a_closed_notice_reads_done(client_for, school):

    client = client_for(Role.MEMBER)
    subject = StaffFactory(school=school)
    notify(recipients=[client.staff.user], title="Đã xong việc này", subject=subject, kind="tests.x", email=False)
    close_for(subject, "tests.x")
    page = client.get(reverse("notification_list")).content.decode()
    assert "Đã xong việc này" in page and "Đã xong</span>" in page
