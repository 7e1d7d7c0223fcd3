"""The document workflow and the number register (SQLite and PostgreSQL)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import IssuerFactory
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services
from thiduakhenthuong.documents.models import (
    DocumentStatus,
    DocumentType,
    Issuer,
    IssuerKind,
    NumberRegister,
    OfficialDocument,
    scan_upload_to,
)
from thiduakhenthuong.organization.models import Role

from .conftest import jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db


def issue(document, day=date(2023, 3, 15), actor=None):
    return services.issue_document(actor=actor, document=document, issued_on=day)


def test_for_school_creates_the_school_issuer_once(school):
    issuer = Issuer.for_school(school)
    assert (issuer.kind, issuer.name, issuer.abbreviation, issuer.parent_name) == (
        IssuerKind.SCHOOL,
        school.name,
        "THCD",
        school.parent_agency,
    )
    assert Issuer.for_school(school) == issuer
    council = Issuer.for_council(school, name="Hội đồng Thi đua - Khen thưởng", abbreviation="HĐTĐKT")
    assert (council.kind, council.parent_name) == (IssuerKind.COUNCIL, school.name)
    assert Issuer.objects.filter(school=school).count() == 2


def test_create_draft_fills_signer_snapshot_and_audits(issuer, make_staff):
    principal = make_staff(Role.PRINCIPAL, full_name="Nguyễn Thị Minh", position="Hiệu trưởng")
    document = services.create_draft(
        actor=principal.user,
        issuer=issuer,
        doc_type=DocumentType.NOTICE,
        summary="Về việc phát động thi đua chào mừng 20/11",
        signer=principal,
        drafter=principal,
    )
    assert document.status == DocumentStatus.DRAFT
    assert document.number is None and document.symbol == "/TB-THCD"
    assert (document.signer_name, document.signer_authority) == ("Nguyễn Thị Minh", "Hiệu trưởng")
    assert document.signer_title == "HIỆU TRƯỞNG"
    assert document.school == issuer.school
    entry = AuditEntry.objects.for_object(document).get()
    assert (entry.action, entry.data, entry.actor, entry.school) == (
        "documents.create",
        {"after": {"status": "draft"}},
        principal.user,
        issuer.school,
    )


def test_signing_on_behalf_prints_capacity_authority_and_position(issuer, make_staff):
    vice = make_staff(Role.VICE_PRINCIPAL, full_name="Lê Văn Hùng", position="Phó hiệu trưởng")
    document = services.create_draft(
        actor=None,
        issuer=issuer,
        doc_type="BC",
        summary="Báo cáo",
        signer=vice,
        signer_capacity="KT.",
        signer_authority="Hiệu trưởng",
    )
    assert (document.signer_title, document.signer_position) == ("KT. HIỆU TRƯỞNG", "Phó hiệu trưởng")


def test_create_draft_rejects_a_signer_of_another_school_and_workflow_fields(issuer, other_school):
    from tests.factories import StaffFactory

    stranger = StaffFactory(school=other_school)
    with pytest.raises(ValidationError) as error:
        services.create_draft(actor=None, issuer=issuer, doc_type="TB", summary="x", signer=stranger)
    assert "Người ký phải là cán bộ của đơn vị ban hành." in str(error.value)
    with pytest.raises(TypeError):
        services.create_draft(actor=None, issuer=issuer, doc_type="TB", summary="x", number=5)


def test_update_draft_only_while_draft(make_document):
    document = make_document()
    services.update_draft(actor=None, document=document, summary="Về việc mới", body="Nội dung thi đua")
    assert document.summary == "Về việc mới"
    assert "thi dua" in document.search_text
    issue(document)
    with pytest.raises(ValidationError, match="Không thể sửa văn bản đang ở trạng thái “Đã cấp số”"):
        services.update_draft(actor=None, document=document, summary="Sửa sau khi cấp số")


def test_issue_numbers_sequentially_snapshots_header_and_audits(make_document, issuer, clerk):
    first, second, third = make_document(), make_document(doc_type="QĐ"), make_document(doc_type="KH")
    assert issue(first, actor=clerk.user).number == 1
    assert issue(second).number == 2
    assert issue(third).number == 3
    assert (first.symbol, second.symbol, third.symbol) == ("01/TB-THCD", "02/QĐ-THCD", "03/KH-THCD")
    assert first.status == DocumentStatus.ISSUED and first.year == 2023 and first.issued_at
    assert (first.issuer_parent_name, first.issuer_name, first.place_name) == (
        "UBND huyện Thanh Oai",
        "Trường Tiểu học Cao Dương",
        "Cao Dương",
    )
    assert NumberRegister.objects.get(issuer=issuer, year=2023).last_number == 3
    entry = AuditEntry.objects.for_object(first).filter(action="documents.issue").get()
    assert (entry.before, entry.after, entry.actor) == (
        {"status": "draft"},
        {"status": "issued", "symbol": "01/TB-THCD"},
        clerk.user,
    )
    # Renaming the school later leaves the issued header as printed.
    issuer.name = "Trường Tiểu học Cao Dương mới"
    issuer.save()
    first.refresh_from_db()
    assert first.header_issuer_name == "Trường Tiểu học Cao Dương"


def test_issue_defaults_to_the_document_date(make_document):
    document = make_document(document_date=date(2024, 1, 5))
    services.issue_document(actor=None, document=document)
    assert (document.year, document.number, document.document_date) == (2024, 1, date(2024, 1, 5))


def test_each_year_starts_again_from_one(make_document):
    assert issue(make_document(), date(2023, 12, 31)).number == 1
    assert issue(make_document(), date(2023, 12, 31)).number == 2
    assert issue(make_document(), date(2024, 1, 1)).symbol == "01/TB-THCD"
    assert issue(make_document(), date(2023, 6, 1)).number == 3


def test_a_council_keeps_its_own_sequence(school, make_document, issuer):
    council = IssuerFactory(school=school, council=True)
    assert issue(make_document()).number == 1
    minutes = issue(make_document(issuer=council, doc_type="BB"))
    assert (minutes.number, minutes.symbol) == (1, "01/BB-HĐTĐKT")
    assert minutes.header_parent_name == school.name
    assert issue(make_document()).number == 2


def test_schools_have_separate_sequences(make_document, other_school):
    other = IssuerFactory(school=other_school)
    assert issue(make_document()).number == 1
    assert issue(make_document(issuer=other)).symbol == "01/TB-THBH"


def test_a_cancelled_number_is_never_reused(make_document):
    first = issue(make_document())
    services.cancel_document(actor=None, document=first, reason="Ban hành nhầm")
    assert first.status == DocumentStatus.CANCELLED and first.number == 1 and first.cancel_reason == "Ban hành nhầm"
    assert issue(make_document()).number == 2


def test_cancel_needs_a_reason_and_not_a_signed_document(make_document, scan_file):
    draft = make_document()
    with pytest.raises(ValidationError, match="lý do"):
        services.cancel_document(actor=None, document=draft, reason="  ")
    services.cancel_document(actor=None, document=draft, reason="Không ban hành nữa")
    assert draft.number is None
    with pytest.raises(ValidationError, match="Không thể cấp số"):
        issue(draft)
    signed = issue(make_document())
    services.attach_signed_scan(actor=None, document=signed, uploaded_file=scan_file())
    with pytest.raises(ValidationError, match="Không thể huỷ văn bản đang ở trạng thái “Đã ký”"):
        services.cancel_document(actor=None, document=signed, reason="x")


def test_issuing_twice_is_refused(make_document):
    document = issue(make_document())
    with pytest.raises(ValidationError, match="Không thể cấp số văn bản đang ở trạng thái “Đã cấp số”"):
        issue(document)


def test_issue_requires_a_summary(make_document):
    document = make_document(summary="")
    with pytest.raises(ValidationError):
        issue(document)
    assert not NumberRegister.objects.exists() or NumberRegister.objects.get().last_number == 0


def test_register_historical_then_numbers_continue_after_it(make_document, issuer):
    plan = services.register_historical(
        actor=None, document=make_document(doc_type="KH"), number=23, issued_on=date(2023, 1, 30)
    )
    assert (plan.symbol, plan.status, plan.is_historical, plan.document_date) == (
        "23/KH-THCD",
        DocumentStatus.ISSUED,
        True,
        date(2023, 1, 30),
    )
    assert issue(make_document()).number == 24
    # An older paper number below the register's last one may still be recorded once.
    older = services.register_historical(actor=None, document=make_document(), number=7, issued_on=date(2023, 1, 9))
    assert older.symbol == "07/TB-THCD"
    assert NumberRegister.objects.get(issuer=issuer, year=2023).last_number == 24
    with pytest.raises(ValidationError, match="đã được dùng"):
        services.register_historical(actor=None, document=make_document(), number=23, issued_on=date(2023, 5, 1))
    with pytest.raises(ValidationError):
        services.register_historical(actor=None, document=make_document(), number=0, issued_on=date(2023, 5, 1))


def test_the_database_refuses_a_duplicate_number(make_document, issuer):
    issue(make_document())
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficialDocument.objects.create(issuer=issuer, doc_type="TB", summary="x", status="issued", number=1, year=2023)


def test_the_database_refuses_an_issued_document_without_number(issuer):
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficialDocument.objects.create(issuer=issuer, doc_type="TB", summary="x", status="issued")


@pytest.mark.parametrize(
    ("content", "extension"), [(None, "pdf"), (png_bytes(), "png"), (jpeg_bytes(), "jpg")], ids=["pdf", "png", "jpeg"]
)
def test_attach_signed_scan_by_content(make_document, scan_file, content, extension):
    document = issue(make_document())
    services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file(content, name="anh.bin"))
    assert document.status == DocumentStatus.SIGNED and document.signed_at
    assert document.signed_scan.name.endswith(f".{extension}")
    assert document.signed_scan.storage.exists(document.signed_scan.name)
    with pytest.raises(ValueError):
        document.signed_scan.url  # noqa: B018 - no public URL exists for a scan


def test_a_better_scan_replaces_the_old_file(make_document, scan_file, django_capture_on_commit_callbacks):
    document = issue(make_document())
    services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file())
    old_name = document.signed_scan.name
    with django_capture_on_commit_callbacks(execute=True):
        services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file(png_bytes()))
    assert document.signed_scan.name != old_name
    assert not document.signed_scan.storage.exists(old_name)
    assert AuditEntry.objects.for_object(document).filter(action="documents.replace_signed_scan").exists()


def test_scan_refused_by_content_size_or_state(make_document, scan_file, settings):
    document = make_document()
    with pytest.raises(ValidationError, match="Không thể đính kèm bản ký"):
        services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file())
    issue(document)
    with pytest.raises(ValidationError, match="PDF"):
        services.attach_signed_scan(
            actor=None, document=document, uploaded_file=scan_file(b"<html>not a pdf</html>", name="scan.pdf")
        )
    settings.DOCUMENT_SCAN_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="quá lớn"):
        services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file())
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED and not document.signed_scan


def test_letter_symbol_uses_the_drafting_unit(make_document):
    letter = issue(make_document(doc_type="CV", drafting_unit="VP"))
    assert letter.symbol == "01/THCD-VP"
    assert letter.type_name == ""


def test_search_is_accent_insensitive(make_document, school):
    make_document(summary="Kế hoạch công tác Thi đua - Khen thưởng năm 2023", body="")
    make_document(summary="Thông báo lịch họp phụ huynh", body="")
    found = OfficialDocument.objects.filter(school=school).search("thi dua")
    assert [d.summary for d in found] == ["Kế hoạch công tác Thi đua - Khen thưởng năm 2023"]
    assert OfficialDocument.objects.filter(school=school).search("KHEN THUONG").count() == 1


def test_demo_seeder_is_idempotent(school, make_staff):
    from io import StringIO

    from thiduakhenthuong.documents.demo import seed_documents

    make_staff(Role.PRINCIPAL, full_name="Nguyễn Thị Minh", position="Hiệu trưởng")
    make_staff(Role.CLERK, full_name="Trần Thị Ánh", position="Văn thư")
    seed_documents(school=school, stdout=StringIO(), today=date(2026, 11, 27))
    seed_documents(school=school, stdout=StringIO(), today=date(2026, 11, 27))
    letter, notice = OfficialDocument.objects.filter(school=school).order_by("doc_type")
    assert (letter.symbol, letter.status, letter.signer_name, letter.archive_note) == (
        "25/THCD-VP",
        "issued",
        "Nguyễn Thị Minh",
        "VT (Ánh 02)",
    )
    assert notice.status == DocumentStatus.DRAFT
    # The reference plan registered later keeps its paper number; new numbers follow the letter's.
    plan = OfficialDocument.objects.create(issuer=letter.issuer, doc_type="KH", summary="Kế hoạch")
    assert services.register_historical(actor=None, document=plan, number=23, issued_on=date(2023, 1, 30)).number == 23
    later_2023 = OfficialDocument.objects.create(
        issuer=letter.issuer, doc_type="CV", summary="Công văn", document_date=date(2023, 6, 1)
    )
    assert services.issue_document(actor=None, document=later_2023).number == 26
    # the notice is dated the day the demo lives in: the first number of that year's register
    assert (notice.document_date, services.issue_document(actor=None, document=notice).number) == (
        date(2026, 11, 27),
        1,
    )


@pytest.mark.parametrize(("left_on", "drafter"), [(date(2026, 11, 28), "Trần Thị Ánh"), (date(2026, 11, 27), None)])
def test_the_demo_letter_is_drafted_by_the_clerk_still_working_on_the_demo_day(school, make_staff, left_on, drafter):
    """A clerk who has given a leaving day after the demo's day still works there and drafts the letter; from that
    day on she drafts nothing."""
    from io import StringIO

    from thiduakhenthuong.documents.demo import LETTER_SUMMARY, seed_documents

    make_staff(Role.CLERK, full_name="Trần Thị Ánh", position="Văn thư", left_on=left_on)
    seed_documents(school=school, stdout=StringIO(), today=date(2026, 11, 27))
    letter = OfficialDocument.objects.get(school=school, summary=LETTER_SUMMARY)
    assert (letter.drafter and letter.drafter.full_name, letter.archive_note) == (
        drafter,
        "VT (Ánh 02)" if drafter else "VT",
    )


@pytest.mark.parametrize(
    ("content", "name", "extension"),
    [(None, "ban-ky.png", "pdf"), (png_bytes(), "quet.pdf", "png"), (jpeg_bytes(), "x.php", "jpg")],
    ids=["pdf named .png", "png named .pdf", "jpeg named .php"],
)
def test_a_scan_is_stored_under_the_type_of_its_content_never_its_name(
    make_document, scan_file, content, name, extension
):
    document = issue(make_document())
    services.attach_signed_scan(actor=None, document=document, uploaded_file=scan_file(content, name=name))
    stored = document.signed_scan.name
    assert stored == f"documents/scans/{document.school_id}/{document.year}/{document.pk}.{extension}"
    assert name.rsplit(".", 1)[0] not in stored


def test_the_storage_name_of_a_scan_refuses_a_name_not_made_from_the_content(make_document):
    document = make_document()
    for name in ("ban-ky.php", "scan.html", "scan", "scan.pdf.exe"):
        with pytest.raises(ValueError):
            scan_upload_to(document, name)
    assert scan_upload_to(document, "scan.PDF").endswith(".pdf")
