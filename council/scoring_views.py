"""Scoring pages: a member's sheets on her phone, the chair's view of who has finished and of the spread, and the
principal's rubrics. Every page costs a constant number of queries."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.workflow import actions_for

from . import scoring
from .models import CouncilKind, Rubric, ScoreSheet
from .permissions import (
    can_edit_rubrics,
    can_lead_scoring,
    can_read_rubrics,
    get_meeting_for_leading_scoring,
    get_meeting_for_scoring,
    get_rubric_for_edit,
    get_sheet_for_scoring,
)
from .scoring_forms import CloseScoringForm, CriterionFormSet, RubricForm, SheetForm

#: What a sheet's page needs to name its agenda item without a query per row.
ITEM_RELATIONS = tuple(f"agenda_item__{name}" for name in scoring.AGENDA_RELATIONS)


def _my_sheets(meeting, staff):
    return list(
        ScoreSheet.objects.filter(agenda_item__meeting=meeting, member__staff=staff)
        .select_related(*ITEM_RELATIONS)
        .order_by("agenda_item__position")
    )


@staff_required()
def scoring_page(request, pk):
    """The member's list of sheets (each opens its page); for the chair, secretary and principal also who has
    finished and, once every sheet is in, the spread per item and criterion."""
    meeting = get_meeting_for_scoring(request.staff, pk)
    lead = can_lead_scoring(request.staff, meeting)
    context = {"meeting": meeting, "sheets": _my_sheets(meeting, request.staff), "lead": lead}
    if lead:
        context["progress"] = scoring.progress(meeting)
        context["complete"] = bool(context["progress"]) and all(row.done for row in context["progress"])
        if context["complete"]:
            context["table"] = scoring.scores_table(meeting)
        context["actions"] = actions_for(meeting, {"open_scoring": lambda m: lead, "close_scoring": lambda m: lead})
        context["initiative"] = meeting.council.kind == CouncilKind.INITIATIVE
        context["close_form"] = CloseScoringForm()
    return render(request, "council/scoring.html", context)


@staff_required()
def score_sheet(request, pk):
    """One sheet on a phone: a number per criterion, "Lưu nháp" keeps a draft, "Nộp phiếu" locks it. Once hers is
    in, the member sees the others' submitted sheets for the same item."""
    sheet = get_sheet_for_scoring(request.staff, pk)
    meeting = sheet.agenda_item.meeting
    criteria = list(sheet.rubric.criteria.all())
    editable = not sheet.is_submitted and meeting.status == "scoring"
    initial = {f"c{score.criterion_id}": score.points for score in sheet.scores.all()}
    form = SheetForm(request.POST if request.method == "POST" else None, initial=initial, criteria=criteria,
                     disabled=not editable)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        done = run_service(
            request,
            lambda: scoring.save_sheet(actor=request.user, sheet=sheet, points=form.points(), submit=submit),
            form=form,
        )
        if done:
            item = sheet.agenda_item.subject_label
            messages.success(request, f"Đã nộp phiếu chấm điểm “{item}”." if submit else f"Đã lưu nháp “{item}”.")
            return redirect("council:score_sheet", pk=sheet.pk)
    mine = _my_sheets(meeting, request.staff)
    upcoming = [other for other in mine if not other.is_submitted and other.pk != sheet.pk]
    others = []
    if sheet.is_submitted:
        others = [row for row in scoring.item_sheets(sheet.agenda_item, criteria) if row.pk != sheet.pk]
    context = {
        "sheet": sheet,
        "meeting": meeting,
        "form": form,
        "editable": editable,
        "criteria": criteria,
        "max_total": sum(c.max_points for c in criteria),
        "next_sheet": upcoming[0] if upcoming else None,
        "others": others,
        "own_total": sum(score.points for score in sheet.scores.all()),
    }
    return render(request, "council/score_sheet.html", context)


@require_POST
@staff_required()
def scoring_open(request, pk):
    meeting = get_meeting_for_leading_scoring(request.staff, pk)
    run_service(
        request,
        lambda: scoring.open_scoring(actor=request.user, meeting=meeting),
        "Đã mở chấm điểm: các thành viên có mặt chấm điểm trên điện thoại hoặc máy tính.",
    )
    return redirect("council:scoring", pk=meeting.pk)


@require_POST
@staff_required()
def scoring_close(request, pk):
    meeting = get_meeting_for_leading_scoring(request.staff, pk)
    form = CloseScoringForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: scoring.close_scoring(
                actor=request.user,
                meeting=meeting,
                decision_number=form.cleaned_data["decision_number"],
                decision_date=form.cleaned_data["decision_date"],
            ),
            "Đã kết thúc chấm điểm.",
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("council:scoring", pk=meeting.pk)


# --------------------------------------------------------------------------------------------------
# Rubrics
# --------------------------------------------------------------------------------------------------


@staff_required(can_read_rubrics)
def rubric_list(request):
    rubrics = list(Rubric.objects.filter(school=request.school).select_related("title").prefetch_related("criteria"))
    used = set(ScoreSheet.objects.filter(rubric__in=rubrics).values_list("rubric_id", flat=True).distinct())
    for rubric in rubrics:
        rubric.frozen = rubric.pk in used
    return render(
        request, "council/rubric_list.html", {"rubrics": rubrics, "can_edit": can_edit_rubrics(request.staff)}
    )


@require_POST
@staff_required(can_edit_rubrics)
def rubric_defaults(request):
    created = run_service(request, lambda: scoring.ensure_default_rubrics(actor=request.user, school=request.school))
    if created:
        messages.success(request, f"Đã lập {len(created.value)} bộ tiêu chí mặc định.")
    return redirect("council:rubric_list")


@staff_required(can_edit_rubrics)
def rubric_edit(request, pk):
    rubric = get_rubric_for_edit(request.staff, pk)
    if rubric.is_frozen:
        messages.info(request, "Bộ tiêu chí này đã được dùng để chấm điểm: hãy sao chép để sửa bản mới.")
        return redirect("council:rubric_list")
    criteria = [{"label": c.label, "max_points": c.max_points} for c in rubric.criteria.all()]
    data = request.POST if request.method == "POST" else None
    form = RubricForm(data, initial={"name": rubric.name, "pass_points": rubric.pass_points})
    formset = CriterionFormSet(data, initial=criteria, prefix="criteria")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = [
            (row.get("label", ""), row.get("max_points"))
            for row in formset.cleaned_data
            if row and row.get("label", "").strip()
        ]
        saved = run_service(
            request,
            lambda: scoring.save_rubric(
                actor=request.user,
                rubric=rubric,
                name=form.cleaned_data["name"],
                pass_points=form.cleaned_data["pass_points"],
                criteria=rows,
            ),
            f"Đã lưu bộ tiêu chí “{form.cleaned_data['name']}”.",
            form=form,
        )
        if saved:
            return redirect("council:rubric_list")
    return render(request, "council/rubric_form.html", {"rubric": rubric, "form": form, "formset": formset})


@require_POST
@staff_required(can_edit_rubrics)
def rubric_copy(request, pk):
    rubric = get_rubric_for_edit(request.staff, pk)
    copied = run_service(request, lambda: scoring.copy_rubric(actor=request.user, rubric=rubric))
    if copied:
        messages.success(request, f"Đã sao chép “{rubric.name}”: bản sao được áp dụng từ nay, hãy sửa bản sao.")
        return redirect("council:rubric_edit", pk=copied.value.pk)
    return redirect("council:rubric_list")
