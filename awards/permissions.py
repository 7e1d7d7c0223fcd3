"""Who may do what in awards, and fetch-and-authorize helpers (404: another school's object; 403: not allowed)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.organization.models import Role, SchoolYear, Staff, Team
from thiduakhenthuong.organization.permissions import MANAGERS, SCHOOL_READERS, has_role

from .models import AwardRecord, Initiative, InitiativeAttachment, Registration, RegistrationChange

#: Who reads the consolidated registration list and the award history.
REGISTRATION_READERS = SCHOOL_READERS
#: Who decides on late changes of registration.
APPROVERS = frozenset({Role.PRINCIPAL})
#: Who enters evaluations, absences, disciplines and proceedings, and reviews initiatives.
EVALUATORS = MANAGERS
#: Who records awards received (decisions come back through the clerk).
RECORD_KEEPERS = MANAGERS | {Role.CLERK}


def can_register_team(request, team: Team) -> bool:
    """Managers register any team of the school; a team head registers their own team."""
    if team.school_id != request.school.pk:
        return False
    if has_role(request, MANAGERS):
        return True
    return request.staff.role == Role.TEAM_HEAD and request.staff.team_id == team.pk


def get_year(request, pk) -> SchoolYear:
    return get_object_or_404(SchoolYear, pk=pk, school=request.school)


def get_team_for_register(request, pk) -> Team:
    team = get_object_or_404(Team, pk=pk, school=request.school)
    if not can_register_team(request, team):
        raise PermissionDenied("Chỉ tổ trưởng của tổ hoặc ban giám hiệu mới đăng ký thi đua cho tổ.")
    return team


def get_registration_for_withdraw(request, pk) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("title", "school_year", "team", "staff"), pk=pk, school=request.school
    )
    own = registration.staff_id is not None and registration.staff_id == request.staff.pk
    if not (own or (registration.team_id and can_register_team(request, registration.team))):
        raise PermissionDenied("Bạn không thể rút đăng ký của người khác.")
    return registration


def get_change_for_decide(request, pk) -> RegistrationChange:
    change = get_object_or_404(RegistrationChange.objects.for_list(), pk=pk, school=request.school)
    if not has_role(request, APPROVERS):
        raise PermissionDenied("Chỉ hiệu trưởng duyệt thay đổi đăng ký thi đua.")
    return change


def get_staff_for_evaluate(request, pk) -> Staff:
    staff = get_object_or_404(Staff.objects.select_related("team"), pk=pk, school=request.school)
    if not has_role(request, EVALUATORS):
        raise PermissionDenied("Chỉ ban giám hiệu nhập đánh giá cuối năm.")
    return staff


def get_object_for_manage(request, model, pk, roles=EVALUATORS):
    """A school-owned record (discipline, proceeding, award) that only ``roles`` may change."""
    obj = get_object_or_404(model, pk=pk, school=request.school)
    if not has_role(request, roles):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ này.")
    return obj


def can_view_initiative(request, initiative: Initiative) -> bool:
    if has_role(request, EVALUATORS):
        return True
    me = request.staff.pk
    return initiative.author_id == me or any(person.pk == me for person in initiative.co_authors.all())


def get_initiative_for_view(request, pk) -> Initiative:
    initiative = get_object_or_404(
        Initiative.objects.for_list().prefetch_related("attachments"), pk=pk, school=request.school
    )
    if not can_view_initiative(request, initiative):
        raise PermissionDenied("Bạn chỉ xem được sáng kiến của mình.")
    return initiative


def get_initiative_for_review(request, pk) -> Initiative:
    initiative = get_object_or_404(Initiative, pk=pk, school=request.school)
    if not has_role(request, EVALUATORS):
        raise PermissionDenied("Chỉ ban giám hiệu xem xét sáng kiến.")
    return initiative


def get_attachment_for_download(request, pk) -> InitiativeAttachment:
    attachment = get_object_or_404(
        InitiativeAttachment.objects.select_related("initiative"), pk=pk, initiative__school=request.school
    )
    get_initiative_for_view(request, attachment.initiative_id)
    return attachment


def get_award_for_edit(request, pk) -> AwardRecord:
    return get_object_for_manage(request, AwardRecord, pk, RECORD_KEEPERS)
