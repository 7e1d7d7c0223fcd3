"""Demo data of the archive: a letter already sent on paper and a notice waiting for its number.

The reference plan 23/KH-THCD itself is the campaigns app's (it owns the yearly plan); this seeder only gives the
clerk something to do on the dashboard. Idempotent: it creates each document once, recognised by its summary.
"""

from datetime import date, timedelta

from thiduakhenthuong.organization.models import Role, SchoolYear, Staff

from . import services
from .models import DocumentType, Issuer, OfficialDocument

LETTER_SUMMARY = "Đăng ký danh hiệu thi đua, hình thức khen thưởng năm học 2022-2023"


def seed_documents(*, school, stdout=None, today: date) -> None:
    """The paper letter of 2023 and, dated ``today``, the notice of the current year's council meeting (a draft)."""
    year = SchoolYear.objects.current(school)
    year_name = year.name if year else f"{today.year}-{today.year + 1}"
    notice_summary = f"Lịch họp Hội đồng Thi đua - Khen thưởng xét đăng ký thi đua năm học {year_name}"
    meeting = today + timedelta(days=7)
    issuer = Issuer.for_school(school)
    principal = Staff.objects.principal_of(school, on=today)
    clerk = Staff.objects.filter(school=school, role=Role.CLERK).active(today).first()
    signer = {"signer": principal} if principal else {"signer_name": "", "signer_authority": "Hiệu trưởng"}
    existing = set(OfficialDocument.objects.filter(school=school).values_list("summary", flat=True))
    created = 0
    if LETTER_SUMMARY not in existing:
        letter = services.create_draft(
            actor=None,
            issuer=issuer,
            doc_type=DocumentType.LETTER,
            summary=LETTER_SUMMARY,
            drafting_unit="VP",
            addressees="Phòng Giáo dục và Đào tạo huyện Thanh Oai",
            body=(
                "Thực hiện Kế hoạch số 51/KH-PGDĐT ngày 17/01/2023 của Phòng Giáo dục và Đào tạo huyện Thanh Oai, "
                "Trường Tiểu học Cao Dương gửi danh sách đăng ký danh hiệu thi đua, hình thức khen thưởng năm học "
                "2022-2023 của tập thể và cá nhân nhà trường (có danh sách kèm theo).\n"
                "Trân trọng./."
            ),
            recipients="Như trên",
            archive_note=f"VT ({clerk.initials} 02)" if clerk else "VT",
            drafter=clerk,
            **signer,
        )
        # A paper letter sent before the system: its number is recorded, later numbers of 2023 follow it.
        services.register_historical(actor=None, document=letter, number=25, issued_on=date(2023, 2, 10))
        created += 1
    if notice_summary not in existing:
        services.create_draft(
            actor=None,
            issuer=issuer,
            doc_type=DocumentType.NOTICE,
            summary=notice_summary,
            document_date=today,
            body=(
                "Nhà trường thông báo lịch họp Hội đồng Thi đua - Khen thưởng xét danh sách đăng ký danh hiệu thi đua, "
                f"hình thức khen thưởng năm học {year_name} như sau:\n"
                f"1. Thời gian: 14 giờ 00 ngày {meeting:%d/%m/%Y}.\n"
                "2. Địa điểm: Phòng họp Hội đồng sư phạm.\n"
                "3. Thành phần: các thành viên Hội đồng Thi đua - Khen thưởng nhà trường.\n"
                "Đề nghị các thành viên tham dự đầy đủ, đúng giờ./."
            ),
            recipients="Các thành viên Hội đồng TĐKT",
            archive_note="VT",
            drafter=clerk,
            **signer,
        )
        created += 1
    if stdout is not None and created:
        stdout.write(f"Văn bản: đã tạo {created} văn bản mẫu.")
