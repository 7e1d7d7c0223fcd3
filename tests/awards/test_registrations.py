import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from awards import reports, services
from awards.models import ChangeStatus, Registration, RegistrationChange, RegistrationStatus, RegistrationWindow
from tests.factories import (
    RegistrationChangeFactory,
    RegistrationFactory,
    RegistrationPeriodFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_staff_registers_while_open(open_period, make_staff):
    person = make_staff()
    registration = services.register(
        actor=person.user, school_year=open_period.school_year, title=title("LDTT"), staff=person
    )
    assert registration.recipient == person
    assert AuditEntry.objects.filter(action="awards.registration.create").count() == 1


def test_no_duplicate_registration(open_period, make_staff):
    person = make_staff()
    services.register(actor=person.user, school_year=open_period.school_year, title=title("LDTT"), staff=person)
    with pytest.raises(ValidationError, match="đã đăng ký"):
        services.register(actor=person.user, school_year=open_period.school_year, title=title("LDTT"), staff=person)


def test_database_refuses_duplicate(year, make_staff):
    person = make_staff()
    RegistrationFactory(school_year=year, staff=person)
    with pytest.raises(IntegrityError):
        RegistrationFactory(school_year=year, staff=person)


@pytest.mark.parametrize(
    ("code", "scope", "who", "message"),
    [
        ("TTLDTT", "collective", "staff", "dành cho tập thể"),
        ("LDTT", "individual", "team", "không dành cho tập thể"),
        ("GK", "pupil", "staff", "dành cho học sinh"),
        ("GK", "pupil", "team", "không dành cho tập thể"),
    ],
)
def test_scope_validation(open_period, make_staff, team, code, scope, who, message):
    person = make_staff()
    recipient = {"staff": person} if who == "staff" else {"team": team}
    with pytest.raises(ValidationError, match=message):
        services.register(actor=person.user, school_year=open_period.school_year, title=title(code, scope), **recipient)


def test_exactly_one_recipient_in_the_database(year, team, make_staff):
    with pytest.raises(IntegrityError):
        Registration.objects.create(
            school=year.school, school_year=year, title=title("LDTT"), staff=make_staff(), team=team
        )


def test_not_open_before_period_or_without_one(year, make_staff):
    person = make_staff()
    with pytest.raises(ValidationError, match="chưa mở"):
        services.register(actor=person.user, school_year=year, title=title("LDTT"), staff=person)
    RegistrationPeriodFactory(school_year=year, opens_on=date(2099, 1, 1), deadline=date(2099, 2, 1))
    with pytest.raises(ValidationError, match="mở từ ngày"):
        services.register(actor=person.user, school_year=year, title=title("LDTT"), staff=person)


def test_after_deadline_a_change_request_goes_to_the_principal(closed_period, make_staff):
    principal = make_staff(Role.PRINCIPAL)
    person = make_staff()
    year = closed_period.school_year
    with pytest.raises(ValidationError, match="quá hạn"):
        services.register(actor=person.user, school_year=year, title=title("CSTDCS"), staff=person)
    change = services.request_change(
        actor=person.user, school_year=year, title=title("CSTDCS"), action="add", reason="Có sáng kiến.", staff=person
    )
    assert change.status == ChangeStatus.PENDING
    assert Notification.objects.filter(recipient=principal.user).count() == 1
    services.approve_change(actor=principal.user, change=change)
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED
    assert Registration.objects.filter(school_year=year, staff=person, title__code="CSTDCS").exists()
    told = Notification.objects.get(recipient=person.user)
    assert told.title == f"Đề nghị đăng ký thêm “Chiến sĩ thi đua cơ sở” của {person} đã được đồng ý"
    with pytest.raises(
        ValidationError, match="Không thể từ chối đề nghị thay đổi đăng ký đang ở trạng thái “Đã duyệt”"
    ):
        services.reject_change(actor=principal.user, change=change, note="Muộn")


def test_withdrawal_after_deadline_needs_approval(closed_period, make_staff):
    principal = make_staff(Role.PRINCIPAL)
    person = make_staff()
    registration = RegistrationFactory(school_year=closed_period.school_year, staff=person)
    with pytest.raises(ValidationError):
        services.withdraw(actor=person.user, registration=registration)
    change = services.request_change(
        actor=person.user, school_year=closed_period.school_year, title=registration.title, action="withdraw",
        reason="Nghỉ thai sản.", staff=person,
    )  # fmt: skip
    services.reject_change(actor=principal.user, change=change, note="Vẫn đủ thời gian công tác.")
    told = Notification.objects.get(recipient=person.user)
    assert told.title == f"Đề nghị rút đăng ký “{registration.title}” của {person} không được đồng ý"
    assert told.body == "Ý kiến của hiệu trưởng: Vẫn đủ thời gian công tác."
    assert Registration.objects.filter(pk=registration.pk).exists()
    with pytest.raises(ValidationError, match="lý do"):
        services.reject_change(
            actor=principal.user, change=RegistrationChangeFactory(school_year=closed_period.school_year), note=" "
        )


def test_withdraw_before_deadline_keeps_the_row_withdrawn(open_period, make_staff):
    person = make_staff()
    year = open_period.school_year
    registration = RegistrationFactory(school_year=year, staff=person)
    services.withdraw(actor=person.user, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WITHDRAWN
    assert registration.withdrawn_by == person.user and registration.withdrawn_at is not None
    assert not Registration.objects.active().filter(staff=person).exists()
    assert reports.registration_list(year).people.rows[0].recipient == person
    assert reports.registration_list(year).people.rows[0].count == 0  # nothing registered any more
    with pytest.raises(ValidationError, match="Không thể rút đăng ký “Lao động tiên tiến” đang ở trạng thái “Đã rút”"):
        services.withdraw(actor=person.user, registration=registration)
    # registering again makes a new row beside the withdrawn one
    again = services.register(actor=person.user, school_year=year, title=registration.title, staff=person)
    assert again.pk != registration.pk
    assert list(Registration.objects.filter(staff=person).values_list("status", flat=True).order_by("pk")) == [
        "withdrawn",
        "active",
    ]


def test_approved_withdrawal_after_deadline_keeps_the_row(closed_period, make_staff):
    principal = make_staff(Role.PRINCIPAL)
    person = make_staff()
    year = closed_period.school_year
    registration = RegistrationFactory(school_year=year, staff=person)
    change = services.withdraw_registration(actor=person.user, registration=registration, reason="Chuyển công tác.")
    assert isinstance(change, RegistrationChange) and change.action == "withdraw"
    services.approve_change(actor=principal.user, change=change)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WITHDRAWN and registration.withdrawn_by == principal.user


def test_one_service_chooses_between_registering_and_asking(year, make_staff):
    person = make_staff()
    assert services.registration_window(year) == (None, RegistrationWindow.NO_PERIOD)
    period = RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2023, 9, 30))
    assert services.registration_window(year, date(2023, 8, 31)) == (period, RegistrationWindow.NOT_OPEN)
    assert services.registration_window(year, date(2023, 9, 30)) == (period, RegistrationWindow.OPEN)
    assert services.registration_window(year, date(2023, 10, 1)) == (period, RegistrationWindow.LATE)
    ltt, cstdcs = title("LDTT"), title("CSTDCS")
    done = services.add_registration(
        actor=person.user, school_year=year, title=ltt, staff=person, today=date(2023, 9, 30)
    )
    assert isinstance(done, Registration) and done.status == RegistrationStatus.ACTIVE
    with pytest.raises(ValidationError, match="lý do"):
        services.add_registration(
            actor=person.user, school_year=year, title=cstdcs, staff=person, today=date(2023, 10, 1)
        )
    asked = services.add_registration(
        actor=person.user, school_year=year, title=cstdcs, staff=person, reason="Có sáng kiến.", today=date(2023, 10, 1)
    )
    assert isinstance(asked, RegistrationChange) and asked.status == ChangeStatus.PENDING
    with pytest.raises(ValidationError, match="mở từ ngày"):
        services.add_registration(
            actor=person.user, school_year=year, title=cstdcs, staff=person, today=date(2023, 8, 1)
        )


def test_database_allows_one_pending_change_per_year_title_and_subject(closed_period, make_staff, team):
    person = make_staff()
    year = closed_period.school_year
    first = RegistrationChangeFactory(school_year=year, staff=person)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationChangeFactory(school_year=year, staff=person)
    RegistrationChangeFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationChangeFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    # once decided, a new request for the same thing is allowed
    first.status = ChangeStatus.REJECTED
    first.save()
    RegistrationChangeFactory(school_year=year, staff=person)
    with pytest.raises(ValidationError, match="đang chờ duyệt"):
        services.request_change(
            actor=person.user, school_year=year, title=title("CSTDCS"), action="add", reason="Lần nữa.", staff=person
        )


def test_my_registration_page_registers(client_for, open_period):
    client = client_for(Role.MEMBER)
    page = client.get(reverse("awards:my_registrations"))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="viewport"' in content
    assert "Danh hiệu thi đua" in content and "Hình thức khen thưởng" in content  # offered apart
    assert "Tập thể lao động" not in content  # a person cannot choose a collective title
    response = client.post(reverse("awards:my_registrations"), {"title": title("LDTT").pk})
    assert response.status_code == 302
    assert Registration.objects.filter(staff=client.staff, title__code="LDTT").exists()


def test_late_registration_page_sends_request(client_for, closed_period):
    client = client_for(Role.MEMBER)
    response = client.post(reverse("awards:my_registrations"), {"title": title("CSTDCS").pk, "reason": "Có sáng kiến."})
    assert response.status_code == 302
    assert RegistrationChange.objects.filter(staff=client.staff, status="pending").count() == 1
    assert not Registration.objects.filter(staff=client.staff).exists()


def test_team_head_registers_own_team_only(client_for, open_period, school):
    client = client_for(Role.TEAM_HEAD)
    own = client.staff.team
    assert (
        client.post(
            reverse("awards:team_registrations", args=[own.pk]), {"title": title("TTLDTT", "collective").pk}
        ).status_code
        == 302
    )
    assert Registration.objects.filter(team=own, title__code="TTLDTT").exists()
    other = TeamFactory(school=school)
    assert client.get(reverse("awards:team_registrations", args=[other.pk])).status_code == 403


def test_teacher_cannot_approve(client_for, closed_period):
    change = RegistrationChangeFactory(school_year=closed_period.school_year)
    client = client_for(Role.MEMBER)
    assert client.post(reverse("awards:change_decide", args=[change.pk, "approve"])).status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_principal_approves_through_the_page(client_for, closed_period):
    change = RegistrationChangeFactory(school_year=closed_period.school_year)
    client = client_for(Role.PRINCIPAL)
    assert client.get(reverse("awards:change_list")).status_code == 200
    assert client.post(reverse("awards:change_decide", args=[change.pk, "approve"])).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED


def test_rejection_without_a_reason_is_a_form_error_and_changes_nothing(client_for, closed_period):
    change = RegistrationChangeFactory(school_year=closed_period.school_year)
    client = client_for(Role.PRINCIPAL)
    page = client.post(reverse("awards:change_decide", args=[change.pk, "reject"]), {"note": "  "}, follow=True)
    assert "Hãy ghi lý do không duyệt." in page.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    page = client.post(reverse("awards:change_decide", args=[change.pk, "approve"]), {"note": "x" * 2001}, follow=True)
    assert "2000" in page.content.decode()  # the form's length check, in Vietnamese
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    client.post(reverse("awards:change_decide", args=[change.pk, "reject"]), {"note": "Hết hạn xét."})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.decision_note == "Hết hạn xét."


def test_withdrawal_page_before_and_after_the_deadline(client_for, year):
    client = client_for(Role.MEMBER)
    period = RegistrationPeriodFactory(school_year=year, opens_on=date(2023, 9, 1), deadline=date(2099, 12, 31))
    registration = RegistrationFactory(school_year=year, staff=client.staff)
    page = client.post(reverse("awards:registration_withdraw", args=[registration.pk]), follow=True)
    assert "Đã rút đăng ký" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.WITHDRAWN
    period.deadline = date(2023, 9, 30)
    period.save()
    late = RegistrationFactory(school_year=year, staff=client.staff, title=title("CSTDCS"))
    page = client.post(reverse("awards:registration_withdraw", args=[late.pk]), follow=True)
    assert "hãy ghi lý do" in page.content.decode()
    assert not RegistrationChange.objects.exists()
    client.post(reverse("awards:registration_withdraw", args=[late.pk]), {"reason": "Chuyển trường."})
    assert RegistrationChange.objects.get().action == "withdraw"
    late.refresh_from_db()
    assert late.status == RegistrationStatus.ACTIVE  # until the principal approves


def test_lists_of_a_school_without_a_year_are_404(client_for):
    client = client_for(Role.CLERK)
    assert client.get(reverse("awards:registration_export")).status_code == 404
    assert client.get(reverse("awards:registration_print")).status_code == 404


def test_other_school_change_is_404(client_for, other_school):
    change = RegistrationChangeFactory(school_year=SchoolYearFactory(school=other_school))
    client = client_for(Role.PRINCIPAL)
    assert client.post(reverse("awards:change_decide", args=[change.pk, "approve"])).status_code == 404


def test_other_school_registration_cannot_be_withdrawn(client_for, other_school):
    registration = RegistrationFactory(school_year=SchoolYearFactory(school=other_school))
    client = client_for(Role.PRINCIPAL)
    assert client.post(reverse("awards:registration_withdraw", args=[registration.pk])).status_code == 404


def _fill(year, school, n):
    teams = [TeamFactory(school=school, name=f"Tổ khối {i}") for i in range(3)]
    for i in range(n):
        person = StaffFactory(school=school, team=teams[i % 3])
        RegistrationFactory(school_year=year, staff=person)
        RegistrationFactory(school_year=year, staff=person, title=title("CSTDCS"))
    for team in teams:
        RegistrationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))


@pytest.mark.parametrize("rows", [1, 50])
def test_consolidated_list_constant_queries(client_for, year, school, rows, django_assert_max_num_queries):
    _fill(year, school, rows)
    client = client_for(Role.CLERK)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("awards:registration_list"), {"year": year.pk})
    assert response.status_code == 200
    assert response.content.decode().count('<td class="text-center">x</td>') == rows * 2 + 3


def test_list_has_the_leaders_first_then_each_team_with_its_head_first(year, school):
    first, second = TeamFactory(school=school, name="Tổ 1", sort_order=1), TeamFactory(school=school, sort_order=2)
    people = [
        StaffFactory(school=school, team=second, full_name="An Văn Bình", role=Role.MEMBER),
        StaffFactory(school=school, team=first, full_name="Yên Thị Tổ Trưởng", role=Role.TEAM_HEAD),
        StaffFactory(school=school, team=None, full_name="Vũ Thị Phó", role=Role.VICE_PRINCIPAL),
        StaffFactory(school=school, team=first, full_name="Bùi Thị Cúc", role=Role.MEMBER),
        StaffFactory(school=school, team=None, full_name="Đỗ Thị Hiệu Trưởng", role=Role.PRINCIPAL),
    ]
    rows = reports.registration_list(year).people.rows
    assert [row.recipient for row in rows] == [people[4], people[2], people[1], people[3], people[0]]


def test_teacher_cannot_see_consolidated_list(client_for, year):
    assert client_for(Role.MEMBER).get(reverse("awards:registration_list")).status_code == 403


def test_export_xlsx(client_for, year, school):
    _fill(year, school, 2)
    response = client_for(Role.PRINCIPAL).get(reverse("awards:registration_export"), {"year": year.pk})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet["A1"].value.startswith("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC 2023-2024")
    assert [c.value for c in sheet[2]][:4] == ["STT", "Họ và tên", "Tổ", "Lao động tiên tiến"]
    assert sheet.max_row == 2 + 3 + 1  # title and header, two teachers and the principal, totals


def test_print_pdf(client_for, year, school):
    _fill(year, school, 1)
    client = client_for(Role.CLERK)
    response = client.get(reverse("awards:registration_print"), {"year": year.pk})
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC 2023-2024" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Cao Dương, ngày" in text and "Tập thể lao động tiên tiến" in text


def test_principal_sets_the_period(client_for, year):
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        f"{reverse('awards:registration_period')}?year={year.pk}", {"opens_on": "15/09/2023", "deadline": "30/09/2023"}
    )
    assert response.status_code == 302
    assert year.registration_period.deadline == date(2023, 9, 30)
    bad = client.post(
        f"{reverse('awards:registration_period')}?year={year.pk}", {"opens_on": "15/09/2023", "deadline": "01/09/2023"}
    )
    assert "Hạn đăng ký phải từ ngày mở đăng ký trở đi" in bad.content.decode()
    assert client_for(Role.VICE_PRINCIPAL).get(reverse("awards:registration_period")).status_code == 403


def test_the_request_notice_closes_once_decided(closed_period, make_staff):
    """The principal's "awaiting approval" notice is a task: deciding the request closes it, not other requests'."""
    principal = make_staff(Role.PRINCIPAL)
    person = make_staff()
    year = closed_period.school_year
    change = services.request_change(
        actor=person.user, school_year=year, title=title("CSTDCS"), action="add", reason="Có sáng kiến.", staff=person
    )
    asked = Notification.objects.get(recipient=principal.user)
    assert asked.title == f"Đề nghị đăng ký thêm “Chiến sĩ thi đua cơ sở” của {person} đang chờ duyệt"
    assert asked.read_at is None and asked.closed_at is None
    other = services.request_change(
        actor=person.user, school_year=year, title=title("LDTT"), action="add", reason="Khác.", staff=person
    )
    services.approve_change(actor=principal.user, change=change)
    asked.refresh_from_db()
    assert asked.closed_at and asked.read_at
    still_open = Notification.objects.about(other).get()
    assert (still_open.closed_at, still_open.read_at) == (None, None)
