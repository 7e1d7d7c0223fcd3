"""Pupils' commendations: each class's proposals (the homeroom teacher), the classes' lists (the vice-principal)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import run_service
from thiduakhenthuong.core.spreadsheets import template, xlsx_response
from thiduakhenthuong.core.text import fold
from thiduakhenthuong.organization.models import ClassGroup, Pupil

from .. import pupils
from ..forms import ImportForm
from ..models import ClassProposal, Nomination
from ..permissions import (
    can_check_class_proposals,
    can_open_pupil_proposals,
    can_propose_pupils,
    get_class_for_pupil_proposals,
)
from .common import selected_year


@staff_required(can_open_pupil_proposals)
def pupil_classes(request):
    """The classes of the year with their list's state and the number proposed: every class for the managers,
    her own classes for a homeroom teacher."""
    year, year_form = selected_year(request)
    classes = ClassGroup.objects.filter(school=request.school, school_year=year).select_related("homeroom_teacher")
    if not can_check_class_proposals(request.staff):
        classes = classes.filter(homeroom_teacher=request.staff)
    title = pupils.pupil_title()
    live = Q(pupils__in=Nomination.objects.live().filter(title=title, school_year=year, drive="yearly").values("pupil"))
    classes = classes.annotate(pupil_count=Count("pupils", distinct=True), proposed=Count("pupils", filter=live))
    proposals = {p.class_group_id: p for p in ClassProposal.objects.filter(class_group__in=[c.pk for c in classes])}
    rows = [(group, proposals.get(group.pk)) for group in classes]
    return render(
        request,
        "awards/pupil_classes.html",
        {"year": year, "year_form": year_form, "rows": rows, "total": sum(g.proposed for g, _ in rows)},
    )


def _selected_entries(request, class_pupils: dict[int, Pupil]) -> tuple[list[pupils.Entry], list[str]]:
    """The ticked pupils of the class with their reasons, and what is wrong with the form (Vietnamese)."""
    entries, errors = [], []
    for raw in request.POST.getlist("pupil"):
        pupil = class_pupils.get(int(raw)) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None
        if pupil is None:
            errors.append("Có học sinh không thuộc lớp này: hãy tải lại trang.")
            continue
        kind = request.POST.get(f"reason_{pupil.pk}", pupils.PupilReason.EXCELLENT)
        if kind not in pupils.PupilReason.values:
            kind = pupils.PupilReason.EXCELLENT
        try:
            entries.append(pupils.Entry(pupil, pupils.reason_text(kind, request.POST.get(f"detail_{pupil.pk}", ""))))
        except ValidationError as error:  # the detail of an outstanding achievement is missing
            errors.append(f"{pupil.full_name}: {' '.join(error.messages)}")
    return entries, errors


def _list_order(pupil: Pupil) -> tuple[str, str]:
    """Class lists are ordered by the given name (the last word), then the full name, accents aside."""
    return fold((pupil.full_name.split() or [""])[-1]), fold(pupil.full_name)


@staff_required(can_open_pupil_proposals)
def pupil_class(request, pk):
    """One class: its pupils with a tick and a reason each; those already proposed with their state."""
    group = get_class_for_pupil_proposals(request.staff, pk)
    class_pupils = {pupil.pk: pupil for pupil in Pupil.objects.filter(class_group=group)}
    title = pupils.pupil_title()
    proposed = {
        n.pupil_id: n
        for n in Nomination.objects.live()
        .filter(drive="yearly")
        .filter(title=title, school_year=group.school_year_id, pupil__class_group=group)
    }
    proposal = ClassProposal.objects.filter(class_group=group).first()
    can_propose = can_propose_pupils(request.staff, group) and (proposal is None or proposal.can("submit"))
    if request.method == "POST" and can_propose:
        entries, errors = _selected_entries(request, class_pupils)
        for error in errors:
            messages.error(request, error)
        if not errors:

            def propose():
                pupils.propose_pupils(actor=request.user, class_group=group, entries=entries)

            if run_service(request, propose, f"Đã đề nghị khen thưởng {len(entries)} học sinh của {group}."):
                return redirect("awards:pupil_class", pk=group.pk)
    return render(
        request,
        "awards/pupil_class.html",
        {
            "group": group,
            "rows": [
                (pupil, proposed.get(pupil.pk))
                for pupil in sorted(class_pupils.values(), key=lambda p: (p.sort_name, p.pk))
            ],
            "proposed": proposed,
            "proposal": proposal,
            "can_propose": can_propose,
            "can_check": proposal is not None and proposal.can("check") and can_check_class_proposals(request.staff),
            "reasons": pupils.PupilReason.choices,
            "import_form": ImportForm(),
        },
    )


@require_POST
@staff_required(can_open_pupil_proposals)
def pupil_import(request, pk):
    """Propose from the class's end-of-year results (.xlsx): all rows or none, errors row by row."""
    group = get_class_for_pupil_proposals(request.staff, pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("awards:pupil_class", pk=group.pk)
    outcome = run_service(request, lambda: pupils.read_results(group, form.cleaned_data["file"]))
    if not outcome:  # the file refused by core.spreadsheets (size, content, damage, columns): said in messages
        return redirect("awards:pupil_class", pk=group.pk)
    result = outcome.value
    if result.errors:
        for error in result.errors:
            messages.error(request, str(error))
        messages.warning(request, "Chưa đề nghị học sinh nào: hãy sửa các dòng trên rồi nhập lại.")
        return redirect("awards:pupil_class", pk=group.pk)
    if not result.entries:
        messages.warning(request, "Tệp không có học sinh nào hoàn thành xuất sắc hoặc có thành tích nổi bật.")
        return redirect("awards:pupil_class", pk=group.pk)

    def propose():
        pupils.propose_pupils(actor=request.user, class_group=group, entries=result.entries)

    run_service(request, propose, f"Đã đề nghị khen thưởng {len(result.entries)} học sinh của {group} từ tệp Excel.")
    return redirect("awards:pupil_class", pk=group.pk)


@staff_required(can_open_pupil_proposals)
def pupil_results_template(request, pk):
    """The results sheet to fill in, with the class's pupils already listed."""
    group = get_class_for_pupil_proposals(request.staff, pk)
    workbook = template(pupils.RESULT_COLUMNS)
    sheet = workbook.active
    for pupil in Pupil.objects.filter(class_group=group):
        sheet.append([pupil.full_name, pupil.date_of_birth.strftime("%d/%m/%Y") if pupil.date_of_birth else "", "", ""])
    return xlsx_response(workbook, f"ket-qua-cuoi-nam-lop-{group.pk}.xlsx")


@require_POST
@staff_required(can_check_class_proposals)
def pupil_class_check(request, pk):
    group = get_class_for_pupil_proposals(request.staff, pk)
    proposal = ClassProposal.objects.filter(class_group=group).first()
    if proposal is None:
        messages.error(request, f"{group} chưa gửi đề nghị khen thưởng học sinh.")
    else:
        run_service(
            request,
            lambda: pupils.check_class_proposal(actor=request.user, proposal=proposal),
            f"Đã kiểm tra danh sách {group}: các đề nghị được chuyển hội đồng thi đua – khen thưởng xét.",
        )
    return redirect("awards:pupil_class", pk=group.pk)
