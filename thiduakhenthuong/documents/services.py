"""Writes to official documents and their number register.

Every function takes keyword arguments only, runs in one transaction, locks the document row it changes
(``select_for_update``), checks the move against ``models.DOCUMENT_WORKFLOW`` and writes its audit row in the same
transaction. It returns the updated document; the instance passed in is refreshed as well.

``draft_yearly_report`` is the one way an app drafts its yearly report (a ``YearlyReport`` and its BC) on top of
``create_draft`` and ``update_draft``.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.organization.models import SchoolYear, Staff

from .models import DocumentType, Issuer, NumberRegister, OfficialDocument, YearlyReport, private_storage
from .validators import validate_scan_upload

#: Fields a caller may set on a draft (everything else is the workflow's).
EDITABLE_FIELDS = frozenset(
    {
        "issuer",
        "doc_type",
        "drafting_unit",
        "place_name",
        "document_date",
        "summary",
        "grounds",
        "addressees",
        "body",
        "content",
        "template_name",
        "signer",
        "signer_capacity",
        "signer_authority",
        "signer_position",
        "signer_name",
        "recipients",
        "archive_note",
        "drafter",
    }
)


def _check_fields(fields: dict) -> None:
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable on a document: {', '.join(sorted(unknown))}")


def _fill_signer(document: OfficialDocument) -> None:
    """Take the signer's name (and position) as printed from the staff record when the caller left them blank."""
    if document.signer_id is None:
        return
    if not document.signer_name:
        document.signer_name = document.signer.full_name
    if document.signer_capacity:
        # "KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG": the position is the signer's own.
        document.signer_position = document.signer_position or document.signer.position
    elif not document.signer_authority:
        document.signer_authority = document.signer.position


def _lock(document: OfficialDocument) -> OfficialDocument:
    # Lock the document row only (of="self"): locking the joined issuer and school rows would serialise every
    # document change of a school and block unrelated writes to the school.
    return OfficialDocument.objects.select_for_update(of=("self",)).select_related("issuer__school").get(pk=document.pk)


def _finish(document: OfficialDocument, locked: OfficialDocument) -> OfficialDocument:
    document.refresh_from_db()
    return locked


def _locked_register(*, issuer: Issuer, year: int) -> NumberRegister:
    """The issuer's register row for ``year``, locked until the transaction ends; created on first use.

    Two first issues of a year may race to create the row: the unique constraint lets one insert win and the
    other insert do nothing (ON CONFLICT DO NOTHING), then both queue on the row lock.
    """
    register = NumberRegister.objects.select_for_update().filter(issuer=issuer, year=year).first()
    if register is None:
        NumberRegister.objects.bulk_create([NumberRegister(issuer=issuer, year=year)], ignore_conflicts=True)
        register = NumberRegister.objects.select_for_update().get(issuer=issuer, year=year)
    return register


def _take_number(*, issuer: Issuer, year: int) -> int:
    """The next number of the issuer's sequence for ``year``. It is only used if the caller's transaction commits,
    so a failure after this call leaves no gap."""
    register = _locked_register(issuer=issuer, year=year)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    return register.last_number


def _snapshot_header(document: OfficialDocument) -> None:
    """Freeze the header lines as printed on the day of issue."""
    document.issuer_parent_name = document.issuer_parent_name or document.issuer.parent_name
    document.issuer_name = document.issuer_name or document.issuer.name
    document.place_name = document.place_name or document.issuer.school.place_name


def _validate_for_issue(document: OfficialDocument) -> None:
    if not document.summary.strip():
        raise ValidationError({"summary": "Văn bản phải có trích yếu trước khi cấp số."})
    document.refresh_derived()
    document.full_clean(validate_constraints=False)


@transaction.atomic
def create_draft(
    *, actor, issuer: Issuer, doc_type: str, summary: str, document_date: date | None = None, **fields
) -> OfficialDocument:
    """Create a draft (no number yet). ``fields`` are any of ``EDITABLE_FIELDS``; the signer's printed name is
    taken from the signer when not given."""
    _check_fields(fields)
    document = OfficialDocument(
        issuer=issuer, doc_type=doc_type, summary=summary, document_date=document_date, **fields
    )
    _fill_signer(document)
    document.refresh_derived()
    document.full_clean()
    document.save()
    audit.record(
        actor=actor, action="documents.create", obj=document, data=audit.change(after={"status": document.status})
    )
    return document


@transaction.atomic
def update_draft(*, actor, document: OfficialDocument, **fields) -> OfficialDocument:
    """Change a draft's fields (only a draft may change). Changing the signer re-reads the printed name."""
    _check_fields(fields)
    locked = _lock(document)
    locked.check_transition("update")
    if "signer" in fields and "signer_name" not in fields:
        locked.signer_name = ""
    for name, value in fields.items():
        setattr(locked, name, value)
    _fill_signer(locked)
    locked.refresh_derived()
    locked.full_clean()
    locked.save()
    audit.record(actor=actor, action="documents.update", obj=locked, data={"fields": sorted(fields)})
    return _finish(document, locked)


@transaction.atomic
def issue_document(*, actor, document: OfficialDocument, issued_on: date | None = None) -> OfficialDocument:
    """Give a draft the next number of its issuer's sequence for the year of ``issued_on``.

    ``issued_on`` (default: the draft's date, else today) becomes the document's date. Numbers of one issuer and
    year run 1, 2, 3… without gaps or duplicates, even under concurrent issues (row lock on the register plus the
    unique constraint on issuer, year and number).
    """
    locked = _lock(document)
    target = locked.check_transition("issue")
    issued_on = issued_on or locked.document_date or timezone.localdate()
    locked.document_date = issued_on
    _fill_signer(locked)
    _snapshot_header(locked)
    _validate_for_issue(locked)
    locked.number = _take_number(issuer=locked.issuer, year=issued_on.year)
    locked.year = issued_on.year
    from_state, locked.status = locked.status, target
    locked.issued_at = timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="documents.issue",
        obj=locked,
        data=audit.change({"status": from_state}, {"status": target, "symbol": locked.symbol}),
    )
    return _finish(document, locked)


@transaction.atomic
def register_historical(*, actor, document: OfficialDocument, number: int, issued_on: date) -> OfficialDocument:
    """Record a paper document issued before the system with the number it already bears (e.g. 23/KH-THCD of
    30/01/2023). The number must be free in that issuer's year; later issues continue after the highest number."""
    locked = _lock(document)
    target = locked.check_transition("register_historical")
    if number is None or number < 1:
        raise ValidationError({"number": "Số văn bản phải là số nguyên dương."})
    locked.document_date = issued_on
    _fill_signer(locked)
    _snapshot_header(locked)
    _validate_for_issue(locked)
    register = _locked_register(issuer=locked.issuer, year=issued_on.year)
    if OfficialDocument.objects.filter(issuer=locked.issuer, year=issued_on.year, number=number).exists():
        raise ValidationError(
            {"number": f"Số {number:02d} năm {issued_on.year} của {locked.issuer.name} đã được dùng cho văn bản khác."}
        )
    if number > register.last_number:
        register.last_number = number
        register.save(update_fields=["last_number"])
    locked.number, locked.year = number, issued_on.year
    from_state, locked.status = locked.status, target
    locked.is_historical = True
    locked.issued_at = timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="documents.register_historical",
        obj=locked,
        data=audit.change({"status": from_state}, {"status": target, "symbol": locked.symbol}),
    )
    return _finish(document, locked)


@transaction.atomic
def attach_signed_scan(*, actor, document: OfficialDocument, uploaded_file) -> OfficialDocument:
    """Attach the scan of the signed and stamped paper (PDF, JPEG or PNG by content, size-capped); the document
    becomes signed. A signed document may get a better scan: the old file is deleted once the change commits."""
    locked = _lock(document)
    target = locked.check_transition("attach_signed_scan")
    extension = validate_scan_upload(uploaded_file)
    old_name = locked.signed_scan.name
    locked.signed_scan.save(f"scan.{extension}", uploaded_file, save=False)
    new_name = locked.signed_scan.name
    try:
        from_state, locked.status = locked.status, target
        locked.signed_at = timezone.now()
        locked.save()
        audit.record(
            actor=actor,
            action="documents.attach_signed_scan" if from_state != target else "documents.replace_signed_scan",
            obj=locked,
            data=audit.change({"status": from_state}, {"status": target}),
        )
    except BaseException:
        private_storage.delete(new_name)
        raise
    if old_name and old_name != new_name:
        transaction.on_commit(lambda: private_storage.delete(old_name))
    return _finish(document, locked)


@transaction.atomic
def cancel_document(*, actor, document: OfficialDocument, reason: str) -> OfficialDocument:
    """Cancel a draft or an issued document, with a reason. Its number stays taken: it is never given again."""
    locked = _lock(document)
    target = locked.check_transition("cancel")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Phải ghi lý do huỷ văn bản."})
    from_state, locked.status = locked.status, target
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason
    locked.save()
    audit.record(
        actor=actor,
        action="documents.cancel",
        obj=locked,
        data=audit.change({"status": from_state}, {"status": target}),
        reason=reason,
    )
    return _finish(document, locked)


@transaction.atomic
def draft_yearly_report(
    *,
    actor,
    report_model: type[YearlyReport],
    school_year: SchoolYear,
    content: dict,
    summary: str,
    template_name: str,
    audit_action: str,
    audit_data: dict,
    **fields,
) -> YearlyReport:
    """The year's report of ``report_model`` (one per school year) as a draft BC of the school, signed by its
    principal, which the clerk numbers, prints and archives through the register. The first call creates the draft
    (``fields``: its own addressees, recipients, archive note); each later call while it is a draft replaces its
    figures (``content``) in the same document; once numbered it stays as issued and a refusal says its number.
    The caller checks the person's right; the report's audit row (``audit_action``) is written here."""
    report = report_model.objects.select_for_update(of=("self",)).of_year(school_year)
    if report is not None:
        if not report.is_draft:
            raise ValidationError(f"Báo cáo năm học {school_year} đã được cấp số {report.document.symbol}.")
        update_draft(actor=actor, document=report.document, content=content)
    else:
        school = school_year.school
        document = create_draft(
            actor=actor,
            issuer=Issuer.for_school(school),
            doc_type=DocumentType.REPORT,
            summary=summary,
            template_name=template_name,
            content=content,
            signer=Staff.objects.principal_of(school),
            signer_authority="HIỆU TRƯỞNG",
            drafter=acting_staff(actor),
            **fields,
        )
        report = report_model.objects.create(
            school=school, school_year=school_year, document=document, drafted_by=actor
        )
    audit.record(actor=actor, action=audit_action, obj=report, data=audit_data)
    return report
