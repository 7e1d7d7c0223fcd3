"""Campaign pages: who may do what, the journeys through the forms, and constant query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign, CampaignStatus, Commitment
from tests.factories import (
    CampaignCriterionFactory,
    CampaignFactory,
    CampaignPeriodFactory,
    CommitmentFactory,
    SchoolYearFactory,
    TeamFactory,
)
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


def criteria_management(total=0, initial=0):
    return {
        "criteria-TOTAL_FORMS": str(total),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def draft(year):
    campaign = CampaignFactory(school=year.school, school_year=year, name="Đổi mới sáng tạo trong dạy và học")
    CampaignCriterionFactory(campaign=campaign)
    return campaign


@pytest.fixture
def launched(year):
    return CampaignFactory(school=year.school, school_year=year, name="Dạy tốt - Học tốt", launched=True)


# --- permissions ----------------------------------------------------------------------------------------------------

OBJECT_URLS = ["campaign_detail", "campaign_update", "campaign_launch", "campaign_close", "period_create"]


@pytest.mark.parametrize("name", OBJECT_URLS + ["commitment_edit"])
def test_other_schools_campaign_is_not_found(client_for, other_school, name):
    foreign = CampaignFactory(school=other_school, launched=True)
    client = client_for(Role.PRINCIPAL if name != "commitment_edit" else Role.TEAM_HEAD)
    assert client.get(url(name, foreign.pk)).status_code == 404
    assert client.post(url(name, foreign.pk)).status_code == 404


@pytest.mark.parametrize("name", ["period_update", "period_delete"])
def test_other_schools_period_is_not_found(client_for, other_school, name):
    period = CampaignPeriodFactory(campaign__school=other_school)
    assert client_for(Role.PRINCIPAL).post(url(name, period.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.MEMBER, Role.TEAM_HEAD, Role.CLERK])
def test_staff_cannot_launch(client_for, draft, role):
    client = client_for(role)
    assert client.get(url("campaign_launch", draft.pk)).status_code == 403
    response = client.post(url("campaign_launch", draft.pk), {"launched_on": "05/09/2022"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT


@pytest.mark.parametrize("name", ["campaign_update", "campaign_close", "period_create"])
def test_teacher_cannot_manage(client_for, launched, name):
    assert client_for(Role.MEMBER).post(url(name, launched.pk)).status_code == 403


def test_teacher_cannot_create(client_for):
    assert client_for(Role.MEMBER).get(url("campaign_create")).status_code == 403


def test_draft_is_for_managers_only(client_for, draft, launched):
    teacher = client_for(Role.MEMBER)
    assert teacher.get(url("campaign_detail", draft.pk)).status_code == 403
    assert teacher.get(url("campaign_detail", launched.pk)).status_code == 200
    listing = teacher.get(url("campaign_list")).content.decode()
    assert "Dạy tốt - Học tốt" in listing and "Đổi mới sáng tạo" not in listing


def test_vice_principal_sees_drafts(client_for, draft):
    client = client_for(Role.VICE_PRINCIPAL)
    assert "Đổi mới sáng tạo" in client.get(url("campaign_list")).content.decode()
    assert client.get(url("campaign_detail", draft.pk)).status_code == 200


def test_only_team_heads_pledge(client_for, launched, draft):
    assert client_for(Role.MEMBER).get(url("commitment_edit", launched.pk)).status_code == 403
    assert client_for(Role.PRINCIPAL).get(url("commitment_edit", launched.pk)).status_code == 403
    head = client_for(Role.TEAM_HEAD)
    assert head.get(url("commitment_edit", draft.pk)).status_code == 403  # not launched yet
    assert head.get(url("commitment_edit", launched.pk)).status_code == 200


# --- journeys -------------------------------------------------------------------------------------------------------


def test_principal_drafts_a_campaign_with_criteria(client_for, year):
    client = client_for(Role.PRINCIPAL)
    assert client.get(url("campaign_create")).status_code == 200
    data = {
        "school_year": year.pk,
        "name": "Người tốt việc tốt",
        "kind": "thematic",
        "start_date": "05/09/2022",
        "end_date": "31/05/2023",
        "target_groups": ["teachers", "pupils"],
        "description": "Biểu dương gương người tốt, việc tốt.",
        **criteria_management(total=2),
        "criteria-0-order": "1",
        "criteria-0-name": "Có việc tốt được xác minh",
        "criteria-0-description": "",
        "criteria-1-order": "0",  # the blank row as the browser sends it
        "criteria-1-name": "",
        "criteria-1-description": "",
    }
    response = client.post(url("campaign_create"), data)
    campaign = Campaign.objects.get(name="Người tốt việc tốt")
    assert response.status_code == 302 and response.url == url("campaign_detail", campaign.pk)
    assert (campaign.school, campaign.status, campaign.target_groups) == (
        year.school,
        CampaignStatus.DRAFT,
        ["teachers", "pupils"],
    )
    assert [c.name for c in campaign.criteria.all()] == ["Có việc tốt được xác minh"]


def test_form_rejects_dates_outside_the_year(client_for, year):
    client = client_for(Role.PRINCIPAL)
    data = {
        "school_year": year.pk,
        "name": "Phong trào hè",
        "kind": "periodic",
        "start_date": "01/06/2023",
        "end_date": "31/07/2023",
        **criteria_management(),
    }
    response = client.post(url("campaign_create"), data)
    assert response.status_code == 200
    assert "phải nằm trong năm học 2022-2023" in response.content.decode()
    assert not Campaign.objects.exists()


def test_principal_cannot_pick_another_schools_year(client_for, year, other_school):
    foreign = SchoolYearFactory(school=other_school)
    client = client_for(Role.PRINCIPAL)
    data = {
        "school_year": foreign.pk,
        "name": "X",
        "kind": "regular",
        "start_date": "05/09/2022",
        "end_date": "31/05/2023",
        **criteria_management(),
    }
    response = client.post(url("campaign_create"), data)
    assert response.status_code == 200
    assert not Campaign.objects.exists()


def test_launch_and_close_through_the_pages(client_for, draft):
    client = client_for(Role.PRINCIPAL)
    assert client.get(url("campaign_launch", draft.pk)).status_code == 200
    response = client.post(url("campaign_launch", draft.pk), {"launched_on": "05/09/2022"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.LAUNCHED
    # launching again is refused with the Vietnamese reason, without a 500
    response = client.get(url("campaign_launch", draft.pk), follow=True)
    assert "Không thể phát động phong trào" in response.content.decode()
    response = client.post(url("campaign_launch", draft.pk), {"launched_on": "06/09/2022"})
    assert response.status_code == 200 and "Không thể phát động phong trào" in response.content.decode()

    response = client.post(url("campaign_close", draft.pk), {"closed_on": "31/05/2023", "summary": ""})
    assert response.status_code == 200
    response = client.post(url("campaign_close", draft.pk), {"closed_on": "31/05/2023", "summary": "Đạt kết quả tốt."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.closing_summary) == (CampaignStatus.CLOSED, "Đạt kết quả tốt.")
    detail = client.get(url("campaign_detail", draft.pk)).content.decode()
    assert "Đạt kết quả tốt." in detail and url("campaign_update", draft.pk) not in detail
    assert client.get(url("campaign_update", draft.pk)).status_code == 302


def test_periods_through_the_pages(client_for, launched):
    client = client_for(Role.VICE_PRINCIPAL)
    data = {"name": "Đợt thi đua chào mừng ngày Nhà giáo Việt Nam 20/11", "start_date": "01/10/2022"}
    response = client.post(url("period_create", launched.pk), {**data, "end_date": "20/06/2023"})
    assert response.status_code == 200 and "Đợt thi đua phải nằm trong thời gian của phong trào" in (
        response.content.decode()
    )
    response = client.post(url("period_create", launched.pk), {**data, "end_date": "20/11/2022"})
    assert response.status_code == 302
    period = launched.periods.get()
    response = client.post(url("period_update", period.pk), {**data, "end_date": "19/11/2022"})
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.end_date == date(2022, 11, 19)
    assert client.post(url("period_delete", period.pk)).status_code == 302
    assert not launched.periods.exists()


def test_team_head_registers_the_teams_pledge(client_for, launched, team):
    client = client_for(Role.TEAM_HEAD)
    data = {"pledge": "Tổ 1 cam kết dạy tốt.", "targets": "100% giáo viên đạt LĐTT.", "signed_on": "10/09/2022"}
    assert client.post(url("commitment_edit", launched.pk), data).status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.team, commitment.registered_by) == (team, client.staff.user)
    # the same page revises it rather than adding a second pledge
    client.post(url("commitment_edit", launched.pk), {**data, "pledge": "Cam kết sửa lại."})
    assert Commitment.objects.get().pledge == "Cam kết sửa lại."
    detail = client.get(url("campaign_detail", launched.pk)).content.decode()
    assert "Cam kết sửa lại." in detail and "Sửa giao ước của tổ" in detail


# --- list -----------------------------------------------------------------------------------------------------------


def test_list_defaults_to_the_current_year_and_filters(client_for, year, launched, draft):
    old_year = SchoolYearFactory(school=year.school, start_date=date(2021, 9, 5), end_date=date(2022, 5, 31))
    CampaignFactory(school=year.school, school_year=old_year, name="Phong trào năm trước", launched=True)
    client = client_for(Role.PRINCIPAL)
    page = client.get(url("campaign_list")).content.decode()
    assert "Dạy tốt - Học tốt" in page and "Phong trào năm trước" not in page
    page = client.get(url("campaign_list"), {"year": ""}).content.decode()
    assert "Phong trào năm trước" in page
    page = client.get(url("campaign_list"), {"year": old_year.pk}).content.decode()
    assert "Phong trào năm trước" in page and "Dạy tốt - Học tốt" not in page
    page = client.get(url("campaign_list"), {"status": "draft"}).content.decode()
    assert "Đổi mới sáng tạo" in page and "Dạy tốt - Học tốt" not in page
    page = client.get(url("campaign_list"), {"kind": "thematic"}).content.decode()
    assert "Không có phong trào nào" in page


def _make_campaigns(year, count):
    for _ in range(count):
        campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
        CampaignPeriodFactory(campaign=campaign)
        CommitmentFactory(campaign=campaign, team=TeamFactory(school=year.school))


def _count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.PRINCIPAL, Role.MEMBER])
def test_list_query_count_is_constant(client_for, year, django_assert_max_num_queries, role):
    client = client_for(role)
    _make_campaigns(year, 1)
    one = _count_queries(client, url("campaign_list"))
    _make_campaigns(year, 49)
    with django_assert_max_num_queries(one):
        page = client.get(url("campaign_list")).content.decode()
    assert page.count('href="/campaigns/') >= 30


def test_detail_query_count_is_constant(client_for, year, django_assert_max_num_queries):
    campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
    client = client_for(Role.PRINCIPAL)
    CommitmentFactory(campaign=campaign, team=TeamFactory(school=year.school))
    one = _count_queries(client, url("campaign_detail", campaign.pk))
    for _ in range(49):
        CommitmentFactory(campaign=campaign, team=TeamFactory(school=year.school))
        CampaignPeriodFactory(campaign=campaign)
        CampaignCriterionFactory(campaign=campaign)
    with django_assert_max_num_queries(one):
        client.get(url("campaign_detail", campaign.pk))


# --- dashboard and navigation ---------------------------------------------------------------------------------------


def test_team_head_is_asked_for_the_pledge(client_for, launched, team):
    client = client_for(Role.TEAM_HEAD)
    page = client.get(reverse("dashboard")).content.decode()
    assert "Đăng ký giao ước thi đua của tổ" in page
    CommitmentFactory(campaign=launched, team=team)
    assert "Đăng ký giao ước thi đua của tổ" not in client.get(reverse("dashboard")).content.decode()


def test_principal_is_asked_to_close_overdue_campaigns(client_for, year):
    CampaignFactory(school=year.school, school_year=year, launched=True)  # ended 31/05/2023
    page = client_for(Role.PRINCIPAL).get(reverse("dashboard")).content.decode()
    assert "Kết thúc phong trào đã hết thời gian" in page


def test_teacher_has_no_campaign_tasks_but_a_nav_entry(client_for, launched):
    page = client_for(Role.MEMBER).get(reverse("dashboard")).content.decode()
    assert "giao ước" not in page and "hết thời gian" not in page
    assert f'href="{url("campaign_list")}"' in page
