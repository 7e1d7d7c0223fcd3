"""Certificates: their text and landscape page, embedded fonts, inert user text, the decision's batch through the
task API (database backend and Redis), the progress fragment, and a batch surviving a restart of the web process."""

import io
from datetime import date

import pdfplumber
import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards import certificates
from awards.models import BatchStatus, CertificateBatch
from tests.factories import (
    AwardRecordFactory,
    ClassGroupFactory,
    OfficialDocumentFactory,
    PupilFactory,
    SchoolYearFactory,
    StaffFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType
from thiduakhenthuong.organization.models import ClassGroup, Gender, Role


@pytest.fixture
def year(school):
    return SchoolYearFactory(school=school, name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


@pytest.fixture
def decision(school):
    draft = OfficialDocumentFactory(
        issuer__school=school,
        doc_type=DocumentType.DECISION,
        summary="Về việc khen thưởng học sinh năm học 2025-2026",
        document_date=date(2026, 6, 20),
        signer_authority="Hiệu trưởng",
        signer_name="Đỗ Thị Thanh Huyền",
    )
    return documents.register_historical(actor=None, document=draft, number=7, issued_on=date(2026, 6, 20))


def pupil_award(school, year, decision, name, achievements=""):
    group = ClassGroup.objects.filter(school_year=year, name="3A").first() or ClassGroupFactory(
        school=school, school_year=year, name="3A", grade=3
    )
    pupil = PupilFactory(school=school, class_group=group, full_name=name)
    return AwardRecordFactory(
        school=school, school_year=year, title=title("GK", "pupil"), staff=None, pupil=pupil,
        decision=decision, decision_number="", decision_date=None, issuer_name="", note=achievements,
    )  # fmt: skip


def pdf_text(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_a_pupils_certificate_reads_as_the_principal_confers_it(school, year, decision):
    award = pupil_award(school, year, decision, "Nguyễn Minh Anh", "Hoàn thành xuất sắc các nội dung học tập")
    pdf = certificates.render_certificate(award)

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    assert round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].get_object().values()
        if "/FontDescriptor" in font.get_object() or "/DescendantFonts" in font.get_object()
    }
    assert fonts and all("LiberationSerif-Embedded" in str(font) for font in fonts)
    text = " ".join(pdf_text(pdf)[0].split())
    assert "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC CAO DƯƠNG" in text
    assert "TẶNG" in text and "GIẤY KHEN" in text
    assert "Em Nguyễn Minh Anh" in text and "Học sinh lớp 3A" in text
    assert "Đã có thành tích: Hoàn thành xuất sắc các nội dung học tập" in text
    assert "Quyết định số 07/QĐ-THCD" in text and "Số vào sổ vàng: 01" in text
    assert "Cao Dương, ngày 20 tháng 6 năm 2026" in text and "ngày 20/06/2026" in text
    assert "Đỗ Thị Thanh Huyền" in text


def test_cstdcs_of_the_commune_names_its_chairman_and_the_year(school, year):
    staff = StaffFactory(school=school, full_name="Trần Thị Mai", gender=Gender.FEMALE, position="Giáo viên")
    award = AwardRecordFactory(
        school=school, school_year=year, title=title("CSTDCS"), staff=staff,
        decision_number="123/QĐ-UBND", decision_date=date(2026, 7, 10), issuer_name="UBND xã Cao Dương",
    )  # fmt: skip
    text = " ".join(pdf_text(certificates.render_certificate(award))[0].split())
    assert "ỦY BAN NHÂN DÂN XÃ CAO DƯƠNG" in text
    assert "CÔNG NHẬN DANH HIỆU" in text and "CHIẾN SĨ THI ĐUA CƠ SỞ" in text
    assert "Bà Trần Thị Mai" in text and "Năm học 2025-2026" in text
    assert "Quyết định số 123/QĐ-UBND" in text and "ngày 10/07/2026" in text


def test_user_text_is_inert(school, year, decision):
    award = pupil_award(school, year, decision, '<img src="file:///etc/passwd">Bé Na', "<b>đậm</b> & <script>")
    text = " ".join(pdf_text(certificates.render_certificate(award))[0].split())
    assert '<img src="file:///etc/passwd">Bé Na' in text
    assert "<b>đậm</b> & <script>" in text


def test_lao_dong_tien_tien_has_no_certificate(client_for, school, year):
    client = client_for(Role.CLERK)
    award = AwardRecordFactory(school=school, school_year=year, title=title("LDTT"))
    assert client.get(reverse("awards:award_certificate", args=[award.pk])).status_code == 404
    page = client.get(reverse("awards:award_list")).content.decode()
    assert "QĐ là minh chứng" in page
    assert reverse("awards:award_certificate", args=[award.pk]) not in page


def test_a_teacher_prints_their_own_certificate_only(client_for, school, year):
    client = client_for(Role.MEMBER)
    mine = AwardRecordFactory(school=school, school_year=year, title=title("GK"), staff=client.staff)
    theirs = AwardRecordFactory(school=school, school_year=year, title=title("GK"))
    response = client.get(reverse("awards:award_certificate", args=[mine.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(reverse("awards:award_certificate", args=[theirs.pk])).status_code == 403


def _request(client, award, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:certificate_batch_request"), {"award": award.pk})
    return response


def test_a_decisions_batch_runs_in_the_background_with_progress(
    client_for, school, year, decision, django_capture_on_commit_callbacks, django_assert_max_num_queries, db_worker
):
    client = client_for(Role.CLERK)
    awards = [pupil_award(school, year, decision, f"Học Sinh Số {n:02d}") for n in range(1, 31)]

    response = _request(client, awards[0], django_capture_on_commit_callbacks)
    batch = CertificateBatch.objects.get()
    assert response.url == reverse("awards:certificate_batch", args=[batch.pk])
    assert batch.status == BatchStatus.QUEUED and batch.total == 30 and batch.task_id
    assert AuditEntry.objects.filter(action="awards.certificates.request", object_id=str(batch.pk)).exists()

    progress_url = reverse("awards:certificate_batch_progress", args=[batch.pk])
    with django_assert_max_num_queries(8):
        fragment = client.get(progress_url).content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "0/30 giấy" in fragment  # the page never waited
    assert reverse("awards:certificate_batch_file", args=[batch.pk]) not in fragment
    assert client.get(reverse("awards:certificate_batch_file", args=[batch.pk])).status_code == 404

    db_worker()  # the worker, not the web request, does the work

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.done == 30 and batch.file
    fragment = client.get(progress_url).content.decode()
    assert "hx-trigger" not in fragment and "30/30 giấy" in fragment
    download = client.get(reverse("awards:certificate_batch_file", args=[batch.pk]))
    pdf = b"".join(download.streaming_content)
    pages = pdf_text(pdf)
    assert len(pages) == 30
    assert "Học Sinh Số 01" in pages[0] and "Số vào sổ vàng: 01" in pages[0]
    assert "Học Sinh Số 30" in pages[29] and "Số vào sổ vàng: 30" in pages[29]
    assert AuditEntry.objects.filter(action="awards.certificates.finish", object_id=str(batch.pk)).exists()


def test_a_waiting_batch_is_not_asked_twice(client_for, school, year, decision, django_capture_on_commit_callbacks):
    client = client_for(Role.CLERK)
    award = pupil_award(school, year, decision, "Lê Văn Bình")
    _request(client, award, django_capture_on_commit_callbacks)
    response = _request(client, award, django_capture_on_commit_callbacks)
    assert response.url == reverse("awards:certificate_list")
    assert CertificateBatch.objects.count() == 1


def test_a_batch_survives_a_restart_of_the_web_process(
    school, year, decision, django_capture_on_commit_callbacks, db_worker
):
    """The request committed a batch row and a queued task; nothing lives in the web process. A worker started
    afterwards (a fresh process, simulated by a fresh command run) finds both and finishes the batch."""
    pupil_award(school, year, decision, "Phạm Thu Hà")
    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates.request_certificate_batch(
            actor=None, school=school, key=certificates.DecisionKey(decision.pk)
        )
    from django_tasks_db.models import DBTaskResult

    from awards import jobs

    fresh = CertificateBatch.objects.get(pk=batch.pk)  # everything the worker needs is in the database
    assert fresh.status == BatchStatus.QUEUED
    queued = DBTaskResult.objects.get(pk=fresh.task_id)
    assert queued.task_path == jobs.render_certificate_batch.module_path and queued.args_kwargs["args"] == [batch.pk]

    db_worker()

    fresh.refresh_from_db()
    assert fresh.status == BatchStatus.DONE and fresh.total == 1
    assert "Phạm Thu Hà" in pdf_text(fresh.file.open("rb").read())[0]


def test_the_batch_runs_through_redis(school, year, decision, rq_tasks, django_capture_on_commit_callbacks):
    queue_name, work = rq_tasks
    from awards import jobs

    pupil_award(school, year, decision, "Đặng Quốc Bảo")
    pupil_award(school, year, decision, "Vũ Ngọc Lan")
    with django_capture_on_commit_callbacks(execute=False):
        batch = certificates.request_certificate_batch(
            actor=None, school=school, key=certificates.DecisionKey(decision.pk)
        )
    result = jobs.render_certificate_batch.using(queue_name=queue_name).enqueue(batch.pk)
    assert result.backend == "default"

    work()

    batch.refresh_from_db()
    assert batch.status == BatchStatus.DONE and batch.done == 2
    pages = pdf_text(batch.file.open("rb").read())
    assert "Đặng Quốc Bảo" in pages[0] and "Vũ Ngọc Lan" in pages[1]


def test_the_list_shows_each_decision_once_at_constant_cost(
    client_for, school, year, decision, django_assert_max_num_queries
):
    client = client_for(Role.PRINCIPAL)
    for n in range(3):
        pupil_award(school, year, decision, f"Học Sinh {n}")
    AwardRecordFactory(school=school, school_year=year, title=title("GK"), decision_number="45/QĐ-UBND",
                       decision_date=date(2026, 7, 15), issuer_name="UBND xã Cao Dương")  # fmt: skip
    AwardRecordFactory(school=school, school_year=year, title=title("LDTT"))  # no certificate: not listed
    with django_assert_max_num_queries(12):
        page = client.get(reverse("awards:certificate_list")).content.decode()
    assert page.count("Tạo tệp in") == 2
    assert "07/QĐ-THCD" in page and "45/QĐ-UBND" in page


def test_only_printers_open_the_batches(client_for, school):
    client = client_for(Role.MEMBER)
    assert client.get(reverse("awards:certificate_list")).status_code == 403


def test_the_demo_prints_the_past_years_decisions_once(school, decision):
    from awards import seed_certificates

    past = SchoolYearFactory(school=school, name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))
    SchoolYearFactory(
        school=school, name="2026-2027", start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True
    )
    seed_certificates.seed_demo(school=school, today=date(2026, 11, 27))  # nothing conferred yet: nothing printed
    assert not CertificateBatch.objects.exists()

    pupil_award(school, past, decision, "Ngô Bảo Châu")
    AwardRecordFactory(school=school, school_year=past, title=title("LDTT"))  # no certificate, no batch
    seed_certificates.seed_demo(school=school, today=date(2026, 11, 27))
    batch = CertificateBatch.objects.get()
    assert batch.decision == decision and batch.status == BatchStatus.DONE and batch.total == 1
    assert "Ngô Bảo Châu" in pdf_text(batch.file.open("rb").read())[0]

    finished_at = batch.finished_at
    seed_certificates.seed_demo(school=school, today=date(2026, 11, 27))
    batch.refresh_from_db()
    assert CertificateBatch.objects.count() == 1 and batch.finished_at == finished_at


def test_a_failed_batch_is_asked_again_from_its_progress(
    client_for, school, year, decision, django_capture_on_commit_callbacks
):
    client = client_for(Role.VICE_PRINCIPAL)
    award = pupil_award(school, year, decision, "Hoàng Gia Huy")
    _request(client, award, django_capture_on_commit_callbacks)
    batch = CertificateBatch.objects.get()
    CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.FAILED, error="Hết bộ nhớ <b>")
    fragment = client.get(reverse("awards:certificate_batch_progress", args=[batch.pk])).content.decode()
    assert "Hết bộ nhớ &lt;b&gt;" in fragment and "hx-trigger" not in fragment
    assert f'name="award" value="{award.pk}"' in fragment  # the button asks for the same decision again
    response = _request(client, award, django_capture_on_commit_callbacks)
    batch.refresh_from_db()
    assert response.url == reverse("awards:certificate_batch", args=[batch.pk])
    assert batch.status == BatchStatus.QUEUED and batch.error == ""
