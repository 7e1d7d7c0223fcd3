"""Reporting and verifying good deeds: the workflow, the audit rows, the photos' cleaning."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from exemplars import services
from exemplars.images import MAX_IMAGE_BYTES, clean_image
from exemplars.models import DeedStatus, EvidenceImage, Exemplar
from thiduakhenthuong.core.models import AuditEntry, Notification
from thiduakhenthuong.organization.models import OtherPerson, OtherRelation, Role

from .conftest import TODAY, jpeg_with_gps, png

pytestmark = pytest.mark.django_db


def test_a_teacher_reports_and_a_vice_principal_verifies(report, people, pupil, year):
    deed = report(images=[jpeg_with_gps()])
    assert deed.status == DeedStatus.REPORTED and deed.school_year == year
    assert deed.exemplar.pupil == pupil and deed.images.count() == 1
    assert AuditEntry.objects.filter(action="exemplars.deed.report", object_id=str(deed.pk)).exists()
    assert AuditEntry.objects.filter(action="exemplars.image.add", object_id=str(deed.pk)).exists()
    vice = people[Role.VICE_PRINCIPAL]
    with pytest.raises(PermissionDenied):
        services.verify_deed(actor=people[Role.MEMBER].user, deed=deed)
    deed = services.verify_deed(actor=vice.user, deed=deed)
    assert deed.status == DeedStatus.VERIFIED and deed.verified_by == vice and deed.verified_at
    entry = AuditEntry.objects.get(action="exemplars.deed.verify")
    assert entry.data == {"before": {"status": "reported"}, "after": {"status": "verified"}}
    with pytest.raises(ValidationError, match="Không thể xác minh việc tốt"):
        services.verify_deed(actor=vice.user, deed=deed)


def test_the_reporter_is_told_what_became_of_her_deed(report, people, mailoutbox, django_capture_on_commit_callbacks):
    teacher, vice = people[Role.MEMBER], people[Role.VICE_PRINCIPAL]
    teacher.user.email = "mai@example.com"
    teacher.user.save()
    found, doubtful = report(), report(title="Quét lá sân trường")
    with django_capture_on_commit_callbacks(execute=True):
        services.verify_deed(actor=vice.user, deed=found)
        services.reject_deed(actor=vice.user, deed=doubtful, reason="Chưa có người làm chứng")

    verified, rejected = Notification.objects.filter(recipient=teacher.user).order_by("pk")
    assert (
        verified.title
        == "Việc tốt “Nhặt được ví, trả lại người đánh rơi” của Nguyễn Văn An do bạn báo đã được xác minh"
    )
    assert verified.body == "Việc tốt đã hiện trên trang công khai của trường."
    assert verified.url == reverse("exemplars:deed_detail", args=[found.pk]) and verified.kind == ""  # no task
    assert rejected.title == "Việc tốt “Quét lá sân trường” của Nguyễn Văn An do bạn báo không được xác minh"
    assert rejected.body == "Lý do: Chưa có người làm chứng"
    assert [mail.subject for mail in mailoutbox] == [verified.title, rejected.title]
    assert not Notification.objects.exclude(recipient=teacher.user).exists()


def test_a_manager_who_verifies_her_own_report_is_not_told(report, people):
    principal = people[Role.PRINCIPAL]
    services.verify_deed(actor=principal.user, deed=report(actor=principal.user, reporter=principal))
    assert not Notification.objects.exists()


def test_a_second_deed_of_the_same_person_shares_the_exemplar(report):
    first, second = report(), report(title="Giúp bạn khuyết tật lên cầu thang")
    assert first.exemplar_id == second.exemplar_id and Exemplar.objects.count() == 1


def test_reject_needs_a_reason_and_keeps_it(report, people):
    deed = report()
    principal = people[Role.PRINCIPAL].user
    with pytest.raises(ValidationError, match="lý do"):
        services.reject_deed(actor=principal, deed=deed, reason="  ")
    deed = services.reject_deed(actor=principal, deed=deed, reason="Không đúng sự việc")
    assert deed.status == DeedStatus.REJECTED and deed.reject_reason == "Không đúng sự việc"
    assert AuditEntry.objects.get(action="exemplars.deed.reject").reason == "Không đúng sự việc"


def test_hide_and_show_a_verified_deed(report, people):
    principal = people[Role.PRINCIPAL].user
    deed = report()
    with pytest.raises(ValidationError):
        services.set_deed_hidden(actor=principal, deed=deed, hidden=True, reason="x")
    deed = services.verify_deed(actor=principal, deed=deed)
    with pytest.raises(ValidationError, match="lý do"):
        services.set_deed_hidden(actor=principal, deed=deed, hidden=True)
    deed = services.set_deed_hidden(actor=principal, deed=deed, hidden=True, reason="Phụ huynh đề nghị")
    assert deed.is_hidden and not deed.is_public
    deed = services.set_deed_hidden(actor=principal, deed=deed, hidden=False)
    assert deed.is_public and deed.hidden_reason == ""
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="exemplars.deed.").order_by("pk")][-2:] == [
        "exemplars.deed.hide",
        "exemplars.deed.show",
    ]


def test_the_reporter_edits_while_it_waits_not_after(report, people):
    teacher = people[Role.MEMBER]
    deed = report()
    deed = services.edit_deed(actor=teacher.user, deed=deed, title="Trả lại ví", full_name_consent=True, today=TODAY)
    assert deed.title == "Trả lại ví" and deed.full_name_consent
    assert AuditEntry.objects.get(action="exemplars.deed.edit").data["after"]["title"] == "Trả lại ví"
    services.verify_deed(actor=people[Role.PRINCIPAL].user, deed=deed)
    with pytest.raises(PermissionDenied):
        services.edit_deed(actor=teacher.user, deed=deed, title="Khác", today=TODAY)


def test_staff_and_other_people_do_good_deeds_too(report, people, school):
    colleague = report(staff=people[Role.TEAM_HEAD], title="Hiến máu cứu người")
    assert colleague.exemplar.staff == people[Role.TEAM_HEAD]
    parent = OtherPerson(full_name="Trần Văn Bình", relation=OtherRelation.PARENT, description="phụ huynh em An")
    deed = report(other_person=parent, title="Sửa bàn ghế cho lớp")
    assert deed.exemplar.other_person.pk and deed.exemplar.other_person.school == school
    assert deed.exemplar.detail == "Phụ huynh học sinh"


def test_a_day_in_the_future_or_outside_any_year_is_refused(report):
    with pytest.raises(ValidationError, match="sau hôm nay"):
        report(occurred_on=date(2026, 12, 1))
    with pytest.raises(ValidationError, match="không thuộc năm học"):
        report(occurred_on=date(2019, 1, 1))


# --- photos ---------------------------------------------------------------------------------------------------
def test_gps_exif_is_stripped_and_the_photo_reencoded(report):
    upload = jpeg_with_gps(size=(3000, 2000))
    original = Image.open(BytesIO(upload.read()))
    assert original.getexif().get_ifd(0x8825), "the fixture carries GPS"
    upload.seek(0)
    deed = report(images=[upload])
    image = EvidenceImage.objects.get(deed=deed)
    stored = image.file.read()
    assert b"Exif" not in stored and b"PhoneModel" not in stored and b"chup tai nha" not in stored
    cleaned = Image.open(BytesIO(stored))
    assert cleaned.format == "JPEG"
    assert not cleaned.getexif() and "exif" not in cleaned.info and "comment" not in cleaned.info
    assert max(cleaned.size) == 1600 and (image.width, image.height) == cleaned.size
    # a random name: nothing of the person's file name
    assert "anh" not in image.file.name.rsplit("/", 1)[-1] and image.file.name.endswith(".jpg")


def test_a_transparent_png_becomes_a_jpeg():
    cleaned = clean_image(png())
    assert Image.open(BytesIO(cleaned.content)).format == "JPEG" and (cleaned.width, cleaned.height) == (40, 40)


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>" * 10), "không đúng định dạng"),
        (SimpleUploadedFile("anh.jpg", b"%PDF-1.4\n%%EOF\n"), "không đúng định dạng"),
        (SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200), "không phải ảnh đọc được"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(upload, message):
    with pytest.raises(ValidationError, match=message):
        clean_image(upload)


def test_size_and_pixel_caps():
    big = SimpleUploadedFile("to.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (MAX_IMAGE_BYTES + 1))
    with pytest.raises(ValidationError, match="vượt mức"):
        clean_image(big)
    out = BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 megapixels in a few kilobytes
    with pytest.raises(ValidationError, match="quá lớn"):
        clean_image(SimpleUploadedFile("bom.png", out.getvalue()))


def test_a_bad_photo_stores_nothing(report):
    with pytest.raises(ValidationError):
        report(images=[jpeg_with_gps(), SimpleUploadedFile("x.jpg", b"not an image at all" * 20)])
    assert not EvidenceImage.objects.exists()
