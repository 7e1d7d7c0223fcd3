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
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentStatus, DocumentType, Issuer, OfficialDocument
from thiduakhenthuong.organization.models import School, Staff

from .models import (
    IN_FORCE,
    PLAN_REQUIRED_TEXTS,
    PLAN_TEMPLATE,
    PLAN_TEXTS,
    Campaign,
    CampaignCriterion,
    CampaignPeriod,
    CampaignStatus,
    Commitment,
    Plan,
)


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
        action="campaigns.create" if creating else "campaigns.update",
        obj=campaign,
        data=audit.change(after={"status": campaign.status}) if creating else {},
    )
    return campaign


@transaction.atomic
def launch_campaign(
    *,
    actor,
    campaign: Campaign,
    launched_on: date | None = None,
    launch_document: OfficialDocument | None = None,
) -> Campaign:
    """Launch (phát động) a draft campaign and tell every staff member of the school who has an account.

    Guarantees: only a draft with at least one criterion is launched, on a date not after its end; the launching
    document, if any, is one of the school's documents that already has its number.
    """
    _lock(campaign)
    target = campaign.check_transition("launch")
    launched_on = launched_on or date.today()
    if not campaign.criteria.exists():
        raise ValidationError("Cần có ít nhất một tiêu chí thi đua trước khi phát động phong trào.")
    if launched_on > campaign.end_date:
        raise ValidationError("Ngày phát động không được sau ngày kết thúc phong trào.")
    if launch_document is not None and (
        launch_document.school_id != campaign.school_id or launch_document.status not in IN_FORCE
    ):
        raise ValidationError("Văn bản phát động phải là văn bản đã cấp số của đơn vị.")
    before = campaign.status
    campaign.status, campaign.launched_on, campaign.launch_document = target, launched_on, launch_document
    campaign.save(update_fields=["status", "launched_on", "launch_document"])
    audit.record(
        actor=actor, action="campaigns.launch", obj=campaign, data=audit.change({"status": before}, {"status": target})
    )
    users = [
        staff.user
        for staff in Staff.objects.filter(school=campaign.school_id, user__isnull=False, user__is_active=True)
        .active(launched_on)
        .select_related("user")
    ]
    notify(
        recipients=users,
        title=f"Phong trào thi đua “{campaign.name}” đã được phát động",
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
    audit.record(
        actor=actor, action="campaigns.close", obj=campaign, data=audit.change({"status": before}, {"status": target})
    )
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
        action="campaigns.period.create" if creating else "campaigns.period.update",
        obj=period,
        school=campaign.school,
    )
    return period


@transaction.atomic
def delete_period(*, actor, period: CampaignPeriod) -> None:
    campaign = _lock(period.campaign)
    _require_editable(campaign)
    audit.record(actor=actor, action="campaigns.period.delete", obj=period, school=campaign.school)
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
        action="campaigns.commitment.create" if creating else "campaigns.commitment.update",
        obj=commitment,
        school=campaign.school,
    )
    return commitment


# --- the yearly plan (kế hoạch thi đua, khen thưởng) --------------------------------------------------------------

DEFAULT_PLAN_RECIPIENTS = "Phòng GDĐT (để b/c)\nCác tổ CM (để t/h)"


def default_plan_summary(year: int) -> str:
    return f"Công tác Thi đua - Khen thưởng năm {year}"


def _check_plan_links(plan: Plan, *, school_years=None, campaigns=None) -> None:
    if school_years is not None:
        if not school_years:
            raise ValidationError("Kế hoạch phải phục vụ ít nhất một năm học.")
        for school_year in school_years:
            if school_year.school_id != plan.school_id:
                raise ValidationError("Năm học phải thuộc cùng đơn vị.")
            if not school_year.start_date.year <= plan.year <= school_year.end_date.year:
                raise ValidationError(f"Năm học {school_year.name} không nằm trong năm {plan.year}.")
    if campaigns is not None and any(campaign.school_id != plan.school_id for campaign in campaigns):
        raise ValidationError("Phong trào phải thuộc cùng đơn vị.")


@transaction.atomic
def create_plan(*, actor, school: School, year: int, school_years, drafter: Staff | None = None) -> Plan:
    """Start the school's plan for calendar ``year`` as a draft KH document (one plan per school and year).

    The draft is signed by the school's principal and drafted by ``drafter``; its archive line follows the
    school's habit "VT (Ánh 02)" (the drafter's given name and the copies kept).
    """
    school_years = list(school_years)
    plan = Plan(school=school, year=year)
    plan.full_clean(exclude=["document"])
    _check_plan_links(plan, school_years=school_years)
    plan.document = documents.create_draft(
        actor=actor,
        issuer=Issuer.for_school(school),
        doc_type=DocumentType.PLAN,
        summary=default_plan_summary(year),
        template_name=PLAN_TEMPLATE,
        content=plan.content_with(),
        signer=Staff.objects.principal_of(school),
        drafter=drafter,
        recipients=DEFAULT_PLAN_RECIPIENTS,
        archive_note=f"VT ({drafter.initials} 02)" if drafter else "VT",
    )
    plan.save()
    plan.school_years.set(school_years)
    audit.record(
        actor=actor, action="campaigns.plan.create", obj=plan, data=audit.change(after={"status": plan.document.status})
    )
    return plan


def _lock_plan(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("document").get(pk=plan.pk)


@transaction.atomic
def update_plan(
    *,
    actor,
    plan: Plan,
    texts: dict[str, str] | None = None,
    campaigns=None,
    list_campaigns: bool | None = None,
    school_years=None,
    document_fields: dict | None = None,
) -> Plan:
    """Change a draft plan: section texts, the campaigns it lists, its school years, the document's header fields.

    Only what is given changes. Refused (in Vietnamese) once the plan's document has its number.
    """
    locked = _lock_plan(plan)
    if not locked.is_editable:
        raise ValidationError("Kế hoạch đã được cấp số: không thể sửa.")
    campaigns = list(campaigns) if campaigns is not None else None
    school_years = list(school_years) if school_years is not None else None
    _check_plan_links(locked, school_years=school_years, campaigns=campaigns)
    if campaigns is not None:
        locked.campaigns.set(campaigns)
    if school_years is not None:
        locked.school_years.set(school_years)
    if list_campaigns is not None and list_campaigns != locked.list_campaigns:
        locked.list_campaigns = list_campaigns
        locked.save(update_fields=["list_campaigns"])
    content = locked.content_with(texts=texts, campaigns=campaigns, list_campaigns=list_campaigns)
    documents.update_draft(actor=actor, document=locked.document, content=content, **(document_fields or {}))
    changed = [PLAN_TEXTS[key] for key in texts or {} if key in PLAN_TEXTS]
    if campaigns is not None or list_campaigns is not None:
        changed.append("danh sách phong trào")
    if school_years is not None or document_fields:
        changed.append("thông tin văn bản")
    audit.record(actor=actor, action="campaigns.plan.update", obj=locked, data={"parts": changed})
    plan.refresh_from_db()
    return plan


@transaction.atomic
def issue_plan(*, actor, plan: Plan, issued_on: date | None = None, historical_number: int | None = None) -> Plan:
    """Number the plan through the documents register, freezing its text and its list of campaigns.

    ``historical_number`` records a paper plan issued before the system with the number it bears (23/KH-THCD);
    otherwise the plan takes the next number of the school's sequence for the year of ``issued_on``.
    Refused when a required part is empty or the plan has no signer.
    """
    locked = _lock_plan(plan)
    document = locked.document
    document.check_transition("issue")
    texts = locked.texts
    missing = [PLAN_TEXTS[key] for key in PLAN_REQUIRED_TEXTS if not texts[key].strip()]
    if not (texts["campaigns_intro"].strip() or texts["contents"].strip() or locked.campaigns.exists()):
        missing.append("II. Nội dung thực hiện")
    if missing:
        raise ValidationError("Kế hoạch còn thiếu nội dung: " + "; ".join(missing) + ".")
    if document.signer_id is None:
        raise ValidationError("Kế hoạch chưa có người ký.")
    documents.update_draft(actor=actor, document=document, content=locked.content_with())
    if historical_number is None:
        documents.issue_document(actor=actor, document=document, issued_on=issued_on)
    else:
        documents.register_historical(
            actor=actor, document=document, number=historical_number, issued_on=issued_on or document.document_date
        )
    audit.record(
        actor=actor,
        action="campaigns.plan.issue",
        obj=locked,
        data=audit.change({"status": DocumentStatus.DRAFT}, {"status": document.status, "symbol": document.symbol}),
    )
    plan.refresh_from_db()
    return plan
