"""Writes to campaigns, their drives and the teams' pledges. Each service is atomic and leaves an audit row.

Views, admin and the demo seeder call these; nothing else changes a campaign's status.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.organization.models import Staff

from .models import Campaign, CampaignCriterion, CampaignPeriod, CampaignStatus, Commitment


def _lock(campaign: Campaign) -> Campaign:
    """Re-read ``campaign``'s workflow fields under a row lock, so two managers cannot race a transition."""
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    campaign.status, campaign.launched_on, campaign.closed_on = locked.status, locked.launched_on, locked.closed_on
    return campaign


def _require_editable(campaign: Campaign) -> None:
    if not campaign.is_editable:
        raise ValidationError(f"Phong trào “{campaign.name}” đã kết thúc: không thể sửa.")


@transaction.atomic
def save_campaign(
    *,
    actor,
    campaign: Campaign,
    criteria: Iterable[CampaignCriterion] = (),
    removed_criteria: Iterable[CampaignCriterion] = (),
) -> Campaign:
    """Create or change a campaign (not closed) with its criteria; validates the whole row first.

    ``criteria`` are new or changed criteria to save, ``removed_criteria`` those to delete.
    """
    creating = campaign.pk is None
    if not creating:
        _lock(campaign)
        _require_editable(campaign)
    campaign.full_clean()
    campaign.save()
    for criterion in removed_criteria:
        if criterion.pk and criterion.campaign_id == campaign.pk:
            criterion.delete()
    for criterion in criteria:
        criterion.campaign = campaign
        criterion.full_clean()
        criterion.save()
    audit.record(
        actor=actor,
        action="Soạn phong trào thi đua" if creating else "Sửa phong trào thi đua",
        obj=campaign,
        to_state=campaign.status,
    )
    return campaign


@transaction.atomic
def launch_campaign(*, actor, campaign: Campaign, launched_on: date | None = None) -> Campaign:
    """Launch (phát động) a draft campaign and tell every staff member of the school who has an account.

    Guarantees: only a draft with at least one criterion is launched, on a date not after its end.
    """
    _lock(campaign)
    target = campaign.check_transition("launch")
    launched_on = launched_on or date.today()
    if not campaign.criteria.exists():
        raise ValidationError("Cần có ít nhất một tiêu chí thi đua trước khi phát động phong trào.")
    if launched_on > campaign.end_date:
        raise ValidationError("Ngày phát động không được sau ngày kết thúc phong trào.")
    before = campaign.status
    campaign.status, campaign.launched_on = target, launched_on
    campaign.save(update_fields=["status", "launched_on"])
    audit.record(actor=actor, action="Phát động phong trào thi đua", obj=campaign, from_state=before, to_state=target)
    users = [
        staff.user
        for staff in Staff.objects.filter(school=campaign.school_id, user__isnull=False, user__is_active=True)
        .active(launched_on)
        .select_related("user")
    ]
    notify(
        recipients=users,
        title=f"Phát động phong trào thi đua: {campaign.name}",
        body=f"Thời gian: {campaign.start_date:%d/%m/%Y} – {campaign.end_date:%d/%m/%Y}. "
        "Các tổ đăng ký giao ước thi đua trên hệ thống.",
        url=reverse("campaigns:campaign_detail", args=[campaign.pk]),
    )
    return campaign


@transaction.atomic
def close_campaign(*, actor, campaign: Campaign, summary: str, closed_on: date | None = None) -> Campaign:
    """Close a launched campaign with its closing summary (sơ kết, tổng kết); it is read-only afterwards."""
    _lock(campaign)
    target = campaign.check_transition("close")
    closed_on = closed_on or date.today()
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError("Cần ghi sơ kết, tổng kết khi kết thúc phong trào.")
    if closed_on < campaign.launched_on:
        raise ValidationError("Ngày kết thúc phong trào không được trước ngày phát động.")
    before = campaign.status
    campaign.status, campaign.closed_on, campaign.closing_summary = target, closed_on, summary
    campaign.save(update_fields=["status", "closed_on", "closing_summary"])
    audit.record(actor=actor, action="Kết thúc phong trào thi đua", obj=campaign, from_state=before, to_state=target)
    return campaign


@transaction.atomic
def save_period(*, actor, period: CampaignPeriod) -> CampaignPeriod:
    """Create or change a drive (đợt thi đua) of a campaign that is not closed; it must lie inside the campaign."""
    campaign = _lock(period.campaign)
    _require_editable(campaign)
    creating = period.pk is None
    period.full_clean()
    period.save()
    audit.record(
        actor=actor,
        action="Thêm đợt thi đua" if creating else "Sửa đợt thi đua",
        obj=period,
        school=campaign.school,
    )
    return period


@transaction.atomic
def delete_period(*, actor, period: CampaignPeriod) -> None:
    campaign = _lock(period.campaign)
    _require_editable(campaign)
    audit.record(actor=actor, action="Xoá đợt thi đua", obj=period, school=campaign.school)
    period.delete()


@transaction.atomic
def save_commitment(*, actor, commitment: Commitment) -> Commitment:
    """Register or revise a team's pledge; only while its campaign is launched, one pledge per team."""
    campaign = _lock(commitment.campaign)
    if campaign.status != CampaignStatus.LAUNCHED:
        raise ValidationError("Chỉ đăng ký giao ước thi đua khi phong trào đang diễn ra (đã phát động).")
    creating = commitment.pk is None
    commitment.registered_by = actor if getattr(actor, "is_authenticated", False) else None
    commitment.full_clean()
    commitment.save()
    audit.record(
        actor=actor,
        action="Đăng ký giao ước thi đua" if creating else "Sửa giao ước thi đua",
        obj=commitment,
        school=campaign.school,
    )
    return commitment
