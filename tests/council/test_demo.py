"""The council's demo data: the past year's council established by an issued QĐ; with nominations left in council
review by the review stage, its meeting, ballot, results and both minutes; idempotent."""

import io
import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from awards.models import Nomination, NominationStatus
from council import demo, services
from council.models import Ballot, BallotPaper, Council, Meeting
from tests.factories import title
from thiduakhenthuong.documents.rendering import render_document_pdf
from thiduakhenthuong.organization.models import School, SchoolYear, Staff

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Council, Meeting, Ballot, BallotPaper)
    ]


def test_the_past_year_council_meets_votes_and_issues_its_minutes():
    call_command("seed_demo", "--today", TODAY.isoformat(), stdout=StringIO())
    school = School.objects.get(abbreviation="THCD")
    year = SchoolYear.objects.get(school=school, name="2025-2026")
    council = Council.objects.get(school=school, school_year=year, kind="emulation")
    assert council.status == "established" and council.members.count() == 11
    assert council.establishing_decision.status == "issued" and "/QĐ-THCD" in council.establishing_decision.symbol
    if not council.meetings.exists():
        # the review stage has not left nominations yet: put two in council review as it would
        for name, code in (("Trần Thị Mai", "CSTDCS"), ("Phạm Thị Lan Anh", "LDTT")):
            Nomination.objects.create(
                school=school, school_year=year, title=title(code), staff=Staff.objects.get(full_name=name),
                status=NominationStatus.IN_COUNCIL_REVIEW, proposed_at=timezone.now(),
            )  # fmt: skip
        demo.seed_demo(school=school, stdout=StringIO(), today=TODAY)
    meeting = council.meetings.get()
    ballot = meeting.ballot
    assert meeting.status == "closed" and ballot.status == "closed"
    assert (ballot.members_total, ballot.members_present, ballot.papers_received, ballot.papers_written) == (
        11,
        10,
        11,
        1,
    )
    assert meeting.minutes.symbol.endswith("/BB-HĐTĐKT") and ballot.tally_minutes.symbol.endswith("/BB-HĐTĐKT")
    assert not Nomination.objects.filter(school_year=year, status=NominationStatus.IN_COUNCIL_REVIEW, pupil=None,
                                         class_group=None).exists()  # fmt: skip
    assert all(item.passed is not None and item.result_text for item in meeting.agenda.all())
    # the classes' checked lists, passed at the sitting before the ballot, are in its minutes by class and count
    lines = meeting.minutes.content["pupil_lists"]
    assert lines and lines == services.pupil_list_sentences(meeting.pupil_lists)
    assert all(re.fullmatch(r"Thông qua danh sách \d+ (học sinh của \d+ lớp|tập thể lớp) \(lớp .+\) đề nghị Hiệu "
                            r"trưởng tặng Giấy khen\.", line) for line in lines)  # fmt: skip
    text = " ".join(
        " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(render_document_pdf(meeting.minutes))).pages
        ).split()
    )
    assert lines[0] in text
    before = snapshot()
    demo.seed_demo(school=school, stdout=StringIO(), today=TODAY)
    assert snapshot() == before
