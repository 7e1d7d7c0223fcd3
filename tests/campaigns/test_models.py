"""Campaign data rules: model clean() in Vietnamese, and the same rules held by the database."""

from contextlib import contextmanager
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from campaigns.models import Campaign, CampaignPeriod, CampaignStatus, Commitment
from tests.factories import (
    CampaignFactory,
    CampaignPeriodFactory,
    CommitmentFactory,
    SchoolYearFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


@contextmanager
def integrity_error():
    """Expect the database to refuse the statement (inside a savepoint, so the test can go on)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


def test_end_must_follow_start(year):
    campaign = CampaignFactory.build(school=year.school, school_year=year, end_date=year.start_date)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "Ngày kết thúc phải sau ngày bắt đầu." in error.value.message_dict["end_date"]
    campaign = CampaignFactory(school=year.school, school_year=year)
    with integrity_error():
        Campaign.objects.filter(pk=campaign.pk).update(end_date=campaign.start_date)


def test_campaign_inside_its_school_year(year):
    campaign = CampaignFactory.build(school=year.school, school_year=year, end_date=date(2023, 6, 30))
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "phải nằm trong năm học 2022-2023" in error.value.message_dict["end_date"][0]
    with integrity_error():
        campaign.save()
    with integrity_error():
        CampaignFactory(school=year.school, school_year=year, start_date=date(2022, 8, 1))


def test_campaign_year_of_the_same_school(year, other_school):
    foreign_year = SchoolYearFactory(school=other_school)
    campaign = CampaignFactory.build(school=year.school, school_year=foreign_year)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert error.value.message_dict["school_year"] == ["Năm học phải thuộc cùng đơn vị."]
    with integrity_error():
        campaign.save()


def test_school_year_cannot_shrink_below_its_campaigns(year):
    CampaignFactory(school=year.school, school_year=year, end_date=date(2023, 5, 31))
    year.end_date = date(2023, 5, 15)
    with integrity_error():
        year.save()
    year.end_date = date(2023, 6, 15)  # growing is fine
    year.save()


def test_period_inside_its_campaign(year):
    campaign = CampaignFactory(
        school=year.school, school_year=year, start_date=date(2022, 9, 5), end_date=date(2022, 12, 31)
    )
    period = CampaignPeriod(campaign=campaign, name="Đợt 1", start_date=date(2022, 12, 1), end_date=date(2023, 1, 15))
    with pytest.raises(ValidationError) as error:
        period.full_clean()
    assert "Đợt thi đua phải nằm trong thời gian của phong trào (05/09/2022 – 31/12/2022)." in error.value.messages
    with integrity_error():
        period.save()
    period.end_date = date(2022, 12, 1)
    with pytest.raises(ValidationError):
        period.full_clean()
    with integrity_error():
        period.save()  # end equal to start: the CheckConstraint refuses it


def test_campaign_cannot_shrink_below_its_periods(year):
    period = CampaignPeriodFactory(campaign__school=year.school, campaign__school_year=year)
    campaign = period.campaign
    campaign.end_date = date(2022, 11, 1)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "Các đợt thi đua sau sẽ nằm ngoài thời gian phong trào" in error.value.message_dict["end_date"][0]
    with integrity_error():
        campaign.save()


def test_target_groups_are_known_values(year):
    campaign = CampaignFactory.build(school=year.school, school_year=year, target_groups=["teachers", "parents"])
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert error.value.message_dict["target_groups"] == ["Đối tượng không hợp lệ: parents."]
    campaign.target_groups = ["teachers", "pupils"]
    assert campaign.target_group_labels == ["Giáo viên", "Học sinh"]


def test_unique_name_per_year(year):
    CampaignFactory(school=year.school, school_year=year, name="Dạy tốt - Học tốt")
    duplicate = CampaignFactory.build(school=year.school, school_year=year, name="Dạy tốt - Học tốt")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "Năm học này đã có phong trào cùng tên." in error.value.messages
    with integrity_error():
        duplicate.save()


def test_status_fields_held_by_the_database(year):
    campaign = CampaignFactory(school=year.school, school_year=year)
    with integrity_error():
        Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.LAUNCHED)  # no launch date
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.LAUNCHED, launched_on=date(2022, 9, 5))
    with integrity_error():
        Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CLOSED, closed_on=date(2023, 5, 31))
    with integrity_error():
        Campaign.objects.filter(pk=campaign.pk).update(
            status=CampaignStatus.CLOSED, closed_on=date(2022, 9, 1), closing_summary="Tổng kết."
        )
    with integrity_error():
        Campaign.objects.filter(pk=campaign.pk).update(status="cancelled")


def test_one_commitment_per_team_and_campaign(year):
    commitment = CommitmentFactory(campaign__school=year.school, campaign__school_year=year)
    twin = Commitment(campaign=commitment.campaign, team=commitment.team, pledge="Lần hai", signed_on=date(2022, 10, 1))
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "Tổ đã đăng ký giao ước cho phong trào này." in error.value.messages
    with integrity_error():
        twin.save()


def test_commitment_team_of_the_same_school(year, other_school):
    campaign = CampaignFactory(school=year.school, school_year=year, launched=True)
    stranger = Commitment(
        campaign=campaign, team=TeamFactory(school=other_school), pledge="Giao ước", signed_on=date(2022, 10, 1)
    )
    with pytest.raises(ValidationError) as error:
        stranger.full_clean()
    assert error.value.message_dict["team"] == ["Tổ phải thuộc cùng đơn vị với phong trào."]


def test_querysets(year, team):
    launched = CampaignFactory(school=year.school, school_year=year, launched=True, end_date=date(2022, 12, 31))
    signed = CampaignFactory(school=year.school, school_year=year, launched=True)
    CampaignFactory(school=year.school, school_year=year)  # a draft asks nothing of anyone
    CommitmentFactory(campaign=signed, team=team)
    assert list(Campaign.objects.awaiting_commitment_of(team, school=team.school)) == [launched]
    assert list(Campaign.objects.of_school(year.school).overdue(date(2023, 1, 1))) == [launched]
    assert list(Campaign.objects.of_school(year.school).overdue(date(2022, 12, 31))) == []
