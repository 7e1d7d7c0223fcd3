"""Pages for campaigns (phong trào thi đua): list, draft, edit, launch, close, drives and team pledges; and the
yearly plan (kế hoạch): its editor with a live preview, issuing and the PDF."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import pdf_response, run_service
from thiduakhenthuong.core.workflow import actions_for
from thiduakhenthuong.organization.models import SchoolYear

from . import services
from .forms import (
    CampaignFilterForm,
    CampaignForm,
    CloseForm,
    CommitmentForm,
    CriterionFormSet,
    LaunchForm,
    PeriodForm,
    PlanCreateForm,
    PlanIssueForm,
    plan_section_forms,
)
from .models import Campaign, CampaignPeriod, Commitment, Plan
from .permissions import (
    can_commit,
    can_edit_plans,
    can_issue_plan,
    can_manage_campaigns,
    get_campaign_for_commitment,
    get_campaign_for_manage,
    get_campaign_for_view,
    get_period_for_manage,
    get_plan_for_edit,
    get_plan_for_issue,
    get_plan_for_view,
)
from .printing import plan_pdf, plan_preview


@staff_required()
def campaign_list(request):
    """The school's campaigns of the current school year by default, filtered by year, kind and status."""
    managers = can_manage_campaigns(request.staff)
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


@staff_required()
def campaign_detail(request, pk):
    campaign = get_campaign_for_view(request.staff, pk)
    managers = can_manage_campaigns(request.staff)
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
        "can_commit": can_commit(request.staff, campaign),
        # launch and close are the managers' (each verb's page is campaign_<verb>)
        "actions": actions_for(campaign, {"launch": lambda _: managers, "close": lambda _: managers}),
    }
    return render(request, "campaigns/campaign_detail.html", context)


def _campaign_form_page(request, campaign: Campaign, title: str):
    form = CampaignForm(request.POST or None, instance=campaign, school=request.school)
    formset = CriterionFormSet(request.POST or None, instance=campaign, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        criteria = formset.save(commit=False)
        outcome = run_service(
            request,
            lambda: services.save_campaign(
                actor=request.user,
                campaign=form.save(commit=False),
                criteria=criteria,
                removed_criteria=formset.deleted_objects,
            ),
            form=form,
        )
        if outcome:
            messages.success(request, f"Đã lưu phong trào “{outcome.value.name}”.")
            return redirect("campaigns:campaign_detail", pk=outcome.value.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "formset": formset, "title": title, "campaign": campaign},
    )


@staff_required(can_manage_campaigns)
def campaign_create(request):
    campaign = Campaign(school=request.school, created_by=request.user)
    return _campaign_form_page(request, campaign, "Soạn phong trào thi đua")


@staff_required()
def campaign_update(request, pk):
    campaign = get_campaign_for_manage(request.staff, pk)
    if not campaign.is_editable:
        messages.error(request, "Phong trào đã kết thúc: không thể sửa.")
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return _campaign_form_page(request, campaign, f"Sửa phong trào: {campaign.name}")


def _transition_page(request, campaign, *, verb, form, template, run):
    """GET shows the confirmation form; POST runs the guarded service and reports its Vietnamese error, if any."""
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: run(form.cleaned_data), form=form):
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    elif request.method == "GET" and not campaign.can(verb):
        run_service(request, lambda: campaign.check_transition(verb))  # shows why the verb is not open now
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, template, {"campaign": campaign, "form": form})


@staff_required()
def campaign_launch(request, pk):
    campaign = get_campaign_for_manage(request.staff, pk)

    def run(data):
        services.launch_campaign(
            actor=request.user,
            campaign=campaign,
            launched_on=data["launched_on"],
            launch_document=data["launch_document"],
        )
        messages.success(request, f"Đã phát động phong trào “{campaign.name}” và thông báo đến toàn trường.")

    form = LaunchForm(request.POST or None, school=request.school)
    return _transition_page(
        request, campaign, verb="launch", form=form, template="campaigns/campaign_launch.html", run=run
    )


@staff_required()
def campaign_close(request, pk):
    campaign = get_campaign_for_manage(request.staff, pk)

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
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            lambda: services.save_period(actor=request.user, period=form.save(commit=False)),
            f"Đã lưu đợt thi đua “{period.name}”.",
            form,
        )
    ):
        return redirect("campaigns:campaign_detail", pk=period.campaign_id)
    return render(request, "campaigns/period_form.html", {"form": form, "title": title, "period": period})


@staff_required()
def period_create(request, pk):
    campaign = get_campaign_for_manage(request.staff, pk)
    return _period_form_page(request, CampaignPeriod(campaign=campaign), "Thêm đợt thi đua")


@staff_required()
def period_update(request, pk):
    period = get_period_for_manage(request.staff, pk)
    return _period_form_page(request, period, f"Sửa đợt thi đua: {period.name}")


@require_POST
@staff_required()
def period_delete(request, pk):
    period = get_period_for_manage(request.staff, pk)
    run_service(
        request,
        lambda: services.delete_period(actor=request.user, period=period),
        f"Đã xoá đợt thi đua “{period.name}”.",
    )
    return redirect("campaigns:campaign_detail", pk=period.campaign_id)


@staff_required()
def commitment_edit(request, pk):
    """The team head registers or revises their team's pledge (giao ước) for a launched campaign."""
    campaign = get_campaign_for_commitment(request.staff, pk)
    team = request.staff.team
    commitment = Commitment.objects.filter(campaign=campaign, team=team).first() or Commitment()
    form = CommitmentForm(request.POST or None, instance=commitment, campaign=campaign, team=team)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            request,
            lambda: services.save_commitment(actor=request.user, commitment=form.save(commit=False)),
            f"Đã lưu giao ước thi đua của {team.name}.",
            form,
        )
    ):
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/commitment_form.html", {"form": form, "campaign": campaign, "team": team})


# --- the yearly plan (kế hoạch thi đua, khen thưởng) ---------------------------------------------------------------


@staff_required()
def plan_list(request):
    editors = can_edit_plans(request.staff)
    plans = Plan.objects.visible_to(school=request.school, editors=editors).for_list()
    page = Paginator(plans, 30).get_page(request.GET.get("page"))
    return render(request, "campaigns/plan_list.html", {"page": page, "can_edit": editors})


@staff_required(can_edit_plans)
def plan_create(request):
    form = PlanCreateForm(request.POST or None, school=request.school, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        created = run_service(
            request,
            lambda: services.create_plan(
                actor=request.user,
                school=request.school,
                year=form.cleaned_data["year"],
                school_years=form.cleaned_data["school_years"],
                drafter=request.staff,
            ),
            f"Đã tạo dự thảo kế hoạch năm {form.cleaned_data['year']}.",
            form,
        )
        if created:
            return redirect("campaigns:plan_detail", pk=created.value.pk)
    return render(request, "campaigns/plan_form.html", {"form": form})


@staff_required()
def plan_detail(request, pk):
    """The plan as it prints; for its editors, while it is a draft, a form per section beside a live preview."""
    plan = get_plan_for_view(request.staff, pk)
    editing = plan.is_editable and can_edit_plans(request.staff)
    context = {
        "plan": plan,
        "document": plan.document,
        "preview": plan_preview(plan),
        "sections": plan_section_forms(plan) if editing else [],
        "editing": editing,
        "can_edit": can_edit_plans(request.staff),
        "can_issue": can_issue_plan(request.staff, plan),
        "campaigns": plan.campaigns.select_related("school_year"),
    }
    return render(request, "campaigns/plan_detail.html", context)


@require_POST
@staff_required()
def plan_section(request, pk, key):
    """Save one section of a draft plan; answers htmx with the section's form and a "plan-saved" event."""
    plan = get_plan_for_edit(request.staff, pk)
    form = next((f for f in plan_section_forms(plan, request.POST) if f.key == key), None)
    if form is None:
        raise Http404("Không có mục này trong kế hoạch.")
    saved = False
    if form.is_valid():
        saved = bool(
            run_service(
                request, lambda: services.update_plan(actor=request.user, plan=plan, **form.changes()), form=form
            )
        )
    if not request.htmx:
        if saved:
            messages.success(request, f"Đã lưu mục “{form.title}”.")
        else:
            messages.error(request, "; ".join(form.non_field_errors()) or "Vui lòng kiểm tra lại nội dung.")
        return redirect("campaigns:plan_detail", pk=plan.pk)
    response = render(
        request, "campaigns/plan_detail.html#section", {"plan": plan, "form": form, "saved": saved, "editing": True}
    )
    if saved:
        response["HX-Trigger"] = "plan-saved"
    return response


@staff_required()
def plan_preview_fragment(request, pk):
    """The printed HTML of the plan: as saved (GET), or with the editor's unsaved sections applied (POST)."""
    if request.method == "POST":
        plan = get_plan_for_edit(request.staff, pk)
        changes: dict = {"texts": {}, "document_fields": {}}
        for form in plan_section_forms(plan, request.POST):
            if form.is_posted() and form.is_valid():
                for name, value in form.changes().items():
                    if name in ("texts", "document_fields"):
                        changes[name].update(value)
                    elif name != "school_years":
                        changes[name] = value
        return HttpResponse(plan_preview(plan, **changes))
    return HttpResponse(plan_preview(get_plan_for_view(request.staff, pk)))


@staff_required()
def plan_issue(request, pk):
    plan = get_plan_for_issue(request.staff, pk)
    if not plan.is_editable:
        messages.error(request, f"Kế hoạch đã được cấp số {plan.document.symbol}.")
        return redirect("campaigns:plan_detail", pk=plan.pk)
    form = PlanIssueForm(request.POST or None, initial={"issued_on": plan.document.document_date or date.today()})
    if request.method == "POST" and form.is_valid():
        issued = run_service(
            request,
            lambda: services.issue_plan(actor=request.user, plan=plan, issued_on=form.cleaned_data["issued_on"]),
            form=form,
        )
        if issued:
            messages.success(request, f"Đã cấp số kế hoạch: {plan.document.symbol}.")
            return redirect("campaigns:plan_detail", pk=plan.pk)
    return render(request, "campaigns/plan_issue.html", {"plan": plan, "form": form})


@staff_required()
def plan_download(request, pk):
    plan = get_plan_for_view(request.staff, pk)
    content, filename = plan_pdf(plan)
    return pdf_response(content, filename, inline=False)
