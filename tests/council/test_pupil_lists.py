"""The classes' checked lists of pupils are passed by the sitting council as a whole (not balloted name by name),
through awards' services; only those who conduct the meeting may, and only while it sits."""

import io

import pypdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from awards.models import NominationStatus
from council import services
from tests.factories import ClassGroupFactory, NominationFactory, PupilFactory, StaffFactory, on_meeting_day, title
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents.rendering import render_document_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupils(school, year):
    group = ClassGroupFactory(school=school, school_year=year, name="5A", grade=5)
    return [
        NominationFactory(
            school_year=year, staff=None, title=title("GK", "pupil"), status=NominationStatus.IN_COUNCIL_REVIEW,
            proposed_at=timezone.now(), pupil=PupilFactory(school=school, class_group=group),
        )
        for _ in range(3)
    ]  # fmt: skip


def test_the_sitting_council_passes_the_classes_lists_through_awards(client, session, pupils, principal):
    meeting, seats, items = session(5)
    assert [item.nomination.pupil_id for item in items] == [None]  # the pupils are not on the ballot's agenda
    client.force_login(principal.user)
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Thông qua danh sách học sinh (3)" in page

    response = client.post(reverse("council:meeting_act", args=[meeting.pk, "pupil_lists"]), follow=True)

    assert "Hội đồng đã thông qua danh sách khen thưởng học sinh." in response.content.decode()
    for nomination in pupils:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.COUNCIL_PASSED
        assert nomination.status_note == (
            "Hội đồng thông qua danh sách khen thưởng học sinh của các lớp tại phiên họp ngày 25/05/2026."
        )
    entry = AuditEntry.objects.get(action="council.meeting.pupil_lists")
    assert entry.data == {"passed": 3} and entry.actor == principal.user
    assert items[0].nomination.status == NominationStatus.IN_COUNCIL_REVIEW  # the ballot's own are untouched
    assert (
        "Thông qua danh sách học sinh"
        not in client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    )
    with pytest.raises(ValidationError, match="Không có danh sách học sinh nào chờ hội đồng xét."):
        services.pass_pupil_lists(actor=principal.user, meeting=meeting)


def test_only_a_sitting_meeting_and_those_who_conduct_it_pass_the_lists(make_council, year, pupils, school):
    council = make_council(5)
    meeting = services.plan_meeting(actor=None, council=council, held_on=year.end_date, place="Phòng họp")
    with pytest.raises(ValidationError, match="Chỉ thông qua danh sách học sinh khi phiên họp đang diễn ra."):
        services.pass_pupil_lists(actor=None, meeting=meeting)
    outsider = StaffFactory(school=school, with_user=True)
    with pytest.raises(PermissionDenied):
        services.pass_pupil_lists(actor=outsider.user, meeting=meeting)
    for nomination in pupils:
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.IN_COUNCIL_REVIEW
    assert not AuditEntry.objects.filter(action="council.meeting.pupil_lists").exists()


def test_the_minutes_say_which_classes_lists_the_sitting_passed(session, pupils, school, year):
    """BB họp: per title and who confers it, the pupils of each class (the classes' order) and the classes proposed
    as collectives, from what the sitting recorded on the meeting (not from the queue at the time of writing)."""
    group_4b = ClassGroupFactory(school=school, school_year=year, name="4B", grade=4)
    for pupil in (PupilFactory(school=school, class_group=group_4b) for _ in range(2)):
        NominationFactory(
            school_year=year, staff=None, title=title("GK", "pupil"), status=NominationStatus.IN_COUNCIL_REVIEW,
            proposed_at=timezone.now(), pupil=pupil,
        )  # fmt: skip
    NominationFactory(
        school_year=year, staff=None, title=title("GK", "pupil_group"), status=NominationStatus.IN_COUNCIL_REVIEW,
        proposed_at=timezone.now(), class_group=group_4b,
    )  # fmt: skip
    meeting, seats, items = session(5)
    assert services.pass_pupil_lists(actor=None, meeting=meeting) == 6
    meeting.refresh_from_db()
    assert meeting.pupil_lists == [
        {"title": "Giấy khen", "conferrer": "Hiệu trưởng", "classes": [["4B", 2], ["5A", 3]], "collectives": []},
        {"title": "Giấy khen", "conferrer": "Hiệu trưởng", "classes": [], "collectives": ["4B"]},
    ]
    services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    minutes = services.issue_minutes(actor=None, meeting=meeting)

    text = " ".join(
        " ".join(
            page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_document_pdf(minutes))).pages
        ).split()
    )
    assert "Hội đồng xét danh sách khen thưởng học sinh do các lớp đề nghị và thống nhất:" in text
    assert (
        "Thông qua danh sách 5 học sinh của 2 lớp (lớp 4B: 2 em, lớp 5A: 3 em) đề nghị Hiệu trưởng tặng Giấy khen."
        in text
    )
    assert "Thông qua danh sách 1 tập thể lớp (lớp 4B) đề nghị Hiệu trưởng tặng Giấy khen." in text


def test_minutes_without_lists_passed_say_nothing_of_pupils(session):
    meeting, seats, items = session(5)
    services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    minutes = services.issue_minutes(actor=None, meeting=meeting)
    assert minutes.content["pupil_lists"] == []
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(render_document_pdf(minutes))).pages)
    assert "học sinh" not in text
