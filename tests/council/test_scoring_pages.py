"""Scoring pages: a member's sheet (draft, submit, others' scores only after hers), the chair's progress (who, not
what) and spread, the rubric pages; constant queries."""

import re
from datetime import date

import pytest
from django.urls import reverse

from awards.models import InitiativeStatus
from council import scoring
from council.models import CouncilKind, Rubric, ScoreSheet
from tests.council.scoring_world import sitting
from tests.factories import SchoolYearFactory, StaffFactory
from thiduakhenthuong.organization.models import Role


@pytest.fixture
def opened(school):
    s = sitting(school, members=3, items=2)
    scoring.open_scoring(actor=s.chair.staff.user, meeting=s.meeting)
    return s


def _post_sheet(client, sheet, values, action):
    data = {f"c{c.pk}": v for c, v in zip(sheet.rubric.criteria.all(), values, strict=False)}
    return client.post(reverse("council:score_sheet", args=[sheet.pk]), {**data, "action": action})


def test_a_member_scores_on_her_sheet_and_then_reads_the_others(client, opened):
    s = opened
    member, colleague = s.members[1], s.members[2]
    theirs = ScoreSheet.objects.get(member=colleague, agenda_item=s.items[0])
    client.force_login(colleague.staff.user)
    _post_sheet(client, theirs, [11, 33, 17, 19], "submit")
    mine = ScoreSheet.objects.get(member=member, agenda_item=s.items[0])
    client.force_login(member.staff.user)
    page = client.get(reverse("council:score_sheet", args=[mine.pk])).content.decode()
    assert "Lưu nháp" in page and "Nộp phiếu" in page
    assert colleague.staff.full_name not in page  # not before hers is in
    response = _post_sheet(client, mine, [18, 36], "save")
    assert response.status_code == 302
    page = client.get(reverse("council:score_sheet", args=[mine.pk])).content.decode()
    assert 'value="36"' in page and "Đã lưu nháp" in page
    response = _post_sheet(client, mine, [18, 36, 80, 20], "submit")
    assert "Điểm tối đa của tiêu chí này là 20." in response.content.decode()
    _post_sheet(client, mine, [18, 36, 19, 20], "submit")
    page = client.get(reverse("council:score_sheet", args=[mine.pk])).content.decode()
    assert "Phiếu đã khoá" in page and "tổng <strong>93</strong>/100" in page
    assert colleague.staff.full_name in page and ">80<" in page  # the colleague's total, after hers
    assert "Nội dung tiếp theo" in page


def test_another_members_sheet_is_refused_even_to_the_chair(client, opened):
    sheet = ScoreSheet.objects.get(member=opened.members[1], agenda_item=opened.items[0])
    client.force_login(opened.chair.staff.user)
    assert client.get(reverse("council:score_sheet", args=[sheet.pk])).status_code == 403


def test_the_chair_sees_who_finished_then_the_spread(client, opened):
    s = opened
    client.force_login(s.members[1].staff.user)
    for item in s.items:
        _post_sheet(client, ScoreSheet.objects.get(member=s.members[1], agenda_item=item), [13, 37, 17, 19], "submit")
    client.force_login(s.chair.staff.user)
    page = client.get(reverse("council:scoring", args=[s.meeting.pk])).content.decode()
    assert f'{s.members[1].staff.full_name}</span><span class="text-success">2/2 · xong' in page
    # who, never what: neither her total (86) nor a criterion's points (37) in any cell (a CSRF token may hold "86")
    assert "0/2" in page and "Độ phân tán" not in page
    assert not re.search(r">\s*(86|37)\s*<", page)
    for member in (s.members[0], s.members[2]):
        client.force_login(member.staff.user)
        for item in s.items:
            _post_sheet(client, ScoreSheet.objects.get(member=member, agenda_item=item), [20, 40, 20, 20], "submit")
    client.force_login(s.chair.staff.user)
    page = client.get(reverse("council:scoring", args=[s.meeting.pk])).content.decode()
    assert "Độ phân tán" in page and "95,33" in page  # (86 + 100 + 100) / 3
    response = client.post(reverse("council:scoring_close", args=[s.meeting.pk]), follow=True)
    assert "Đã kết thúc chấm điểm." in response.content.decode()


def test_the_initiative_council_types_its_recognising_decision_on_the_closing_form(client, school):
    s = sitting(school, members=3, items=1, kind=CouncilKind.INITIATIVE)
    scoring.open_scoring(actor=s.chair.staff.user, meeting=s.meeting)
    for member in s.members:
        client.force_login(member.staff.user)
        _post_sheet(client, ScoreSheet.objects.get(member=member, agenda_item=s.items[0]), [25, 25, 20, 8], "submit")
    client.force_login(s.chair.staff.user)
    page = client.get(reverse("council:scoring", args=[s.meeting.pk])).content.decode()
    # the form's own fields: the day typed dd/mm/yyyy on the full keyboard, as on every page
    assert re.search(
        r'<input type="text" name="decision_date"[^>]*placeholder="dd/mm/yyyy"[^>]*id="id_decision_date"', page
    )
    assert 'name="decision_number" maxlength="50"' in page and "inputmode" not in page
    client.post(
        reverse("council:scoring_close", args=[s.meeting.pk]),
        {"decision_number": "15/QĐ-THCD", "decision_date": "28/05/2026"},
    )
    initiative = s.items[0].initiative
    initiative.refresh_from_db()
    assert (initiative.status, initiative.decision_date) == (InitiativeStatus.RECOGNISED, date(2026, 5, 28))


def test_a_member_who_is_not_on_the_council_is_refused(client, opened, school):
    client.force_login(StaffFactory(school=school, with_user=True).user)
    assert client.get(reverse("council:scoring", args=[opened.meeting.pk])).status_code == 403


def test_scoring_pages_cost_constant_queries(client, school, django_assert_max_num_queries):
    earlier = SchoolYearFactory(school=school, start_date=date(2024, 9, 5), end_date=date(2025, 5, 31))
    small, large = sitting(school, members=3, items=1, year=earlier), sitting(school, members=9, items=8)
    counts = []
    for s in (small, large):
        scoring.open_scoring(actor=s.chair.staff.user, meeting=s.meeting)
        for member in s.members:
            for sheet in ScoreSheet.objects.filter(member=member, agenda_item__meeting=s.meeting):
                scoring.save_sheet(
                    actor=member.staff.user, sheet=sheet, points={c.pk: 5 for c in sheet.rubric.criteria.all()},
                    submit=True,
                )  # fmt: skip
        client.force_login(s.chair.staff.user)
        sheet = ScoreSheet.objects.filter(member=s.chair, agenda_item__meeting=s.meeting).first()
        client.get(reverse("council:scoring", args=[s.meeting.pk]))
        with django_assert_max_num_queries(20) as scoring_page:
            assert "Độ phân tán" in client.get(reverse("council:scoring", args=[s.meeting.pk])).content.decode()
        with django_assert_max_num_queries(20) as sheet_page:
            client.get(reverse("council:score_sheet", args=[sheet.pk]))
        counts.append((len(scoring_page), len(sheet_page)))
    assert counts[0] == counts[1]


def test_the_principal_edits_a_rubric_and_copies_a_used_one(client_for, school):
    client = client_for(Role.PRINCIPAL)
    client.post(reverse("council:rubric_defaults"))
    rubric = Rubric.objects.get(school=school, council_kind="initiative")
    page = client.get(reverse("council:rubric_list")).content.decode()
    assert "Tiêu chí chấm điểm sáng kiến" in page and "Tính mới, tính sáng tạo: 30 điểm" in page
    data = {
        "name": "Sáng kiến (sửa)", "pass_points": "60",
        "criteria-TOTAL_FORMS": "3", "criteria-INITIAL_FORMS": "0",
        "criteria-0-label": "Tính mới", "criteria-0-max_points": "50",
        "criteria-1-label": "Hiệu quả", "criteria-1-max_points": "50",
        "criteria-2-label": "", "criteria-2-max_points": "",
    }  # fmt: skip
    client.post(reverse("council:rubric_edit", args=[rubric.pk]), data)
    rubric.refresh_from_db()
    assert rubric.name == "Sáng kiến (sửa)" and rubric.pass_points == 60 and rubric.max_total == 100
    s = sitting(school, members=3, items=1, kind="initiative")
    s.chair.staff.role = Role.MEMBER
    scoring.open_scoring(actor=client.staff.user, meeting=s.meeting)
    response = client.get(reverse("council:rubric_edit", args=[rubric.pk]), follow=True)
    assert "sao chép để sửa" in response.content.decode()
    response = client.post(reverse("council:rubric_copy", args=[rubric.pk]), follow=True)
    assert "Đã sao chép" in response.content.decode()
    assert Rubric.objects.filter(school=school, council_kind="initiative", is_active=True).get().pk != rubric.pk


def test_a_teacher_reads_no_rubric(client_for):
    client = client_for(Role.MEMBER)
    assert client.get(reverse("council:rubric_list")).status_code == 403
