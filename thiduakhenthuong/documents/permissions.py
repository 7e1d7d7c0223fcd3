"""Who may see and act on the school's documents, and fetch-and-authorize helpers for the views.

Decision (documented in the report): the principal, vice-principals, the clerk and the administrator read the
whole archive, drafts included; every other staff member sees only the signed documents of their own school
(what was actually promulgated), with their PDF and signed scan. The clerk and the principal give numbers; the
clerk uploads signed scans; only the principal cancels; the principal, vice-principals and the clerk draft.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.organization.models import Role, Staff
from thiduakhenthuong.organization.permissions import SCHOOL_READERS, holds

from .models import DocumentStatus, DocumentType, OfficialDocument

ARCHIVE_READERS = SCHOOL_READERS
ISSUERS = frozenset({Role.CLERK, Role.PRINCIPAL})
SCAN_UPLOADERS = frozenset({Role.CLERK})
CANCELLERS = frozenset({Role.PRINCIPAL})
DRAFTERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK})
#: Documents simple enough for the generic form; the others are drafted by the app that owns them.
SIMPLE_TYPES = (DocumentType.NOTICE, DocumentType.LETTER, DocumentType.REPORT)
GENERIC_TEMPLATE = OfficialDocument._meta.get_field("template_name").default


def can_read_archive(staff: Staff) -> bool:
    """The whole archive, drafts included."""
    return holds(staff, ARCHIVE_READERS)


def visible_documents(staff: Staff):
    """The documents of the person's school that the person may see."""
    documents = OfficialDocument.objects.filter(school_id=staff.school_id)
    return documents if can_read_archive(staff) else documents.filter(status=DocumentStatus.SIGNED)


def can_view_document(staff: Staff, document: OfficialDocument) -> bool:
    return document.school_id == staff.school_id and (
        can_read_archive(staff) or document.status == DocumentStatus.SIGNED
    )


def can_number_documents(staff: Staff) -> bool:
    return holds(staff, ISSUERS)


def can_upload_scans(staff: Staff) -> bool:
    return holds(staff, SCAN_UPLOADERS)


def can_issue_document(staff: Staff, document: OfficialDocument) -> bool:
    return can_number_documents(staff) and document.can("issue")


def can_upload_scan(staff: Staff, document: OfficialDocument) -> bool:
    return can_upload_scans(staff) and document.can("attach_signed_scan")


def can_cancel_document(staff: Staff, document: OfficialDocument) -> bool:
    return holds(staff, CANCELLERS) and document.can("cancel")


def can_create_document(staff: Staff) -> bool:
    return holds(staff, DRAFTERS)


def can_edit_document(staff: Staff, document: OfficialDocument) -> bool:
    """Drafts of the generic template only: an app's own documents (decisions, minutes…) are edited in that app."""
    return can_create_document(staff) and document.can("update") and document.template_name == GENERIC_TEMPLATE


def _authorized(staff: Staff, pk, allowed, message) -> OfficialDocument:
    document = get_object_or_404(
        OfficialDocument.objects.select_related("issuer__school", "signer", "drafter"),
        pk=pk,
        school_id=staff.school_id,
    )
    if not can_view_document(staff, document) or not allowed(staff, document):
        raise PermissionDenied(message)
    return document


def get_document_for_view(staff: Staff, pk) -> OfficialDocument:
    return _authorized(staff, pk, lambda *_: True, "Bạn không có quyền xem văn bản này.")


def get_document_for_issue(staff: Staff, pk) -> OfficialDocument:
    return _authorized(staff, pk, lambda s, d: can_number_documents(s), "Chỉ văn thư và hiệu trưởng được cấp số.")


def get_document_for_scan_upload(staff: Staff, pk) -> OfficialDocument:
    return _authorized(staff, pk, lambda s, d: can_upload_scans(s), "Chỉ văn thư được đính kèm bản ký.")


def get_document_for_cancel(staff: Staff, pk) -> OfficialDocument:
    return _authorized(staff, pk, lambda s, d: holds(s, CANCELLERS), "Chỉ hiệu trưởng được huỷ văn bản.")


def get_document_for_edit(staff: Staff, pk) -> OfficialDocument:
    return _authorized(staff, pk, can_edit_document, "Bạn không thể sửa văn bản này.")
