"""The Django admin keeps to its place: scoped to the school administrator's school; law figures, roles and the
current year change through audited services wherever they are edited."""

import json
from datetime import date

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from awards.models import EligibilityRules
from tests.factories import SchoolYearFactory, StaffFactory, TeamFactory, UserFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.organization.models import Role, SchoolYear, Staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    user = UserFactory(username="sieuquantri-thu", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def _staff_form(staff: Staff, **changes) -> dict:
    data = {
        "school": staff.school_id,
        "full_name": staff.full_name,
        "gender": staff.gender,
        "position": staff.position,
        "kind": staff.kind,
        "role": staff.role,
        "team": staff.team_id or "",
        "_save": "1",
    }
    return {**data, **changes}


def test_foreign_key_choices_are_the_administrators_school(client_for, school, other_school):
    TeamFactory(school=other_school, name="Tổ của trường khác")
    client = client_for(Role.ADMINISTRATOR)
    page = client.get(reverse("admin:organization_staff_add")).content.decode()
    assert "Tổ của trường khác" not in page and "Tổ 1" in page
    assert other_school.name not in page and school.name in page


def test_a_role_change_in_the_admin_is_audited_and_cannot_reach_another_school(client_for, school, other_school):
    client = client_for(Role.ADMINISTRATOR)
    teacher = StaffFactory(school=school, role=Role.MEMBER)
    url = reverse("admin:organization_staff_change", args=[teacher.pk])
    response = client.post(url, _staff_form(teacher, role=Role.CLERK))
    assert response.status_code == 302, response.content.decode()[:2000]
    teacher.refresh_from_db()
    assert teacher.role == Role.CLERK
    entry = AuditEntry.objects.get(object_id=str(teacher.pk), actor=client.staff.user)
    assert entry.action == "organization.staff.update"
    assert entry.data == {"before": {"role": Role.MEMBER}, "after": {"role": Role.CLERK}}
    # a staff member of another school cannot be moved into it, nor theirs edited
    stranger = StaffFactory(school=other_school, role=Role.MEMBER)
    url = reverse("admin:organization_staff_change", args=[stranger.pk])
    assert client.post(url, _staff_form(stranger, role=Role.PRINCIPAL)).status_code == 404
    stranger.refresh_from_db()
    assert stranger.role == Role.MEMBER
    response = client.post(reverse("admin:organization_staff_add"), _staff_form(teacher, school=other_school.pk))
    assert response.status_code == 200 and not Staff.objects.filter(school=other_school).exclude(pk=stranger.pk)


def test_staff_are_never_deleted_in_the_admin(client_for, superuser, school):
    teacher = StaffFactory(school=school)
    url = reverse("admin:organization_staff_delete", args=[teacher.pk])
    assert superuser.get(url).status_code == 403
    assert client_for(Role.ADMINISTRATOR).post(url, {"post": "yes"}).status_code == 403
    assert Staff.objects.filter(pk=teacher.pk).exists()


def test_the_current_year_moves_only_through_its_service(client_for, school):
    old = SchoolYearFactory(school=school, start_date=date(2024, 9, 5), end_date=date(2025, 5, 31), is_current=True)
    new = SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    client = client_for(Role.ADMINISTRATOR)
    changelist = reverse("admin:organization_schoolyear_changelist")
    response = client.post(changelist, {"action": "make_current", "_selected_action": [new.pk]})
    assert response.status_code == 302
    assert list(SchoolYear.objects.filter(is_current=True)) == [new]
    entry = AuditEntry.objects.get(action="organization.year.set_current")
    assert entry.actor == client.staff.user
    assert entry.data == {"before": {"current_year": old.name}, "after": {"current_year": new.name}}
    # the change form shows is_current but does not take it
    data = {"school": school.pk, "name": old.name, "start_date": "05/09/2024", "end_date": "31/05/2025"}
    response = client.post(reverse("admin:organization_schoolyear_change", args=[old.pk]), {**data, "is_current": "on"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert not old.is_current
    assert AuditEntry.objects.filter(action="organization.year.update", object_id=str(old.pk)).exists()


def test_law_figures_are_read_by_a_school_administrator_and_changed_by_the_superuser_with_audit(client_for, superuser):
    rules = EligibilityRules.objects.select_related("regime").first()
    url = reverse("admin:awards_eligibilityrules_change", args=[rules.pk])
    administrator = client_for(Role.ADMINISTRATOR)
    page = administrator.get(url)
    assert page.status_code == 200 and 'name="min_service_months"' not in page.content.decode()  # read only
    assert administrator.post(url, {"min_service_months": 1}).status_code == 403
    form = superuser.get(url).context["adminform"].form
    data = {
        name: json.dumps(form.initial[name]) if isinstance(field, forms.JSONField) else form.initial[name]
        for name, field in form.fields.items()
        if form.initial.get(name) is not None
    }
    data = {**data, "regime": rules.regime_id, "min_service_months": rules.min_service_months + 1, "_save": "1"}
    response = superuser.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    rules.refresh_from_db()
    entry = AuditEntry.objects.get(object_id=str(rules.pk), action="awards.law_figures.update")
    assert entry.school is None and entry.actor.is_superuser
    before = rules.min_service_months - 1
    assert entry.data == {"before": {"min_service_months": before}, "after": {"min_service_months": before + 1}}


def test_admin_sign_in_takes_school_administrators_not_teachers(make_staff):
    administrator = make_staff(Role.ADMINISTRATOR)
    teacher = make_staff(Role.MEMBER)
    for staff, allowed in ((administrator, True), (teacher, False)):
        staff.user.set_password("mat-khau-du-dai-123")
        staff.user.save()
        client = Client()
        response = client.post(
            reverse("admin:login"), {"username": staff.user.username, "password": "mat-khau-du-dai-123"}
        )
        assert (response.status_code == 302) is allowed, staff.role


def test_the_admin_link_is_shown_to_those_it_lets_in(client_for, superuser):
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in client_for(Role.ADMINISTRATOR).get(reverse("dashboard")).content.decode()
    page = superuser.get(reverse("dashboard")).content.decode()
    assert admin_link in page and "quản trị triển khai" in page
    for role in (Role.PRINCIPAL, Role.MEMBER):
        client = Client()
        client.force_login(StaffFactory(role=role, with_user=True).user)
        assert admin_link not in client.get(reverse("dashboard")).content.decode()


HOSTILE_ADMIN_VALUES = [
    ("full_name", "Lê\x00An", "ký tự không hợp lệ"),
    ("full_name", "Lê\x1bAn", "ký tự không hợp lệ"),
    ("position", "x" * 5000, "chỉ có tối đa 100 kí tự"),
    ("team", str(2**70), "Hãy chọn một lựa chọn hợp lệ"),
    ("team", "²", "Hãy chọn một lựa chọn hợp lệ"),
]


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE_ADMIN_VALUES, ids=lambda v: repr(v)[:20])
@pytest.mark.parametrize("who", ["superuser", "administrator"])
def test_the_admin_change_form_refuses_hostile_values_in_vietnamese(
    who, field, value, message, client_for, superuser, school
):
    client = superuser if who == "superuser" else client_for(Role.ADMINISTRATOR)
    teacher = StaffFactory(school=school, role=Role.MEMBER, full_name="Trần Thị Mai")
    before = Staff.objects.values().get(pk=teacher.pk)
    url = reverse("admin:organization_staff_change", args=[teacher.pk])
    response = client.post(url, _staff_form(teacher, **{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Staff.objects.values().get(pk=teacher.pk) == before
    assert not AuditEntry.objects.filter(object_id=str(teacher.pk)).exists()


def test_a_year_s_number_beyond_64_bits_in_the_admin_is_a_form_error(superuser, school):
    year = SchoolYearFactory(school=school)
    url = reverse("admin:organization_schoolyear_change", args=[year.pk])
    response = superuser.post(
        url, {"school": school.pk, "name": year.name, "start_date": "99999999999999999999999", "_save": "1"}
    )
    assert response.status_code == 200 and "errornote" in response.content.decode()


def test_a_lone_surrogate_in_an_admin_form_is_refused_in_vietnamese(rf, school):
    # HTTP carries no lone surrogate (the test client cannot even encode one): the admin's own form is fed one
    from django.contrib import admin

    teacher = StaffFactory(school=school, role=Role.MEMBER)
    request = rf.get("/")
    request.user = UserFactory(is_superuser=True)
    form_class = admin.site._registry[Staff].get_form(request, teacher, change=True)
    form = form_class(_staff_form(teacher, full_name="Lê \ud800An"), instance=teacher)
    assert not form.is_valid()
    assert "ký tự không hợp lệ" in str(form.errors["full_name"])


def test_every_admin_form_is_hardened():
    from django.contrib import admin

    from thiduakhenthuong.core.input import HardenedFormMixin

    for model, model_admin in admin.site._registry.items():
        for attribute in ("form", "add_form", "change_password_form"):
            form = getattr(model_admin, attribute, None)
            assert form is None or issubclass(form, HardenedFormMixin), (model, attribute)
        for inline in model_admin.inlines:
            assert issubclass(inline.form, HardenedFormMixin), (model, inline)
