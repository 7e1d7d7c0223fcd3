"""The council's services end to end: establishing by decision, the meeting, the secret ballot and its tally."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.models import Nomination, NominationStatus
from council import services
from council.models import (
    Attendance,
    Ballot,
    BallotChoice,
    BallotPaper,
    BallotRollEntry,
    BallotStatus,
    Council,
    CouncilMember,
    CouncilStatus,
    MeetingStatus,
    MemberRole,
    Recusal,
    RecusalReason,
)
from tests.council.conftest import in_review
from tests.factories import StaffFactory, TeamFactory, council_with_members, on_meeting_day
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents.rendering import render_document_pdf
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def vote(ballot, seats, agree_counts: dict[int, int]):
    """Every seat in ``seats`` casts a paper; item i gets ``agree_counts[item.pk]`` agreeing papers."""
    items = list(ballot.meeting.agenda.all())
    for index, seat in enumerate(seats):
        choices = {item.pk: index < agree_counts.get(item.pk, 0) for item in items}
        services.cast_paper(actor=seat.staff.user, ballot=ballot, member=seat, choices=choices)


# --- establishing ----------------------------------------------------------------------------------------------------


def test_establishing_issues_the_principals_decision_with_the_member_list(make_council, principal):
    council = make_council(9)
    assert council.status == CouncilStatus.ESTABLISHED
    decision = council.establishing_decision
    assert decision.symbol == "01/QĐ-THCD" and decision.status == "issued"
    assert decision.summary == "Về việc thành lập Hội đồng Thi đua – Khen thưởng năm học 2025-2026"
    assert decision.signer == principal and decision.document_date == date(2025, 9, 15)
    names = [row["name"] for row in decision.content["members"]]
    assert len(names) == 9 and names[0] == "Đỗ Thị Thanh Huyền"
    assert decision.content["members"][0]["role"] == "Chủ tịch Hội đồng"
    assert render_document_pdf(decision)[:4] == b"%PDF"
    assert AuditEntry.objects.filter(action="council.establish", object_id=str(council.pk)).count() == 1


def test_an_even_council_is_refused_and_nothing_is_issued(year, principal):
    council = council_with_members(8, school_year=year)
    with pytest.raises(ValidationError, match="số thành viên lẻ \\(hiện có 8\\)"):
        services.establish_council(actor=None, council=council)
    council.refresh_from_db()
    assert council.status == CouncilStatus.DRAFT and council.establishing_decision is None


def test_a_council_needs_a_chair_and_a_secretary(year, principal):
    council = council_with_members(3, school_year=year)
    council.members.filter(role__in=[MemberRole.CHAIR, MemberRole.SECRETARY]).update(role=MemberRole.MEMBER)
    with pytest.raises(ValidationError) as error:
        services.establish_council(actor=None, council=council)
    assert error.value.messages == ["Hội đồng chưa có Chủ tịch.", "Hội đồng chưa có Thư ký."]


def test_only_the_principal_establishes(year, make_staff, principal):
    council = council_with_members(3, school_year=year)
    vice = make_staff(Role.VICE_PRINCIPAL, school=year.school)
    with pytest.raises(PermissionDenied):
        services.establish_council(actor=vice.user, council=council)
    services.establish_council(actor=principal.user, council=council)


def test_the_principal_in_office_on_the_decisions_day_signs_it(year):
    """Regression: a principal with a leaving day was not found at all (the copy wanted none), so no council could
    be established while she was still in office; after that day she signs nothing."""
    leaving = StaffFactory(school=year.school, role=Role.PRINCIPAL, full_name="Đỗ Thị Thanh Huyền",
                           left_on=date(2025, 12, 31))  # fmt: skip
    council = council_with_members(3, school_year=year)
    with pytest.raises(ValidationError, match="^\\['Đơn vị chưa có hiệu trưởng để ký quyết định.'\\]$"):
        services.establish_council(actor=None, council=council, issued_on=date(2026, 1, 5))
    council = services.establish_council(actor=None, council=council, issued_on=date(2025, 12, 30))
    assert (council.establishing_decision.signer, council.establishing_decision.signer_name) == (
        leaving, "Đỗ Thị Thanh Huyền"
    )  # fmt: skip


def test_members_are_added_while_forming_and_frozen_once_a_meeting_voted(session, year):
    meeting, seats, items = session(3)
    council = meeting.council
    with pytest.raises(ValidationError, match="Không thể sửa thành phần"):
        services.add_member(actor=None, council=council, staff=StaffFactory(school=year.school))
    services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    with pytest.raises(ValidationError, match="không thay đổi thành viên"):
        services.reopen_composition(actor=None, council=council, reason="Thay tổ trưởng")
    assert Council.objects.get(pk=council.pk).status == CouncilStatus.ESTABLISHED


def test_reopening_before_any_vote_lets_members_change_and_a_new_decision_establishes_it(make_council, year):
    council = make_council(3)
    council = services.reopen_composition(actor=None, council=council, reason="Bổ sung thành viên")
    for _ in range(2):
        services.add_member(actor=None, council=council, staff=StaffFactory(school=year.school), position="Tổ trưởng")
    council = services.establish_council(actor=None, council=council, issued_on=date(2025, 10, 1))
    assert council.establishing_decision.symbol == "02/QĐ-THCD" and council.members.count() == 5


def test_a_council_seats_whoever_worked_at_the_school_when_its_year_began(year):
    """A council is formed for its school year, a past one too (the demo's): whoever had left by the year's first
    day is refused; someone who left during the year, or has a leaving day still to come, is seated."""
    council = council_with_members(3, school_year=year)
    gone = StaffFactory(school=year.school, full_name="Lê Thị Đi", left_on=year.start_date)
    with pytest.raises(ValidationError, match="^\\['Lê Thị Đi đã thôi việc.'\\]$"):
        services.add_member(actor=None, council=council, staff=gone)
    for left_on in (year.start_date + timedelta(days=1), date.today() + timedelta(days=30)):
        services.add_member(actor=None, council=council, staff=StaffFactory(school=year.school, left_on=left_on))
    assert council.members.count() == 5


# --- meetings --------------------------------------------------------------------------------------------------------


def test_agenda_from_the_queue_with_recusals_of_the_own_nomination_and_of_the_own_team(make_council, year):
    team = TeamFactory(school=year.school)
    council = make_council(5, recuse_own_team=True)
    seats = list(council.members.order_by("position_order"))
    seats[2].staff.team = team
    seats[2].staff.save()
    seats[3].staff.team = team
    seats[3].staff.save()
    own = in_review(year, staff=seats[2].staff)
    other_year = in_review(year, "LDTT")
    other_year.status = NominationStatus.TEAM_PROPOSED  # not in the council's queue
    other_year.save()
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    items = services.set_agenda(actor=None, meeting=meeting)
    assert [item.nomination for item in items] == [own]
    recusals = {(r.member_id, r.reason) for r in Recusal.objects.filter(agenda_item=items[0])}
    assert recusals == {(seats[2].pk, RecusalReason.OWN), (seats[3].pk, RecusalReason.OWN_TEAM)}


def test_the_meeting_opens_only_with_the_quorum(make_council, year):
    council = make_council(9)
    in_review(year)
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    seats = list(council.members.order_by("position_order"))
    with pytest.raises(ValidationError, match="điểm danh tất cả"):
        services.open_meeting(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=seats[:5])  # 5 < 6 = 2/3 of 9
    with pytest.raises(ValidationError, match="5/9 thành viên có mặt \\(cần ít nhất 6, tỷ lệ 2/3\\)"):
        services.open_meeting(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=seats[:6])
    meeting = services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    assert meeting.status == MeetingStatus.IN_SESSION and meeting.started_at


def test_the_quorum_is_configurable_per_council(make_council, year):
    council = make_council(9, quorum_numerator=1, quorum_denominator=2)
    in_review(year)
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(
        actor=None, meeting=meeting, present=list(council.members.order_by("position_order"))[:5]
    )
    opened = services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    assert opened.status == MeetingStatus.IN_SESSION


def test_the_meeting_opens_on_its_own_day_only(make_council, year):
    """Khai mạc records when the meeting began (the minutes print it): never on another day than the meeting's. A
    meeting moved to another day has its date changed first, then opens."""
    council = make_council(3)
    in_review(year)
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)
    meeting = services.plan_meeting(actor=None, council=council, held_on=tomorrow, place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    refused = (
        f"Phiên họp định vào ngày {tomorrow:%d/%m/%Y} nên chỉ khai mạc được trong ngày đó, không phải ngày "
        f"{today:%d/%m/%Y}. Nếu hội đồng họp vào ngày khác, hãy sửa ngày họp trước."
    )
    with pytest.raises(ValidationError) as error:
        services.open_meeting(actor=None, meeting=meeting)
    assert error.value.messages == [refused]
    with pytest.raises(ValidationError, match=f"không phải ngày {today:%d/%m/%Y}"):
        services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting) - timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    assert error.value.messages == [f"Chưa đến 14:00 ngày {tomorrow:%d/%m/%Y}: không ghi giờ khai mạc trước được."]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.started_at) == (MeetingStatus.PLANNED, None)
    meeting = services.update_meeting(
        actor=None, meeting=meeting, held_on=today, planned_time=None, place=meeting.place, chair=meeting.chair,
        secretary=meeting.secretary,
    )  # fmt: skip
    meeting = services.open_meeting(actor=None, meeting=meeting)
    assert meeting.status == MeetingStatus.IN_SESSION and timezone.localdate(meeting.started_at) == today


def test_a_meeting_typed_in_after_it_was_held_opens_at_the_time_it_really_opened(make_council, year):
    council = make_council(3)
    in_review(year)
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    with pytest.raises(ValidationError) as error:
        services.open_meeting(actor=None, meeting=meeting)
    assert error.value.messages == ["Phiên họp ngày 25/05/2026 đã qua: hãy ghi giờ khai mạc thực tế trong ngày đó."]
    meeting = services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting, 14))
    assert (meeting.status, meeting.started_at) == (MeetingStatus.IN_SESSION, on_meeting_day(meeting, 14))


def test_an_opened_meeting_keeps_its_day(session):
    """Once opened, the meeting's date is the day it opened: its place and time may still be corrected."""
    meeting, *_ = session(3)
    fields = {"planned_time": None, "chair": meeting.chair, "secretary": meeting.secretary}
    with pytest.raises(ValidationError, match="Phiên họp đã khai mạc ngày 25/05/2026: không đổi ngày họp được nữa."):
        services.update_meeting(actor=None, meeting=meeting, held_on=date(2026, 5, 26), place="Phòng họp", **fields)
    meeting = services.update_meeting(actor=None, meeting=meeting, held_on=meeting.held_on, place="Thư viện", **fields)
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.place) == (date(2026, 5, 25), "Thư viện")


def test_each_step_of_a_past_meeting_takes_the_time_it_happened_on_its_day_after_the_step_before(session):
    """Like khai mạc, the ballot's opening and closing and bế mạc are printed in the minutes with their time. Once
    the meeting's day has passed (this one was held on 25/05/2026), each step takes the time it really happened:
    refused without one, on another day than the meeting's, or before the step it follows; a refusal leaves the
    meeting as it was."""
    meeting, seats, items = session(3)
    next_day = on_meeting_day(meeting, 15) + timedelta(days=1)

    def refused(call, message: str) -> None:
        with pytest.raises(ValidationError) as error:
            call()
        assert error.value.messages == [message]

    refused(
        lambda: services.open_ballot(actor=None, meeting=meeting),
        "Phiên họp ngày 25/05/2026 đã qua: hãy ghi giờ mở bỏ phiếu kín thực tế trong ngày đó.",
    )
    refused(
        lambda: services.open_ballot(actor=None, meeting=meeting, opened_at=next_day),
        "Phiên họp định vào ngày 25/05/2026 nên chỉ mở bỏ phiếu kín được trong ngày đó, không phải ngày 26/05/2026.",
    )
    refused(
        lambda: services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 13)),
        "Giờ mở bỏ phiếu kín (13:00) không được trước giờ khai mạc (14:00).",
    )
    assert not Ballot.objects.filter(meeting=meeting).exists()
    services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))

    refused(
        lambda: services.close_ballot(actor=None, meeting=meeting),
        "Phiên họp ngày 25/05/2026 đã qua: hãy ghi giờ kết thúc bỏ phiếu, kiểm phiếu thực tế trong ngày đó.",
    )
    refused(
        lambda: services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 14)),
        "Giờ kết thúc bỏ phiếu, kiểm phiếu (14:00) không được trước giờ mở bỏ phiếu kín (15:00).",
    )
    ballot = Ballot.objects.get(meeting=meeting)
    assert (ballot.status, ballot.closed_at) == (BallotStatus.OPEN, None)
    assert not Nomination.objects.exclude(status=NominationStatus.IN_COUNCIL_REVIEW).exists()
    services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))

    refused(
        lambda: services.close_meeting(actor=None, meeting=meeting),
        "Phiên họp ngày 25/05/2026 đã qua: hãy ghi giờ bế mạc thực tế trong ngày đó.",
    )
    refused(
        lambda: services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 15)),
        "Giờ bế mạc (15:00) không được trước giờ kết thúc bỏ phiếu (16:00).",
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.ended_at) == (MeetingStatus.IN_SESSION, None)
    meeting = services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    assert (meeting.status, meeting.ended_at) == (MeetingStatus.CLOSED, on_meeting_day(meeting, 17))


def test_a_meeting_without_a_ballot_ends_after_it_began(session):
    meeting, *_ = session(3)
    with pytest.raises(ValidationError) as error:
        services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 13))
    assert error.value.messages == ["Giờ bế mạc (13:00) không được trước giờ khai mạc (14:00)."]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.ended_at) == (MeetingStatus.IN_SESSION, None)


def test_no_step_is_recorded_at_a_time_still_to_come(session, monkeypatch):
    """On the meeting's day itself, at half past three: the ballot cannot be closed "at four" in advance."""
    meeting, *_ = session(3)
    services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    monkeypatch.setattr(timezone, "now", lambda: on_meeting_day(meeting, 15) + timedelta(minutes=30))
    with pytest.raises(ValidationError) as error:
        services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    assert error.value.messages == [
        "Chưa đến 16:00 ngày 25/05/2026: không ghi giờ kết thúc bỏ phiếu, kiểm phiếu trước được."
    ]
    assert Ballot.objects.get(meeting=meeting).status == BallotStatus.OPEN
    ballot = services.close_ballot(actor=None, meeting=meeting)  # on the day: now, with one click
    assert ballot.closed_at == on_meeting_day(meeting, 15) + timedelta(minutes=30)


# --- the ballot ------------------------------------------------------------------------------------------------------


def test_a_second_paper_of_the_same_member_is_refused_and_adds_nothing(session):
    meeting, seats, items = session(3)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    choices = {items[0].pk: True}
    services.cast_paper(actor=seats[0].staff.user, ballot=ballot, member=seats[0], choices=choices)
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_paper(actor=seats[0].staff.user, ballot=ballot, member=seats[0], choices=choices)
    assert BallotPaper.objects.filter(ballot=ballot).count() == 1 == BallotRollEntry.objects.count()
    assert BallotChoice.objects.count() == 1


def test_a_paper_must_answer_every_nominee_and_only_the_member_casts_her_own(session):
    meeting, seats, items = session(3, codes=("CSTDCS", "LDTT"))
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    with pytest.raises(ValidationError, match="từng người được đề nghị"):
        services.cast_paper(actor=seats[0].staff.user, ballot=ballot, member=seats[0], choices={items[0].pk: True})
    with pytest.raises(PermissionDenied):
        services.cast_paper(actor=seats[1].staff.user, ballot=ballot, member=seats[0],
                            choices={item.pk: True for item in items})  # fmt: skip
    assert not BallotPaper.objects.exists() and not BallotRollEntry.objects.exists()


def test_an_absent_member_does_not_cast_a_paper_at_the_meeting(session):
    meeting, seats, items = session(3, absent=1, quorum_numerator=1, quorum_denominator=2)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    with pytest.raises(ValidationError, match="Chỉ thành viên có mặt"):
        services.cast_paper(actor=seats[2].staff.user, ballot=ballot, member=seats[2], choices={items[0].pk: True})


def test_the_cast_leaves_an_audit_row_that_says_who_voted_never_how(session):
    meeting, seats, items = session(3)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    services.cast_paper(actor=seats[0].staff.user, ballot=ballot, member=seats[0], choices={items[0].pk: False})
    row = AuditEntry.objects.get(action="council.ballot.cast")
    assert row.actor == seats[0].staff.user and row.object_id == str(ballot.pk)
    assert row.data == {} and row.reason == "" and "đồng ý" not in row.object_repr.lower()
    assert row.content_type.model == "ballot"


@pytest.mark.parametrize(
    "code,agree,passed,text",
    [
        ("CSTDCS", 25, True, "25/31 = 80,6% ≥ 80%"),
        ("CSTDCS", 24, False, "24/31 = 77,4% < 80%"),
        ("CSTDT", 28, True, "28/31 = 90,3% ≥ 90%"),
        ("CSTDT", 27, False, "27/31 = 87,1% < 90%"),
    ],
)
def test_threshold_edges_against_the_total_membership(session, code, agree, passed, text):
    meeting, seats, items = session(31, codes=(code,))
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    vote(ballot, seats, {items[0].pk: agree})
    ballot = services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    item = ballot.meeting.agenda.get()
    assert (item.votes_for, item.votes_against, item.members_total) == (agree, 31 - agree, 31)
    assert item.passed is passed and item.result_text == text
    nomination = Nomination.objects.get(pk=item.nomination_id)
    assert nomination.status == (NominationStatus.COUNCIL_PASSED if passed else NominationStatus.COUNCIL_FAILED)
    assert (nomination.council_votes_for, nomination.council_members) == (agree, 31)
    assert text in nomination.status_note


def test_written_opinions_of_absent_members_are_counted_against_the_total(session):
    # 31 members, 28 present, 3 absent of whom 2 sent a written opinion: 23 present + 2 written = 25/31 passes
    meeting, seats, items = session(31, absent=3)
    present, absent = seats[:28], seats[28:]
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    vote(ballot, present, {items[0].pk: 23})
    with pytest.raises(ValidationError, match="vắng mặt"):
        services.cast_written_opinion(actor=None, ballot=ballot, member=present[0], choices={items[0].pk: True})
    for seat in absent[:2]:
        services.cast_written_opinion(actor=None, ballot=ballot, member=seat, choices={items[0].pk: True},
                                      opinion="Đồng ý với danh sách đề nghị.")  # fmt: skip
    ballot = services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    item = ballot.meeting.agenda.get()
    assert item.votes_for == 25 and item.passed and item.result_text == "25/31 = 80,6% ≥ 80%"
    assert (ballot.members_total, ballot.members_present, ballot.papers_issued) == (31, 28, 28)
    assert (ballot.papers_received, ballot.papers_written, ballot.papers_valid, ballot.papers_invalid) == (30, 2, 30, 0)
    assert Attendance.objects.get(meeting=meeting, member=absent[0]).written_opinion == "Đồng ý với danh sách đề nghị."
    assert BallotRollEntry.objects.filter(ballot=ballot, in_writing=True).count() == 2


def test_closing_shuffles_the_box_and_refuses_later_papers(session):
    meeting, seats, items = session(5)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    vote(ballot, seats[:4], {items[0].pk: 4})
    before = set(BallotPaper.objects.values_list("pk", flat=True))
    ballot = services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    after = set(BallotPaper.objects.values_list("pk", flat=True))
    assert len(after) == 4 and not before & after
    assert BallotChoice.objects.filter(agree=True).count() == 4
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.cast_paper(actor=seats[4].staff.user, ballot=ballot, member=seats[4], choices={items[0].pk: True})
    assert ballot.meeting.status == MeetingStatus.IN_SESSION


def test_only_managers_close_the_ballot(session, year):
    meeting, seats, items = session(3)
    services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    secretary = CouncilMember.objects.get(council=meeting.council, role=MemberRole.SECRETARY)
    with pytest.raises(PermissionDenied):
        services.close_ballot(actor=secretary.staff.user, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    assert Ballot.objects.get(meeting=meeting).status == "open"


def test_the_minutes_and_the_tally_minutes_are_issued_from_the_data(session):
    meeting, seats, items = session(9, codes=("CSTDCS", "LDTT"), absent=1)
    services.record_proceedings(actor=None, meeting=meeting, proceedings="Thư ký đọc danh sách đề nghị.")
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    ldtt, cstdcs = items  # the queue's order: the catalog's (Lao động tiên tiến first)
    vote(ballot, seats[:8], {cstdcs.pk: 8, ldtt.pk: 5})
    with pytest.raises(ValidationError, match="Không thể bế mạc"):
        services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    services.close_ballot(actor=None, meeting=meeting, closed_at=on_meeting_day(meeting, 16))
    with pytest.raises(ValidationError, match="Không thể lập biên bản"):
        services.issue_minutes(actor=None, meeting=meeting)
    meeting = services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    minutes = services.issue_minutes(actor=None, meeting=meeting)
    tally = services.issue_tally_minutes(actor=None, meeting=meeting)
    assert (minutes.symbol, tally.symbol) == ("01/BB-HĐTĐKT", "02/BB-HĐTĐKT")
    # the steps' times as recorded: khai mạc 14:00, the count 16:00, bế mạc 17:00
    assert (minutes.content["started"], minutes.content["ended"], tally.content["closed"]) == (
        "14 giờ 00 phút, ngày 25/05/2026", "17 giờ 00 phút, ngày 25/05/2026", "16 giờ 00 phút, ngày 25/05/2026",
    )  # fmt: skip
    assert minutes.content["quorum"] == "8/9 thành viên có mặt (cần ít nhất 6, tỷ lệ 2/3): đủ số lượng để họp"
    results = [row["result"] for row in tally.content["items"]]
    assert results == ["5/9 = 55,6% > 50%", "8/9 = 88,9% ≥ 80%"]
    assert (tally.content["issued"], tally.content["received"], tally.content["members_total"]) == (8, 8, 9)
    for document in (minutes, tally):
        assert render_document_pdf(document)[:4] == b"%PDF"
    with pytest.raises(ValidationError, match="đã được lập"):
        services.issue_minutes(actor=None, meeting=meeting)


def test_a_nomination_is_taken_up_by_one_meeting_at_a_time(session, year):
    meeting, seats, items = session(3)
    other = services.plan_meeting(actor=None, council=meeting.council, held_on=date(2026, 5, 27), place="Phòng họp")
    with pytest.raises(ValidationError, match="Không có nội dung nào chờ"):
        services.set_agenda(actor=None, meeting=other)
    services.set_agenda(actor=None, meeting=meeting)  # its own agenda may be set again
    # closed without a vote: the nomination waits again
    services.close_meeting(actor=None, meeting=meeting, ended_at=on_meeting_day(meeting, 17))
    assert [item.nomination for item in services.set_agenda(actor=None, meeting=other)] == [items[0].nomination]
