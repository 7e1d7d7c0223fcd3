"""Pages for campaigns (phong trào thi đua): list, draft, edit, launch, close, drives and team pledges."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.organization.models import SchoolYear
from thiduakhenthuong.organization.permissions import MANAGERS, role_required, school_required

from . import services
from .forms import CampaignFilterForm, CampaignForm, CloseForm, CommitmentForm, CriterionFormSet, LaunchForm, PeriodForm
from .models import Campaign, CampaignPeriod, Commitment
from .permissions import (
    can_commit,
    can_manage_campaigns,
    get_campaign_for_commitment,
    get_campaign_for_manage,
    get_campaign_for_view,
    get_period_for_manage,
)


@school_required
def campaign_list(request):
    """The school's campaigns of the current school year by default, filtered by year, kind and status."""
    managers = can_manage_campaigns(request)
    data = request.GET.copy()
    if "year" not in data:
        current = SchoolYear.objects.current(request.school)
        data["year"] = str(current.pk) if current else ""
    form = CampaignFilterForm(data, school=request.school)
    campaigns = Campaign.objects.visible_to(school=request.school, managers=managers).for_list()
    if form.is_valid():
        filters = form.cleaned_data
        if filters["year"]:
            campaigns = campaigns.filter(school_year=filters["year"])
        if filters["kind"]:
            campaigns = campaigns.filter(kind=filters["kind"])
        if filters["status"]:
            campaigns = campaigns.filter(status=filters["status"])
    page = Paginator(campaigns, 30).get_page(request.GET.get("page"))
    return render(request, "campaigns/campaign_list.html", {"page": page, "form": form, "can_manage": managers})


@school_required
def campaign_detail(request, pk):
    campaign = get_campaign_for_view(request, pk)
    managers = can_manage_campaigns(request)
    # Pledges are signed openly between the teams, so everyone of the school reads them all.
    commitments = list(campaign.commitments.select_related("team", "registered_by__staff"))
    my_team = request.staff.team_id
    context = {
        "campaign": campaign,
        "criteria": campaign.criteria.all(),
        "periods": campaign.periods.all(),
        "commitments": commitments,
        "my_commitment": next((c for c in commitments if c.team_id == my_team), None),
        "can_manage": managers,
        "can_commit": can_commit(request, campaign),
    }
    return render(request, "campaigns/campaign_detail.html", context)


def _campaign_form_page(request, campaign: Campaign, title: str):
    form = CampaignForm(request.POST or None, instance=campaign, school=request.school)
    formset = CriterionFormSet(request.POST or None, instance=campaign, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        criteria = formset.save(commit=False)
        try:
            saved = services.save_campaign(
                actor=request.user,
                campaign=form.save(commit=False),
                criteria=criteria,
                removed_criteria=formset.deleted_objects,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu phong trào “{saved.name}”.")
            return redirect("campaigns:campaign_detail", pk=saved.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "formset": formset, "title": title, "campaign": campaign},
    )


@role_required(*MANAGERS)
def campaign_create(request):
    campaign = Campaign(school=request.school, created_by=request.user)
    return _campaign_form_page(request, campaign, "Soạn phong trào thi đua")


@school_required
def campaign_update(request, pk):
    campaign = get_campaign_for_manage(request, pk)
    if not campaign.is_editable:
        messages.error(request, "Phong trào đã kết thúc: không thể sửa.")
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return _campaign_form_page(request, campaign, f"Sửa phong trào: {campaign.name}")


def _transition_page(request, campaign, *, verb, form, template, run):
    """GET shows the confirmation form; POST runs the guarded service and reports its Vietnamese error, if any."""
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    elif request.method == "GET" and not campaign.can(verb):
        try:
            campaign.check_transition(verb)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, template, {"campaign": campaign, "form": form})


@school_required
def campaign_launch(request, pk):
    campaign = get_campaign_for_manage(request, pk)

    def run(data):
        services.launch_campaign(actor=request.user, campaign=campaign, launched_on=data["launched_on"])
        messages.success(request, f"Đã phát động phong trào “{campaign.name}” và thông báo đến toàn trường.")

    form = LaunchForm(request.POST or None)
    return _transition_page(
        request, campaign, verb="launch", form=form, template="campaigns/campaign_launch.html", run=run
    )


@school_required
def campaign_close(request, pk):
    campaign = get_campaign_for_manage(request, pk)

    def run(data):
        services.close_campaign(
            actor=request.user, campaign=campaign, summary=data["summary"], closed_on=data["closed_on"]
        )
        messages.success(request, f"Đã kết thúc phong trào “{campaign.name}”.")

    form = CloseForm(request.POST or None)
    return _transition_page(
        request, campaign, verb="close", form=form, template="campaigns/campaign_close.html", run=run
    )


def _period_form_page(request, period: CampaignPeriod, title: str):
    form = PeriodForm(request.POST or None, instance=period, campaign=period.campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_period(actor=request.user, period=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu đợt thi đua “{period.name}”.")
            return redirect("campaigns:campaign_detail", pk=period.campaign_id)
    return render(request, "campaigns/period_form.html", {"form": form, "title": title, "period": period})


@school_required
def period_create(request, pk):
    campaign = get_campaign_for_manage(request, pk)
    return _period_form_page(request, CampaignPeriod(campaign=campaign), "Thêm đợt thi đua")


@school_required
def period_update(request, pk):
    period = get_period_for_manage(request, pk)
    return _period_form_page(request, period, f"Sửa đợt thi đua: {period.name}")


@require_POST
@school_required
def period_delete(request, pk):
    period = get_period_for_manage(request, pk)
    try:
        services.delete_period(actor=request.user, period=period)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Đã xoá đợt thi đua “{period.name}”.")
    return redirect("campaigns:campaign_detail", pk=period.campaign_id)


@school_required
def commitment_edit(request, pk):
    """The team head registers or revises their team's pledge (giao ước) for a launched campaign."""
    campaign = get_campaign_for_commitment(request, pk)
    team = request.staff.team
    commitment = Commitment.objects.filter(campaign=campaign, team=team).first() or Commitment()
    form = CommitmentForm(request.POST or None, instance=commitment, campaign=campaign, team=team)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_commitment(actor=request.user, commitment=form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã lưu giao ước thi đua của {team.name}.")
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/commitment_form.html", {"form": form, "campaign": campaign, "team": team})
