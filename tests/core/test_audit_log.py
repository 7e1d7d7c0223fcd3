import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import StaffFactory
from thiduakhenthuong.core import audit
from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(client_for, school, other_school, make_staff):
    """Two people of the principal's school changed two records; someone of another school changed one."""
    principal = client_for(Role.PRINCIPAL)
    vice = make_staff(Role.VICE_PRINCIPAL)
    hoa = StaffFactory(school=school, full_name="Nguyễn Thị Hoa")
    lan = StaffFactory(school=school, full_name="Trần Thị Lan")
    stranger = StaffFactory(school=other_school, full_name="Người Trường Khác")
    audit.record(actor=principal.staff.user, action="Thêm cán bộ", obj=hoa, to_state="member")
    audit.record(actor=vice.user, action="Sửa hồ sơ cán bộ", obj=lan, from_state="member", to_state="clerk")
    audit.record(actor=vice.user, action="Sửa hồ sơ cán bộ", obj=hoa, reason="Sai ngày sinh")
    audit.record(actor=None, action="Thêm cán bộ", obj=stranger)
    return principal, vice, hoa, lan, stranger


def actions(response):
    return [(e.action, e.object_repr) for e in response.context["page"].object_list]


def test_principal_reads_her_school_newest_first(entries):
    principal, *_ = entries
    response = principal.get(reverse("audit_log"))
    assert response.status_code == 200
    assert actions(response) == [
        ("Sửa hồ sơ cán bộ", "Nguyễn Thị Hoa"),
        ("Sửa hồ sơ cán bộ", "Trần Thị Lan"),
        ("Thêm cán bộ", "Nguyễn Thị Hoa"),
    ]
    page = response.content.decode()
    assert "Người Trường Khác" not in page
    assert "Sai ngày sinh" in page and "member → clerk" in page


def test_filter_by_object(entries):
    principal, _, hoa, _, _ = entries
    content_type = ContentType.objects.get_for_model(Staff)
    response = principal.get(reverse("audit_log"), {"content_type": content_type.pk, "object_id": hoa.pk})
    assert actions(response) == [("Sửa hồ sơ cán bộ", "Nguyễn Thị Hoa"), ("Thêm cán bộ", "Nguyễn Thị Hoa")]


def test_filter_by_person(entries):
    principal, vice, *_ = entries
    response = principal.get(reverse("audit_log"), {"actor": vice.user.pk})
    assert actions(response) == [("Sửa hồ sơ cán bộ", "Nguyễn Thị Hoa"), ("Sửa hồ sơ cán bộ", "Trần Thị Lan")]
    assert vice.full_name in response.content.decode()  # the actor list shows names, not usernames


def test_another_school_entries_never_show_even_when_asked_for(entries):
    principal, *_, stranger = entries
    content_type = ContentType.objects.get_for_model(Staff)
    response = principal.get(reverse("audit_log"), {"content_type": content_type.pk, "object_id": stranger.pk})
    assert actions(response) == []
    assert "Người Trường Khác" not in response.content.decode()


def test_people_of_another_school_are_not_offered_as_actors(entries, other_school, make_staff):
    principal, *_ = entries
    outsider = make_staff(Role.PRINCIPAL, school=other_school, team=None)
    response = principal.get(reverse("audit_log"), {"actor": outsider.user.pk})
    assert "actor" in response.context["form"].errors
    assert outsider.full_name not in response.content.decode()


@pytest.mark.parametrize("role", [Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR])
def test_only_the_principal_reads_the_audit_log(client_for, role):
    assert client_for(role).get(reverse("audit_log")).status_code == 403
