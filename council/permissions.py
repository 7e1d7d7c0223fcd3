"""Who may do what with councils, meetings and ballots, over the staff member; fetch-and-authorize helpers scoped to
the person's school (``Http404`` for a missing object or another school's, ``PermissionDenied`` for a forbidden
one).

- The principal and vice principals form councils and plan meetings; only the principal establishes a council
  (she signs its decision).
- A meeting is conducted (attendance, agenda, opening, proceedings, written opinions, minutes) by the school's
  managers and by the council's own chair and secretary; the ballot is closed by the managers (the tally records
  the results on the nominations through the awards services, which are theirs).
- A member votes on her own paper, at a meeting she attends, once.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.organization.models import Role, Staff
from thiduakhenthuong.organization.permissions import MANAGERS, SCHOOL_READERS, holds

from .models import (
    Ballot,
    BallotStatus,
    Council,
    CouncilMember,
    Meeting,
    MemberRole,
    Rubric,
    ScoreSheet,
)

COUNCIL_MANAGERS = MANAGERS
COUNCIL_ESTABLISHERS = frozenset({Role.PRINCIPAL})
COUNCIL_READERS = SCHOOL_READERS
#: Roles in a council that conduct its meetings beside the school's managers.
CONDUCTING_ROLES = frozenset({MemberRole.CHAIR, MemberRole.SECRETARY})


def can_read_councils(staff: Staff) -> bool:
    """The list of the school's councils and their composition."""
    return holds(staff, COUNCIL_READERS)


def can_manage_councils(staff: Staff) -> bool:
    return holds(staff, COUNCIL_MANAGERS)


def can_edit_council(staff: Staff, council: Council) -> bool:
    return council.school_id == staff.school_id and can_manage_councils(staff)


def can_establish_council(staff: Staff, council: Council) -> bool:
    return council.school_id == staff.school_id and holds(staff, COUNCIL_ESTABLISHERS)


def can_plan_meeting(staff: Staff, council: Council) -> bool:
    return council.school_id == staff.school_id and can_manage_councils(staff)


def seat_of(staff: Staff, council_id: int) -> CouncilMember | None:
    return CouncilMember.objects.filter(council_id=council_id, staff=staff).first()


def can_conduct_meeting(staff: Staff, meeting: Meeting) -> bool:
    if meeting.council.school_id != staff.school_id:
        return False
    if can_manage_councils(staff):
        return True
    seat = seat_of(staff, meeting.council_id)
    return seat is not None and seat.role in CONDUCTING_ROLES


def can_close_ballot(staff: Staff, meeting: Meeting) -> bool:
    return meeting.council.school_id == staff.school_id and can_manage_councils(staff)


def can_read_meeting(staff: Staff, meeting: Meeting) -> bool:
    """The school's readers and the council's members."""
    if meeting.council.school_id != staff.school_id:
        return False
    return can_read_councils(staff) or seat_of(staff, meeting.council_id) is not None


def can_sit_on_councils(staff: Staff) -> bool:
    """The menu entry "Hội đồng của tôi": anyone may be seated on a council (the page lists her seats)."""
    return staff is not None


def voting_seat(staff: Staff, ballot: Ballot) -> CouncilMember | None:
    """Her seat on the ballot's council, or None, annotated with ``present`` (at the meeting) and ``voted`` (on
    the roll): one query."""
    return (
        CouncilMember.objects.filter(council_id=ballot.meeting.council_id, staff=staff)
        .with_voting_state(ballot)
        .order_by()  # at most one (unique constraint); the default ordering would join the council and its year
        .first()
    )


# --- fetch and authorize ---
def get_council(staff: Staff, pk) -> Council:
    return get_object_or_404(Council.objects.for_list(), pk=pk, school_id=staff.school_id)


def get_council_for_read(staff: Staff, pk) -> Council:
    council = get_council(staff, pk)
    if not can_read_councils(staff) and seat_of(staff, council.pk) is None:
        raise PermissionDenied("Bạn không có quyền xem hội đồng này.")
    return council


def get_council_for_edit(staff: Staff, pk) -> Council:
    council = get_council(staff, pk)
    if not can_edit_council(staff, council):
        raise PermissionDenied("Chỉ ban giám hiệu lập thành phần hội đồng.")
    return council


def get_council_for_establish(staff: Staff, pk) -> Council:
    council = get_council(staff, pk)
    if not can_establish_council(staff, council):
        raise PermissionDenied("Chỉ hiệu trưởng quyết định thành lập hội đồng.")
    return council


def get_meeting(staff: Staff, pk) -> Meeting:
    return get_object_or_404(Meeting.objects.for_page(), pk=pk, council__school_id=staff.school_id)


def get_meeting_for_read(staff: Staff, pk) -> Meeting:
    meeting = get_meeting(staff, pk)
    if not can_read_meeting(staff, meeting):
        raise PermissionDenied("Bạn không có quyền xem phiên họp này.")
    return meeting


def get_meeting_for_conduct(staff: Staff, pk) -> Meeting:
    meeting = get_meeting(staff, pk)
    if not can_conduct_meeting(staff, meeting):
        raise PermissionDenied("Chỉ chủ tịch, thư ký hội đồng và ban giám hiệu điều hành phiên họp.")
    return meeting


def get_meeting_for_close_ballot(staff: Staff, pk) -> Meeting:
    meeting = get_meeting(staff, pk)
    if not can_close_ballot(staff, meeting):
        raise PermissionDenied("Chỉ ban giám hiệu kết thúc bỏ phiếu và ghi kết quả.")
    return meeting


def get_ballot_for_vote(staff: Staff, pk) -> tuple[Ballot, CouncilMember]:
    """The open ballot of meeting ``pk`` and the seat of ``staff``, who may still cast her paper in it: a member
    present at the meeting who has not voted yet. Two queries (the meeting with its council, school, year and
    ballot; her seat), so that casting a paper reads nothing twice."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("council__school_year", "council__school", "ballot"),
        pk=pk,
        council__school_id=staff.school_id,
    )
    ballot = getattr(meeting, "ballot", None)  # the reverse one-to-one is missing before the ballot opens
    seat = voting_seat(staff, ballot) if ballot is not None and ballot.status == BallotStatus.OPEN else None
    if seat is None or not seat.present or seat.voted:
        raise PermissionDenied(
            "Bạn không có phiếu trong cuộc bỏ phiếu này (không có mặt, đã bỏ phiếu, hoặc đã kết thúc)."
        )
    return ballot, seat


# --------------------------------------------------------------------------------------------------
# Scoring: rubrics, score sheets, the chair's view of the scoring
# --------------------------------------------------------------------------------------------------

#: Who edits the rubrics (the principal chairs the council and decides its criteria).
RUBRIC_EDITORS = frozenset({Role.PRINCIPAL})
#: Who reads them.
RUBRIC_READERS = MANAGERS


def can_read_rubrics(staff: Staff) -> bool:
    return holds(staff, RUBRIC_READERS)


def can_edit_rubrics(staff: Staff) -> bool:
    return holds(staff, RUBRIC_EDITORS)


def get_rubric_for_view(staff: Staff, pk: int) -> Rubric:
    rubric = get_object_or_404(Rubric.objects.with_criteria(), pk=pk, school_id=staff.school_id)
    if not can_read_rubrics(staff):
        raise PermissionDenied
    return rubric


def get_rubric_for_edit(staff: Staff, pk: int) -> Rubric:
    rubric = get_object_or_404(Rubric.objects.with_criteria(), pk=pk, school_id=staff.school_id)
    if not can_edit_rubrics(staff):
        raise PermissionDenied
    return rubric


def can_lead_scoring(staff: Staff, meeting: Meeting) -> bool:
    """Those who conduct the meeting (the school's managers, the council's chair and secretary): open and close
    the scoring, follow who has finished (never what they gave), read the spread once every sheet is in."""
    return can_conduct_meeting(staff, meeting)


def can_score(staff: Staff, meeting: Meeting) -> bool:
    """A member of the meeting's council (her sheets are the ones she may fill)."""
    return meeting.council.school_id == staff.school_id and seat_of(staff, meeting.council_id) is not None


def can_fill_sheet(staff: Staff, sheet: ScoreSheet) -> bool:
    return sheet.member.staff_id == staff.pk


def _meeting(staff: Staff, pk: int) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("council__school_year", "chair", "secretary"),
        pk=pk,
        council__school_id=staff.school_id,
    )


def get_meeting_for_scoring(staff: Staff, pk: int) -> Meeting:
    """A meeting of the person's school that she scores in or leads."""
    meeting = _meeting(staff, pk)
    if not (can_score(staff, meeting) or can_lead_scoring(staff, meeting)):
        raise PermissionDenied
    return meeting


def get_meeting_for_leading_scoring(staff: Staff, pk: int) -> Meeting:
    meeting = _meeting(staff, pk)
    if not can_lead_scoring(staff, meeting):
        raise PermissionDenied
    return meeting


def get_sheet_for_scoring(staff: Staff, pk: int) -> ScoreSheet:
    """One's own score sheet (another member's is refused, even to the chair: she sees who finished, not what)."""
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related(
            "member", "rubric", "agenda_item__meeting__council__school_year", "agenda_item__meeting__chair",
            "agenda_item__meeting__secretary",
        ),
        pk=pk,
        agenda_item__meeting__council__school_id=staff.school_id,
    )  # fmt: skip
    if not can_fill_sheet(staff, sheet):
        raise PermissionDenied
    return sheet
