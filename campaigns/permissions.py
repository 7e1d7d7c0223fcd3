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
from thiduakhenthuong.organization.models import Role
from thiduakhenthuong.organization.permissions import MANAGERS, has_role

from .models import Campaign, CampaignPeriod, CampaignStatus, Plan

#: Who drafts and edits the yearly plan, and who gives it its number: the documents app's own policy.
PLAN_EDITORS = DRAFTERS
PLAN_ISSUERS = ISSUERS


def can_manage_campaigns(request) -> bool:
    return has_role(request, MANAGERS)


def can_view_campaign(request, campaign: Campaign) -> bool:
    return campaign.status != CampaignStatus.DRAFT or can_manage_campaigns(request)


def can_commit(request, campaign: Campaign) -> bool:
    """A team head may register (or revise) their team's pledge while the campaign is launched."""
    staff = request.staff
    return (
        campaign.status == CampaignStatus.LAUNCHED
        and staff is not None
        and staff.role == Role.TEAM_HEAD
        and staff.team_id is not None
    )


def _campaign(request, pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("school_year", "launch_document"), pk=pk, school=request.school
    )


def get_campaign_for_view(request, pk) -> Campaign:
    campaign = _campaign(request, pk)
    if not can_view_campaign(request, campaign):
        raise PermissionDenied("Phong trào này đang là dự thảo: chỉ Ban giám hiệu được xem.")
    return campaign


def get_campaign_for_manage(request, pk) -> Campaign:
    """For editing, launching and closing, and for managing the campaign's drives."""
    campaign = _campaign(request, pk)
    if not can_manage_campaigns(request):
        raise PermissionDenied("Chỉ Hiệu trưởng và Phó hiệu trưởng được quản lý phong trào thi đua.")
    return campaign


def get_campaign_for_commitment(request, pk) -> Campaign:
    campaign = _campaign(request, pk)
    if not can_view_campaign(request, campaign) or not can_commit(request, campaign):
        raise PermissionDenied("Chỉ tổ trưởng được đăng ký giao ước thi đua của tổ khi phong trào đang diễn ra.")
    return campaign


def get_period_for_manage(request, pk) -> CampaignPeriod:
    period = get_object_or_404(
        CampaignPeriod.objects.select_related("campaign"), pk=pk, campaign__school=request.school
    )
    if not can_manage_campaigns(request):
        raise PermissionDenied("Chỉ Hiệu trưởng và Phó hiệu trưởng được quản lý đợt thi đua.")
    return period


def can_edit_plans(request) -> bool:
    return has_role(request, PLAN_EDITORS)


def can_issue_plan(request, plan: Plan) -> bool:
    return has_role(request, PLAN_ISSUERS) and plan.is_editable


def _plan(request, pk) -> Plan:
    return get_object_or_404(Plan.objects.select_related("document__issuer__school"), pk=pk, school=request.school)


def get_plan_for_view(request, pk) -> Plan:
    """Everyone of the school reads a plan once it has its number; a draft only its editors."""
    plan = _plan(request, pk)
    if plan.document.status == DocumentStatus.DRAFT and not can_edit_plans(request):
        raise PermissionDenied("Kế hoạch đang là dự thảo: chỉ Ban giám hiệu và văn thư được xem.")
    return plan


def get_plan_for_edit(request, pk) -> Plan:
    plan = _plan(request, pk)
    if not can_edit_plans(request):
        raise PermissionDenied("Chỉ Ban giám hiệu và văn thư được soạn, ban hành kế hoạch.")
    return plan


def get_plan_for_issue(request, pk) -> Plan:
    plan = _plan(request, pk)
    if not has_role(request, PLAN_ISSUERS):
        raise PermissionDenied("Chỉ Hiệu trưởng và văn thư được cấp số văn bản.")
    return plan
