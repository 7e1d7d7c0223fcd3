"""Certificates: one per award (from the award history), and a decision's all as one PDF made in the background.

The batch page never waits on the batch: it asks the worker (``certificates.request_certificate_batch``) and polls
the progress fragment with htmx until the file is ready; the file is served only through ``certificate_batch_file``,
which checks the reader's permission (the media store has no public URL).
"""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import download_name, pdf_response, run_service

from .. import certificates
from ..forms import CertificateBatchForm
from ..models import BatchStatus
from ..permissions import (
    can_print_certificates,
    get_award_for_certificate,
    get_certificate_batch_for_view,
)


@staff_required()
def award_certificate(request, pk):
    """One certificate, downloaded from its row of the award history."""
    award = get_award_for_certificate(request.staff, pk)
    pdf = certificates.render_certificate(award)
    return pdf_response(pdf, f"giay-khen-{award.recipient}-{award.school_year.name}.pdf")


@staff_required(can_print_certificates)
def certificate_list(request):
    """Every decision of the award history that conferred certificates, with its printable file."""
    groups = certificates.decision_groups(request.school)
    rows = [(group, certificates.can_request_again(group.batch)) for group in groups]
    return render(request, "awards/certificate_list.html", {"rows": rows})


@require_POST
@staff_required(can_print_certificates)
def certificate_batch_request(request):
    form = CertificateBatchForm(request.POST, school=request.school)
    if not form.is_valid():
        raise Http404("Không có quyết định này.")
    key = certificates.DecisionKey.of(form.cleaned_data["award"])
    requested = run_service(
        request,
        lambda: certificates.request_certificate_batch(actor=request.user, school=request.school, key=key),
        success="Đã gửi yêu cầu in giấy khen: tệp đang được tạo, trang sẽ báo khi xong.",
    )
    if requested:
        return redirect("awards:certificate_batch", requested.value.pk)
    return redirect("awards:certificate_list")


def _batch_context(request, batch):
    awards = list(certificates.certificate_awards(request.school).filter(certificates.DecisionKey.of(batch).q()))
    return {
        "batch": batch,
        "awards": awards,
        "waiting": batch.status in {BatchStatus.QUEUED, BatchStatus.RUNNING},
        "can_request": certificates.can_request_again(batch),
        "first_award_id": awards[0].pk if awards else None,
    }


@staff_required(can_print_certificates)
def certificate_batch(request, pk):
    batch = get_certificate_batch_for_view(request.staff, pk)
    return render(request, "awards/certificate_batch.html", _batch_context(request, batch))


@staff_required(can_print_certificates)
def certificate_batch_progress(request, pk):
    """The progress fragment the batch page polls (it stops polling once the batch is done or failed)."""
    batch = get_certificate_batch_for_view(request.staff, pk)
    awards = certificates.certificate_awards(request.school).filter(certificates.DecisionKey.of(batch).q())
    context = {
        "batch": batch,
        "waiting": batch.status in {BatchStatus.QUEUED, BatchStatus.RUNNING},
        "can_request": certificates.can_request_again(batch),
        "first_award_id": awards.order_by("pk").values_list("pk", flat=True).first(),
    }
    return render(request, "awards/certificate_batch.html#progress", context)


@staff_required(can_print_certificates)
def certificate_batch_file(request, pk):
    batch = get_certificate_batch_for_view(request.staff, pk)
    if batch.status != BatchStatus.DONE or not batch.file:
        raise Http404("Tệp giấy khen chưa được tạo xong.")
    name = download_name(f"giay-khen-{batch.decision_symbol.replace('/', '-')}.pdf")
    return FileResponse(batch.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")
