"""Initiative pages: authors submit and follow their own; the principal and vice principals review."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.core.text import fold

from .. import services
from ..exports import initiative_workbook
from ..forms import InitiativeFilterForm, InitiativeForm, RecogniseForm, RejectForm
from ..models import Initiative
from ..permissions import (
    can_evaluate,
    get_attachment_for_download,
    get_initiative_for_review,
    get_initiative_for_view,
)


def _filtered_initiatives(request):
    """Reviewers get the school's initiatives, everyone else their own (as author or co-author), narrowed by the
    list's filters (a filter that fails is left out, its message shown)."""
    initiatives = Initiative.objects.filter(school=request.school).for_list()
    if not can_evaluate(request.staff):
        initiatives = initiatives.of(request.staff)
    filters = InitiativeFilterForm(request.GET, school=request.school)
    filters.is_valid()
    chosen = filters.cleaned_data
    if chosen.get("status"):
        initiatives = initiatives.filter(status=chosen["status"])
    if chosen.get("q"):
        initiatives = initiatives.filter(search_title__contains=fold(chosen["q"]))
    if chosen.get("year"):
        initiatives = initiatives.filter(school_year=chosen["year"])
    return initiatives, filters


@staff_required()
def initiative_list(request):
    initiatives, filters = _filtered_initiatives(request)
    page = Paginator(initiatives, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/initiative_list.html",
        {"page": page, "reviewer": can_evaluate(request.staff), "filters": filters},
    )


@staff_required()
def initiative_export(request):
    """The list as filtered on screen (the person's own unless a reviewer), every page of it, as an .xlsx file."""
    initiatives, _ = _filtered_initiatives(request)
    return xlsx_response(initiative_workbook(initiatives), f"sang-kien-{request.school.abbreviation}.xlsx")


@staff_required()
def initiative_create(request):
    form = InitiativeForm(request.POST or None, request.FILES or None, school=request.school, author=request.staff)
    if request.method == "POST" and form.is_valid():
        submitted = run_service(
            request,
            lambda: services.submit_initiative(
                actor=request.user,
                initiative=form.save(commit=False),
                co_authors=form.cleaned_data["co_authors"],
                files=form.cleaned_data["attachments"],
            ),
            form=form,
        )
        if submitted:
            messages.success(request, f"Đã nộp sáng kiến “{submitted.value.title}”.")
            return redirect("awards:initiative_detail", pk=submitted.value.pk)
    return render(request, "awards/initiative_form.html", {"form": form})


@staff_required()
def initiative_detail(request, pk):
    initiative = get_initiative_for_view(request.staff, pk)
    reviewer = can_evaluate(request.staff)
    return render(
        request,
        "awards/initiative_detail.html",
        {
            "initiative": initiative,
            "reviewer": reviewer,
            "recognise_form": RecogniseForm(school=request.school),
            "reject_form": RejectForm(),
            "can_review": reviewer and initiative.can("start_review"),
            "can_recognise": reviewer and initiative.can("recognise"),
            "can_reject": reviewer and initiative.can("reject"),
        },
    )


@require_POST
@staff_required()
def initiative_review(request, pk):
    initiative = get_initiative_for_review(request.staff, pk)
    run_service(
        request, lambda: services.start_review(actor=request.user, initiative=initiative), "Đã chuyển sang xem xét."
    )
    return redirect("awards:initiative_detail", pk=pk)


@require_POST
@staff_required()
def initiative_recognise(request, pk):
    initiative = get_initiative_for_review(request.staff, pk)
    form = RecogniseForm(request.POST, school=request.school)
    if form.is_valid():
        run_service(
            request,
            lambda: services.recognise_initiative(actor=request.user, initiative=initiative, **form.cleaned_data),
            "Đã công nhận sáng kiến.",
        )
    else:
        for message in form.errors.get("__all__", []) or ["Hãy chọn phạm vi ảnh hưởng và quyết định công nhận."]:
            messages.error(request, message)
    return redirect("awards:initiative_detail", pk=pk)


@require_POST
@staff_required()
def initiative_reject(request, pk):
    initiative = get_initiative_for_review(request.staff, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.reject_initiative(actor=request.user, initiative=initiative, **form.cleaned_data),
            "Đã ghi không công nhận.",
        )
    else:
        messages.error(request, "Hãy ghi lý do không công nhận.")
    return redirect("awards:initiative_detail", pk=pk)


@staff_required()
def attachment_download(request, pk):
    attachment = get_attachment_for_download(request.staff, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
