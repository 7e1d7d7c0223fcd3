"""Who may do what with campaigns, and fetch-and-authorize helpers scoped to the user's school.

Principal and vice principals (``MANAGERS``) draft, edit, launch and close campaigns; everyone of the school reads
launched and closed ones; a team head keeps their own team's pledge (giao ước). The yearly plan is drafted by those
who draft documents and numbered by those who number them (the documents app's policy); everyone of the school reads
it once numbered. Each ``get_<noun>_for_<verb>`` raises ``Http404`` for another school's object and
``PermissionDenied`` for a forbidden one.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.documents.models import DocumentStatus
from thiduakhenthuong.documents.permissions import DRAFTERS, ISSUERS
from thiduakhenthuong.organization.models import Role, Staff
from thiduakhenthuong.organization.permissions import MANAGERS, holds

from .models import Campaign, CampaignPeriod, CampaignStatus, Plan

#: Who drafts and edits the yearly plan, and who gives it its number: the documents app's own policy.
PLAN_EDITORS = DRAFTERS
PLAN_ISSUERS = ISSUERS


def can_manage_campaigns(staff: Staff) -> bool:
    return holds(staff, MANAGERS)


def can_close_overdue_campaigns(staff: Staff) -> bool:
    """The principal is reminded to close campaigns past their end (managers may close them)."""
    return staff.role == Role.PRINCIPAL


def can_view_campaign(staff: Staff, campaign: Campaign) -> bool:
    return campaign.school_id == staff.school_id and (
        campaign.status != CampaignStatus.DRAFT or can_manage_campaigns(staff)
    )


def keeps_team_pledges(staff: Staff) -> bool:
    """A team head keeps their team's pledges."""
    return staff.role == Role.TEAM_HEAD and staff.team_id is not None


def can_commit(staff: Staff, campaign: Campaign) -> bool:
    """A team head may register (or revise) their team's pledge while the campaign is launched."""
    return campaign.status == CampaignStatus.LAUNCHED and keeps_team_pledges(staff)


def _campaign(staff: Staff, pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("school_year", "launch_document"), pk=pk, school_id=staff.school_id
    )


def get_campaign_for_view(staff: Staff, pk) -> Campaign:
    campaign = _campaign(staff, pk)
    if not can_view_campaign(staff, campaign):
        raise PermissionDenied("Phong trào này đang là dự thảo: chỉ Ban giám hiệu được xem.")
    return campaign


def get_campaign_for_manage(staff: Staff, pk) -> Campaign:
    """For editing, launching and closing, and for managing the campaign's drives."""
    campaign = _campaign(staff, pk)
    if not can_manage_campaigns(staff):
        raise PermissionDenied("Chỉ Hiệu trưởng và Phó hiệu trưởng được quản lý phong trào thi đua.")
    return campaign


def get_campaign_for_commitment(staff: Staff, pk) -> Campaign:
    campaign = _campaign(staff, pk)
    if not can_view_campaign(staff, campaign) or not can_commit(staff, campaign):
        raise PermissionDenied("Chỉ tổ trưởng được đăng ký giao ước thi đua của tổ khi phong trào đang diễn ra.")
    return campaign


def get_period_for_manage(staff: Staff, pk) -> CampaignPeriod:
    period = get_object_or_404(
        CampaignPeriod.objects.select_related("campaign"), pk=pk, campaign__school_id=staff.school_id
    )
    if not can_manage_campaigns(staff):
        raise PermissionDenied("Chỉ Hiệu trưởng và Phó hiệu trưởng được quản lý đợt thi đua.")
    return period


def can_edit_plans(staff: Staff) -> bool:
    return holds(staff, PLAN_EDITORS)


def can_issue_plan(staff: Staff, plan: Plan) -> bool:
    return holds(staff, PLAN_ISSUERS) and plan.is_editable


def _plan(staff: Staff, pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("document__issuer__school"), pk=pk, school_id=staff.school_id)


def get_plan_for_view(staff: Staff, pk) -> Plan:
    """Everyone of the school reads a plan once it has its number; a draft only its editors."""
    plan = _plan(staff, pk)
    if plan.document.status == DocumentStatus.DRAFT and not can_edit_plans(staff):
        raise PermissionDenied("Kế hoạch đang là dự thảo: chỉ Ban giám hiệu và văn thư được xem.")
    return plan


def get_plan_for_edit(staff: Staff, pk) -> Plan:
    plan = _plan(staff, pk)
    if not can_edit_plans(staff):
        raise PermissionDenied("Chỉ Ban giám hiệu và văn thư được soạn, ban hành kế hoạch.")
    return plan


def get_plan_for_issue(staff: Staff, pk) -> Plan:
    plan = _plan(staff, pk)
    if not holds(staff, PLAN_ISSUERS):
        raise PermissionDenied("Chỉ Hiệu trưởng và văn thư được cấp số văn bản.")
    return plan
