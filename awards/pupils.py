"""Pupils' commendations at the end of the year: the homeroom teacher proposes her class's pupils for the principal's
Giấy khen (from the class list, or from the class's end-of-year results in .xlsx); the vice-principal checks each
class's list, which puts its proposals on the council's queue.

The proposals are ``Nomination`` rows (recipient: the pupil; title: the catalog's Giấy khen for pupils), made and
moved only by the services of ``awards.nominations`` (``propose_many``, ``send_many_to_council``): a class of 35 or
a school of 600 pupils is proposed in one call and a fixed number of queries, so ~200 names take one request, not
minutes. This module keeps the class's list (``ClassProposal``), its reasons and the import of results.

The evaluation circular for primary schools (Thông tư 27/2020/TT-BGDĐT, Điều 15) gives the reasons: completing the
learning and training content excellently, or an outstanding achievement or progress in a subject or an activity.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.core.spreadsheets import Column, RowError, parse_date, read_table, text
from thiduakhenthuong.core.text import fold
from thiduakhenthuong.organization.models import ClassGroup, Pupil

from . import nominations
from .models import (
    ClassProposal,
    ClassProposalStatus,
    Nomination,
    NominationStatus,
    Title,
    TitleScope,
)
from .permissions import can_check_class_proposals, can_propose_pupils


class PupilReason(TextChoices):
    """Why a pupil is proposed (Thông tư 27/2020/TT-BGDĐT, Điều 15)."""

    EXCELLENT = "excellent", "Hoàn thành xuất sắc các nội dung học tập và rèn luyện"
    OUTSTANDING = "outstanding", "Có thành tích vượt trội hoặc tiến bộ vượt bậc"


def reason_text(kind: str, detail: str = "") -> str:
    """The reason as the nomination keeps it and the decision's list prints it."""
    detail = " ".join(detail.split())
    if kind == PupilReason.EXCELLENT:
        return PupilReason.EXCELLENT.label + (f"; {detail}" if detail else "")
    if not detail:
        raise ValidationError("Ghi rõ thành tích vượt trội hoặc tiến bộ vượt bậc ở môn học, hoạt động nào.")
    return f"{PupilReason.OUTSTANDING.label}: {detail}"


def pupil_title() -> Title:
    """The principal's Giấy khen for pupils, from the catalog."""
    return Title.objects.get(code="GK", scope=TitleScope.PUPIL)


@dataclass
class Entry:
    """One pupil to propose and why (the reason as ``reason_text`` writes it)."""

    pupil: Pupil
    reason: str


def _locked_proposal(class_group: ClassGroup) -> ClassProposal:
    """The class's proposal row, created when the class proposes for the first time, locked."""
    locking = ClassProposal.objects.select_for_update(of=("self",)).select_related("school", "class_group")
    proposal = locking.filter(class_group=class_group).first()
    if proposal is not None:
        return proposal
    try:
        with transaction.atomic():
            ClassProposal.objects.create(school_id=class_group.school_id, class_group=class_group)
    except IntegrityError:  # created by another request meanwhile: lock that one
        pass
    return locking.get(class_group=class_group)


@transaction.atomic
def propose_pupils(*, actor, class_group: ClassGroup, entries: list[Entry], today: date | None = None) -> list[int]:
    """Propose pupils of ``class_group`` for the principal's Giấy khen; returns the new nominations' ids.

    Only the class's homeroom teacher (or the school's managers) may; only pupils of that class, each once; a
    pupil already proposed this year is refused by name. The nominations are made and proposed by
    ``nominations.propose_many`` (its guarantees: permission on each, workflow, audit, constant queries); the
    class's list becomes "submitted" (again, when the teacher adds names before the check) with its own audit row,
    and the vice-principal is asked to check it. Nothing is saved when anything is wrong.
    """
    staff = acting_staff(actor)
    if staff is not None and not can_propose_pupils(staff, class_group):
        raise PermissionDenied("Chỉ giáo viên chủ nhiệm của lớp đề nghị khen thưởng học sinh của lớp.")
    if not entries:
        raise ValidationError("Chưa chọn học sinh nào.")
    proposal = _locked_proposal(class_group)
    target = proposal.check_transition("submit")
    strangers = [entry.pupil.full_name for entry in entries if entry.pupil.class_group_id != class_group.pk]
    if strangers:
        raise ValidationError(f"Không thuộc {class_group}: {', '.join(strangers)}.")
    for entry in entries:  # the class is loaded: the permission on each pupil reads it without a query
        Pupil.class_group.field.set_cached_value(entry.pupil, class_group)
    created = nominations.propose_many(
        actor=actor,
        school_year=class_group.school_year,
        title=pupil_title(),
        proposals=[(entry.pupil, entry.reason) for entry in entries],
        today=today,
    )
    ids = [row.pk for row in created]
    before = proposal.status
    proposal.status = target
    proposal.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    proposal.submitted_at = timezone.now()
    proposal.save()
    audit.record(
        actor=actor,
        action="awards.pupils.propose",
        obj=proposal,
        data={**audit.change({"status": before}, {"status": target}), "count": len(ids), "nominations": ids},
    )
    return ids


@transaction.atomic
def check_class_proposal(*, actor, proposal: ClassProposal) -> ClassProposal:
    """The vice-principal has checked the class's list: its proposals go on the council's queue together
    (``nominations.send_many_to_council``), and the list has its own audit row with the count and the ids."""
    staff = acting_staff(actor)
    if staff is not None and not can_check_class_proposals(staff):
        raise PermissionDenied("Chỉ ban giám hiệu kiểm tra danh sách đề nghị khen thưởng học sinh.")
    locked = (
        ClassProposal.objects.select_for_update(of=("self",))
        .select_related("school", "class_group__school_year")
        .get(pk=proposal.pk)
    )
    target = locked.check_transition("check")
    waiting = Nomination.objects.filter(
        pupil__class_group=locked.class_group_id, status=NominationStatus.TEAM_PROPOSED
    ).only("pk")
    ids = nominations.send_many_to_council(actor=actor, nominations=waiting)
    locked.status, locked.checked_by, locked.checked_at = target, actor, timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="awards.pupils.check",
        obj=locked,
        data={
            **audit.change({"status": ClassProposalStatus.SUBMITTED}, {"status": target}),
            "count": len(ids),
            "nominations": ids,
        },
    )
    return locked


# --------------------------------------------------------------------------------------------------
# Import of the class's end-of-year results
# --------------------------------------------------------------------------------------------------

RESULT_COLUMNS = [
    Column("Họ và tên", "name", parse=text),
    Column("Ngày sinh", "born", required=False, parse=parse_date),
    Column("Kết quả giáo dục", "result", required=False, parse=text),
    Column("Thành tích nổi bật", "detail", required=False, parse=text),
]
#: Columns of a class's results sheet (as schools export it) that the import does not read.
RESULT_SHEET_OTHER_COLUMNS = (
    "STT", "Lớp", "Giới tính", "Ghi chú", "Tiếng Việt", "Toán", "Đạo đức", "Tự nhiên và Xã hội", "Khoa học",
    "Lịch sử và Địa lí", "Ngoại ngữ", "Tiếng Anh", "Tin học", "Công nghệ", "Tin học và Công nghệ", "Âm nhạc",
    "Mĩ thuật", "Mỹ thuật", "Hoạt động trải nghiệm", "Giáo dục thể chất", "Năng lực", "Phẩm chất",
)  # fmt: skip
#: What the results sheet writes for an excellent year (Thông tư 27/2020: "Hoàn thành xuất sắc").
EXCELLENT_RESULTS = {fold("Hoàn thành xuất sắc"), fold("HTXS"), fold(PupilReason.EXCELLENT.label)}
OTHER_RESULTS = {fold(value) for value in ("Hoàn thành tốt", "HTT", "Hoàn thành", "HT", "Chưa hoàn thành", "CHT")}


@dataclass
class ResultImport:
    entries: list[Entry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: int = 0


def read_results(class_group: ClassGroup, upload) -> ResultImport:
    """The pupils a results sheet proposes: "Hoàn thành xuất sắc" in the result column, or a note of an outstanding
    achievement. Other rows are skipped; every problem is reported with its row, in Vietnamese."""
    rows, errors = read_table(upload, RESULT_COLUMNS, ignored=RESULT_SHEET_OTHER_COLUMNS)
    pupils: dict[str, list[Pupil]] = {}
    for pupil in Pupil.objects.filter(class_group=class_group):
        pupils.setdefault(fold(pupil.full_name), []).append(pupil)
    result = ResultImport(errors=errors)
    seen: dict[int, int] = {}
    for number, data in rows:
        found = pupils.get(fold(data["name"]), [])
        if data["born"] is not None:
            found = [pupil for pupil in found if pupil.date_of_birth == data["born"]]
        if not found:
            result.errors.append(RowError(number, f"không có học sinh “{data['name']}” trong {class_group}."))
            continue
        if len(found) > 1:
            result.errors.append(
                RowError(number, f"{class_group} có {len(found)} học sinh tên “{data['name']}”: hãy ghi ngày sinh.")
            )
            continue
        pupil = found[0]
        if pupil.pk in seen:
            result.errors.append(RowError(number, f"{pupil} đã có ở dòng {seen[pupil.pk]}."))
            continue
        seen[pupil.pk] = number
        outcome, detail = fold(data["result"] or ""), data["detail"] or ""
        if outcome and outcome not in EXCELLENT_RESULTS | OTHER_RESULTS:
            result.errors.append(
                RowError(
                    number,
                    f"kết quả “{data['result']}” không hợp lệ (Hoàn thành xuất sắc, Hoàn thành tốt, Hoàn thành, "
                    "Chưa hoàn thành).",
                )
            )
            continue
        if outcome in EXCELLENT_RESULTS:
            result.entries.append(Entry(pupil, reason_text(PupilReason.EXCELLENT, detail)))
        elif detail:
            result.entries.append(Entry(pupil, reason_text(PupilReason.OUTSTANDING, detail)))
        else:
            result.skipped += 1
    result.errors.sort(key=lambda error: error.row)
    return result
