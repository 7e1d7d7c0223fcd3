"""Who may see and act on the school's documents, and fetch-and-authorize helpers for the views.

Decision (documented in the report): the principal, vice-principals, the clerk and the administrator read the
whole archive, drafts included; every other staff member sees only the signed documents of their own school
(what was actually promulgated), with their PDF and signed scan. The clerk and the principal give numbers; the
clerk uploads signed scans; only the principal cancels; the principal, vice-principals and the clerk draft.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.organization.models import Role
from thiduakhenthuong.organization.permissions import SCHOOL_READERS, has_role

from .models import DocumentStatus, DocumentType, OfficialDocument

ARCHIVE_READERS = SCHOOL_READERS
ISSUERS = frozenset({Role.CLERK, Role.PRINCIPAL})
SCAN_UPLOADERS = frozenset({Role.CLERK})
CANCELLERS = frozenset({Role.PRINCIPAL})
DRAFTERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK})
#: Documents simple enough for the generic form; the others are drafted by the app that owns them.
SIMPLE_TYPES = (DocumentType.NOTICE, DocumentType.LETTER, DocumentType.REPORT)
GENERIC_TEMPLATE = OfficialDocument._meta.get_field("template_name").default


def reads_archive(request) -> bool:
    return has_role(request, ARCHIVE_READERS)


def visible_documents(request):
    """The documents of the user's school that the user may see."""
    documents = OfficialDocument.objects.filter(school=request.school)
    return documents if reads_archive(request) else documents.filter(status=DocumentStatus.SIGNED)


def can_view_document(request, document: OfficialDocument) -> bool:
    return reads_archive(request) or document.status == DocumentStatus.SIGNED


def can_issue_document(request, document: OfficialDocument) -> bool:
    return has_role(request, ISSUERS) and document.can("issue")


def can_upload_scan(request, document: OfficialDocument) -> bool:
    return has_role(request, SCAN_UPLOADERS) and document.can("attach_signed_scan")


def can_cancel_document(request, document: OfficialDocument) -> bool:
    return has_role(request, CANCELLERS) and document.can("cancel")


def can_create_document(request) -> bool:
    return has_role(request, DRAFTERS)


def can_edit_document(request, document: OfficialDocument) -> bool:
    """Drafts of the generic template only: an app's own documents (decisions, minutes…) are edited in that app."""
    return has_role(request, DRAFTERS) and document.can("update") and document.template_name == GENERIC_TEMPLATE


def _get(request, pk) -> OfficialDocument:
    return get_object_or_404(
        OfficialDocument.objects.select_related("issuer__school", "signer", "drafter"), pk=pk, school=request.school
    )


def _authorized(request, pk, predicate, message) -> OfficialDocument:
    document = _get(request, pk)
    if not can_view_document(request, document) or not predicate(request, document):
        raise PermissionDenied(message)
    return document


def get_document_for_view(request, pk) -> OfficialDocument:
    return _authorized(request, pk, lambda *_: True, "Bạn không có quyền xem văn bản này.")


def get_document_for_issue(request, pk) -> OfficialDocument:
    return _authorized(request, pk, lambda r, d: has_role(r, ISSUERS), "Chỉ văn thư và hiệu trưởng được cấp số.")


def get_document_for_scan_upload(request, pk) -> OfficialDocument:
    return _authorized(request, pk, lambda r, d: has_role(r, SCAN_UPLOADERS), "Chỉ văn thư được đính kèm bản ký.")


def get_document_for_cancel(request, pk) -> OfficialDocument:
    return _authorized(request, pk, lambda r, d: has_role(r, CANCELLERS), "Chỉ hiệu trưởng được huỷ văn bản.")


def get_document_for_edit(request, pk) -> OfficialDocument:
    return _authorized(request, pk, can_edit_document, "Bạn không thể sửa văn bản này.")
