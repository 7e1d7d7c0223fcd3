"""The year-end review's pages: a team head runs her team's review, prints its minutes; a teacher sees what her
team proposed; the principal's board of nominations with filters, export and a constant number of queries."""

import io
from datetime import date

import openpyxl
import pdfplumber
import pytest
from django.urls import reverse

from awards import nominations as svc
from awards.models import Nomination, NominationStatus, Rating, TeamReview, TeamReviewStatus
from tests.documents.test_pdf import find, nfc
from tests.factories import (
    AnnualEvaluationFactory,
    InitiativeFactory,
    NominationFactory,
    StaffFactory,
    TeamFactory,
    title,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db
S = NominationStatus


@pytest.fixture
def head_client(client_for):
    return client_for(Role.TEAM_HEAD, full_name="Phạm Thị Thu")


@pytest.fixture
def members(head_client, school, year):
    team = head_client.staff.team
    lan = StaffFactory(school=school, team=team, full_name="Trần Thị Lan")
    nam = StaffFactory(school=school, team=team, full_name="Lê Văn Nam")
    AnnualEvaluationFactory(staff=lan, school_year=year, rating=Rating.GOOD)
    return lan, nam


def _review_url(team, year):
    return f"{reverse('awards:team_review', args=[team.pk])}?year={year.pk}"


def test_a_team_head_runs_the_review_from_opening_to_sending(head_client, members, year):
    client, lan, nam = head_client, *members
    team, head = client.staff.team, client.staff
    listing = client.get(reverse("awards:review_list")).content.decode()
    assert _review_url(team, year) in listing and "Chưa bình xét" in listing
    page = client.get(_review_url(team, year)).content.decode()
    assert "Bắt đầu bình xét" in page and "Trần Thị Lan" in page
    client.post(_review_url(team, year))
    review = TeamReview.objects.get(team=team, school_year=year)
    response = client.post(
        reverse("awards:team_review_meeting", args=[review.pk]),
        {"meeting_date": "20/05/2024", "meeting_time": "14:00", "place": "Phòng họp tổ 1", "chair": head.pk,
         "secretary": lan.pk, "members_present": [head.pk, lan.pk, nam.pk], "opinions": "Đồng chí Lan dạy giỏi."},
    )  # fmt: skip
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.place == "Phòng họp tổ 1" and review.members_present.count() == 3
    client.post(reverse("awards:team_review_propose", args=[review.pk]), {"subject": lan.pk, "title": title("LDTT").pk})
    client.post(
        reverse("awards:team_review_propose", args=[review.pk]),
        {"subject": "team", "title": title("TTLDTT", "collective").pk},
    )
    proposals = {n.recipient: n for n in Nomination.objects.all()}
    assert set(proposals) == {lan, team}
    page = client.get(_review_url(team, year)).content.decode()
    assert "Đề nghị: Lao động tiên tiến" in page and "Biểu quyết của tổ: chưa ghi" in page
    for nomination in proposals.values():
        client.post(reverse("awards:nomination_vote", args=[nomination.pk]), {"votes_for": 3, "votes_against": 0})
    response = client.post(reverse("awards:team_review_submit", args=[review.pk]), follow=True)
    assert "Tổ 1 đã gửi đề nghị khen thưởng năm học 2023-2024." in response.content.decode()
    review.refresh_from_db()
    assert review.status == TeamReviewStatus.SUBMITTED
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.TEAM_PROPOSED}
    page = client.get(_review_url(team, year)).content.decode()
    assert "Gửi đề nghị của tổ" not in page and "3 đồng ý, 0 không đồng ý / 3 có mặt" in page


def test_a_refused_step_says_why_on_the_page(head_client, members, year):
    client, lan, _ = head_client, *members
    review = svc.open_team_review(actor=client.staff.user, team=client.staff.team, school_year=year)
    client.post(reverse("awards:team_review_propose", args=[review.pk]), {"subject": lan.pk, "title": title("LDTT").pk})
    response = client.post(reverse("awards:team_review_submit", args=[review.pk]), follow=True)
    page = response.content.decode()
    assert "Biên bản họp tổ còn thiếu: ngày họp, địa điểm, người chủ trì, thư ký, thành viên có mặt." in page
    assert "Trần Thị Lan – Lao động tiên tiến: chưa ghi biểu quyết của tổ" in page


def test_a_team_head_cannot_open_another_teams_review(head_client, school, year):
    other = TeamFactory(school=school)
    assert head_client.get(_review_url(other, year)).status_code == 403
    assert head_client.post(_review_url(other, year)).status_code == 403
    assert not TeamReview.objects.exists()


def test_the_principal_lists_every_team(client_for, school, year, team):
    TeamFactory(school=school, name="Tổ 2-3")
    client = client_for(Role.PRINCIPAL, team=None)
    page = client.get(reverse("awards:review_list")).content.decode()
    assert "Tổ 1" in page and "Tổ 2-3" in page and "Chưa bình xét" in page


def _submitted_review(head, lan, nam, year):
    review = svc.open_team_review(actor=head.user, team=head.team, school_year=year)
    svc.record_team_meeting(
        actor=head.user, review=review, meeting_date=date(2024, 5, 20), place="Phòng họp tổ 1", chair=head,
        secretary=lan, members_present=[head, lan, nam], opinions="Đồng chí Lan có nhiều đóng góp.\nTổ đoàn kết.",
    )  # fmt: skip
    for kwargs in ({"staff": lan, "title": title("LDTT")}, {"team": head.team, "title": title("TTLDTT", "collective")}):
        nomination = svc.create_nomination(actor=head.user, school_year=year, team_review=review, **kwargs)
        svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=3, votes_against=0)
    return svc.submit_team_review(actor=head.user, review=review)


def test_the_minutes_print_the_meeting_and_the_votes(head_client, members, year):
    client, lan, nam = head_client, *members
    review = _submitted_review(client.staff, lan, nam, year)
    response = client.get(reverse("awards:team_review_minutes", args=[review.pk]))
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        page = pdf.pages[0]
        text = nfc(" ".join(p.extract_text() for p in pdf.pages))
        middle = page.width / 2
        assert find(page, "TRƯỜNG TIỂU HỌC CAO")["x1"] < middle and find(page, "TỔ 1")["x1"] < middle
        assert find(page, "Độc lập - Tự do - Hạnh phúc")["x0"] > middle
        assert find(page, "Cao Dương, ngày 20 tháng 5 năm 2024")["x0"] > middle
    for line in (
        "BIÊN BẢN", "Họp Tổ 1 bình xét thi đua năm học 2023-2024", "Địa điểm: Phòng họp tổ 1.",
        "tổng số thành viên của tổ 3; có mặt 3; vắng 0", "Chủ trì: Phạm Thị Thu. Thư ký: Trần Thị Lan.",
        "- Đồng chí Lan có nhiều đóng góp.", "Trần Thị Lan Lao động tiên tiến 3/3 0/3",
        "Tổ 1 Tập thể lao động tiên tiến 3/3 0/3", "THƯ KÝ", "CHỦ TRÌ",
    ):  # fmt: skip
        assert line in text, line


def test_the_minutes_wait_for_the_meeting(head_client, year):
    review = svc.open_team_review(actor=head_client.staff.user, team=head_client.staff.team, school_year=year)
    assert head_client.get(reverse("awards:team_review_minutes", args=[review.pk])).status_code == 404


def test_a_teacher_sees_what_her_team_proposed_for_her(client_for, make_staff, year):
    client = client_for(Role.MEMBER, full_name="Trần Thị Lan")
    head = make_staff(Role.TEAM_HEAD)
    nam = make_staff(Role.MEMBER)
    _submitted_review(head, client.staff, nam, year)
    page = client.get(reverse("awards:my_eligibility")).content.decode()
    assert "Đề nghị khen thưởng" in page and "Đề nghị của Tổ 1: 3 đồng ý, 0 không đồng ý" in page
    assert "Đã đề nghị" in page


# --- the board ---------------------------------------------------------------------------------------------------


def test_the_board_shows_each_nomination_with_its_verdicts_and_what_is_missing(client_for, members, year, school):
    lan, nam = members
    client = client_for(Role.PRINCIPAL, team=None)
    eligible = NominationFactory(school_year=year, staff=lan, status=S.TEAM_PROPOSED, proposed_at="2024-05-20T10:00Z",
                                 verdict_at_proposal={"label": "Đủ điều kiện", "outcome": "eligible"})  # fmt: skip
    review = TeamReview.objects.create(school=school, school_year=year, team=nam.team)
    unvoted = NominationFactory(school_year=year, staff=nam, title=title("CSTDCS"), team_review=review)
    InitiativeFactory(author=nam, school_year=year, title="Sáng kiến đang chờ")
    page = client.get(reverse("awards:nomination_board"), {"year": year.pk}).content.decode()
    assert "Trần Thị Lan" in page and "Khi đề nghị: Đủ điều kiện" in page
    assert "Chưa ghi biểu quyết của tổ" in page and "Sáng kiến chưa được công nhận" in page
    assert f'action="{reverse("awards:nomination_act", args=[eligible.pk, "send_to_council"])}"' in page
    assert reverse("awards:nomination_act", args=[unvoted.pk, "send_to_council"]) not in page
    response = client.post(
        reverse("awards:nomination_act", args=[eligible.pk, "send_to_council"]), {"next": "/awards/nominations/"}
    )
    assert response.status_code == 302
    eligible.refresh_from_db()
    assert eligible.status == S.IN_COUNCIL_REVIEW


def test_the_board_says_truthfully_whose_report_is_not_handed_in(client_for, members, year, school):
    """CSTĐCS and collective titles need the nominee's achievement report: missing, a draft or returned for changes
    is "not submitted"; submitted or confirmed is not a gap; Lao động tiên tiến needs none."""
    from awards import services as report_services

    lan, nam = members
    other = StaffFactory(school=school, team=lan.team, full_name="Đỗ Văn Hùng")
    client = client_for(Role.PRINCIPAL, team=None)
    for person in (lan, nam, other):
        NominationFactory(school_year=year, staff=person, title=title("CSTDCS"))
    NominationFactory(school_year=year, staff=lan, title=title("LDTT"))
    NominationFactory(school_year=year, staff=None, team=lan.team, title=title("TTLDTT", "collective"))
    draft = report_services.start_report(actor=None, school_year=year, staff=nam)  # a draft: not handed in
    handed = report_services.start_report(actor=None, school_year=year, staff=lan)
    report_services.save_report(actor=None, report=handed, achievements="Hoàn thành xuất sắc nhiệm vụ.")
    report_services.submit_report(actor=None, report=handed)
    rows = list(Nomination.objects.for_list().filter(school_year=year).order_by("pk"))
    gaps = svc.nomination_gaps(year, rows, {})
    missing = {(str(n.recipient), n.title.code): "Chưa nộp báo cáo thành tích" in gaps[n.pk] for n in rows}
    assert missing == {
        ("Trần Thị Lan", "CSTDCS"): False,
        ("Lê Văn Nam", "CSTDCS"): True,
        ("Đỗ Văn Hùng", "CSTDCS"): True,
        ("Trần Thị Lan", "LDTT"): False,
        (str(lan.team), "TTLDTT"): True,
    }
    assert draft.status == "draft"
    report_services.confirm_report(actor=None, report=handed)
    gaps = svc.nomination_gaps(year, rows, {})
    assert "Chưa nộp báo cáo thành tích" not in gaps[rows[0].pk]
    page = client.get(reverse("awards:nomination_board"), {"year": year.pk}).content.decode()
    assert page.count("Chưa nộp báo cáo thành tích") == 3


def test_the_board_filters_by_team_title_and_status(client_for, members, year, school):
    lan, _ = members
    client = client_for(Role.VICE_PRINCIPAL, team=None)
    elsewhere = StaffFactory(school=school, team=TeamFactory(school=school), full_name="Ngô Thị Mai")
    NominationFactory(school_year=year, staff=lan)
    NominationFactory(school_year=year, staff=elsewhere, title=title("CSTDCS"))
    url = reverse("awards:nomination_board")
    by_team = client.get(url, {"year": year.pk, "team": lan.team_id}).content.decode()
    assert "Trần Thị Lan" in by_team and "Ngô Thị Mai" not in by_team
    by_title = client.get(url, {"year": year.pk, "title": title("CSTDCS").pk}).content.decode()
    assert "Ngô Thị Mai" in by_title and "Trần Thị Lan" not in by_title
    by_status = client.get(url, {"year": year.pk, "status": S.TEAM_PROPOSED}).content.decode()
    assert "Ngô Thị Mai" not in by_status and "Trần Thị Lan" not in by_status


def test_the_board_exports_its_rows(client_for, members, year):
    lan, _ = members
    client = client_for(Role.PRINCIPAL, team=None)
    NominationFactory(school_year=year, staff=lan, votes_for=3, votes_against=0)
    response = client.get(reverse("awards:nomination_export"), {"year": year.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("STT", "Họ và tên / tập thể", "Tổ, đơn vị", "Danh hiệu, hình thức", "Trạng thái")
    assert rows[1][:6] == (1, "Trần Thị Lan", "Tổ 1", "Lao động tiên tiến", "Dự kiến đề nghị", "3/0")
    assert rows[1][7] == "Đủ điều kiện"


def test_the_board_costs_the_same_queries_whatever_the_rows(client_for, assert_constant_queries, year, school, team):
    client = client_for(Role.PRINCIPAL, team=None)
    review = TeamReview.objects.create(school=school, school_year=year, team=team)

    def add(n):
        for _ in range(n):
            person = StaffFactory(school=school, team=team)
            AnnualEvaluationFactory(staff=person, school_year=year, rating=Rating.GOOD)
            NominationFactory(school_year=year, staff=person, team_review=review, status=S.TEAM_PROPOSED,
                              proposed_at="2024-05-20T10:00Z")  # fmt: skip

    url = f"{reverse('awards:nomination_board')}?year={year.pk}"
    assert_constant_queries(client, url, add, max_queries=40)


@pytest.mark.parametrize("role", [Role.TEAM_HEAD, Role.MEMBER])
def test_the_board_is_for_the_school_readers(client_for, role):
    assert client_for(role).get(reverse("awards:nomination_board")).status_code == 403


def test_the_menu_and_dashboard_show_the_entries_where_the_page_opens(client_for, make_staff, year):
    head = client_for(Role.TEAM_HEAD)
    page = head.get(reverse("dashboard")).content.decode()
    assert reverse("awards:review_list") in page and reverse("awards:nomination_board") not in page
    head.logout()
    member = client_for(Role.MEMBER)
    page = member.get(reverse("dashboard")).content.decode()
    assert reverse("awards:review_list") not in page and reverse("awards:nomination_board") not in page
