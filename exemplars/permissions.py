"""Who may do what with good deeds and the writing contest, over the staff member (never the request).

- Every staff member reports deeds and reads the school's verified ones; the reporter reads and edits her own while
  it waits; the principal and the vice-principals (``MANAGERS``) read every deed, verify or reject it, hide it from
  the public page or show it again.
- The principal alone proposes an ad-hoc commendation from a verified deed (``awards.permissions``).
- Every staff member writes contest entries while the round is open and reads her own; the managers set the round,
  read every entry, select the ones sent on and print their list; they draft the yearly report (BC).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from awards.models import ENDED_WITHOUT_AWARD
from awards.permissions import can_propose_ad_hoc
from thiduakhenthuong.organization.models import Staff
from thiduakhenthuong.organization.permissions import MANAGERS, anyone, holds

from .models import ContestAttachment, ContestEntry, ContestRound, DeedStatus, EvidenceImage, GoodDeed

NOT_YOURS = "Bạn không có quyền thực hiện thao tác này với việc tốt."


# --- deeds ---
def can_report_deed(staff: Staff) -> bool:
    return anyone(staff)


def can_verify_deeds(staff: Staff) -> bool:
    """The principal and the vice-principals: every deed of the school, pending ones included."""
    return holds(staff, MANAGERS)


def can_view_deed(staff: Staff, deed: GoodDeed) -> bool:
    if deed.school_id != staff.school_id:
        return False
    return can_verify_deeds(staff) or deed.reported_by_id == staff.pk or deed.status == DeedStatus.VERIFIED


def can_edit_deed(staff: Staff, deed: GoodDeed) -> bool:
    """The reporter (or a manager) while the deed waits for verification."""
    if deed.school_id != staff.school_id or not deed.can("edit"):
        return False
    return deed.reported_by_id == staff.pk or can_verify_deeds(staff)


def can_verify_deed(staff: Staff, deed: GoodDeed) -> bool:
    return deed.school_id == staff.school_id and can_verify_deeds(staff) and deed.can("verify")


def can_reject_deed(staff: Staff, deed: GoodDeed) -> bool:
    return deed.school_id == staff.school_id and can_verify_deeds(staff) and deed.can("reject")


def can_hide_deed(staff: Staff, deed: GoodDeed) -> bool:
    """Hide a verified deed from the public page, or show it again."""
    return deed.school_id == staff.school_id and can_verify_deeds(staff) and deed.status == DeedStatus.VERIFIED


def has_live_commendation(deed: GoodDeed) -> bool:
    return deed.commendation_id is not None and deed.commendation.status not in ENDED_WITHOUT_AWARD


def can_commend_deed(staff: Staff, deed: GoodDeed) -> bool:
    """The principal, from a verified deed without a commendation under way."""
    return (
        deed.school_id == staff.school_id
        and can_propose_ad_hoc(staff)
        and deed.status == DeedStatus.VERIFIED
        and not has_live_commendation(deed)
    )


def _deed(staff: Staff, pk) -> GoodDeed:
    return get_object_or_404(
        GoodDeed.objects.for_list().select_related("commendation__title"), pk=pk, school_id=staff.school_id
    )


def _authorized(staff: Staff, pk, predicate) -> GoodDeed:
    deed = _deed(staff, pk)
    if not predicate(staff, deed):
        raise PermissionDenied(NOT_YOURS)
    return deed


def get_deed_for_view(staff: Staff, pk) -> GoodDeed:
    return _authorized(staff, pk, can_view_deed)


def get_deed_for_edit(staff: Staff, pk) -> GoodDeed:
    return _authorized(staff, pk, can_edit_deed)


def get_deed_for_decide(staff: Staff, pk) -> GoodDeed:
    """Verify or reject: the managers (the service checks the move)."""
    deed = _deed(staff, pk)
    if not can_verify_deeds(staff):
        raise PermissionDenied(NOT_YOURS)
    return deed


def get_deed_for_hide(staff: Staff, pk) -> GoodDeed:
    deed = _deed(staff, pk)
    if not can_verify_deeds(staff):
        raise PermissionDenied(NOT_YOURS)
    return deed


def get_deed_for_commend(staff: Staff, pk) -> GoodDeed:
    deed = _deed(staff, pk)
    if not can_propose_ad_hoc(staff):
        raise PermissionDenied("Chỉ hiệu trưởng đề nghị khen thưởng đột xuất.")
    return deed


def get_image_for_view(staff: Staff, pk) -> EvidenceImage:
    image = get_object_or_404(EvidenceImage.objects.select_related("deed"), pk=pk, deed__school_id=staff.school_id)
    if not can_view_deed(staff, image.deed):
        raise PermissionDenied(NOT_YOURS)
    return image


def get_image_for_remove(staff: Staff, pk) -> EvidenceImage:
    image = get_object_or_404(EvidenceImage.objects.select_related("deed"), pk=pk, deed__school_id=staff.school_id)
    if not (can_edit_deed(staff, image.deed) or can_hide_deed(staff, image.deed)):
        raise PermissionDenied(NOT_YOURS)
    return image


# --- the writing contest ---
def can_manage_contest(staff: Staff) -> bool:
    return holds(staff, MANAGERS)


def can_view_entry(staff: Staff, entry: ContestEntry) -> bool:
    return entry.contest.school_id == staff.school_id and (entry.author_id == staff.pk or can_manage_contest(staff))


def can_edit_entry(staff: Staff, entry: ContestEntry, today=None) -> bool:
    """Its author while the round takes entries and before the school selects it."""
    today = today or timezone.localdate()
    return (
        entry.contest.school_id == staff.school_id
        and entry.author_id == staff.pk
        and not entry.selected
        and entry.contest.is_open(today)
    )


def get_round(staff: Staff, pk) -> ContestRound:
    """A round of the person's school (every staff member sees the rounds and writes entries)."""
    return get_object_or_404(ContestRound.objects.select_related("school_year"), pk=pk, school_id=staff.school_id)


def get_round_for_manage(staff: Staff, pk) -> ContestRound:
    contest = get_round(staff, pk)
    if not can_manage_contest(staff):
        raise PermissionDenied("Chỉ ban giám hiệu quản lý cuộc thi viết.")
    return contest


def _entry(staff: Staff, pk) -> ContestEntry:
    return get_object_or_404(
        ContestEntry.objects.select_related("contest__school_year", "author"), pk=pk, contest__school_id=staff.school_id
    )


def get_entry_for_view(staff: Staff, pk) -> ContestEntry:
    entry = _entry(staff, pk)
    if not can_view_entry(staff, entry):
        raise PermissionDenied("Bạn không có quyền xem bài dự thi này.")
    return entry


def get_entry_for_edit(staff: Staff, pk) -> ContestEntry:
    entry = _entry(staff, pk)
    if not can_edit_entry(staff, entry):
        raise PermissionDenied("Chỉ tác giả sửa bài dự thi khi cuộc thi còn nhận bài và bài chưa được chọn.")
    return entry


def get_entry_for_select(staff: Staff, pk) -> ContestEntry:
    entry = _entry(staff, pk)
    if not can_manage_contest(staff):
        raise PermissionDenied("Chỉ ban giám hiệu chọn bài gửi dự thi.")
    return entry


def get_contest_attachment(staff: Staff, pk) -> ContestAttachment:
    attachment = get_object_or_404(
        ContestAttachment.objects.select_related("entry__contest"), pk=pk, entry__contest__school_id=staff.school_id
    )
    if not can_view_entry(staff, attachment.entry):
        raise PermissionDenied("Bạn không có quyền xem bài dự thi này.")
    return attachment


# --- the yearly report ---
def can_draft_year_report(staff: Staff) -> bool:
    return holds(staff, MANAGERS)
