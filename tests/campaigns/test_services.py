"""Every campaign transition, legal and illegal, with its audit row and Vietnamese message."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import CAMPAIGN_WORKFLOW, CampaignStatus, Commitment
from tests.factories import (
    CampaignCriterionFactory,
    CampaignFactory,
    CampaignPeriodFactory,
    CommitmentFactory,
    StaffFactory,
)
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL)


@pytest.fixture
def draft(year):
    campaign = CampaignFactory(school=year.school, school_year=year, name="Dạy tốt - Học tốt")
    CampaignCriterionFactory(campaign=campaign, name="Chất lượng giảng dạy")
    return campaign


def test_transition_table():
    launch, close = CAMPAIGN_WORKFLOW.verb("launch"), CAMPAIGN_WORKFLOW.verb("close")
    assert (launch.sources, launch.target) == ({CampaignStatus.DRAFT}, CampaignStatus.LAUNCHED)
    assert (close.sources, close.target) == ({CampaignStatus.LAUNCHED}, CampaignStatus.CLOSED)


def test_launch_a_draft_notifies_the_active_staff(draft, principal, make_staff, other_school):
    teacher = make_staff(Role.MEMBER)
    make_staff(Role.MEMBER, left_on=date(2022, 8, 1))  # left before the launch: not told
    StaffFactory(school=draft.school)  # no account: nobody to tell
    make_staff(Role.MEMBER, school=other_school)  # another school: not told

    services.launch_campaign(actor=principal.user, campaign=draft, launched_on=date(2022, 9, 5))

    draft.refresh_from_db()
    assert (draft.status, draft.launched_on) == (CampaignStatus.LAUNCHED, date(2022, 9, 5))
    entry = AuditEntry.objects.for_object(draft).get(action="campaigns.launch")
    assert (entry.actor, entry.data, entry.school) == (
        principal.user,
        {"before": {"status": "draft"}, "after": {"status": "launched"}},
        draft.school,
    )
    assert entry.action_label == "Phát động phong trào thi đua"
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {principal.user.pk, teacher.user.pk}
    assert Notification.objects.first().title == "Phong trào thi đua “Dạy tốt - Học tốt” đã được phát động"


def test_launch_needs_a_criterion(year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year)
    with pytest.raises(ValidationError) as error:
        services.launch_campaign(actor=principal.user, campaign=campaign)
    assert error.value.messages == ["Cần có ít nhất một tiêu chí thi đua trước khi phát động phong trào."]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT
    assert not Notification.objects.exists()


def test_launch_not_after_the_end(draft, principal):
    with pytest.raises(ValidationError) as error:
        services.launch_campaign(actor=principal.user, campaign=draft, launched_on=date(2023, 6, 1))
    assert error.value.messages == ["Ngày phát động không được sau ngày kết thúc phong trào."]


@pytest.mark.parametrize("state", ["launched", "closed"])
def test_launch_only_a_draft(year, principal, state):
    campaign = CampaignFactory(school=year.school, school_year=year, name="Người tốt việc tốt", **{state: True})
    label = CampaignStatus(state).label
    with pytest.raises(ValidationError) as error:
        services.launch_campaign(actor=principal.user, campaign=campaign)
    assert error.value.messages == [f"Không thể phát động phong trào “Người tốt việc tốt” đang ở trạng thái “{label}”."]
    assert not AuditEntry.objects.for_object(campaign).exists()


def test_close_a_launched_campaign(year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
    services.close_campaign(
        actor=principal.user, campaign=campaign, summary="  Hoàn thành tốt.  ", closed_on=date(2023, 5, 31)
    )
    campaign.refresh_from_db()
    assert (campaign.status, campaign.closed_on, campaign.closing_summary) == (
        CampaignStatus.CLOSED,
        date(2023, 5, 31),
        "Hoàn thành tốt.",
    )
    entry = AuditEntry.objects.for_object(campaign).get()
    assert (entry.action, entry.before, entry.after) == (
        "campaigns.close",
        {"status": "launched"},
        {"status": "closed"},
    )


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_close_only_a_launched_campaign(year, principal, state):
    traits = {} if state == "draft" else {"closed": True}
    campaign = CampaignFactory(school=year.school, school_year=year, name="Dạy tốt - Học tốt", **traits)
    with pytest.raises(ValidationError) as error:
        services.close_campaign(actor=principal.user, campaign=campaign, summary="Tổng kết.")
    label = CampaignStatus(state).label
    assert error.value.messages == [f"Không thể kết thúc phong trào “Dạy tốt - Học tốt” đang ở trạng thái “{label}”."]


def test_close_needs_a_summary_and_a_date_after_launch(year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
    with pytest.raises(ValidationError) as error:
        services.close_campaign(actor=principal.user, campaign=campaign, summary="   ")
    assert error.value.messages == ["Cần ghi sơ kết, tổng kết khi kết thúc phong trào."]
    with pytest.raises(ValidationError) as error:
        services.close_campaign(actor=principal.user, campaign=campaign, summary="Xong.", closed_on=date(2022, 9, 1))
    assert error.value.messages == ["Ngày kết thúc phong trào không được trước ngày phát động."]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED


def test_transition_rereads_the_status_under_lock(draft, principal):
    """A stale copy (someone launched it meanwhile) cannot launch the campaign twice."""
    stale = type(draft).objects.get(pk=draft.pk)
    services.launch_campaign(actor=principal.user, campaign=draft, launched_on=date(2022, 9, 5))
    with pytest.raises(ValidationError):
        services.launch_campaign(actor=principal.user, campaign=stale, launched_on=date(2022, 9, 6))
    assert Notification.objects.filter(recipient=principal.user).count() == 1


def test_save_campaign_with_criteria(year, principal):
    campaign = CampaignFactory.build(school=year.school, school_year=year, name="Đổi mới sáng tạo")
    first = CampaignCriterionFactory.build(name="Có sáng kiến", order=1)
    services.save_campaign(actor=principal.user, campaign=campaign, criteria=[first])
    assert [c.name for c in campaign.criteria.all()] == ["Có sáng kiến"]
    second = CampaignCriterionFactory.build(name="Ứng dụng CNTT", order=2)
    services.save_campaign(actor=principal.user, campaign=campaign, criteria=[second], removed_criteria=[first])
    assert [c.name for c in campaign.criteria.all()] == ["Ứng dụng CNTT"]
    assert list(AuditEntry.objects.for_object(campaign).values_list("action", flat=True)) == [
        "campaigns.update",
        "campaigns.create",
    ]


def test_closed_campaign_is_frozen(year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, closed=True, name="Dạy tốt")
    campaign.description = "Sửa sau khi kết thúc"
    with pytest.raises(ValidationError) as error:
        services.save_campaign(actor=principal.user, campaign=campaign)
    assert error.value.messages == ["Phong trào “Dạy tốt” đã kết thúc: không thể sửa."]
    period = CampaignPeriodFactory.build(campaign=campaign)
    with pytest.raises(ValidationError):
        services.save_period(actor=principal.user, period=period)


def test_periods_saved_and_deleted_with_audit(year, principal):
    campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
    period = services.save_period(actor=principal.user, period=CampaignPeriodFactory.build(campaign=campaign))
    assert AuditEntry.objects.for_object(period).get().action == "campaigns.period.create"
    services.delete_period(actor=principal.user, period=period)
    assert not campaign.periods.exists()
    assert AuditEntry.objects.filter(action="campaigns.period.delete", school=year.school).exists()


def test_commitment_only_while_launched(year, team, make_staff):
    head = make_staff(Role.TEAM_HEAD)
    campaign = CampaignFactory(school=year.school, school_year=year)
    pledge = Commitment(campaign=campaign, team=team, pledge="Cam kết", signed_on=date(2022, 9, 10))
    with pytest.raises(ValidationError) as error:
        services.save_commitment(actor=head.user, commitment=pledge)
    assert error.value.messages == ["Chỉ đăng ký giao ước thi đua khi phong trào đang diễn ra (đã phát động)."]


def test_commitment_registered_once(year, team, make_staff):
    head = make_staff(Role.TEAM_HEAD)
    existing = CommitmentFactory(campaign__school=year.school, campaign__school_year=year, team=team)
    again = Commitment(campaign=existing.campaign, team=team, pledge="Lần hai", signed_on=date(2022, 9, 10))
    with pytest.raises(ValidationError) as error:
        services.save_commitment(actor=head.user, commitment=again)
    assert "Tổ đã đăng ký giao ước cho phong trào này." in error.value.messages
    existing.pledge = "Cam kết mới"
    services.save_commitment(actor=head.user, commitment=existing)
    existing.refresh_from_db()
    assert (existing.pledge, existing.registered_by) == ("Cam kết mới", head.user)
    assert AuditEntry.objects.for_object(existing).get().action == "campaigns.commitment.update"
