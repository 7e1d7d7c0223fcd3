from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import StaffFactory
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(client_for, school, other_school, make_staff):
    """Two people of the principal's school changed two records, the system one; someone of another school one."""
    principal = client_for(Role.PRINCIPAL)
    vice = make_staff(Role.VICE_PRINCIPAL)
    hoa = StaffFactory(school=school, full_name="Nguyễn Thị Hoa")
    lan = StaffFactory(school=school, full_name="Trần Thị Lan")
    stranger = StaffFactory(school=other_school, full_name="Người Trường Khác")
    audit.record(
        actor=principal.staff.user, action="organization.staff.create", obj=hoa, data={"after": {"role": "member"}}
    )
    audit.record(
        actor=vice.user,
        action="organization.staff.update",
        obj=lan,
        data={"before": {"role": "member"}, "after": {"role": "clerk"}},
    )
    audit.record(actor=vice.user, action="organization.staff.update", obj=hoa, reason="Sai ngày sinh")
    audit.record(actor=None, action="organization.staff.create", obj=stranger)
    return principal, vice, hoa, lan, stranger


def actions(response):
    return [(entry.action, entry.object_repr) for entry, _, _ in response.context["rows"]]


def test_principal_reads_her_school_newest_first(entries):
    principal, *_ = entries
    response = principal.get(reverse("audit_log"))
    assert response.status_code == 200
    assert actions(response) == [
        ("organization.staff.update", "Nguyễn Thị Hoa"),
        ("organization.staff.update", "Trần Thị Lan"),
        ("organization.staff.create", "Nguyễn Thị Hoa"),
    ]
    page = response.content.decode()
    assert "Người Trường Khác" not in page
    assert "<td>Sửa hồ sơ cán bộ</td>" in page and "<td>Thêm cán bộ</td>" in page  # labels, not codes
    assert "<td>organization.staff" not in page
    # the role's labels, before → after
    assert f"Vai trò: {Role.MEMBER.label} → {Role.CLERK.label}" in page
    assert "Sai ngày sinh" in page


def test_readable_before_and_after(entries):
    principal, *_ = entries
    response = principal.get(reverse("audit_log"))
    lines = {entry.object_repr: described for entry, _, described in response.context["rows"] if described}
    (line,) = lines["Trần Thị Lan"]
    assert (line.label, line.before, line.after) == ("Vai trò", Role.MEMBER.label, Role.CLERK.label)


def test_system_rows_read_hethong(client_for, school):
    """Rows with no actor (the demo loader, a command) show "Hệ thống"; the page used to answer 500 on them."""
    principal = client_for(Role.PRINCIPAL)
    audit.record(actor=None, action="organization.staff.create", obj=StaffFactory(school=school))
    response = principal.get(reverse("audit_log"))
    assert response.status_code == 200
    assert [actor for _, actor, _ in response.context["rows"]] == ["Hệ thống"]
    assert "Hệ thống" in response.content.decode()


def test_filter_by_object(entries):
    principal, _, hoa, _, _ = entries
    content_type = ContentType.objects.get_for_model(Staff)
    response = principal.get(reverse("audit_log"), {"content_type": content_type.pk, "object_id": hoa.pk})
    assert actions(response) == [
        ("organization.staff.update", "Nguyễn Thị Hoa"),
        ("organization.staff.create", "Nguyễn Thị Hoa"),
    ]


def test_filter_by_person(entries):
    principal, vice, *_ = entries
    response = principal.get(reverse("audit_log"), {"actor": vice.user.pk})
    assert actions(response) == [
        ("organization.staff.update", "Nguyễn Thị Hoa"),
        ("organization.staff.update", "Trần Thị Lan"),
    ]
    assert vice.full_name in response.content.decode()  # the actor list shows names, not usernames


def test_filter_by_action(entries):
    principal, *_ = entries
    response = principal.get(reverse("audit_log"), {"action": "organization.staff.create"})
    assert actions(response) == [("organization.staff.create", "Nguyễn Thị Hoa")]
    assert principal.get(reverse("audit_log"), {"action": "no.such.code"}).context["form"].errors["action"]


def test_filter_by_date_range(entries):
    principal, _, _, lan, _ = entries
    AuditEntry.objects.filter(object_repr="Trần Thị Lan").update(created_at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    recent = principal.get(reverse("audit_log"), {"date_from": f"{today - timedelta(days=1):%d/%m/%Y}"})
    assert "Trần Thị Lan" not in [repr_ for _, repr_ in actions(recent)]
    old = principal.get(
        reverse("audit_log"),
        {"date_from": f"{today - timedelta(days=11):%d/%m/%Y}", "date_to": f"{today - timedelta(days=9):%d/%m/%Y}"},
    )
    assert actions(old) == [("organization.staff.update", "Trần Thị Lan")]
    backwards = principal.get(reverse("audit_log"), {"date_from": f"{today:%d/%m/%Y}", "date_to": "01/01/2020"})
    assert backwards.context["form"].errors["date_to"] == ["“Đến ngày” phải sau “Từ ngày”."]


def test_filter_by_group_shows_one_request(client_for, school):
    principal = client_for(Role.PRINCIPAL)
    with audit.grouped() as group:
        audit.record(actor=None, action="organization.staff.create", obj=StaffFactory(school=school, full_name="A"))
        audit.record(actor=None, action="organization.staff.create", obj=StaffFactory(school=school, full_name="B"))
    audit.record(actor=None, action="organization.staff.create", obj=StaffFactory(school=school, full_name="C"))
    response = principal.get(reverse("audit_log"), {"group": str(group)})
    assert sorted(repr_ for _, repr_ in actions(response)) == ["A", "B"]


def test_pages_of_fifty(client_for, school):
    principal = client_for(Role.PRINCIPAL)
    person = StaffFactory(school=school)
    for _ in range(51):
        audit.record(actor=None, action="organization.staff.update", obj=person)
    first = principal.get(reverse("audit_log"))
    assert len(first.context["rows"]) == 50 and "Trang 1/2" in first.content.decode()
    assert len(principal.get(reverse("audit_log"), {"page": 2}).context["rows"]) == 1


def test_export_xlsx_follows_the_filters_and_is_inert(entries, school):
    principal, vice, *_ = entries
    evil = StaffFactory(school=school, full_name='=HYPERLINK("http://x","bấm")')
    audit.record(actor=vice.user, action="organization.staff.create", obj=evil)
    page = principal.get(reverse("audit_log"), {"actor": vice.user.pk})
    assert f"{reverse('audit_export')}?actor={vice.user.pk}" in page.content.decode()
    response = principal.get(reverse("audit_export"), {"actor": vice.user.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Thời điểm", "Người thực hiện", "Thao tác", "Loại đối tượng", "Đối tượng")
    assert [row[1:3] + (row[4],) for row in rows[1:]] == [
        (vice.full_name, "Thêm cán bộ", '=HYPERLINK("http://x","bấm")'),
        (vice.full_name, "Sửa hồ sơ cán bộ", "Nguyễn Thị Hoa"),
        (vice.full_name, "Sửa hồ sơ cán bộ", "Trần Thị Lan"),
    ]
    assert rows[3][5] == f"Vai trò: {Role.MEMBER.label} → {Role.CLERK.label}"
    assert all(cell.data_type == "s" for row in sheet.iter_rows(min_row=2) for cell in row if cell.value)


def test_another_school_entries_never_show_even_when_asked_for(entries):
    principal, *_, stranger = entries
    content_type = ContentType.objects.get_for_model(Staff)
    response = principal.get(reverse("audit_log"), {"content_type": content_type.pk, "object_id": stranger.pk})
    assert actions(response) == []
    assert "Người Trường Khác" not in response.content.decode()
    export = principal.get(reverse("audit_export"))
    assert "Người Trường Khác" not in str(list(load_workbook(BytesIO(export.content)).active.values))


def test_people_of_another_school_are_not_offered_as_actors(entries, other_school, make_staff):
    principal, *_ = entries
    outsider = make_staff(Role.PRINCIPAL, school=other_school, team=None)
    response = principal.get(reverse("audit_log"), {"actor": outsider.user.pk})
    assert "actor" in response.context["form"].errors
    assert outsider.full_name not in response.content.decode()


@pytest.mark.parametrize("role", [Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR])
def test_only_the_principal_reads_the_audit_log(client_for, role):
    client = client_for(role)
    assert client.get(reverse("audit_log")).status_code == 403
    assert client.get(reverse("audit_export")).status_code == 403
