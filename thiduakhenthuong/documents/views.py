"""The document archive: the register of the school's documents, a document's page and its actions."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import message_errors, pdf_response, run_service
from thiduakhenthuong.core.workflow import actions_for

from . import rendering, services
from .forms import CancelForm, DocumentFilterForm, DocumentForm, IssueForm, ScanForm
from .models import Issuer, OfficialDocument
from .permissions import (
    can_cancel_document,
    can_create_document,
    can_edit_document,
    can_issue_document,
    can_read_archive,
    can_upload_scan,
    get_document_for_cancel,
    get_document_for_edit,
    get_document_for_issue,
    get_document_for_scan_upload,
    get_document_for_view,
    visible_documents,
)

PAGE_SIZE = 50


@staff_required()
def document_list(request):
    """Sổ văn bản: the school's documents (signed ones only for staff outside the archive's readers)."""
    documents = visible_documents(request.staff)
    years = documents.filter(year__isnull=False).order_by("-year").values_list("year", flat=True).distinct()
    form = DocumentFilterForm(request.GET or None, years=list(years), show_status=can_read_archive(request.staff))
    if form.is_valid():
        data = form.cleaned_data
        documents = documents.search(data["q"])
        if data["doc_type"]:
            documents = documents.filter(doc_type=data["doc_type"])
        if data["year"]:
            documents = documents.filter(year=data["year"])
        if data.get("status"):
            documents = documents.filter(status=data["status"])
    page = Paginator(documents.for_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/document_list.html",
        {"page": page, "form": form, "can_create": can_create_document(request.staff)},
    )


@staff_required()
def document_detail(request, pk):
    document = get_document_for_view(request.staff, pk)
    history = (
        AuditEntry.objects.for_object(document).select_related("actor__staff")
        if can_read_archive(request.staff)
        else []
    )
    staff = request.staff
    actions = actions_for(
        document,
        {
            "update": lambda d: can_edit_document(staff, d),
            "issue": lambda d: can_issue_document(staff, d),
            "attach_signed_scan": lambda d: can_upload_scan(staff, d),
            "cancel": lambda d: can_cancel_document(staff, d),
        },
    )
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "preview": rendering.render_document_preview(document),
            "history": history,
            "actions": actions,
            "offered": {verb.name for verb in actions},
            "issue_form": IssueForm(initial={"issued_on": document.document_date}),
            "scan_form": ScanForm(),
            "cancel_form": CancelForm(),
        },
    )


def _run(request, document, action, success: str):
    """Run the verb's service, show its outcome, and go back to the document."""
    run_service(request, action, success)
    return redirect("documents:document_detail", pk=document.pk)


@require_POST
@staff_required()
def document_issue(request, pk):
    document = get_document_for_issue(request.staff, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày văn bản không hợp lệ (dd/mm/yyyy).")
        return redirect("documents:document_detail", pk=document.pk)

    def issue():
        services.issue_document(actor=request.user, document=document, issued_on=form.cleaned_data["issued_on"])

    return _run(request, document, issue, "Đã cấp số văn bản.")


@require_POST
@staff_required()
def document_upload_scan(request, pk):
    document = get_document_for_scan_upload(request.staff, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        message_errors(request, form)
        return redirect("documents:document_detail", pk=document.pk)

    def attach():
        services.attach_signed_scan(actor=request.user, document=document, uploaded_file=form.cleaned_data["scan"])

    return _run(request, document, attach, "Đã đính kèm bản ký.")


@require_POST
@staff_required()
def document_cancel(request, pk):
    document = get_document_for_cancel(request.staff, pk)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""

    def cancel():
        services.cancel_document(actor=request.user, document=document, reason=reason)

    return _run(request, document, cancel, "Đã huỷ văn bản; số của văn bản không được cấp lại.")


@staff_required()
def document_pdf(request, pk):
    document = get_document_for_view(request.staff, pk)
    return pdf_response(rendering.render_document_pdf(document), rendering.pdf_filename(document))


@staff_required()
def document_scan(request, pk):
    """The signed scan, through this permission-checked view only (scans have no public URL)."""
    document = get_document_for_view(request.staff, pk)
    if not document.signed_scan:
        raise Http404("Văn bản chưa có bản ký.")
    extension = document.signed_scan.name.rsplit(".", 1)[-1]
    content_type = {ext: mime for mime, ext in settings.DOCUMENT_SCAN_ALLOWED_TYPES.items()}.get(extension)
    stem = rendering.pdf_filename(document).removesuffix(".pdf")
    return FileResponse(
        document.signed_scan.open("rb"),
        as_attachment=True,
        filename=f"{stem}-ban-ky.{extension}",
        content_type=content_type or "application/octet-stream",
    )


def _form_page(request, form, title, document=None):
    return render(request, "documents/document_form.html", {"form": form, "title": title, "document": document})


@staff_required(can_create_document)
def document_create(request):
    issuer = Issuer.for_school(request.school)
    form = DocumentForm(request.POST or None, instance=OfficialDocument(issuer=issuer), school=request.school)
    if request.method == "POST" and form.is_valid():
        created = run_service(
            request,
            lambda: services.create_draft(
                actor=request.user, issuer=issuer, drafter=request.staff, **form.cleaned_data
            ),
            "Đã lưu dự thảo. Văn thư cấp số khi văn bản được duyệt.",
            form,
        )
        if created:
            return redirect("documents:document_detail", pk=created.value.pk)
    return _form_page(request, form, "Soạn văn bản mới")


@staff_required()
def document_update(request, pk):
    document = get_document_for_edit(request.staff, pk)
    form = DocumentForm(request.POST or None, instance=document, school=request.school)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: services.update_draft(actor=request.user, document=document, **form.cleaned_data),
            "Đã lưu dự thảo.",
            form,
        )
        if saved:
            return redirect("documents:document_detail", pk=document.pk)
    return _form_page(request, form, f"Sửa dự thảo: {document.summary}", document)
