"""Disclosure of the council's list, objections answered in writing, and the principal's approval after it
(awards.decisions, awards.nominations): the period in working days, the waits, the notices, the pages."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards import decisions as svc
from awards.models import Disclosure, Nomination, NominationStatus, Objection, PublicHoliday
from tests.factories import NominationFactory, title
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.organization.models import Role

S = NominationStatus
MONDAY = date(2024, 6, 3)


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL, team=None, full_name="Đỗ Thị Thanh Huyền")


@pytest.fixture
def member(make_staff):
    return make_staff(Role.MEMBER, full_name="Trần Thị Mai")


@pytest.fixture
def passed(year, member, make_staff):
    """Two nominations the council passed: the member's Lao động tiên tiến and a colleague's."""
    colleague = make_staff(Role.MEMBER, full_name="Lê Thị Hoa")
    return [
        NominationFactory(school_year=year, staff=person, status=S.COUNCIL_PASSED, proposed_at="2024-05-20T10:00Z",
                          council_votes_for=9, council_members=11)
        for person in (member, colleague)
    ]  # fmt: skip


def _publish(principal, year, start=MONDAY, **kwargs):
    return svc.publish_disclosure(actor=principal.user, school_year=year, starts_on=start, **kwargs)


def test_publishing_discloses_the_passed_list_for_five_working_days_and_tells_everyone(
    principal, member, passed, year, school
):
    disclosure = _publish(principal, year, start=date(2024, 8, 29))  # Thursday before Quốc khánh 2024
    # 2024 is not in the official list: the school adds its own days
    assert disclosure.working_days == 5 and disclosure.ends_on == date(2024, 9, 4)
    assert {n.status for n in Nomination.objects.all()} == {S.DISCLOSED}
    assert set(disclosure.nominations.all()) == set(passed)
    assert PublicHoliday.objects.filter(school=school).count() > 30  # the official days were loaded first
    notice = Notification.objects.get(recipient=member.user)
    assert notice.title == (
        "Công khai danh sách đề nghị khen thưởng năm học 2023-2024: từ 29/08/2024 đến hết 04/09/2024"
    )
    assert AuditEntry.objects.filter(action="awards.disclosure.publish").count() == 1
    assert AuditEntry.objects.filter(action="awards.nomination.disclose").count() == 2


def test_the_schools_own_holidays_move_the_end(principal, passed, year, school):
    PublicHoliday.objects.create(school=school, day=date(2024, 9, 2), name="Quốc khánh 2/9")
    PublicHoliday.objects.create(school=school, day=date(2024, 9, 3), name="Quốc khánh (ngày liền kề)")
    disclosure = _publish(principal, year, start=date(2024, 8, 29))
    assert disclosure.ends_on == date(2024, 9, 6)


def test_nothing_to_publish_is_refused(principal, year):
    with pytest.raises(ValidationError, match="Chưa có đề nghị nào được hội đồng thông qua"):
        _publish(principal, year)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD, Role.CLERK])
def test_only_the_managers_publish(role, make_staff, passed, year):
    with pytest.raises(PermissionDenied):
        _publish(make_staff(role), year)
    assert not Nomination.objects.filter(status=S.DISCLOSED).exists()


def test_an_objection_waits_for_the_principals_written_answer(principal, member, passed, year):
    disclosure = _publish(principal, year)
    objection = svc.file_objection(actor=member.user, disclosure=disclosure, nomination=passed[1],
                                   text="Đồng chí Hoa nghỉ ốm dài ngày trong học kỳ II.", today=MONDAY)  # fmt: skip
    task = Notification.objects.about(objection, svc.OBJECTION_TASK).get()
    assert task.recipient == principal.user and task.closed_at is None
    after_period = date(2024, 6, 10)
    with pytest.raises(ValidationError, match="Còn 1 ý kiến phản ánh"):
        svc.approve_all(actor=principal.user, nominations_to_approve=list(svc.waiting_for_approval(year)),
                        today=after_period)  # fmt: skip
    assert not Nomination.objects.filter(status=S.APPROVED).exists()  # all or nothing
    with pytest.raises(PermissionDenied):
        svc.answer_objection(actor=member.user, objection=objection, answer="Tự trả lời")
    with pytest.raises(ValidationError):
        svc.answer_objection(actor=principal.user, objection=objection, answer="  ")
    answered = svc.answer_objection(
        actor=principal.user, objection=objection,
        answer="Đồng chí Hoa nghỉ ốm 12 ngày có giấy xác nhận; vẫn hoàn thành tốt nhiệm vụ.",
    )  # fmt: skip
    assert answered.status == "answered" and answered.answered_by == principal
    task.refresh_from_db()
    assert task.closed_at is not None
    assert Notification.objects.filter(recipient=member.user, title__startswith="Hiệu trưởng đã trả lời").exists()
    assert svc.approve_all(actor=principal.user, nominations_to_approve=list(svc.waiting_for_approval(year)),
                           today=after_period) == 2  # fmt: skip
    assert Nomination.objects.filter(status=S.APPROVED).count() == 2


def test_no_approval_before_the_period_ends(principal, passed, year):
    disclosure = _publish(principal, year)
    assert disclosure.ends_on == date(2024, 6, 7)
    nomination = passed[0]
    with pytest.raises(ValidationError, match="đang công khai đến hết ngày 07/06/2024"):
        svc.nominations.approve_nomination(actor=principal.user, nomination=nomination, today=date(2024, 6, 7))
    with pytest.raises(ValidationError, match="đang công khai"):
        svc.nominations.reject_nomination(actor=principal.user, nomination=nomination, reason="x",
                                          today=date(2024, 6, 5))  # fmt: skip
    moved = svc.nominations.approve_nomination(actor=principal.user, nomination=nomination, today=date(2024, 6, 8))
    assert moved.status == S.APPROVED


def test_objections_close_with_the_period(principal, member, passed, year):
    disclosure = _publish(principal, year)
    with pytest.raises(ValidationError, match="Thời hạn công khai đã hết ngày 07/06/2024"):
        svc.file_objection(actor=member.user, disclosure=disclosure, text="Muộn", today=date(2024, 6, 10))
    assert not Objection.objects.exists()


def test_each_nominee_is_told_of_the_approval_and_of_a_rejection_with_its_reason(principal, member, passed, year):
    member.user.email = "mai@example.edu.vn"
    member.user.save()
    _publish(principal, year)
    mail.outbox.clear()
    day = date(2024, 6, 10)
    svc.nominations.reject_nomination(actor=principal.user, nomination=passed[0], today=day,
                                      reason="Ý kiến phản ánh có căn cứ.")  # fmt: skip
    notice = Notification.objects.filter(recipient=member.user).latest("pk")
    assert (
        notice.title == "Đề nghị “Lao động tiên tiến” cho Trần Thị Mai năm học 2023-2024 không được hiệu trưởng duyệt"
    )
    assert notice.body == "Lý do: Ý kiến phản ánh có căn cứ."
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        svc.nominations.reject_nomination(actor=principal.user, nomination=passed[1], today=day, reason=" ")


# --- pages -------------------------------------------------------------------------------------------------------


def test_every_staff_member_sees_the_list_and_files_an_objection_the_principal_answers(
    client, principal, member, passed, year, make_staff
):
    disclosure = _publish(principal, year, start=timezone.localdate())  # open today
    url = reverse("awards:disclosure_detail", args=[disclosure.pk])
    client.force_login(member.user)
    page = client.get(url).content.decode()
    assert "Lê Thị Hoa" in page and "Gửi ý kiến phản ánh" in page
    response = client.post(url, {"nomination": passed[1].pk, "text": "Cần xem lại ngày công."})
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.filed_by == member and objection.nomination == passed[1]
    other = make_staff(Role.MEMBER)
    client.force_login(other.user)
    assert "Cần xem lại ngày công." not in client.get(url).content.decode()  # another's objection stays hers
    client.force_login(principal.user)
    page = client.get(url).content.decode()
    assert "Cần xem lại ngày công." in page and "Gửi trả lời" in page
    client.post(reverse("awards:objection_answer", args=[objection.pk]), {"answer": "Đã kiểm tra bảng chấm công."})
    objection.refresh_from_db()
    assert objection.answer == "Đã kiểm tra bảng chấm công."


def test_the_publish_page_shows_the_end_before_publishing(client, principal, passed, year):
    client.force_login(principal.user)
    url = f"{reverse('awards:disclosure_publish')}?year={year.pk}"
    page = client.post(url, {"starts_on": "29/08/2025", "working_days": 5, "preview": "1"}).content.decode()
    assert "Hết thời hạn công khai: <strong>08/09/2025</strong>" in page
    assert "02/09 (Quốc khánh 2/9)" in page
    assert not Nomination.objects.filter(status=S.DISCLOSED).exists()
    response = client.post(url, {"starts_on": "29/08/2025", "working_days": 5})
    assert response.status_code == 302
    assert Nomination.objects.filter(status=S.DISCLOSED).count() == 2


def test_the_approval_page_approves_all_at_once(client, principal, passed, year, monkeypatch):
    disclosure = _publish(principal, year, start=date(2024, 6, 3))
    client.force_login(principal.user)
    url = f"{reverse('awards:approval')}?year={year.pk}"
    page = client.get(url).content.decode()
    assert "Duyệt tất cả (2)" in page
    assert f"Danh sách công khai đến hết ngày {disclosure.ends_on:%d/%m/%Y}." not in page  # 2024: the period is over
    client.post(f"{reverse('awards:approval_all')}?year={year.pk}")
    assert Nomination.objects.filter(status=S.APPROVED).count() == 2


def _verb_urls(nomination):
    return [reverse("awards:nomination_act", args=[nomination.pk, verb]) for verb in ("approve", "reject")]


def test_the_approval_page_offers_no_approval_while_the_list_is_disclosed_and_says_until_when(
    client, principal, member, passed, year
):
    today = timezone.localdate()
    disclosure = _publish(principal, year, start=today)
    first_day = disclosure.ends_on + timezone.timedelta(days=1)
    client.force_login(principal.user)
    url = f"{reverse('awards:approval')}?year={year.pk}"
    for page_url in (url, f"{reverse('awards:nomination_board')}?year={year.pk}"):
        page = client.get(page_url).content.decode()
        assert "Lê Thị Hoa" in page
        assert not any(verb_url in page for n in passed for verb_url in _verb_urls(n))  # no Duyệt, no Không duyệt
        assert reverse("awards:approval_all") not in page and "Duyệt tất cả" not in page
    page = client.get(url).content.decode()
    assert (
        f"Danh sách công khai từ ngày {today:%d/%m/%Y} đến hết ngày {disclosure.ends_on:%d/%m/%Y}: hiệu trưởng duyệt "
        f"các đề nghị trong danh sách từ ngày {first_day:%d/%m/%Y}." in page
    )
    assert page.count(f"Duyệt từ ngày {first_day:%d/%m/%Y}") == 2  # on each card
    # what the page no longer offers, the service refuses
    client.post(f"{reverse('awards:approval_all')}?year={year.pk}")
    assert not Nomination.objects.filter(status=S.APPROVED).exists()

    # the period over, an objection still waits: the page leads to its answer instead
    objection = svc.file_objection(actor=member.user, disclosure=disclosure, text="Cần xem lại.", today=today)
    Disclosure.objects.filter(pk=disclosure.pk).update(
        starts_on=today - timezone.timedelta(days=9), ends_on=today - timezone.timedelta(days=1)
    )
    page = client.get(url).content.decode()
    assert not any(verb_url in page for n in passed for verb_url in _verb_urls(n)) and "Duyệt tất cả" not in page
    disclosure.refresh_from_db()
    assert (
        f"Còn 1 ý kiến phản ánh về danh sách công khai ({disclosure.period}) chưa được trả lời: hãy trả lời trước "
        "khi duyệt." in page
    )
    assert reverse("awards:disclosure_detail", args=[disclosure.pk]) in page
    assert page.count("Chờ trả lời ý kiến phản ánh") == 2

    # answered: approve and reject are offered, one by one and all at once
    svc.answer_objection(actor=principal.user, objection=objection, answer="Đã xem lại.")
    page = client.get(url).content.decode()
    assert all(verb_url in page for n in passed for verb_url in _verb_urls(n))
    assert "Duyệt tất cả (2)" in page and "ý kiến phản ánh" not in page
    board = client.get(f"{reverse('awards:nomination_board')}?year={year.pk}").content.decode()
    assert all(verb_url in board for n in passed for verb_url in _verb_urls(n))


def test_disclosure_pages_cost_constant_queries(client, principal, member, year, django_assert_max_num_queries):
    people = [NominationFactory(school_year=year, status=S.COUNCIL_PASSED, proposed_at="2024-05-20T10:00Z")
              for _ in range(12)]  # fmt: skip
    disclosure = _publish(principal, year, nominations_to_publish=people)
    client.force_login(principal.user)
    for url in (reverse("awards:disclosure_detail", args=[disclosure.pk]),
                f"{reverse('awards:disclosure_list')}?year={year.pk}",
                f"{reverse('awards:approval')}?year={year.pk}"):  # fmt: skip
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200
    assert title("LDTT")
