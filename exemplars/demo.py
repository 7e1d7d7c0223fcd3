"""Demo data of the exemplars app, in two parts.

- ``seed_past_commendation`` (``DemoStage.REVIEW``): the past year's notable act, carried as the school carries one
  when it happens, before the year-end review and its papers: a teacher saves a child from drowning; the deed is
  reported and verified; the principal proposes the commune's Giấy khen for it (khen thưởng đột xuất, an ad-hoc
  commendation conferred above the school); its own TTr is drafted and numbered through the register within the
  week, the first paper of that year; the commune's decision comes back and is recorded in the award history.
- ``seed_demo`` (``DemoStage.AFTER``): good deeds of pupils, staff and a parent this year and last (verified and
  pending, some with a small generated photo), one ad-hoc commendation proposed by the principal from a verified
  deed this year, and the writing contest's rounds with entries.

Idempotent: each step of the past act is taken only when its state says it has not been; a school that already
has other deeds is left as it is (so a new school year seeds no second contest round). Nothing when the school has
no current year or no classes yet (another app's demo not loaded).
"""

from datetime import date, timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from awards import decisions, nominations
from awards.models import Submission, Title, TitleScope
from awards.seed import past_year
from awards.workdays import add_working_days
from thiduakhenthuong.documents.models import DocumentStatus
from thiduakhenthuong.organization.models import (
    Gender,
    OtherPerson,
    OtherRelation,
    Pupil,
    Role,
    School,
    SchoolYear,
    Staff,
)

from . import services
from .models import ContestEntry, GoodDeed

#: The past year's notable act, commended at once with the commune's Giấy khen.
RESCUE = "Cứu em nhỏ đuối nước"
#: The commune's decision answering its TTr.
RESCUE_DECISION = "48/QĐ-UBND"


def demo_photo(name: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A small generated picture (a sun over a field), so the demo needs no file of its own."""
    picture = Image.new("RGB", (480, 320), (190, 225, 250))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 210, 480, 320), fill=(120, 190, 90))
    draw.ellipse((350, 30, 430, 110), fill=(255, 205, 0))
    draw.rectangle((60, 150, 170, 260), fill=colour)
    out = BytesIO()
    picture.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _on(year: SchoolYear, today: date, days_ago: int) -> date:
    day = min(today, year.end_date) - timedelta(days=days_ago)
    return max(day, year.start_date)


def _first(people: list[Staff], *roles: str) -> Staff | None:
    return next((person for person in people if person.role in roles), None)


def seed_past_commendation(*, school: School, stdout=None, today: date) -> None:
    past = past_year(school, today)
    giay_khen = Title.objects.filter(code="GK", scope=TitleScope.INDIVIDUAL).first()
    if past is None or giay_khen is None:
        return
    deed = GoodDeed.objects.filter(school_year=past, title=RESCUE).select_related("commendation").first()
    if deed is None:
        occurred_on = _on(past, today, 60)
        working = Staff.objects.filter(school=school, role__in=[Role.MEMBER, Role.TEAM_HEAD]).active(occurred_on)
        teachers = list(working.order_by("pk")[:3])
        if len(teachers) < 3:
            return
        rescuer = teachers[1]
        deed = services.report_deed(
            actor=None, reporter=teachers[2], title=RESCUE, occurred_on=occurred_on, place="Ao làng", staff=rescuer,
            description=f"{'Thầy' if rescuer.gender == Gender.MALE else 'Cô'} nhảy xuống ao cứu một em nhỏ bị đuối "
            "nước trên đường đi dạy về.", today=occurred_on,
        )  # fmt: skip
        deed = services.verify_deed(actor=None, deed=deed)
    if deed.commendation is None:
        deed = services.commend_deed(actor=None, deed=deed, title=giay_khen, today=deed.occurred_on)
    commendation = deed.commendation
    sent_on = add_working_days(deed.occurred_on, 4, decisions.work_calendar(school))
    submission = Submission.objects.live().filter(nominations=commendation).select_related("document").first()
    if submission is None:
        submission = decisions.draft_submission(
            actor=None, school_year=past, level=nominations.conferring_level(commendation), chosen=[commendation],
            document_date=sent_on,
        )  # fmt: skip
    if submission.document.status == DocumentStatus.DRAFT:
        decisions.issue_submission(actor=None, submission=submission, issued_on=sent_on)
    if not submission.answers.exists():
        decisions.record_higher_decision(
            actor=None, submission=submission, number=RESCUE_DECISION, decided_on=sent_on + timedelta(days=14),
            authority_name=submission.authority.name, conferred=[commendation],
        )  # fmt: skip
    if stdout is not None:
        stdout.write(f"Khen thưởng đột xuất năm học {past}: {commendation.recipient}, tờ trình riêng lên cấp trên.")


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    current = SchoolYear.objects.current(school)
    if current is None or GoodDeed.objects.filter(school=school).exclude(title=RESCUE).exists():
        return
    past = past_year(school, today)
    pupils = list(
        Pupil.objects.filter(class_group__school_year=current, school=school)
        .select_related("class_group")
        .order_by("class_group__name", "pk")[:60]
    )
    people = list(Staff.objects.filter(school=school).active(today).order_by("pk"))
    principal, vice = Staff.objects.principal_of(school, on=today), _first(people, Role.VICE_PRINCIPAL)
    teachers = [person for person in people if person.role in {Role.MEMBER, Role.TEAM_HEAD}]
    if len(pupils) < 12 or principal is None or vice is None or len(teachers) < 3:
        return
    teacher = next((p for p in teachers if p.user_id and p.user.username == "giaovien"), teachers[0])

    def deed(year, reporter, title, description, days_ago, *, place="", consent=False, verify=True, photo=None, **who):
        made = services.report_deed(
            actor=None, reporter=reporter, title=title, description=description, occurred_on=_on(year, today, days_ago),
            place=place, full_name_consent=consent, images=[photo] if photo else [], today=today, **who,
        )  # fmt: skip
        return services.verify_deed(actor=None, deed=made) if verify else made

    wallet = deed(
        current, teacher, "Nhặt được ví tiền, trả lại người đánh rơi",
        "Trên đường đi học, em nhặt được chiếc ví có 2.500.000 đồng và giấy tờ, em đã nộp cho cô giáo chủ nhiệm "
        "để trả lại người đánh rơi.", 12, place="Cổng trường", pupil=pupils[0],
        photo=demo_photo("vi.jpg", (200, 40, 40)),
    )  # fmt: skip
    deed(current, teacher, "Giúp bạn bị ngã khi tan học",
         "Em dìu bạn bị ngã trầy chân vào phòng y tế và ở lại cùng bạn đến khi phụ huynh tới đón.", 20,
         place="Sân trường", consent=True, pupil=pupils[1])  # fmt: skip
    deed(current, teachers[1], "Hiến máu tình nguyện",
         "Cô tham gia ngày hội hiến máu tình nguyện của xã lần thứ năm.", 30, place="Nhà văn hóa xã",
         staff=teachers[2], photo=demo_photo("hien-mau.jpg", (220, 20, 60)))  # fmt: skip
    deed(current, teacher, "Nhặt được điện thoại, nộp cô chủ nhiệm",
         "Em nhặt được điện thoại ở sân trường và mang nộp cô chủ nhiệm.", 3, pupil=pupils[5], verify=False,
         photo=demo_photo("dien-thoai.jpg", (40, 40, 200)))  # fmt: skip
    parent = OtherPerson(full_name="Nguyễn Văn Tường", relation=OtherRelation.PARENT,
                         description=f"phụ huynh em {pupils[7].full_name}, {pupils[7].class_group}")  # fmt: skip
    deed(current, teachers[1], "Sửa lại hàng rào lớp học",
         "Anh tự nguyện sửa lại hàng rào bị đổ sau mưa bão cho lớp học.", 8, other_person=parent,
         verify=False)  # fmt: skip
    if past is not None:
        past_pupils = list(Pupil.objects.filter(class_group__school_year=past, school=school).order_by("pk")[:3])
        if past_pupils:
            deed(past, teacher, "Dũng cảm báo cháy",
                 "Em phát hiện khói ở nhà kho và báo ngay cho bác bảo vệ.", 30, pupil=past_pupils[0])  # fmt: skip
    giay_khen = Title.objects.filter(code="GK", scope=TitleScope.PUPIL).first()
    if giay_khen is not None:
        services.commend_deed(actor=None, deed=wallet, title=giay_khen, today=today)
    _contest(school, current, past, teachers, today)
    if stdout is not None:
        stdout.write(
            f"Người tốt, việc tốt: {GoodDeed.objects.filter(school=school).count()} việc tốt, 1 khen thưởng đột xuất."
        )


def _contest(school: School, current: SchoolYear, past: SchoolYear | None, teachers: list[Staff], today: date):
    organiser = f"Phòng GDĐT {school.parent_agency.removeprefix('UBND ')}"
    rounds = [(current, today - timedelta(days=30), today + timedelta(days=20), today + timedelta(days=30))]
    if past is not None:
        rounds.append((past, past.start_date + timedelta(days=60), past.start_date + timedelta(days=120),
                       past.start_date + timedelta(days=130)))  # fmt: skip
    subjects = [
        ("Người thầy của những em nhỏ vùng bãi", "Cô Nguyễn Thị Hồng Nhung", "Tổ trưởng Tổ 1"),
        ("Bác bảo vệ và những buổi sáng sớm", "Bác Lê Văn Hòa", "Bảo vệ nhà trường"),
        ("Tấm gương hiếu học", "Em Đỗ Minh Khang", "Học sinh lớp 5A"),
    ]
    for year, opens, closes, send_by in rounds:
        contest = services.save_round(
            actor=None, school_year=year, name="Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt",
            organiser=organiser, opens_on=max(opens, year.start_date), closes_on=closes, send_by=send_by,
        )  # fmt: skip
        for index, (title, name, detail) in enumerate(subjects):
            text = (
                f"{name} là tấm gương sáng trong phong trào thi đua của nhà trường. "
                "Bài viết kể lại những việc làm giản dị mà bền bỉ, được đồng nghiệp, phụ huynh và học sinh quý mến.\n"
                "Những việc làm ấy lan tỏa tinh thần người tốt, việc tốt trong toàn trường."
            )
            entry = ContestEntry.objects.create(
                contest=contest,
                author=teachers[index],
                title=title,
                subject_name=name,
                subject_detail=detail,
                text=text,
            )
            if year != current and index < 2:
                services.select_entry(actor=None, entry=entry, selected=True)
