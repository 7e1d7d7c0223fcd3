"""Pages of good deeds (report, verify, hide, commend), their photos, the writing contest and the yearly report.

Read top to bottom: authorize (``staff_required`` and the ``get_*_for_*`` helpers of ``permissions``), load, form,
service (``run_service``), respond. The public page and its feed are in ``public``.
"""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from awards.views.common import selected_year
from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import pdf_response, run_service
from thiduakhenthuong.core.workflow import actions_for
from thiduakhenthuong.documents.rendering import render_pdf
from thiduakhenthuong.organization.models import OtherPerson, SchoolYear, Staff

from . import permissions, services
from .forms import CommendForm, DeedEditForm, DeedReportForm, EntryForm, ReasonForm, RoundForm, SearchForm
from .models import ContestEntry, ContestRound, DeedStatus, GoodDeed, YearReport
from .reports import selected_entries, year_figures

PAGE_SIZE = 30


# --------------------------------------------------------------------------------------------------
# Good deeds
# --------------------------------------------------------------------------------------------------


def _visible_deeds(staff):
    deeds = GoodDeed.objects.filter(school_id=staff.school_id)
    if not permissions.can_verify_deeds(staff):
        deeds = deeds.filter(Q(status=DeedStatus.VERIFIED) | Q(reported_by=staff))
    return deeds


@staff_required()
def deed_list(request):
    """The school's deeds: verified ones and one's own reports for everyone; every deed for the managers, with a
    filter by state. Accent-insensitive search; paginated; a constant number of queries."""
    staff = request.staff
    deeds = _visible_deeds(staff).for_list().annotate(image_count=Count("images")).order_by("-occurred_on", "-id")
    status = request.GET.get("status", "")
    if status in DeedStatus.values:
        deeds = deeds.filter(status=status)
    search = SearchForm(request.GET or None)
    if search.is_valid() and search.cleaned_data["q"]:
        deeds = deeds.search(search.cleaned_data["q"])
    page = Paginator(deeds, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exemplars/deed_list.html",
        {
            "page": page,
            "search": search,
            "status": status,
            "states": DeedStatus.choices,
            "manager": permissions.can_verify_deeds(staff),
            "public_url": reverse("exemplars:public_deeds", args=[request.school.abbreviation.lower()]),
        },
    )


def _report_form(request):
    year = SchoolYear.objects.current(request.school)
    return DeedReportForm(request.POST or None, request.FILES or None, school=request.school, year=year)


@staff_required(permissions.can_report_deed)
def deed_report(request):
    form = _report_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = {}
        if data["kind"] == "pupil":
            person["pupil"] = data["pupil"]
        elif data["kind"] == "staff":
            person["staff"] = data["staff"]
        else:
            person["other_person"] = OtherPerson(
                full_name=data["other_name"].strip(),
                relation=data["other_relation"],
                description=data["other_description"].strip(),
            )
        done = run_service(
            request,
            lambda: services.report_deed(
                actor=request.user, reporter=request.staff, title=data["title"], description=data["description"],
                occurred_on=data["occurred_on"], place=data["place"], full_name_consent=data["full_name_consent"],
                images=data["images"], **person,
            ),
            form=form,
        )  # fmt: skip
        if done:
            deed = done.value
            messages.success(
                request, f"Đã báo việc tốt “{deed.title}” của {deed.exemplar}: chờ ban giám hiệu xác minh."
            )
            return redirect("exemplars:deed_detail", pk=deed.pk)
    return render(request, "exemplars/deed_form.html", {"form": form, "heading": "Báo việc tốt"})


@staff_required()
def deed_detail(request, pk):
    staff = request.staff
    deed = permissions.get_deed_for_view(staff, pk)
    actions = actions_for(
        deed,
        {
            "edit": lambda obj: permissions.can_edit_deed(staff, obj),
            "verify": lambda obj: permissions.can_verify_deed(staff, obj),
            "reject": lambda obj: permissions.can_reject_deed(staff, obj),
        },
    )
    commend_titles = services.commendation_titles(deed)
    return render(
        request,
        "exemplars/deed_detail.html",
        {
            "deed": deed,
            "images": list(deed.images.all()),
            "actions": {verb.name: verb for verb in actions},
            "reason_form": ReasonForm(),
            "can_hide": permissions.can_hide_deed(staff, deed),
            "can_commend": permissions.can_commend_deed(staff, deed),
            "commend_form": CommendForm(
                titles=commend_titles, initial={"achievements": services.commendation_text(deed)}
            ),
            "can_remove_images": permissions.can_edit_deed(staff, deed) or permissions.can_hide_deed(staff, deed),
        },
    )


@staff_required()
def deed_edit(request, pk):
    deed = permissions.get_deed_for_edit(request.staff, pk)
    initial = {name: getattr(deed, name) for name in services.DEED_FIELDS}
    form = DeedEditForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        images = data.pop("images")
        done = run_service(
            request,
            lambda: services.edit_deed(actor=request.user, deed=deed, images=images, **data),
            f"Đã lưu việc tốt “{data['title']}”.",
            form,
        )
        if done:
            return redirect("exemplars:deed_detail", pk=deed.pk)
    return render(request, "exemplars/deed_form.html", {"form": form, "heading": f"Sửa việc tốt “{deed.title}”"})


@require_POST
@staff_required()
def deed_verify(request, pk):
    deed = permissions.get_deed_for_decide(request.staff, pk)
    run_service(
        request,
        lambda: services.verify_deed(actor=request.user, deed=deed),
        f"Đã xác minh việc tốt “{deed.title}” của {deed.exemplar}: việc tốt được đăng trên trang công khai.",
    )
    return redirect("exemplars:deed_detail", pk=pk)


@require_POST
@staff_required()
def deed_reject(request, pk):
    deed = permissions.get_deed_for_decide(request.staff, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.reject_deed(actor=request.user, deed=deed, reason=form.cleaned_data["reason"]),
            f"Đã ghi không xác minh việc tốt “{deed.title}”.",
        )
    else:
        messages.error(request, "Hãy ghi lý do không xác minh.")
    return redirect("exemplars:deed_detail", pk=pk)


@require_POST
@staff_required()
def deed_hide(request, pk):
    deed = permissions.get_deed_for_hide(request.staff, pk)
    hide = request.POST.get("hidden") == "1"
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if hide and not reason:
        messages.error(request, "Hãy ghi lý do ẩn việc tốt.")
        return redirect("exemplars:deed_detail", pk=pk)
    done_text = (
        f"Đã ẩn việc tốt “{deed.title}” khỏi trang công khai." if hide else f"Đã công khai lại việc tốt “{deed.title}”."
    )
    run_service(
        request, lambda: services.set_deed_hidden(actor=request.user, deed=deed, hidden=hide, reason=reason), done_text
    )
    return redirect("exemplars:deed_detail", pk=pk)


@staff_required()
def deed_commend(request, pk):
    """The principal proposes an ad-hoc commendation from a verified deed (GET shows the form on the deed's page)."""
    deed = permissions.get_deed_for_commend(request.staff, pk)
    if request.method != "POST":
        return redirect("exemplars:deed_detail", pk=pk)
    form = CommendForm(request.POST, titles=services.commendation_titles(deed))
    if form.is_valid():
        title = form.cleaned_data["title"]
        run_service(
            request,
            lambda: services.commend_deed(
                actor=request.user, deed=deed, title=title, achievements=form.cleaned_data["achievements"]
            ),
            f"Đã đề nghị khen thưởng đột xuất “{title.name}” cho {deed.exemplar}: đề nghị chờ ra quyết định.",
        )
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("exemplars:deed_detail", pk=pk)


@staff_required()
def image_view(request, pk):
    """A deed's photo for those who may read the deed (never cached by a shared cache)."""
    image = permissions.get_image_for_view(request.staff, pk)
    response = FileResponse(image.file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@staff_required()
def image_remove(request, pk):
    image = permissions.get_image_for_remove(request.staff, pk)
    deed_pk = image.deed_id
    run_service(request, lambda: services.remove_image(actor=request.user, image=image), "Đã xoá ảnh.")
    return redirect("exemplars:deed_detail", pk=deed_pk)


# --------------------------------------------------------------------------------------------------
# The writing contest
# --------------------------------------------------------------------------------------------------


@staff_required()
def contest_list(request):
    """The rounds of the school, newest first; the current one with one's own entries (all entries: managers)."""
    staff = request.staff
    rounds = list(ContestRound.objects.filter(school_id=staff.school_id).select_related("school_year"))
    manager = permissions.can_manage_contest(staff)
    entries = ContestEntry.objects.filter(contest__school_id=staff.school_id).select_related("author", "contest")
    if not manager:
        entries = entries.filter(author=staff)
    year = SchoolYear.objects.current(request.school)
    return render(
        request,
        "exemplars/contest_list.html",
        {
            "rounds": rounds,
            "entries": list(entries.annotate(attachment_count=Count("attachments")).order_by("-id")),
            "manager": manager,
            "today": timezone.localdate(),
            "can_create": manager and year is not None and not any(r.school_year_id == year.pk for r in rounds),
        },
    )


@staff_required(permissions.can_manage_contest)
def contest_create(request):
    year = SchoolYear.objects.current(request.school)
    if year is None:
        messages.error(request, "Chưa có năm học hiện tại.")
        return redirect("exemplars:contest_list")
    organiser = f"Phòng GDĐT {request.school.parent_agency.removeprefix('UBND ')}"
    form = RoundForm(request.POST or None, initial={"organiser": organiser})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.ROUND_FIELDS}
        done = run_service(
            request,
            lambda: services.save_round(actor=request.user, school_year=year, **fields),
            f"Đã lập cuộc thi viết năm học {year}.",
            form,
        )
        if done:
            return redirect("exemplars:contest_detail", pk=done.value.pk)
    return render(request, "exemplars/simple_form.html", {"form": form, "heading": f"Cuộc thi viết năm học {year}"})


@staff_required(permissions.can_manage_contest)
def contest_edit(request, pk):
    contest = permissions.get_round_for_manage(request.staff, pk)
    form = RoundForm(request.POST or None, instance=contest)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.ROUND_FIELDS}
        contest.refresh_from_db()  # the form wrote onto the instance; the service compares with the stored row
        done = run_service(
            request,
            lambda: services.save_round(actor=request.user, school_year=contest.school_year, contest=contest, **fields),
            "Đã lưu cuộc thi viết.",
            form,
        )
        if done:
            return redirect("exemplars:contest_detail", pk=contest.pk)
    return render(request, "exemplars/simple_form.html", {"form": form, "heading": str(contest)})


@staff_required()
def contest_detail(request, pk):
    staff = request.staff
    contest = permissions.get_round(staff, pk)
    manager = permissions.can_manage_contest(staff)
    entries = (
        contest.entries.select_related("author__team").annotate(attachment_count=Count("attachments")).order_by("id")
    )
    if not manager:
        entries = entries.filter(author=staff)
    today = timezone.localdate()
    return render(
        request,
        "exemplars/contest_detail.html",
        {"contest": contest, "entries": list(entries), "manager": manager, "is_open": contest.is_open(today)},
    )


@staff_required()
def entry_create(request, pk):
    contest = permissions.get_round(request.staff, pk)
    if not contest.is_open(timezone.localdate()):
        messages.error(request, f"Cuộc thi nhận bài từ {contest.opens_on:%d/%m/%Y} đến {contest.closes_on:%d/%m/%Y}.")
        return redirect("exemplars:contest_detail", pk=pk)
    form = EntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("attachments")
        done = run_service(
            request,
            lambda: services.submit_entry(
                actor=request.user, contest=contest, author=request.staff, files=files, **data
            ),
            form=form,
        )
        if done:
            messages.success(request, f"Đã nộp bài dự thi “{done.value.title}”.")
            return redirect("exemplars:entry_detail", pk=done.value.pk)
    return render(
        request, "exemplars/simple_form.html", {"form": form, "heading": f"Bài dự thi: {contest.name}", "files": True}
    )


@staff_required()
def entry_detail(request, pk):
    entry = permissions.get_entry_for_view(request.staff, pk)
    return render(
        request,
        "exemplars/entry_detail.html",
        {
            "entry": entry,
            "attachments": list(entry.attachments.all()),
            "can_edit": permissions.can_edit_entry(request.staff, entry),
            "can_select": permissions.can_manage_contest(request.staff),
        },
    )


@staff_required()
def entry_edit(request, pk):
    entry = permissions.get_entry_for_edit(request.staff, pk)
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in services.ENTRY_FIELDS}
        files = form.cleaned_data["attachments"]
        entry.refresh_from_db()
        done = run_service(
            request,
            lambda: services.edit_entry(actor=request.user, entry=entry, files=files, **data),
            "Đã lưu bài dự thi.",
            form,
        )
        if done:
            return redirect("exemplars:entry_detail", pk=entry.pk)
    return render(
        request, "exemplars/simple_form.html", {"form": form, "heading": f"Sửa bài “{entry.title}”", "files": True}
    )


@require_POST
@staff_required()
def entry_select(request, pk):
    entry = permissions.get_entry_for_select(request.staff, pk)
    selected = request.POST.get("selected") == "1"
    run_service(
        request,
        lambda: services.select_entry(actor=request.user, entry=entry, selected=selected),
        f"Đã chọn bài “{entry.title}” gửi dự thi." if selected else f"Đã bỏ chọn bài “{entry.title}”.",
    )
    return redirect("exemplars:contest_detail", pk=entry.contest_id)


@staff_required()
def entry_attachment(request, pk):
    attachment = permissions.get_contest_attachment(request.staff, pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@staff_required(permissions.can_manage_contest)
def contest_print(request, pk):
    """The list of the entries the school sends to the higher office, in the national format."""
    contest = permissions.get_round_for_manage(request.staff, pk)
    today = timezone.localdate()
    context = {
        "contest": contest,
        "entries": selected_entries(contest),
        "school": request.school,
        "today": today,
        "principal": Staff.objects.principal_of(request.school, on=today),
    }
    return pdf_response(
        render_pdf("exemplars/pdf/contest_entries.html", context), f"Danh sách bài dự thi {contest.school_year}.pdf"
    )


# --------------------------------------------------------------------------------------------------
# The yearly report (BC)
# --------------------------------------------------------------------------------------------------


@staff_required(permissions.can_draft_year_report)
def year_report(request):
    """The year's figures on screen, and the BC drafted (or refreshed while a draft) through the documents app."""
    year, year_form = selected_year(request)
    if year is None:
        messages.info(request, "Chưa có năm học: hãy thêm năm học trước.")
        return render(request, "exemplars/year_report.html", {"year": None})
    report = YearReport.objects.of_year(year)
    if request.method == "POST":
        done = run_service(
            request,
            lambda: services.draft_year_report(actor=request.user, school_year=year),
            f"Đã lập dự thảo báo cáo người tốt, việc tốt năm học {year}: văn thư cấp số trong Văn bản.",
        )
        if done:
            return redirect("documents:document_detail", pk=done.value.document_id)
        return redirect(f"{request.path}?year={year.pk}")
    return render(
        request,
        "exemplars/year_report.html",
        {"year": year, "year_form": year_form, "figures": year_figures(year), "report": report},
    )
