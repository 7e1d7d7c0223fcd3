"""The council's pages: what each person sees and can do, the member's paper, the chair's page, the dashboard task,
and constant query counts."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from awards.models import NominationStatus
from council import services
from council.forms import MeetingForm, MemberAddForm
from council.models import BallotPaper, BallotRollEntry, Council, CouncilMember, MemberRole
from tests.council.conftest import in_review
from tests.factories import SchoolYearFactory, StaffFactory, council_with_members, on_meeting_day
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.documents.rendering import render_document_html
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(session):
    """A meeting of today voting now: on the meeting's day the page takes each step now, with one click."""
    meeting, seats, items = session(5, codes=("CSTDCS", "LDTT"), today=True)
    ballot = services.open_ballot(actor=None, meeting=meeting)
    return meeting, seats, items, ballot


def paper(items, agree=True):
    return {f"item_{item.pk}": "agree" if agree else "disagree" for item in items}


def test_the_member_casts_her_paper_with_one_toggle_per_nominee(client, voting):
    meeting, seats, items, ballot = voting
    member = seats[3]
    client.force_login(member.staff.user)
    page = client.get(reverse("council:ballot_vote", args=[meeting.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="btn-check"') == 2 * len(items)
    assert items[0].subject_label in html and "Phiếu không ghi tên bạn" in html
    refused = client.post(reverse("council:ballot_vote", args=[meeting.pk]), {f"item_{items[0].pk}": "agree"})
    assert "Hãy chọn đồng ý hoặc không đồng ý." in refused.content.decode()
    assert not BallotPaper.objects.exists()
    response = client.post(reverse("council:ballot_vote", args=[meeting.pk]), paper(items))
    assert response.status_code == 302 and response["Location"] == reverse("council:my_councils")
    assert BallotPaper.objects.count() == 1 and BallotRollEntry.objects.get().member == member
    # she cannot open a second paper
    assert client.get(reverse("council:ballot_vote", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("council:ballot_vote", args=[meeting.pk]), paper(items)).status_code == 403
    assert BallotPaper.objects.count() == 1
    mine = client.get(reverse("council:my_councils")).content.decode()
    assert "bạn đã bỏ phiếu" in mine


def test_the_dashboard_asks_a_present_member_to_vote_until_she_has(client, voting):
    meeting, seats, items, ballot = voting
    staff = seats[2].staff
    tasks = [task for task in registry.tasks_for(staff) if task.title == "Bỏ phiếu"]
    assert len(tasks) == 1 and tasks[0].url == reverse("council:ballot_vote", args=[meeting.pk]) and tasks[0].urgent
    services.cast_paper(actor=staff.user, ballot=ballot, member=seats[2], choices={i.pk: True for i in items})
    assert not [task for task in registry.tasks_for(staff) if task.title == "Bỏ phiếu"]
    outsider = StaffFactory(school=staff.school)
    assert not [task for task in registry.tasks_for(outsider) if task.title == "Bỏ phiếu"]


def test_the_chair_sees_who_voted_never_what_then_closes_and_sees_the_results(client, voting, principal):
    meeting, seats, items, ballot = voting
    for seat in seats[1:4]:
        services.cast_paper(
            actor=seat.staff.user, ballot=ballot, member=seat, choices={items[0].pk: True, items[1].pk: False}
        )
    client.force_login(principal.user)
    html = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Đã bỏ phiếu: 3/5" in html and html.count("Đã bỏ phiếu</span>") == 3
    assert "Kết quả" not in html and "Không đồng ý" not in html and "Kết thúc bỏ phiếu, kiểm phiếu" in html
    assert 'name="at"' not in html  # on the meeting's day a step is recorded now, with one click
    roll = client.get(reverse("council:meeting_roll", args=[meeting.pk])).content.decode()
    assert "Đã bỏ phiếu: 3/5" in roll and "<html" not in roll
    response = client.post(reverse("council:ballot_close", args=[meeting.pk]))
    assert response.status_code == 302
    html = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    # the agenda in the catalog's order: Lao động tiên tiến (majority), then Chiến sĩ thi đua cơ sở (80%)
    assert "3/5 = 60% &gt; 50%" in html and "0/5 = 0% &lt; 80%" in html
    client.post(reverse("council:meeting_act", args=[meeting.pk, "close"]))
    client.post(reverse("council:meeting_act", args=[meeting.pk, "minutes"]))
    html = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Biên bản họp 02/BB-HĐTĐKT (PDF)" in html and "Biên bản kiểm phiếu 01/BB-HĐTĐKT (PDF)" in html


def test_a_ballot_left_open_past_its_day_is_closed_from_the_page_at_the_time_given(client, session, principal):
    """A ballot opened on its meeting's day (25/05/2026) and not closed before midnight: the page still offers
    Kết thúc bỏ phiếu, with "Giờ" on the meeting's day, which it states. A time before the ballot opened or not a
    time is refused with nothing changed; the time given closes it, the count is recorded on the nominations, and
    the meeting is ended the same way."""
    meeting, seats, items = session(3)
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    for seat in seats:
        services.cast_paper(actor=seat.staff.user, ballot=ballot, member=seat, choices={items[0].pk: True})
    client.force_login(principal.user)
    url, close = (
        reverse("council:meeting_detail", args=[meeting.pk]),
        reverse("council:ballot_close", args=[meeting.pk]),
    )
    page = client.get(url).content.decode()
    assert "Ngày họp 25/05/2026 đã qua: ghi giờ (hh:mm) từng bước đã diễn ra trong ngày 25/05/2026." in page
    assert '<label class="form-label small mb-0" for="at-close_ballot">Giờ</label>' in page
    assert ">Kết thúc bỏ phiếu, kiểm phiếu</button>" in page

    page = client.post(close, {"at": "14:30"}, follow=True).content.decode()
    assert "Giờ kết thúc bỏ phiếu, kiểm phiếu (14:30) không được trước giờ mở bỏ phiếu kín (15:00)." in page
    page = client.post(close, {"at": "25:61"}, follow=True).content.decode()
    assert "Nhập một thời gian hợp lệ." in page
    page = client.post(close, {}, follow=True).content.decode()
    assert "Phiên họp ngày 25/05/2026 đã qua: hãy ghi giờ kết thúc bỏ phiếu, kiểm phiếu thực tế trong ngày đó." in page
    ballot.refresh_from_db()
    assert (ballot.status, ballot.closed_at) == ("open", None)
    items[0].nomination.refresh_from_db()
    assert items[0].nomination.status == NominationStatus.IN_COUNCIL_REVIEW

    page = client.post(close, {"at": "16:10"}, follow=True).content.decode()
    assert "Đã kết thúc bỏ phiếu và kiểm phiếu: kết quả đã ghi vào từng đề nghị." in page
    assert "3/3 = 100% ≥ 80%" in page and ">Bế mạc</button>" in page
    ballot.refresh_from_db()
    assert (ballot.status, ballot.closed_at) == ("closed", on_meeting_day(meeting, 16) + timedelta(minutes=10))
    items[0].nomination.refresh_from_db()
    assert items[0].nomination.status == NominationStatus.COUNCIL_PASSED

    client.post(reverse("council:meeting_act", args=[meeting.pk, "close"]), {"at": "16:45"})
    page = client.get(url).content.decode()
    assert "Bế mạc 16:45" in page and "đã qua" not in page  # no step left to take on it


def test_a_meeting_typed_in_after_it_was_held_is_carried_through_from_the_page(client, make_council, year, principal):
    """Held on 25/05/2026 and typed in since: khai mạc, the ballot's opening and closing and bế mạc each take the
    time given on that day, the members vote on their papers, and the minutes print those times."""
    council = make_council(3)
    nomination = in_review(year)
    meeting = services.plan_meeting(actor=None, council=council, held_on=date(2026, 5, 25), place="Phòng họp")
    client.force_login(principal.user)
    act = lambda verb: reverse("council:meeting_act", args=[meeting.pk, verb])  # noqa: E731
    client.post(act("set_agenda"))
    seats = list(council.members.select_related("staff__user").order_by("position_order"))
    client.post(act("attendance"), {f"present_{seat.pk}": "on" for seat in seats})
    page = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert '<label class="form-label small mb-0" for="at-open">Giờ</label>' in page
    assert "Khai mạc được trong ngày họp" not in page

    client.post(act("open"), {"at": "14:00"})
    client.post(act("open_ballot"), {"at": "15:00"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.started_at) == ("voting", on_meeting_day(meeting, 14))
    items = list(meeting.agenda.all())
    for seat in seats:
        client.force_login(seat.staff.user)
        client.post(reverse("council:ballot_vote", args=[meeting.pk]), {f"item_{items[0].pk}": "agree"})
    client.force_login(principal.user)
    client.post(reverse("council:ballot_close", args=[meeting.pk]), {"at": "15:40"})
    client.post(act("close"), {"at": "16:30"})
    client.post(act("minutes"))
    meeting.refresh_from_db()
    nomination.refresh_from_db()
    assert (meeting.status, nomination.status) == ("closed", NominationStatus.COUNCIL_PASSED)
    assert meeting.ballot.papers_valid == 3
    minutes = strip_tags(render_document_html(meeting.minutes))
    assert "Hôm nay, vào lúc 14 giờ 00 phút, ngày 25/05/2026" in minutes
    assert "Phiên họp kết thúc vào lúc 16 giờ 30 phút, ngày 25/05/2026" in minutes
    assert "Vào lúc 15 giờ 40 phút, ngày 25/05/2026" in strip_tags(render_document_html(meeting.ballot.tally_minutes))


def test_the_secretary_conducts_but_does_not_close_the_ballot(client, voting):
    meeting, seats, items, ballot = voting
    secretary = CouncilMember.objects.get(council=meeting.council, role=MemberRole.SECRETARY)
    client.force_login(secretary.staff.user)
    html = client.get(reverse("council:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Kết thúc bỏ phiếu, kiểm phiếu" not in html
    response = client.post(reverse("council:meeting_act", args=[meeting.pk, "proceedings"]), {"proceedings": "Bàn."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.proceedings == "Bàn."
    assert client.post(reverse("council:ballot_close", args=[meeting.pk])).status_code == 403


def test_a_principal_forms_and_establishes_a_council_from_the_pages(client, year, principal):
    client.force_login(principal.user)
    response = client.post(reverse("council:council_list"), {"school_year": year.pk, "kind": "emulation"})
    council = Council.objects.get()
    assert response["Location"] == reverse("council:council_detail", args=[council.pk])
    people = [principal, *(StaffFactory(school=year.school) for _ in range(3))]
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.MEMBER, MemberRole.MEMBER]
    for person, role in zip(people, roles, strict=True):
        client.post(reverse("council:council_act", args=[council.pk, "add_member"]), {"staff": person.pk, "role": role})
    html = client.get(reverse("council:council_detail", args=[council.pk])).content.decode()
    assert "Hội đồng phải có số thành viên lẻ (hiện có 4)." in html
    client.post(reverse("council:council_establish", args=[council.pk]))
    council.refresh_from_db()
    assert council.status == "draft"
    client.post(reverse("council:council_act", args=[council.pk, "remove_member"]),
                {"member": council.members.last().pk})  # fmt: skip
    client.post(reverse("council:council_establish", args=[council.pk]))
    council.refresh_from_db()
    assert council.status == "established" and council.establishing_decision.symbol == "01/QĐ-THCD"
    html = client.get(reverse("council:council_detail", args=[council.pk])).content.decode()
    assert "Quyết định 01/QĐ-THCD (PDF)" in html and "Lên lịch phiên họp" in html


def test_the_member_form_offers_whoever_still_works_at_the_school(year):
    """Someone who has given a leaving day still to come works at the school until then and may be seated; someone
    who has left may not, and the members already seated are not offered twice."""
    council = council_with_members(3, school_year=year)
    leaving = StaffFactory(school=year.school, left_on=date.today() + timedelta(days=30))
    gone = StaffFactory(school=year.school, left_on=date.today())
    offered = set(MemberAddForm(council=council).fields["staff"].queryset)
    assert leaving in offered and gone not in offered
    assert not offered & {member.staff for member in council.members.all()}


def test_the_staff_to_seat_are_offered_in_the_vietnamese_order(year):
    """By given name in the Vietnamese alphabet (Staff.sort_name): Dũng, Đức, Em, not by the whole name's letters
    (Lê Văn Đức, Phạm Văn Dũng, Trần Thị Em), and Đ between D and E, not after Z as its code point sorts."""
    council = council_with_members(3, school_year=year)
    names = ["Trần Thị Em", "Lê Văn Đức", "Phạm Văn Dũng"]
    for name in names:
        StaffFactory(school=year.school, full_name=name)
    offered = [staff.full_name for staff in MemberAddForm(council=council).fields["staff"].queryset]
    assert [name for name in offered if name in names] == ["Phạm Văn Dũng", "Lê Văn Đức", "Trần Thị Em"]


def test_a_new_council_is_proposed_for_the_current_year(client, school, year, principal):
    older = SchoolYearFactory(school=school, start_date=date(2024, 9, 5), end_date=date(2025, 5, 31))
    year.is_current = True
    year.save()
    client.force_login(principal.user)
    html = client.get(reverse("council:council_list")).content.decode()
    assert f'<option value="{year.pk}" selected>2025-2026</option>' in html
    assert f'<option value="{older.pk}">2024-2025</option>' in html and '<option value="" selected>' not in html


@pytest.mark.parametrize(
    ("today", "proposed"),
    [(date(2025, 11, 20), "20/11/2025"), (date(2025, 8, 1), "05/09/2025"), (date(2026, 7, 15), "31/05/2026")],
    ids=["within the year", "before it starts", "after it ends"],
)
def test_the_meeting_form_proposes_today_within_the_year_at_two_in_the_afternoon(year, today, proposed):
    html = MeetingForm.proposal(year, today=today).as_p()
    assert f'name="held_on" value="{proposed}" placeholder="dd/mm/yyyy"' in html
    assert 'name="planned_time" value="14:00" placeholder="hh:mm"' in html
    assert 'type="date"' not in html and 'type="time"' not in html


def test_the_principal_plans_a_meeting_typed_on_her_phone_and_the_members_see_its_time(client, make_council, year):
    council = make_council(3)
    chair = council.members.get(role=MemberRole.CHAIR)
    client.force_login(chair.staff.user)
    page = client.get(reverse("council:council_detail", args=[council.pk])).content.decode()
    today = year.nearest_day(timezone.localdate())
    assert f'name="held_on" value="{today:%d/%m/%Y}" placeholder="dd/mm/yyyy"' in page
    response = client.post(
        reverse("council:council_act", args=[council.pk, "plan_meeting"]),
        {"held_on": "20/11/2025", "planned_time": "14:30", "place": "Phòng họp Hội đồng"},
    )
    meeting = council.meetings.get()
    assert response["Location"] == reverse("council:meeting_detail", args=[meeting.pk])
    assert (meeting.held_on, meeting.planned_time) == (date(2025, 11, 20), time(14, 30))
    assert "Giờ họp 14:30" in client.get(response["Location"]).content.decode()
    assert "Ngày 20/11/2025 lúc 14:30 – Phòng họp Hội đồng" in (
        client.get(reverse("council:council_detail", args=[council.pk])).content.decode()
    )
    client.force_login(council.members.exclude(pk=chair.pk).first().staff.user)
    assert "ngày 20/11/2025 lúc 14:30" in client.get(reverse("council:my_councils")).content.decode()


def test_a_meeting_dated_another_day_offers_to_move_its_day_before_khai_mac(client, make_council, year, principal):
    """Khai mạc is offered on the meeting's day only; on another day the page says why and moves the day, then
    opens it."""
    council = make_council(3)
    in_review(year)
    today = timezone.localdate()
    meeting = services.plan_meeting(actor=None, council=council, held_on=today + timedelta(days=1), place="Phòng họp")
    services.set_agenda(actor=None, meeting=meeting)
    services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    client.force_login(principal.user)
    url = reverse("council:meeting_detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    open_button = '<button class="btn btn-success" type="submit">Khai mạc</button>'
    assert open_button not in page
    assert f"Khai mạc được trong ngày họp {meeting.held_on:%d/%m/%Y}. Nếu hội đồng họp vào ngày khác" in page
    refused = client.post(
        reverse("council:meeting_act", args=[meeting.pk, "update"]),
        {"held_on": "31/02/2026", "planned_time": "15:00", "place": "Thư viện"},
        follow=True,
    ).content.decode()
    assert "Nhập một ngày hợp lệ." in refused  # the form's own message, shown on the page it returns to
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.place) == (today + timedelta(days=1), "Phòng họp")  # nothing changed
    client.post(
        reverse("council:meeting_act", args=[meeting.pk, "update"]),
        {"held_on": f"{today:%d/%m/%Y}", "planned_time": "15:00", "place": "Thư viện"},
    )
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.planned_time, meeting.place) == (today, time(15), "Thư viện")
    assert open_button in client.get(url).content.decode()
    page = client.post(reverse("council:meeting_act", args=[meeting.pk, "open"]), follow=True).content.decode()
    assert "Đã khai mạc phiên họp." in page
    assert "Sửa ngày, giờ, địa điểm họp" not in page  # its day is the day it opened


def test_a_teacher_outside_the_council_sees_nothing_of_it(client, voting, make_staff):
    meeting, *_ = voting
    teacher = make_staff(Role.MEMBER, school=meeting.council.school)
    client.force_login(teacher.user)
    assert client.get(reverse("council:meeting_detail", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("council:council_detail", args=[meeting.council_id])).status_code == 403
    assert "Bạn chưa là thành viên hội đồng nào." in client.get(reverse("council:my_councils")).content.decode()


def test_post_data_of_a_paper_never_reaches_the_audit(client, voting):
    meeting, seats, items, ballot = voting
    client.force_login(seats[4].staff.user)
    client.post(reverse("council:ballot_vote", args=[meeting.pk]), paper(items, agree=False))
    row = AuditEntry.objects.get(action="council.ballot.cast")
    assert row.data == {} and row.reason == ""


def _voting_meeting(school, principal, start_year: int, members: int, nominees: int):
    year = SchoolYearFactory(school=school, start_date=date(start_year, 9, 5), end_date=date(start_year + 1, 5, 31))
    council = council_with_members(members, school_year=year)
    chair = council.members.get(role=MemberRole.CHAIR)
    chair.staff = principal
    chair.save()
    services.establish_council(actor=None, council=council)
    for _ in range(nominees):
        in_review(year)
    meeting = services.plan_meeting(actor=None, council=council, held_on=year.end_date, place="Phòng họp")
    items = services.set_agenda(actor=None, meeting=meeting)
    seats = list(council.members.select_related("staff__user").order_by("position_order"))
    services.record_attendance(actor=None, meeting=meeting, present=seats)
    services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    ballot = services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    for seat in seats[-(members // 2) :]:  # not the chair (position 0), who opens her paper below
        services.cast_paper(actor=None, ballot=ballot, member=seat, choices={item.pk: True for item in items})
    return meeting


def test_the_meeting_page_and_the_paper_cost_constant_queries(client, school, principal, django_assert_max_num_queries):
    client.force_login(principal.user)
    counts = []
    for start_year, members, nominees in ((2024, 3, 1), (2025, 31, 12)):
        meeting = _voting_meeting(school, principal, start_year, members, nominees)
        url = reverse("council:meeting_detail", args=[meeting.pk])
        client.get(url)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(30) as paper:
            assert client.get(reverse("council:ballot_vote", args=[meeting.pk])).status_code == 200
        counts.append((len(captured), len(paper)))
    assert counts[0] == counts[1]


#: What casting a paper costs: the signed-in user and her staff record (middleware), 2; the view: the meeting with
#: its ballot, her seat with her presence and vote, the agenda's ids, 3; the service's transaction: its savepoint,
#: the ballot's state, her seat and presence, the agenda's ids, the roll entry in its own savepoint, the paper, its
#: choices in one insert, the audit row, 11 (on PostgreSQL BEGIN and COMMIT for the outer savepoint). The nominees'
#: names are not read. It was 27 before (bench/ballots.py, docs/council.md).
PAPER_QUERIES = 16


def test_casting_a_paper_costs_a_fixed_handful_of_queries_whatever_the_council(
    client, school, principal, django_assert_max_num_queries
):
    client.force_login(principal.user)
    counts = []
    for start_year, members, nominees in ((2024, 3, 1), (2025, 31, 12)):
        meeting = _voting_meeting(school, principal, start_year, members, nominees)
        url = reverse("council:ballot_vote", args=[meeting.pk])
        assert client.get(url).status_code == 200  # she opens her paper (the idle clock is touched then, not below)
        papers, answers = BallotPaper.objects.filter(ballot__meeting=meeting).count(), paper(meeting.agenda.all())
        with django_assert_max_num_queries(PAPER_QUERIES) as captured:
            response = client.post(url, answers)
        assert response.status_code == 302 and response["Location"] == reverse("council:my_councils")
        assert BallotPaper.objects.filter(ballot__meeting=meeting).count() == papers + 1
        assert BallotRollEntry.objects.filter(ballot__meeting=meeting, member__staff=principal).exists()
        assert sum(query["sql"].startswith("INSERT") for query in captured.captured_queries) == 4
        counts.append(len(captured))
    assert counts[0] == counts[1]
