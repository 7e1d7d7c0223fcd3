"""Hostile input is parsed before it reaches the ORM: ids in ASCII digits within range, text without NUL, lone
surrogates or control characters, every form of the project built on the hardened bases."""

import importlib
import sys
from datetime import date, time

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from awards.models import Initiative, RegistrationChange
from tests.factories import RegistrationChangeFactory, SchoolYearFactory, StaffFactory
from thiduakhenthuong.core.input import (
    INVALID_TEXT,
    MAX_INT,
    DateInput,
    Form,
    HardenedFormMixin,
    IdChoiceField,
    IdMultipleChoiceField,
    ModelForm,
    TimeInput,
    parse_id,
)
from thiduakhenthuong.organization.models import Role, SchoolYear, Staff, Team

HUGE = str(2**70)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (12, 12), (str(MAX_INT), MAX_INT), ("²", None), ("١٢", None), (" 12", None), ("-1", None),
     ("0", None), (HUGE, None), ("", None), (None, None), (True, None), ("1\x00", None), (["1"], None)],
)  # fmt: skip
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def _project_classes(root):
    """Every subclass of ``root`` defined in the project's own apps (their forms and admin modules imported first)."""
    for config in apps.get_app_configs():
        if config.path.startswith(str(settings.BASE_DIR)):
            for module in ("forms", "admin"):
                if importlib.util.find_spec(f"{config.name}.{module}"):
                    importlib.import_module(f"{config.name}.{module}")
    seen, stack = set(), [root]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
    base = str(settings.BASE_DIR)
    for cls in seen:
        path = getattr(sys.modules.get(cls.__module__), "__file__", "") or ""
        if path.startswith(base) and "/.venv/" not in path and "/tests/" not in path:
            yield cls


def test_every_form_of_the_project_is_hardened():
    found = list(_project_classes(forms.BaseForm))
    assert len(found) > 25
    loose = sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in found if not issubclass(cls, HardenedFormMixin))
    assert loose == [], "build these on thiduakhenthuong.core.input.Form / ModelForm (or HardenedFormMixin)"


def test_every_relation_choice_field_of_the_project_checks_ids():
    """``harden`` swaps Django's own classes; a project's subclass must start from the Id… variants itself."""
    found = [*_project_classes(forms.ModelChoiceField)]
    loose = [cls.__qualname__ for cls in found if not issubclass(cls, IdChoiceField | IdMultipleChoiceField)]
    assert loose == [], "derive these from thiduakhenthuong.core.input.IdChoiceField / IdMultipleChoiceField"


def test_every_typed_date_or_time_keeps_the_full_keyboard_of_a_phone():
    """A numeric keypad (``inputmode="numeric"``) has no "/" or ":" on an iPhone: dd/mm/yyyy could not be typed.
    Every day and time of every form is typed the same way, through ``core.input.DateInput``/``TimeInput`` (no
    browser's own picker: a native date input shows and takes another format than the rest of the app)."""
    loose = []
    for cls in _project_classes(forms.BaseForm):
        for name, field in getattr(cls, "base_fields", {}).items():
            widget = field.widget
            if isinstance(field, forms.DateField | forms.TimeField) and not isinstance(widget, forms.HiddenInput):
                wanted = DateInput if isinstance(field, forms.DateField) else TimeInput
                if not isinstance(widget, wanted) or widget.input_type != "text" or "inputmode" in widget.attrs:
                    loose.append(f"{cls.__module__}.{cls.__qualname__}.{name}")
    assert sorted(loose) == []
    assert 'placeholder="dd/mm/yyyy"' in DateInput().render("day", None)
    assert "inputmode" not in DateInput().render("day", None) + TimeInput().render("time", None)


def test_a_typed_day_and_time_show_as_they_are_typed():
    """The value a form shows back is in the format its placeholder asks for (hh:mm, not Django's hh:mm:ss)."""
    assert 'value="03/05/2026"' in DateInput().render("day", date(2026, 5, 3))
    assert 'value="14:00"' in TimeInput().render("time", time(14, 0))
    form = _DayAndTime({"day": "03/05/2026", "time": "14:05"})
    assert form.is_valid() and form.cleaned_data == {"day": date(2026, 5, 3), "time": time(14, 5)}


class _DayAndTime(Form):
    day = forms.DateField(widget=DateInput())
    time = forms.TimeField(widget=TimeInput())


class _TeamForm(ModelForm):
    class Meta:
        model = Staff
        fields = ["full_name", "team"]

    extra = forms.ModelMultipleChoiceField(queryset=SchoolYear.objects.all(), required=False)
    count = forms.IntegerField(required=False)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"full_name": "Nguyễn\x00 Văn A"}, "full_name", INVALID_TEXT),
        ({"full_name": "Nguyễn \ud800 A"}, "full_name", INVALID_TEXT),
        ({"full_name": "Nguyễn \x1b A"}, "full_name", INVALID_TEXT),
        ({"team": "²"}, "team", "Hãy chọn một lựa chọn hợp lệ"),
        ({"team": HUGE}, "team", "Hãy chọn một lựa chọn hợp lệ"),
        ({"team": "1\x00"}, "team", "Hãy chọn một lựa chọn hợp lệ"),
        ({"extra": [HUGE]}, "extra", f"“{HUGE[:20]}” không phải một lựa chọn hợp lệ."),
        ({"extra": ["1", "²"]}, "extra", "“²” không phải một lựa chọn hợp lệ."),
        ({"count": HUGE}, "count", "nhỏ hơn hoặc bằng"),
    ],
)
def test_hardened_fields_refuse_in_vietnamese(school, data, field, message):
    form = _TeamForm({"full_name": "Nguyễn Văn A", **data})
    assert not form.is_valid()
    assert any(message in error for error in form.errors[field]), form.errors
    assert isinstance(form.fields["team"], IdChoiceField)
    assert isinstance(form.fields["extra"], IdMultipleChoiceField)


@pytest.mark.django_db
def test_text_keeps_tabs_line_breaks_and_every_script(school):
    form = _TeamForm({"full_name": "Nguyễn Văn A 😀 <b>=1+1</b>\tx", "team": ""})
    assert form.is_valid(), form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", HUGE, "-3", "1\x00"])
@pytest.mark.parametrize(("url", "param"), [("awards:evaluation_list", "team"), ("awards:award_list", "year")])
def test_list_filters_ignore_what_is_not_an_id(client_for, url, param, value):
    response = client_for(Role.PRINCIPAL).get(reverse(url), {param: value})
    assert response.status_code == 200


@pytest.mark.django_db
def test_evaluation_list_filters_by_team(client_for, school, team):
    SchoolYearFactory(school=school, is_current=True)
    StaffFactory(school=school, team=team, full_name="Người Trong Tổ")
    StaffFactory(school=school, team=Team.objects.create(school=school, name="Tổ khác"), full_name="Người Tổ Khác")
    page = client_for(Role.PRINCIPAL).get(reverse("awards:evaluation_list"), {"team": str(team.pk)}).content.decode()
    assert "Người Trong Tổ" in page and "Người Tổ Khác" not in page


@pytest.mark.django_db
def test_initiative_search_with_a_nul_shows_a_message(client_for, school):
    response = client_for(Role.PRINCIPAL).get(reverse("awards:initiative_list"), {"q": "abc\x00def", "status": "x"})
    assert response.status_code == 200
    assert "Nội dung có ký tự không hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_initiative_co_authors_with_huge_ids_are_refused(client_for, school):
    SchoolYearFactory(school=school, is_current=True)
    client = client_for(Role.MEMBER)
    before = Initiative.objects.count()
    response = client.post(
        reverse("awards:initiative_create"), {"title": "Sáng kiến", "co_authors": [HUGE, "²"], "description": "x"}
    )
    assert response.status_code == 200 and Initiative.objects.count() == before
    assert "không phải một lựa chọn hợp lệ" in response.content.decode()


@pytest.mark.django_db
def test_a_decision_note_with_a_nul_is_refused_and_nothing_changes(client_for, school):
    change = RegistrationChangeFactory(school_year__school=school)
    client = client_for(Role.PRINCIPAL)
    response = client.post(
        reverse("awards:change_decide", args=[change.pk, "approve"]), {"note": "đồng ý\x00"}, follow=True
    )
    assert "Nội dung có ký tự không hợp lệ" in response.content.decode()
    change.refresh_from_db()
    assert change.status == "pending" and RegistrationChange.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["x\x00", "bogus", "all", "approved"])
def test_change_list_status_is_one_of_the_tabs(client_for, status):
    response = client_for(Role.PRINCIPAL).get(reverse("awards:change_list"), {"status": status})
    assert response.status_code == 200
    assert response.context["status"] == (status if status in {"all", "approved"} else "pending")
