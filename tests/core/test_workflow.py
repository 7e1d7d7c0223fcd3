"""The workflow helper, pure: no database."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from awards.models import CHANGE_WORKFLOW, INITIATIVE_WORKFLOW
from campaigns.models import CAMPAIGN_WORKFLOW
from thiduakhenthuong.core.workflow import TONES, Verb, Workflow, WorkflowModel, actions_for
from thiduakhenthuong.documents.models import DOCUMENT_WORKFLOW


class Light(models.TextChoices):
    RED = "red", "Đèn đỏ"
    GREEN = "green", "Đèn xanh"
    BROKEN = "broken", "Hỏng"


LIGHT = Workflow(
    noun="đèn",
    states=Light,
    tones={Light.RED: "danger", Light.GREEN: "success", Light.BROKEN: "dark"},
    verbs=[
        Verb("go", sources={Light.RED}, target=Light.GREEN, label="Cho đi", tone="success"),
        Verb("stop", sources={Light.GREEN}, target=Light.RED, label="Dừng lại", tone="danger"),
        Verb("break", sources={Light.RED, Light.GREEN}, target=Light.BROKEN, label="Báo hỏng"),
    ],
    describe=lambda light: f"“{light.name}”",
)


class Lamp(WorkflowModel):
    workflow = LIGHT

    def __init__(self, status, name="Ngã tư"):
        self.status, self.name = status, name


def test_check_returns_the_target_or_names_verb_object_and_state():
    assert LIGHT.check(Lamp("red"), "go") == "green"
    with pytest.raises(ValidationError) as error:
        LIGHT.check(Lamp("broken"), "go")
    assert error.value.messages == ["Không thể cho đi đèn “Ngã tư” đang ở trạng thái “Hỏng”."]
    assert error.value.code == "invalid_transition"


def test_available_verbs_in_declaration_order():
    assert [verb.name for verb in LIGHT.available(Lamp("red"))] == ["go", "break"]
    assert [verb.name for verb in Lamp("green").available_verbs()] == ["stop", "break"]
    assert Lamp("broken").available_verbs() == []


def test_the_model_mixin_delegates():
    lamp = Lamp("green")
    assert lamp.can("stop") and not lamp.can("go")
    assert lamp.check_transition("break") == "broken"
    assert (lamp.status_badge.label, lamp.status_badge.tone) == ("Đèn xanh", "success")


def test_actions_combine_the_state_and_the_permission():
    lamp = Lamp("red")
    assert [verb.name for verb in actions_for(lamp, {"go": lambda _: True, "break": lambda _: False})] == ["go"]
    assert actions_for(lamp, {}) == []  # a verb without a predicate is never offered
    assert actions_for(lamp, {"stop": lambda _: True}) == []  # allowed, but not legal now


def test_unknown_verb_is_a_programming_error():
    with pytest.raises(LookupError):
        LIGHT.check(Lamp("red"), "fly")


def test_declarations_are_checked():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            noun="x", states=Light, tones=LIGHT.tones, verbs=[Verb("v", sources={"blue"}, target="red", label="V")]
        )
    with pytest.raises(ValueError, match="No tone"):
        Workflow(noun="x", states=Light, tones={Light.RED: "danger"}, verbs=[])
    with pytest.raises(ValueError, match="Unknown tone"):
        Verb("v", sources={"red"}, target="green", label="V", tone="pink")


def test_phrase_defaults_to_the_lowercased_label():
    assert Verb("go", sources={"red"}, target="green", label="Cho đi").phrase == "cho đi"


@pytest.mark.parametrize(
    ("workflow", "states"),
    [
        (DOCUMENT_WORKFLOW, ["draft", "issued", "signed", "cancelled"]),
        (CAMPAIGN_WORKFLOW, ["draft", "launched", "closed"]),
        (INITIATIVE_WORKFLOW, ["submitted", "under_review", "recognised", "rejected"]),
        (CHANGE_WORKFLOW, ["pending", "approved", "rejected"]),
    ],
)
def test_every_state_of_every_workflow_has_a_badge(workflow, states):
    for state in states:
        badge = workflow.badge(SimpleNamespace(status=state))
        assert badge.label == workflow.label(state) and badge.label != state
        assert badge.tone in TONES


def test_the_declared_moves_of_the_apps():
    signed = SimpleNamespace(status="signed")
    assert DOCUMENT_WORKFLOW.check(signed, "attach_signed_scan") == "signed"  # a better scan keeps "signed"
    with pytest.raises(ValidationError, match="Không thể huỷ văn bản đang ở trạng thái “Đã ký”"):
        DOCUMENT_WORKFLOW.check(signed, "cancel")
    submitted = SimpleNamespace(status="submitted")
    assert [verb.name for verb in INITIATIVE_WORKFLOW.available(submitted)] == ["start_review", "reject"]
    assert CHANGE_WORKFLOW.available(SimpleNamespace(status="approved")) == []
