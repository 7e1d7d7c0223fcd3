"""Pages of the year's last steps: the disclosed lists with their objections, the school's holidays, the
principal's approval (one or all), the school's decision (QĐ), its submission upward (TTr) and the higher
authority's answer. Every change goes through ``awards.decisions`` or ``awards.nominations``."""

from collections.abc import Callable, Sequence
from functools import partial

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import content_disposition, pdf_response, run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.core.workflow import actions_for
from thiduakhenthuong.documents.rendering import pdf_filename, render_document_pdf
from thiduakhenthuong.organization.models import AuthorityLevel

from .. import certificates, nominations, papers
from .. import decisions as services
from ..decision_forms import AnswerForm, DisclosureForm, HigherDecisionForm, HolidayForm, IssueForm, ObjectionForm
from ..dossier import submission_dossier_pdf
from ..models import AwardDecision, Disclosure, Nomination, NominationStatus, Objection, PublicHoliday, Submission
from ..permissions import (
    can_answer_objections,
    can_approve_nominations,
    can_file_objection,
    can_issue_award_papers,
    can_keep_award_records,
    can_keep_holidays,
    can_print_certificates,
    can_publish_disclosure,
    can_read_award_papers,
    can_read_disclosures,
    can_take_nomination_verb,
    get_decision_for,
    get_disclosure_for_view,
    get_higher_decision_for_scan,
    get_objection_for_answer,
    get_submission_for,
    get_submission_for_answer,
)
from ..workdays import skipped_days
from .common import selected_year, selected_year_or_404

# --------------------------------------------------------------------------------------------------
# Disclosure
# --------------------------------------------------------------------------------------------------


@staff_required(can_read_disclosures)
def disclosure_list(request):
    """The school's disclosed lists of the year (every staff member), and the council's list waiting to be
    published (the managers)."""
    year, year_form = selected_year(request)
    today = timezone.localdate()
    disclosures = (
        Disclosure.objects.for_list()
        .filter(school_id=request.staff.school_id, school_year=year)
        .annotate(
            size=Count("nominations", distinct=True),
            waiting=Count("objections", filter=Q(objections__status="open"), distinct=True),
        )
        if year
        else Disclosure.objects.none()
    )
    publishable = 0
    if year and can_publish_disclosure(request.staff):
        publishable = services.passed_nominations(year).count()
    return render(
        request,
        "awards/disclosure_list.html",
        {"year": year, "year_form": year_form, "disclosures": disclosures, "today": today,
         "publishable": publishable},
    )  # fmt: skip


@staff_required(can_publish_disclosure)
def disclosure_publish(request):
    """Publish the council's passed list of the year: from which day, for how many working days (the end date is
    computed with the school's holidays and shown before publishing)."""
    year, year_form = selected_year_or_404(request)
    today = timezone.localdate()
    candidates = list(services.passed_nominations(year))
    form = DisclosureForm(
        request.POST or None, initial={"starts_on": today, "working_days": year.regime.disclosure_working_days}
    )
    ends_on = skipped = None
    if form.is_valid():
        data = form.cleaned_data
        if "preview" not in request.POST:
            done = run_service(
                request,
                lambda: services.publish_disclosure(
                    actor=request.user, school_year=year, starts_on=data["starts_on"],
                    working_days=data["working_days"], note=data["note"],
                ),
                f"Đã công khai danh sách đề nghị khen thưởng năm học {year}.",
                form=form,
            )  # fmt: skip
            if done:
                return redirect("awards:disclosure_detail", done.value.pk)
        ends_on = services.disclosure_end(request.school, data["starts_on"], data["working_days"])
        skipped = _skipped(request.school, data["starts_on"], ends_on)
    return render(
        request,
        "awards/disclosure_publish.html",
        {"year": year, "year_form": year_form, "form": form, "candidates": candidates, "ends_on": ends_on,
         "skipped": skipped},
    )  # fmt: skip


def _skipped(school, start, end) -> list[tuple]:
    names = dict(PublicHoliday.objects.filter(school=school, day__range=(start, end)).values_list("day", "name"))
    return [(day, names.get(day, "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"))
            for day in skipped_days(start, end, services.work_calendar(school))]  # fmt: skip


@staff_required(can_read_disclosures)
def disclosure_detail(request, pk):
    """One disclosed list: period, the nominees, the objections (all of them for the managers, one's own for the
    others) with their answers; the objection form while it is open, the answer forms for the principal."""
    disclosure = get_disclosure_for_view(request.staff, pk)
    today = timezone.localdate()
    objections = Objection.objects.for_list().filter(disclosure=disclosure)
    if not can_publish_disclosure(request.staff) and not can_answer_objections(request.staff):
        objections = objections.filter(filed_by=request.staff)
    can_object = can_file_objection(request.staff, disclosure, today)
    form = ObjectionForm(request.POST or None, disclosure=disclosure) if can_object else None
    if request.method == "POST":
        if form is None:
            messages.error(request, f"Thời hạn công khai đã hết ngày {disclosure.ends_on:%d/%m/%Y}.")
            return redirect(request.path)
        if form.is_valid():
            done = run_service(
                request,
                lambda: services.file_objection(
                    actor=request.user, disclosure=disclosure, text=form.cleaned_data["text"],
                    nomination=form.cleaned_data["nomination"],
                ),
                "Đã gửi ý kiến phản ánh; hiệu trưởng sẽ trả lời bằng văn bản.",
                form=form,
            )  # fmt: skip
            if done:
                return redirect(request.path)
    rows = disclosure.nominations.for_list().order_by("title__sort_order", "staff__team__sort_order", "pk")
    return render(
        request,
        "awards/disclosure_detail.html",
        {
            "disclosure": disclosure,
            "rows": rows,
            "objections": objections,
            "form": form,
            "answer_form": AnswerForm() if can_answer_objections(request.staff) else None,
            "is_open": disclosure.is_open(today),
            "is_over": disclosure.is_over(today),
            "today": today,
        },
    )


@require_POST
@staff_required(can_answer_objections)
def objection_answer(request, pk):
    objection = get_objection_for_answer(request.staff, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.answer_objection(
                actor=request.user, objection=objection, answer=form.cleaned_data["answer"]
            ),
            f"Đã trả lời ý kiến phản ánh của {objection.filed_by}.",
        )
    else:
        messages.error(request, "Hãy ghi nội dung trả lời.")
    return redirect("awards:disclosure_detail", objection.disclosure_id)


# --------------------------------------------------------------------------------------------------
# The school's calendar
# --------------------------------------------------------------------------------------------------


@staff_required(can_keep_holidays)
def holiday_list(request):
    """The school's public holidays and make-up days, by year; add a day, remove one, load the official days."""
    form = HolidayForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "official":
            run_service(
                request,
                lambda: services.load_official_days(actor=request.user, school=request.school),
                "Đã nạp các ngày nghỉ lễ chính thức còn thiếu.",
            )
            return redirect(request.path)
        if form.is_valid():
            done = run_service(
                request,
                lambda: services.add_holiday(actor=request.user, school=request.school, **form.cleaned_data),
                f"Đã thêm ngày {form.cleaned_data['day']:%d/%m/%Y} vào lịch nghỉ.",
                form=form,
            )
            if done:
                return redirect(request.path)
    holidays = PublicHoliday.objects.filter(school=request.school)
    return render(request, "awards/holiday_list.html", {"form": form, "holidays": holidays})


@require_POST
@staff_required(can_keep_holidays)
def holiday_delete(request, pk):
    holiday = get_object_or_404(PublicHoliday, pk=pk, school_id=request.staff.school_id)
    run_service(
        request,
        lambda: services.delete_holiday(actor=request.user, holiday=holiday),
        f"Đã xoá ngày {holiday.day:%d/%m/%Y} khỏi lịch nghỉ.",
    )
    return redirect("awards:holiday_list")


# --------------------------------------------------------------------------------------------------
# Approval
# --------------------------------------------------------------------------------------------------


@staff_required(can_approve_nominations)
def approval(request):
    """What waits for the principal's approval (disclosed), each with approve / reject (a reason) and one button
    for all, offered only when the services would take them: while a disclosure runs or an objection to it waits,
    the page says why and until when instead (``awards.nominations.disclosure_holds``)."""
    year, year_form = selected_year(request)
    waiting = list(services.waiting_for_approval(year)) if year else []
    holds = nominations.disclosure_holds(waiting, timezone.localdate())
    permitted = {verb: (lambda obj, verb=verb: obj.pk not in holds
                        and can_take_nomination_verb(request.staff, obj, verb))
                 for verb in ("approve", "reject")}  # fmt: skip
    blockers = list({hold.disclosure.pk: hold for hold in holds.values()}.values())
    decided = services.approved_nominations(year).count() if year else 0
    return render(
        request,
        "awards/approval.html",
        {"year": year, "year_form": year_form,
         "rows": [(n, actions_for(n, permitted), holds.get(n.pk)) for n in waiting],
         "approve_all": bool(waiting) and not holds, "blockers": blockers, "reason_verbs": {"reject"},
         "approved": decided},
    )  # fmt: skip


@require_POST
@staff_required(can_approve_nominations)
def approval_all(request):
    year, _ = selected_year_or_404(request)
    done = run_service(
        request,
        lambda: services.approve_all(
            actor=request.user, nominations_to_approve=list(services.waiting_for_approval(year))
        ),
    )
    if done:
        messages.success(request, f"Đã duyệt {done.value} đề nghị khen thưởng năm học {year}.")
    return redirect(f"{reverse('awards:approval')}?year={year.pk}")


# --------------------------------------------------------------------------------------------------
# The school's decision (QĐ), the submission upward (TTr), the higher authority's answer
# --------------------------------------------------------------------------------------------------


@staff_required(can_read_award_papers)
def papers_overview(request):
    """The year's QĐ and TTr: what the school decides itself and what goes upward (by authority), the drafts to
    number, the numbered ones to download (QĐ, dossier, list), the higher authority's answers to record."""
    year, year_form = selected_year(request)
    own, upward, decisions, submissions = [], [], [], []
    if year is not None:
        own, by_level = services.split_approved(year)
        own = papers.paper_groups(own)
        upward = papers.upward(year, by_level)
        decisions = list(AwardDecision.objects.for_list().filter(school_year=year).annotate(size=Count("nominations")))
        _attach_certificates(request, decisions)
        submissions = list(
            Submission.objects.for_list()
            .filter(school_year=year)
            .annotate(
                size=Count("nominations", distinct=True),
                waiting=Count("nominations", filter=Q(nominations__status="submitted"), distinct=True),
            )
            .prefetch_related("answers")
        )
    return render(
        request,
        "awards/papers.html",
        {"year": year, "year_form": year_form, "own": own, "upward": upward, "decisions": decisions,
         "submissions": submissions, "can_issue": can_issue_award_papers(request.staff),
         "can_record": can_keep_award_records(request.staff), "today": timezone.localdate()},
    )  # fmt: skip


def _attach_certificates(request, decisions: list[AwardDecision]) -> None:
    """Each issued QĐ's certificates (``decision.certificates``: its group of the certificates page, with the batch
    when one was asked for), for those who print them; None otherwise."""
    groups = {}
    if can_print_certificates(request.staff) and decisions:
        found = certificates.decision_groups(request.school, decisions=[d.document_id for d in decisions])
        groups = {group.key.decision_id: group for group in found}
    for decision in decisions:
        decision.certificates = groups.get(decision.document_id)


def _overview(year) -> str:
    return f"{reverse('awards:papers')}?year={year.pk}"


def _draft(request, year, draft, done: str, anchor: str):
    """Draft a QĐ or TTr of ``year``: ``draft(actor=)`` is its service with the rest bound; back to the year's
    papers, at the new draft (``#<anchor>-<pk>``) when it was made."""
    made = run_service(request, lambda: draft(actor=request.user), done)
    return redirect(f"{_overview(year)}#{anchor}-{made.value.pk}" if made else _overview(year))


def _ad_hoc_group(request, approved: Callable[[], Sequence[Nomination]]) -> list[Nomination] | None:
    """The ad-hoc commendation the form names (``nomination``) as the one group of its paper, found among the
    ``approved()`` nominations waiting for a paper of that kind; None when the form names none (the year's paper).
    A 404 when it is not waiting."""
    named = request.POST.get("nomination")
    if not named:
        return None
    found = next((g for g in papers.paper_groups(approved()) if papers.ad_hoc_of(g) and str(g[0].pk) == named), None)
    if found is None:
        raise Http404("Không có đề nghị khen thưởng đột xuất này chờ quyết định hoặc tờ trình.")
    return found


@require_POST
@staff_required(can_issue_award_papers)
def decision_create(request):
    """Draft the year's QĐ, or the QĐ of one ad-hoc commendation (``nomination``: each has its own)."""
    year, _ = selected_year_or_404(request)
    chosen = _ad_hoc_group(request, lambda: services.split_approved(year)[0])
    draft = partial(services.draft_award_decision, school_year=year, chosen=chosen)
    return _draft(request, year, draft, f"Đã lập dự thảo quyết định khen thưởng năm học {year}.", "decision")


def _issue(request, paper, issue, done: str):
    """Number a drafted QĐ or TTr (``paper``) on the date the form gives: ``issue(actor=, issued_on=)`` is its
    service with the paper bound; back to the year's papers either way."""
    form = IssueForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: issue(actor=request.user, issued_on=form.cleaned_data["issued_on"]), done)
    else:
        messages.error(request, "Ngày ban hành không hợp lệ.")
    return redirect(_overview(paper.school_year))


def _paper_pdf(paper):
    """A QĐ's or TTr's document as printed."""
    return pdf_response(render_document_pdf(paper.document), pdf_filename(paper.document))


def _stem(paper) -> str:
    """The paper's file name without its ending, for the files that go with it (dossier, list)."""
    return pdf_filename(paper.document).removesuffix(".pdf")


@require_POST
@staff_required(can_issue_award_papers)
def decision_issue(request, pk):
    decision = get_decision_for(request.staff, pk, issue=True)
    issue = partial(services.issue_award_decision, decision=decision)
    return _issue(request, decision, issue, "Đã cấp số quyết định khen thưởng và ghi vào lịch sử khen thưởng.")


@staff_required(can_read_award_papers)
def decision_pdf(request, pk):
    return _paper_pdf(get_decision_for(request.staff, pk))


@require_POST
@staff_required(can_issue_award_papers)
def submission_create(request):
    """Draft the year's TTr to the authority of ``level``, or the TTr of one ad-hoc commendation it confers
    (``nomination``: each has its own)."""
    year, _ = selected_year_or_404(request)
    level = request.POST.get("level", "")
    if level not in AuthorityLevel.values:
        raise Http404("Không có cấp này.")
    chosen = _ad_hoc_group(request, lambda: services.split_approved(year)[1].get(level, []))
    draft = partial(services.draft_submission, school_year=year, level=level, chosen=chosen)
    return _draft(request, year, draft, f"Đã lập dự thảo tờ trình gửi {AuthorityLevel(level).label}.", "submission")


@require_POST
@staff_required(can_issue_award_papers)
def submission_issue(request, pk):
    submission = get_submission_for(request.staff, pk, issue=True)
    issue = partial(services.issue_submission, submission=submission)
    return _issue(request, submission, issue, "Đã cấp số tờ trình; các đề nghị đã trình cấp trên.")


@staff_required(can_read_award_papers)
def submission_pdf(request, pk):
    return _paper_pdf(get_submission_for(request.staff, pk))


@staff_required(can_read_award_papers)
def submission_dossier(request, pk):
    """The dossier sent upward as one PDF: the TTr with its list, the council's minutes, the reports, the proofs."""
    submission = get_submission_for(request.staff, pk)
    return pdf_response(submission_dossier_pdf(submission), f"ho-so-{_stem(submission)}.pdf", inline=False)


LIST_HEADERS = ["STT", "Họ và tên", "Chức vụ", "Tổ, lớp", "Danh hiệu, hình thức"]


@staff_required(can_read_award_papers)
def submission_xlsx(request, pk):
    """The submission's list as .xlsx (the authority asks for the file too); user text is written inert."""
    submission = get_submission_for(request.staff, pk)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sach de nghi"
    sheet.append(LIST_HEADERS)
    for row in submission.document.content.get("rows", []):
        sheet.append([row["no"], row["name"], row["position"], row["unit"], row["title"]])
    return xlsx_response(workbook, f"danh-sach-{_stem(submission)}.xlsx")


@staff_required(can_keep_award_records)
def submission_answer(request, pk):
    """Record the higher authority's decision: number, date, authority, who received what, the signed scan."""
    submission = get_submission_for_answer(request.staff, pk)
    waiting = list(submission.nominations.for_list().filter(status=NominationStatus.SUBMITTED))
    form = HigherDecisionForm(
        request.POST or None,
        request.FILES or None,
        waiting=waiting,
        initial={"authority_name": submission.authority.name},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_service(
            request,
            lambda: services.record_higher_decision(
                actor=request.user, submission=submission, number=data["number"], decided_on=data["decided_on"],
                authority_name=data["authority_name"], conferred=data["conferred"], refused=data["refused"],
                scan=data["scan"],
            ),
            f"Đã ghi quyết định {data['number']} của {data['authority_name']} vào lịch sử khen thưởng.",
            form=form,
        )  # fmt: skip
        if done:
            return redirect(_overview(submission.school_year))
    return render(request, "awards/submission_answer.html", {"submission": submission, "form": form})


@staff_required(can_read_award_papers)
def higher_decision_scan(request, pk):
    answer = get_higher_decision_for_scan(request.staff, pk)
    if not answer.scan:
        raise Http404("Chưa có bản scan.")
    extension = answer.scan.name.rsplit(".", 1)[-1].lower()
    types = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    response = FileResponse(answer.scan.open("rb"), content_type=types.get(extension, "application/octet-stream"))
    filename = f"quyet-dinh-{answer.number_slug}.{extension}"
    response["Content-Disposition"] = content_disposition(filename, inline=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response
