"""Services of good deeds, the writing contest and the yearly report: keyword-only, one transaction each, the row
they change locked, the person's right checked (``permissions``), one audit row (``exemplars.*``) in the same
transaction. An illegal move raises a Vietnamese ``ValidationError``; a person without the right ``PermissionDenied``.

``actor`` is the signed-in user; None is system work (the demo loader), which no person's permission limits.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from awards import nominations as award_nominations
from awards.models import Title, TitleKind, TitleScope
from awards.permissions import can_propose_ad_hoc
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.core.uploads import check_upload
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.organization.models import OtherPerson, Pupil, School, SchoolYear, Staff

from . import permissions
from .images import MAX_IMAGES_PER_DEED, clean_image
from .models import (
    ContestAttachment,
    ContestEntry,
    ContestRound,
    DeedStatus,
    EvidenceImage,
    Exemplar,
    GoodDeed,
    YearReport,
)

ENTRY_ATTACHMENT_TYPES = {"pdf", "docx", "doc", "jpg", "png"}
MAX_ENTRY_ATTACHMENT_BYTES = 10 * 1024 * 1024
DEED_FIELDS = ("title", "description", "occurred_on", "place", "full_name_consent")


def _require(actor, allowed, message: str = permissions.NOT_YOURS) -> Staff | None:
    staff = acting_staff(actor)
    if staff is not None and not allowed(staff):
        raise PermissionDenied(message)
    return staff


def year_of(school: School, day: date) -> SchoolYear:
    """The school year of ``school`` that ``day`` falls in (summer days belong to the year that just ended)."""
    year = (
        SchoolYear.objects.filter(school=school, start_date__lte=day).order_by("-start_date").first() if day else None
    )
    if year is None:
        raise ValidationError({"occurred_on": "Ngày này không thuộc năm học nào của trường."})
    return year


def _exemplar(school: School, *, staff=None, pupil=None, other_person=None) -> Exemplar:
    """The person's exemplar row, created on their first deed."""
    if other_person is not None and other_person.pk is None:
        other_person.school = school
        other_person.full_clean()
        other_person.save()
    field, person = next((f, p) for f, p in (("staff", staff), ("pupil", pupil), ("other_person", other_person)) if p)
    if person.school_id != school.pk:
        raise ValidationError("Người được ghi nhận phải thuộc trường.")
    exemplar, _ = Exemplar.objects.get_or_create(school=school, **{field: person})
    return exemplar


def _state(deed: GoodDeed, *fields: str) -> dict:
    return {"status": deed.status, **{name: getattr(deed, name) for name in fields}}


def _add_images(*, actor, deed: GoodDeed, uploader: Staff, files: Iterable) -> int:
    files = list(files)
    if not files:
        return 0
    if deed.images.count() + len(files) > MAX_IMAGES_PER_DEED:
        raise ValidationError({"images": f"Mỗi việc tốt có tối đa {MAX_IMAGES_PER_DEED} ảnh."})
    cleaned = [clean_image(upload) for upload in files]  # every file checked before any is stored
    for picture in cleaned:
        image = EvidenceImage(deed=deed, width=picture.width, height=picture.height, size=len(picture.content))
        image.uploaded_by = uploader
        image.file.save("anh.jpg", ContentFile(picture.content), save=False)
        image.save()
    audit.record(actor=actor, action="exemplars.image.add", obj=deed, data={"photos": len(cleaned)})
    return len(cleaned)


@transaction.atomic
def report_deed(
    *,
    actor,
    reporter: Staff,
    title: str,
    description: str,
    occurred_on: date,
    place: str = "",
    full_name_consent: bool = False,
    staff: Staff | None = None,
    pupil: Pupil | None = None,
    other_person: OtherPerson | None = None,
    images: Iterable = (),
    today: date | None = None,
) -> GoodDeed:
    """Record a good deed of one person (exactly one of ``staff``, ``pupil``, ``other_person``; a new other person
    is saved first), reported by ``reporter``. Its school year is the one the day falls in; a day in the future is
    refused. Photos are re-encoded without metadata (``images.clean_image``), at most ``MAX_IMAGES_PER_DEED``."""
    _require(actor, permissions.can_report_deed)
    today = today or timezone.localdate()
    school = reporter.school
    if sum(person is not None for person in (staff, pupil, other_person)) != 1:
        raise ValidationError("Chọn đúng một người: cán bộ, học sinh hoặc người khác.")
    if occurred_on and occurred_on > today:
        raise ValidationError({"occurred_on": "Ngày của việc tốt không được sau hôm nay."})
    year = year_of(school, occurred_on)
    exemplar = _exemplar(school, staff=staff, pupil=pupil, other_person=other_person)
    deed = GoodDeed(
        school=school, school_year=year, exemplar=exemplar, title=title.strip(), description=description.strip(),
        occurred_on=occurred_on, place=place.strip(), full_name_consent=full_name_consent, reported_by=reporter,
    )  # fmt: skip
    deed.refresh_search()
    deed.full_clean()
    deed.save()
    audit.record(
        actor=actor,
        action="exemplars.deed.report",
        obj=deed,
        data=audit.change(after={"status": deed.status, "person": str(exemplar), "title": deed.title}),
    )
    _add_images(actor=actor, deed=deed, uploader=reporter, files=images)
    return deed


def _lock(deed: GoodDeed) -> GoodDeed:
    return GoodDeed.objects.select_for_update(of=("self",)).for_list().get(pk=deed.pk)


@transaction.atomic
def edit_deed(*, actor, deed: GoodDeed, images: Iterable = (), today: date | None = None, **fields) -> GoodDeed:
    """Change a deed that waits for verification (its reporter or a manager): ``fields`` among ``DEED_FIELDS``;
    more photos may be added."""
    today = today or timezone.localdate()
    locked = _lock(deed)
    staff = _require(actor, lambda person: permissions.can_edit_deed(person, locked))
    locked.check_transition("edit")
    unknown = set(fields) - set(DEED_FIELDS)
    if unknown:
        raise TypeError(f"edit_deed: unknown fields {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    before = _state(locked, *changed)
    for name in changed:
        value = fields[name]
        setattr(locked, name, value.strip() if isinstance(value, str) else value)
    if "occurred_on" in changed:
        if locked.occurred_on > today:
            raise ValidationError({"occurred_on": "Ngày của việc tốt không được sau hôm nay."})
        locked.school_year = year_of(locked.school, locked.occurred_on)
    locked.refresh_search()
    locked.full_clean()
    locked.save()
    if changed:
        audit.record(
            actor=actor, action="exemplars.deed.edit", obj=locked, data=audit.change(before, _state(locked, *changed))
        )
    _add_images(actor=actor, deed=locked, uploader=staff or locked.reported_by, files=images)
    return locked


@transaction.atomic
def verify_deed(*, actor, deed: GoodDeed) -> GoodDeed:
    """The principal or a vice-principal confirms the deed: it goes on the public page (unless hidden), and its
    reporter is told."""
    locked = _lock(deed)
    staff = _require(actor, permissions.can_verify_deeds)
    target = locked.check_transition("verify")
    before = _state(locked)
    locked.status, locked.verified_at = target, timezone.now()
    locked.verified_by = staff
    locked.save()
    audit.record(actor=actor, action="exemplars.deed.verify", obj=locked, data=audit.change(before, _state(locked)))
    _tell_reporter(
        locked,
        staff,
        "đã được xác minh",
        "Việc tốt đã hiện trên trang công khai của trường." if locked.is_public else "",
    )
    return locked


@transaction.atomic
def reject_deed(*, actor, deed: GoodDeed, reason: str) -> GoodDeed:
    """The deed is not confirmed; the reason is kept and shown to the reporter."""
    locked = _lock(deed)
    staff = _require(actor, permissions.can_verify_deeds)
    target = locked.check_transition("reject")
    if not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do không xác minh."})
    before = _state(locked)
    locked.status, locked.reject_reason, locked.verified_by = target, reason.strip(), staff
    locked.save()
    audit.record(
        actor=actor,
        action="exemplars.deed.reject",
        obj=locked,
        data=audit.change(before, _state(locked)),
        reason=reason.strip(),
    )
    _tell_reporter(locked, staff, "không được xác minh", f"Lý do: {locked.reject_reason}")
    return locked


def _tell_reporter(deed: GoodDeed, decided_by: Staff | None, outcome: str, body: str) -> None:
    """Tell the staff member who reported ``deed`` what became of it (not when she decided it herself)."""
    reporter = deed.reported_by
    if reporter.user_id is None or (decided_by is not None and decided_by.pk == reporter.pk):
        return
    notify(
        recipients=[reporter.user],
        title=f"Việc tốt “{deed.title}” của {deed.exemplar} do bạn báo {outcome}",
        body=body,
        url=reverse("exemplars:deed_detail", args=[deed.pk]),
    )


@transaction.atomic
def set_deed_hidden(*, actor, deed: GoodDeed, hidden: bool, reason: str = "") -> GoodDeed:
    """Hide a verified deed from the public page (a reason is kept) or show it again."""
    locked = _lock(deed)
    _require(actor, permissions.can_verify_deeds)
    if locked.status != DeedStatus.VERIFIED:
        raise ValidationError("Chỉ việc tốt đã xác minh mới được ẩn hoặc công khai.")
    if locked.is_hidden == hidden:
        return locked
    if hidden and not reason.strip():
        raise ValidationError({"reason": "Hãy ghi lý do ẩn việc tốt."})
    before = {"is_hidden": locked.is_hidden}
    locked.is_hidden, locked.hidden_reason = hidden, reason.strip() if hidden else ""
    locked.save()
    audit.record(
        actor=actor,
        action="exemplars.deed.hide" if hidden else "exemplars.deed.show",
        obj=locked,
        data=audit.change(before, {"is_hidden": hidden}),
        reason=reason.strip(),
    )
    return locked


@transaction.atomic
def remove_image(*, actor, image: EvidenceImage) -> None:
    """Remove a photo (its reporter while the deed waits, a manager at any time); the file goes after the commit."""
    deed = _lock(image.deed)
    _require(actor, lambda person: permissions.can_edit_deed(person, deed) or permissions.can_hide_deed(person, deed))
    name, storage = image.file.name, image.file.storage
    image.delete()
    deed.save(update_fields=["updated_at"])  # the public page's Last-Modified moves
    audit.record(actor=actor, action="exemplars.image.remove", obj=deed, data={"photos": -1})
    transaction.on_commit(lambda: storage.delete(name))


def commendation_titles(deed: GoodDeed):
    """The forms of commendation the deed's person may receive (kind commendation, the person's scope)."""
    scope = TitleScope.PUPIL if deed.exemplar.pupil_id else TitleScope.INDIVIDUAL
    return Title.objects.filter(kind=TitleKind.COMMENDATION, scope=scope, is_active=True)


def commendation_text(deed: GoodDeed) -> str:
    """What the decision's list prints as the achievement: the deed and its day."""
    return f"Có hành động đẹp: {deed.title} (ngày {deed.occurred_on:%d/%m/%Y})"


@transaction.atomic
def commend_deed(*, actor, deed: GoodDeed, title: Title, achievements: str = "", today: date | None = None) -> GoodDeed:
    """The principal proposes an ad-hoc commendation (khen thưởng đột xuất) for the person of a verified deed,
    through ``awards.nominations.propose_ad_hoc_commendation`` (for a pupil: the principal's own Giấy khen). The
    nomination is linked to the deed; one under way per deed (a withdrawn or rejected one may be replaced)."""
    locked = _lock(deed)
    _require(
        actor,
        lambda person: person.school_id == locked.school_id and can_propose_ad_hoc(person),
        "Chỉ hiệu trưởng đề nghị khen thưởng đột xuất.",
    )
    if locked.status != DeedStatus.VERIFIED:
        raise ValidationError("Chỉ đề nghị khen thưởng từ việc tốt đã xác minh.")
    if permissions.has_live_commendation(locked):
        raise ValidationError(f"Việc tốt “{locked.title}” đã có đề nghị khen thưởng.")
    if not commendation_titles(locked).filter(pk=title.pk).exists():
        raise ValidationError({"title": f"“{title}” không dành cho {locked.exemplar.detail.lower()}."})
    exemplar = locked.exemplar
    nomination = award_nominations.propose_ad_hoc_commendation(
        actor=actor, school_year=locked.school_year, title=title,
        achievements=achievements.strip() or commendation_text(locked), today=today,
        **{exemplar.kind: exemplar.person},
    )  # fmt: skip
    locked.commendation = nomination
    locked.save(update_fields=["commendation", "updated_at"])
    audit.record(
        actor=actor,
        action="exemplars.deed.commend",
        obj=locked,
        data=audit.change(after={"title": str(title), "nomination": nomination.pk}),
    )
    return locked


# --------------------------------------------------------------------------------------------------
# The writing contest
# --------------------------------------------------------------------------------------------------
ROUND_FIELDS = ("name", "organiser", "opens_on", "closes_on", "send_by")


@transaction.atomic
def save_round(*, actor, school_year: SchoolYear, contest: ContestRound | None = None, **fields) -> ContestRound:
    """Open the year's round of the writing contest or change its dates (one round per school year)."""
    _require(actor, permissions.can_manage_contest, "Chỉ ban giám hiệu quản lý cuộc thi viết.")
    if contest is None:
        if ContestRound.objects.filter(school_year=school_year).exists():
            raise ValidationError(f"Năm học {school_year} đã có cuộc thi viết.")
        contest = ContestRound(school=school_year.school, school_year=school_year)
        before = {}
    else:
        contest = ContestRound.objects.select_for_update().get(pk=contest.pk)
        before = {name: getattr(contest, name) for name in ROUND_FIELDS}
    for name, value in fields.items():
        if name not in ROUND_FIELDS:
            raise TypeError(f"save_round: unknown field {name}")
        setattr(contest, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if contest.opens_on and contest.closes_on and contest.closes_on < contest.opens_on:
        errors["closes_on"] = "Hạn nộp bài phải sau ngày bắt đầu nhận bài."
    if contest.closes_on and contest.send_by and contest.send_by < contest.closes_on:
        errors["send_by"] = "Hạn gửi lên cấp trên phải sau hạn nộp bài."
    if errors:
        raise ValidationError(errors)
    contest.full_clean()
    contest.save()
    after = {name: getattr(contest, name) for name in ROUND_FIELDS}
    audit.record(actor=actor, action="exemplars.contest.save", obj=contest, data=audit.change(before, after))
    return contest


def _store_attachments(entry: ContestEntry, files: Iterable) -> int:
    count = 0
    for upload in files:
        check_upload(upload, allowed=ENTRY_ATTACHMENT_TYPES, max_bytes=MAX_ENTRY_ATTACHMENT_BYTES)
        attachment = ContestAttachment(entry=entry, original_name=upload.name[:200], size=upload.size)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        count += 1
    return count


ENTRY_FIELDS = ("title", "subject_name", "subject_detail", "text")


@transaction.atomic
def submit_entry(
    *, actor, contest: ContestRound, author: Staff, files: Iterable = (), today: date | None = None, **fields
) -> ContestEntry:
    """A staff member's entry, while the round takes entries; attachments checked by content and size."""
    today = today or timezone.localdate()
    _require(actor, lambda person: person.pk == author.pk and person.school_id == contest.school_id)
    if not contest.is_open(today):
        raise ValidationError(f"Cuộc thi nhận bài từ {contest.opens_on:%d/%m/%Y} đến {contest.closes_on:%d/%m/%Y}.")
    entry = ContestEntry(contest=contest, author=author, **{k: v.strip() for k, v in fields.items()})
    entry.full_clean()
    entry.save()
    attached = _store_attachments(entry, files)
    audit.record(
        actor=actor,
        action="exemplars.entry.submit",
        obj=entry,
        school=contest.school,
        data=audit.change(after={"title": entry.title, "files": attached}),
    )
    return entry


@transaction.atomic
def edit_entry(
    *, actor, entry: ContestEntry, files: Iterable = (), today: date | None = None, **fields
) -> ContestEntry:
    """Its author changes an entry while the round is open and the school has not selected it."""
    locked = ContestEntry.objects.select_for_update(of=("self",)).select_related("contest").get(pk=entry.pk)
    _require(actor, lambda person: permissions.can_edit_entry(person, locked, today))
    changed = [name for name in ENTRY_FIELDS if name in fields and getattr(locked, name) != fields[name].strip()]
    for name in changed:
        setattr(locked, name, fields[name].strip())
    locked.full_clean()
    locked.save()
    attached = _store_attachments(locked, files)
    audit.record(
        actor=actor,
        action="exemplars.entry.edit",
        obj=locked,
        school=locked.contest.school,
        data={"fields": changed, "files": attached},
    )
    return locked


@transaction.atomic
def select_entry(*, actor, entry: ContestEntry, selected: bool) -> ContestEntry:
    """The school selects an entry to send on to the higher office (or takes it back), after the round closes and
    until the day the entries are sent."""
    locked = ContestEntry.objects.select_for_update(of=("self",)).select_related("contest").get(pk=entry.pk)
    _require(actor, permissions.can_manage_contest, "Chỉ ban giám hiệu chọn bài gửi dự thi.")
    if locked.selected == selected:
        return locked
    locked.selected, locked.selected_at = selected, timezone.now() if selected else None
    locked.save(update_fields=["selected", "selected_at", "updated_at"])
    audit.record(
        actor=actor,
        action="exemplars.entry.select" if selected else "exemplars.entry.unselect",
        obj=locked,
        school=locked.contest.school,
        data=audit.change({"selected": not selected}, {"selected": selected}),
    )
    return locked


# --------------------------------------------------------------------------------------------------
# The yearly report (BC)
# --------------------------------------------------------------------------------------------------
REPORT_TEMPLATE = "exemplars/pdf/year_report.html"
REPORT_RECIPIENTS = "Phòng GDĐT (để b/c)"


@transaction.atomic
def draft_year_report(*, actor, school_year: SchoolYear) -> YearReport:
    """The yearly report of good deeds and commendations as the school's draft BC
    (``documents.services.draft_yearly_report``): its figures and lists are taken now (``reports.year_figures``) and
    taken again each time it is drafted while it is still a draft; once numbered it stays as issued."""
    from .reports import year_figures

    _require(actor, permissions.can_draft_year_report, "Chỉ ban giám hiệu lập báo cáo người tốt, việc tốt.")
    content = year_figures(school_year)
    return documents.draft_yearly_report(
        actor=actor,
        report_model=YearReport,
        school_year=school_year,
        content=content,
        summary=f"Báo cáo kết quả phong trào “Người tốt, việc tốt” năm học {school_year}",
        template_name=REPORT_TEMPLATE,
        audit_action="exemplars.report.draft",
        audit_data={"deeds": content["totals"]["verified"], "commendations": content["totals"]["commendations"]},
        addressees="Phòng Giáo dục và Đào tạo",
        recipients=REPORT_RECIPIENTS,
    )
