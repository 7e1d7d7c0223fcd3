"""Scoring: rubrics (frozen once used, copied to edit), sheets (drafts, submit locks, 0..max), who scores what
(present, not recused), the chair's progress and spread, the minutes' table, the initiative council's result."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from awards.models import InitiativeStatus
from council import scoring
from council.models import CouncilKind, MeetingStatus, Rubric, Score, ScoreSheet
from tests.council.scoring_world import recuse, sitting
from tests.factories import on_meeting_day
from thiduakhenthuong.core.models import AuditEntry


def _open(s):
    return scoring.open_scoring(actor=s.chair.staff.user, meeting=s.meeting)


def _sheet(s, member, item):
    return ScoreSheet.objects.get(member=member, agenda_item=item)


def _fill(sheet, values, submit=True):
    criteria = list(sheet.rubric.criteria.all())
    return scoring.save_sheet(
        actor=sheet.member.staff.user,
        sheet=sheet,
        points={c.pk: v for c, v in zip(criteria, values, strict=False)},
        submit=submit,
    )


def test_opening_makes_one_sheet_per_present_member_not_recused(school):
    s = sitting(school, members=5, items=2, absent=(4,))
    recuse(s.items[0], s.members[3])
    meeting = _open(s)
    assert meeting.status == MeetingStatus.SCORING
    sheets = ScoreSheet.objects.filter(agenda_item__meeting=meeting)
    assert sheets.count() == 4 + 3  # absent member: none; recused member: none on the first item
    assert not sheets.filter(member=s.members[4]).exists()
    assert not sheets.filter(member=s.members[3], agenda_item=s.items[0]).exists()
    rubric = sheets.first().rubric
    assert rubric.title.code == "LDTT" and rubric.max_total == 100
    assert Rubric.objects.filter(school=school, is_active=True).count() == 6  # the school's defaults, once
    entry = AuditEntry.objects.get(action="council.meeting.open_scoring")
    assert entry.data["sheets"] == 7


def test_only_the_chair_secretary_or_principal_opens_scoring_from_the_session(school):
    s = sitting(school, status="planned")
    with pytest.raises(PermissionDenied):
        scoring.open_scoring(actor=s.members[1].staff.user, meeting=s.meeting)
    with pytest.raises(ValidationError, match="Không thể mở chấm điểm phiên họp"):
        scoring.open_scoring(actor=s.members[2].staff.user, meeting=s.meeting)


def test_a_draft_is_kept_and_submitting_locks_the_sheet(school):
    s = sitting(school, members=3, items=1)
    _open(s)
    sheet = _sheet(s, s.members[1], s.items[0])
    _fill(sheet, [15, 30], submit=False)
    assert sorted(Score.objects.filter(sheet=sheet).values_list("points", flat=True)) == [15, 30]
    with pytest.raises(ValidationError, match="Chưa chấm tiêu chí"):
        _fill(sheet, [15, 30])
    _fill(sheet, [15, 30, 20, 20])
    sheet.refresh_from_db()
    assert sheet.is_submitted
    with pytest.raises(ValidationError, match="đã nộp, không sửa được"):
        _fill(sheet, [1, 1, 1, 1])
    assert AuditEntry.objects.filter(action="council.score_sheet.submit").get().data == {
        "after": {"submitted": True}
    }  # THAT it was submitted, never the points


def test_points_outside_zero_to_max_are_refused_by_the_service_and_the_database(school):
    s = sitting(school, members=3, items=1)
    _open(s)
    sheet = _sheet(s, s.members[1], s.items[0])
    with pytest.raises(ValidationError, match="phải từ 0 đến 20"):
        _fill(sheet, [21, 30, 20, 20])
    criterion = sheet.rubric.criteria.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Score.objects.create(sheet=sheet, criterion=criterion, points=21, max_points=criterion.max_points)
    with pytest.raises(IntegrityError), transaction.atomic():
        ScoreSheet.objects.create(agenda_item=s.items[0], member=s.members[1], rubric=sheet.rubric)


def test_a_member_fills_only_her_own_sheet(school):
    s = sitting(school, members=3, items=1)
    _open(s)
    sheet = _sheet(s, s.members[1], s.items[0])
    with pytest.raises(PermissionDenied):
        scoring.save_sheet(actor=s.chair.staff.user, sheet=sheet, points={})


def test_a_used_rubric_is_frozen_and_copied_to_edit(school):
    s = sitting(school, members=3, items=1)
    _open(s)
    principal = s.chair.staff.user
    rubric = _sheet(s, s.members[1], s.items[0]).rubric
    with pytest.raises(ValidationError, match="đã được dùng để chấm điểm"):
        scoring.save_rubric(actor=principal, rubric=rubric, name="Mới", pass_points=None, criteria=[("A", 10)])
    copy = scoring.copy_rubric(actor=principal, rubric=rubric)
    rubric.refresh_from_db()
    assert not rubric.is_active and copy.is_active and copy.max_total == 100 and copy.copied_from == rubric
    scoring.save_rubric(actor=principal, rubric=copy, name="Mới", pass_points=None, criteria=[("A", 60), ("B", 40)])
    assert [(c.label, c.max_points) for c in copy.criteria.all()] == [("A", 60), ("B", 40)]
    with pytest.raises(PermissionDenied):
        scoring.copy_rubric(actor=s.members[1].staff.user, rubric=copy)


def test_closing_waits_for_every_sheet_then_the_spread_is_read(school):
    s = sitting(school, members=3, items=1)
    _open(s)
    sheets = [_sheet(s, m, s.items[0]) for m in s.members]
    _fill(sheets[0], [20, 40, 20, 20])
    _fill(sheets[1], [10, 30, 15, 15])
    assert [(p.member, p.done) for p in scoring.progress(s.meeting)] == [
        (s.members[0], True), (s.members[1], True), (s.members[2], False),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match=r"Còn 1 phiếu chấm điểm chưa nộp \("):
        scoring.close_scoring(actor=s.chair.staff.user, meeting=s.meeting)
    _fill(sheets[2], [15, 35, 10, 19])
    table = scoring.scores_table(s.meeting)
    row = table.items[0]
    assert table.complete and [sheet.total for sheet in row.sheets] == [100, 70, 79]
    first = row.criteria_spread[0]
    assert (first.low, first.high, first.mean) == (10, 20, Decimal(15))
    assert (row.total.low, row.total.high, row.total.mean_text) == (70, 100, "83")
    meeting = scoring.close_scoring(actor=s.chair.staff.user, meeting=s.meeting)
    assert meeting.status == MeetingStatus.IN_SESSION


def test_the_initiative_council_recognises_through_awards(school):
    s = sitting(school, members=3, items=2, kind=CouncilKind.INITIATIVE)
    _open(s)
    good, poor = s.items
    for member in s.members:
        _fill(_sheet(s, member, good), [25, 25, 20, 8])  # 78 ≥ 50
        _fill(_sheet(s, member, poor), [10, 10, 10, 5])  # 35 < 50
    with pytest.raises(ValidationError, match="số và ngày quyết định công nhận"):
        scoring.close_scoring(actor=s.chair.staff.user, meeting=s.meeting)
    scoring.close_scoring(
        actor=s.chair.staff.user, meeting=s.meeting, decision_number="15/QĐ-THCD", decision_date=date(2026, 5, 28)
    )
    good.initiative.refresh_from_db()
    poor.initiative.refresh_from_db()
    assert good.initiative.status == InitiativeStatus.RECOGNISED and good.initiative.scope == "school"
    assert good.initiative.decision_symbol == "15/QĐ-THCD"
    assert poor.initiative.status == InitiativeStatus.REJECTED
    assert "điểm bình quân 35/100, mức đạt 50" in poor.initiative.rejection_reason
    assert AuditEntry.objects.filter(action="awards.initiative.recognise").count() == 1


def test_a_meeting_scores_between_the_session_and_the_ballot_and_the_minutes_print_the_scores(session):
    import io
    import unicodedata

    import pdfplumber

    from council import services
    from thiduakhenthuong.documents.rendering import render_document_pdf

    meeting, seats, items = session(5, codes=("CSTDCS",), absent=1)
    meeting = scoring.open_scoring(actor=None, meeting=meeting)
    with pytest.raises(ValidationError, match="Không thể mở bỏ phiếu kín"):
        services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    services.record_proceedings(actor=None, meeting=meeting, proceedings="Các thành viên chấm điểm.")
    for index, seat in enumerate(seats[:4]):
        _fill(_sheet_of(seat, items[0]), [20 - index, 30, 25, 15])
    assert not ScoreSheet.objects.filter(member=seats[4]).exists()  # absent: no sheet
    scoring.close_scoring(actor=None, meeting=meeting)
    services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    ballot = services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    assert ballot.status == "closed"
    meeting = services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    minutes = services.issue_minutes(actor=None, meeting=meeting)
    row = minutes.content["scores"][0]
    assert [sheet["total"] for sheet in row["sheets"]] == [90, 89, 88, 87]
    assert (row["means"][0], row["ranges"][0], row["total"], row["total_range"]) == ("18,5", "17–20", "88,5", "87–90")
    with pdfplumber.open(io.BytesIO(render_document_pdf(minutes))) as pdf:
        text = unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in pdf.pages))
    for line in (
        "Kết quả chấm điểm",
        "TT Thành viên TC1 (20) TC2 (35) TC3 (30) TC4 (15) Tổng",
        "1 Đỗ Thị Thanh Huyền 20 30 25 15 90",
        "Bình quân 18,5 30 25 15 88,5",
        "Thấp nhất – cao nhất 17–20 30–30 25–25 15–15 87–90",
    ):
        assert line in text.splitlines(), line


def _sheet_of(seat, item):
    return ScoreSheet.objects.get(member=seat, agenda_item=item)
