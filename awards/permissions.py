"""Who may do what in awards, over the staff member, and fetch-and-authorize helpers scoped to their school.

Each ``get_<noun>_for_<verb>(staff, pk)`` raises ``Http404`` for a missing object or another school's, and
``PermissionDenied`` for a forbidden one.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from thiduakhenthuong.organization.models import ClassGroup, Role, Staff, StaffKind, Team
from thiduakhenthuong.organization.permissions import MANAGERS, SCHOOL_READERS, get_team, holds

from .models import (
    AchievementReport,
    AwardDecision,
    AwardRecord,
    CertificateBatch,
    Disclosure,
    HigherDecision,
    Initiative,
    InitiativeAttachment,
    Nomination,
    Objection,
    Registration,
    RegistrationChange,
    Submission,
)

#: Who reads the consolidated registration list and the award history.
REGISTRATION_READERS = SCHOOL_READERS
#: Who decides on late changes of registration and sets the registration period.
APPROVERS = frozenset({Role.PRINCIPAL})
#: Who enters evaluations, absences, disciplines and proceedings, and reviews initiatives.
EVALUATORS = MANAGERS
#: Who records awards received (decisions come back through the clerk).
RECORD_KEEPERS = MANAGERS | {Role.CLERK}
#: Who confirms achievement reports (XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ).
REPORT_CONFIRMERS = frozenset({Role.PRINCIPAL})
#: Who reads every achievement report of the school.
REPORT_READERS = SCHOOL_READERS
#: Who reads the whole school's eligibility table.
ELIGIBILITY_READERS = SCHOOL_READERS


def can_read_registrations(staff: Staff) -> bool:
    return holds(staff, REGISTRATION_READERS)


def can_read_awards(staff: Staff) -> bool:
    return holds(staff, REGISTRATION_READERS)


def can_read_eligibility(staff: Staff) -> bool:
    return holds(staff, ELIGIBILITY_READERS)


def can_decide_changes(staff: Staff) -> bool:
    return holds(staff, APPROVERS)


def can_set_registration_period(staff: Staff) -> bool:
    return holds(staff, APPROVERS)


def can_evaluate(staff: Staff) -> bool:
    """Evaluations, absences, disciplines and proceedings; reviewing initiatives."""
    return holds(staff, EVALUATORS)


def can_keep_award_records(staff: Staff) -> bool:
    return holds(staff, RECORD_KEEPERS)


def can_register_team(staff: Staff, team: Team) -> bool:
    """Managers register any team of the school; a team head registers their own team."""
    if team.school_id != staff.school_id:
        return False
    if holds(staff, MANAGERS):
        return True
    return staff.role == Role.TEAM_HEAD and staff.team_id == team.pk


def teams_to_register(staff: Staff) -> list[Team]:
    """The teams whose registrations ``staff`` may make (their own team for a team head; none for others)."""
    if holds(staff, MANAGERS):
        return list(Team.objects.filter(school_id=staff.school_id))
    if staff.role == Role.TEAM_HEAD and staff.team_id:
        return [staff.team]
    return []


def get_team_for_register(staff: Staff, pk) -> Team:
    team = get_team(staff, pk)
    if not can_register_team(staff, team):
        raise PermissionDenied("Chỉ tổ trưởng của tổ hoặc ban giám hiệu mới đăng ký thi đua cho tổ.")
    return team


def can_withdraw_registration(staff: Staff, registration: Registration) -> bool:
    if registration.school_id != staff.school_id:
        return False
    if registration.staff_id is not None:
        return registration.staff_id == staff.pk
    return registration.team_id is not None and can_register_team(staff, registration.team)


def get_registration_for_withdraw(staff: Staff, pk) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("title", "school_year", "team", "staff"), pk=pk, school_id=staff.school_id
    )
    if not can_withdraw_registration(staff, registration):
        raise PermissionDenied("Bạn không thể rút đăng ký của người khác.")
    return registration


def get_change_for_decide(staff: Staff, pk) -> RegistrationChange:
    change = get_object_or_404(RegistrationChange.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not can_decide_changes(staff):
        raise PermissionDenied("Chỉ hiệu trưởng duyệt thay đổi đăng ký thi đua.")
    return change


def get_staff_for_evaluate(staff: Staff, pk) -> Staff:
    person = get_object_or_404(Staff.objects.select_related("team"), pk=pk, school_id=staff.school_id)
    if not can_evaluate(staff):
        raise PermissionDenied("Chỉ ban giám hiệu nhập đánh giá cuối năm.")
    return person


def get_object_for_manage(staff: Staff, model, pk, allowed=can_evaluate):
    """A school-owned record (discipline, proceeding, award) that only those ``allowed`` may change."""
    obj = get_object_or_404(model, pk=pk, school_id=staff.school_id)
    if not allowed(staff):
        raise PermissionDenied("Bạn không có quyền sửa hồ sơ này.")
    return obj


def can_view_initiative(staff: Staff, initiative: Initiative) -> bool:
    """Reviewers see the school's initiatives; authors and co-authors their own."""
    if initiative.school_id != staff.school_id:
        return False
    if can_evaluate(staff):
        return True
    return initiative.author_id == staff.pk or any(person.pk == staff.pk for person in initiative.co_authors.all())


def get_initiative_for_view(staff: Staff, pk) -> Initiative:
    initiative = get_object_or_404(
        Initiative.objects.for_list().prefetch_related("attachments"), pk=pk, school_id=staff.school_id
    )
    if not can_view_initiative(staff, initiative):
        raise PermissionDenied("Bạn chỉ xem được sáng kiến của mình.")
    return initiative


def get_initiative_for_review(staff: Staff, pk) -> Initiative:
    initiative = get_object_or_404(Initiative, pk=pk, school_id=staff.school_id)
    if not can_evaluate(staff):
        raise PermissionDenied("Chỉ ban giám hiệu xem xét sáng kiến.")
    return initiative


def get_attachment_for_download(staff: Staff, pk) -> InitiativeAttachment:
    attachment = get_object_or_404(
        InitiativeAttachment.objects.select_related("initiative"), pk=pk, initiative__school_id=staff.school_id
    )
    get_initiative_for_view(staff, attachment.initiative_id)
    return attachment


def get_award_for_edit(staff: Staff, pk) -> AwardRecord:
    return get_object_for_manage(staff, AwardRecord, pk, can_keep_award_records)


# --- certificates (giấy khen, giấy chứng nhận) ---
#: Who prints certificates, one or a decision's all (the clerk prints what the school hands out).
CERTIFICATE_PRINTERS = RECORD_KEEPERS


def can_print_certificates(staff: Staff) -> bool:
    return holds(staff, CERTIFICATE_PRINTERS)


def can_print_certificate(staff: Staff, award: AwardRecord) -> bool:
    """Printers print any certificate of the school; a staff member their own."""
    if award.school_id != staff.school_id or not award.title.certificate:
        return False
    return can_print_certificates(staff) or (award.staff_id is not None and award.staff_id == staff.pk)


def get_award_for_certificate(staff: Staff, pk) -> AwardRecord:
    """An award of the school that carries a certificate (404 for one that has none: the decision is its proof)."""
    from .certificates import certificate_awards

    award = get_object_or_404(certificate_awards(staff.school), pk=pk)
    if not can_print_certificate(staff, award):
        raise PermissionDenied("Bạn chỉ in được giấy khen của mình.")
    return award


def can_read_statistics(staff: Staff) -> bool:
    """The year's statistics and workbook: the school's readers."""
    return holds(staff, SCHOOL_READERS)


def can_draft_statistics_report(staff: Staff) -> bool:
    """The year's statistics as a BC for the clerk to number: the managers and the clerk."""
    return holds(staff, RECORD_KEEPERS)


def get_certificate_batch_for_view(staff: Staff, pk) -> CertificateBatch:
    batch = get_object_or_404(CertificateBatch.objects.select_related("decision"), pk=pk, school_id=staff.school_id)
    if not can_print_certificates(staff):
        raise PermissionDenied("Chỉ ban giám hiệu và văn thư in giấy khen.")
    return batch


# --- the year-end review: team reviews and nominations ---
#: Who runs the school's side of nominations: sends them to the council, records its result, discloses the list.
NOMINATION_MANAGERS = MANAGERS
#: Who approves or rejects what the council passed, and decides or submits it upward.
NOMINATION_APPROVERS = APPROVERS
#: Who reads the principal's board of nominations.
NOMINATION_READERS = SCHOOL_READERS


def can_review_team(staff: Staff, team: Team) -> bool:
    """A team head reviews her own team; the principal and vice-principals any team of the school."""
    if team.school_id != staff.school_id:
        return False
    if holds(staff, MANAGERS):
        return True
    return staff.role == Role.TEAM_HEAD and staff.team_id == team.pk


def can_open_team_reviews(staff: Staff) -> bool:
    """Whether the person runs any team's review (the menu entry "Bình xét của tổ")."""
    return holds(staff, MANAGERS) or (staff.role == Role.TEAM_HEAD and staff.team_id is not None)


def teams_to_review(staff: Staff) -> list[Team]:
    """The teams whose review ``staff`` may run: her own for a team head, every team for the managers."""
    if holds(staff, MANAGERS):
        return list(Team.objects.filter(school_id=staff.school_id))
    if staff.role == Role.TEAM_HEAD and staff.team_id:
        return [staff.team]
    return []


def get_team_for_review(staff: Staff, pk) -> Team:
    team = get_team(staff, pk)
    if not can_review_team(staff, team):
        raise PermissionDenied("Chỉ tổ trưởng của tổ hoặc ban giám hiệu mới bình xét thi đua của tổ.")
    return team


def can_propose_nomination(staff: Staff, nomination: Nomination) -> bool:
    """Who makes, votes on, proposes and withdraws a proposal before the council: the team's reviewer for a
    proposal of a team review; the homeroom teacher for her class's pupils; the managers for any proposal."""
    if nomination.school_id != staff.school_id:
        return False
    if holds(staff, MANAGERS):
        return True
    if nomination.team_review_id is not None:
        return can_review_team(staff, nomination.team_review.team)
    if nomination.pupil_id is not None:
        return nomination.pupil.class_group.homeroom_teacher_id == staff.pk
    if nomination.class_group_id is not None:
        return nomination.class_group.homeroom_teacher_id == staff.pk
    return False


def can_manage_nominations(staff: Staff) -> bool:
    """Send to the council, record its result (the council app calls the same services), disclose the list."""
    return holds(staff, NOMINATION_MANAGERS)


def can_approve_nominations(staff: Staff) -> bool:
    """Approve or reject after the disclosure, decide within the school's authority or submit upward, and record
    the higher authority's answer."""
    return holds(staff, NOMINATION_APPROVERS)


def can_propose_ad_hoc(staff: Staff) -> bool:
    """The principal's own proposal of an ad-hoc commendation (khen thưởng đột xuất), approved as it is made."""
    return holds(staff, NOMINATION_APPROVERS)


def can_read_nominations(staff: Staff) -> bool:
    return holds(staff, NOMINATION_READERS)


#: The predicate over (staff, nomination) that each verb of ``NOMINATION_WORKFLOW`` requires.
NOMINATION_VERB_PREDICATES = {
    "record_vote": can_propose_nomination,
    "propose": can_propose_nomination,
    "propose_ad_hoc": lambda staff, nomination: nomination.drive == "ad_hoc" and can_propose_ad_hoc(staff),
    "withdraw": can_propose_nomination,
    "send_to_council": lambda staff, nomination: can_manage_nominations(staff),
    "council_pass": lambda staff, nomination: can_manage_nominations(staff),
    "council_fail": lambda staff, nomination: can_manage_nominations(staff),
    "disclose": lambda staff, nomination: can_manage_nominations(staff),
    "approve": lambda staff, nomination: can_approve_nominations(staff),
    "reject": lambda staff, nomination: can_approve_nominations(staff),
    # the principal approved; the QĐ or TTr that decides or submits is numbered by her or the clerk
    "decide": lambda staff, nomination: can_issue_award_papers(staff),
    "submit": lambda staff, nomination: can_issue_award_papers(staff),
    # the higher authority's decision comes back through the clerk (or the managers)
    "confer": lambda staff, nomination: can_keep_award_records(staff),
    "refuse": lambda staff, nomination: can_keep_award_records(staff),
}


def can_take_nomination_verb(staff: Staff, nomination: Nomination, verb: str) -> bool:
    """Whether ``staff`` may take ``verb`` on ``nomination`` (its legality from the state is the workflow's)."""
    return nomination.school_id == staff.school_id and NOMINATION_VERB_PREDICATES[verb](staff, nomination)


def get_nomination_for(staff: Staff, pk, verb: str) -> Nomination:
    """A nomination of the person's school that ``staff`` may take ``verb`` on; 404 or 403 otherwise."""
    nomination = get_object_or_404(Nomination.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not can_take_nomination_verb(staff, nomination, verb):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với đề nghị khen thưởng.")
    return nomination


# --- achievement reports ---
def can_write_report(staff: Staff, report: AchievementReport) -> bool:
    """The author of a report: the staff member herself, or the head of the team for a collective report."""
    if report.school_id != staff.school_id:
        return False
    if report.staff_id is not None:
        return report.staff_id == staff.pk
    return staff.role == Role.TEAM_HEAD and staff.team_id is not None and staff.team_id == report.team_id


def can_edit_report(staff: Staff, report: AchievementReport) -> bool:
    """Its author, while it is a draft or has been returned."""
    return can_write_report(staff, report) and report.can("edit")


def can_submit_report(staff: Staff, report: AchievementReport) -> bool:
    return can_write_report(staff, report) and report.can("submit")


def can_read_reports(staff: Staff) -> bool:
    """The school's list of achievement reports."""
    return holds(staff, REPORT_READERS)


def can_confirm_reports(staff: Staff) -> bool:
    return holds(staff, REPORT_CONFIRMERS)


def can_confirm_report(staff: Staff, report: AchievementReport) -> bool:
    """The principal confirms (or returns) a submitted report of her school."""
    return report.school_id == staff.school_id and can_confirm_reports(staff) and report.can("confirm")


def can_view_report(staff: Staff, report: AchievementReport) -> bool:
    """Its author, the readers of the school, and a team head for her members' reports."""
    if report.school_id != staff.school_id:
        return False
    if can_write_report(staff, report) or can_read_reports(staff):
        return True
    return (
        staff.role == Role.TEAM_HEAD
        and report.staff_id is not None
        and staff.team_id is not None
        and report.staff.team_id == staff.team_id
    )


def can_write_team_report(staff: Staff) -> bool:
    """A team head writes her team's collective report."""
    return staff.role == Role.TEAM_HEAD and staff.team_id is not None


def _report(staff: Staff, pk) -> AchievementReport:
    return get_object_or_404(AchievementReport.objects.for_list(), pk=pk, school_id=staff.school_id)


def get_report_for_view(staff: Staff, pk) -> AchievementReport:
    report = _report(staff, pk)
    if not can_view_report(staff, report):
        raise PermissionDenied("Bạn chỉ xem được báo cáo thành tích của mình (hoặc của tổ mình).")
    return report


def get_report_for_edit(staff: Staff, pk) -> AchievementReport:
    """The author's report (its state is the service's question: a submitted report answers with a message)."""
    report = _report(staff, pk)
    if not can_write_report(staff, report):
        raise PermissionDenied("Chỉ người báo cáo (tổ trưởng, với báo cáo của tổ) được sửa báo cáo này.")
    return report


def get_report_for_confirm(staff: Staff, pk) -> AchievementReport:
    report = _report(staff, pk)
    if not can_confirm_reports(staff):
        raise PermissionDenied("Chỉ hiệu trưởng xác nhận báo cáo thành tích.")
    return report


# --- pupils' commendations ---
#: Who checks each class's list of pupils proposed (and so puts it on the council's queue).
CLASS_LIST_CHECKERS = MANAGERS


def can_check_class_proposals(staff: Staff) -> bool:
    return holds(staff, CLASS_LIST_CHECKERS)


def can_open_pupil_proposals(staff: Staff) -> bool:
    """The pupils' commendations pages: the managers, and teachers (a homeroom teacher finds her classes there;
    asked without a query, as the menu asks it on every page)."""
    return can_check_class_proposals(staff) or staff.kind == StaffKind.TEACHER


def can_propose_pupils(staff: Staff, class_group: ClassGroup) -> bool:
    """The class's homeroom teacher proposes its pupils (the managers may too, as for any proposal)."""
    if class_group.school_id != staff.school_id:
        return False
    return class_group.homeroom_teacher_id == staff.pk or holds(staff, MANAGERS)


def get_class_for_pupil_proposals(staff: Staff, pk) -> ClassGroup:
    """A class of the school whose proposals ``staff`` may see: her own class for a homeroom teacher."""
    group = get_object_or_404(
        ClassGroup.objects.select_related("school_year", "homeroom_teacher"), pk=pk, school_id=staff.school_id
    )
    if not (can_propose_pupils(staff, group) or can_check_class_proposals(staff)):
        raise PermissionDenied("Chỉ giáo viên chủ nhiệm của lớp hoặc ban giám hiệu xem đề nghị khen thưởng của lớp.")
    return group


# --- the law's figures (legal regimes): the deployment's, shared by every school ---
def can_edit_law(user) -> bool:
    """Legal regimes and their figures hold for every school of the deployment: only the deployment's own
    superuser (an account that is no school's staff member) adds and edits them, never a school's principal or
    administrator."""
    return bool(user.is_authenticated and user.is_superuser and getattr(user, "staff", None) is None)


# --- disclosure, the school's decisions, submissions upward ---
#: Who publishes the council's list for objections (the managers: the principal and her vice-principals).
DISCLOSURE_PUBLISHERS = NOMINATION_MANAGERS
#: Who answers objections in writing.
OBJECTION_ANSWERERS = APPROVERS
#: Who keeps the school's calendar of public holidays.
HOLIDAY_KEEPERS = MANAGERS | {Role.ADMINISTRATOR}
#: Who drafts and numbers the QĐ and the TTr (the principal approved; the clerk keeps the register).
AWARD_PAPER_ISSUERS = APPROVERS | {Role.CLERK}
#: Who reads the decisions and submissions pages (and downloads the QĐ, the dossier, the list).
AWARD_PAPER_READERS = SCHOOL_READERS


def can_read_disclosures(staff: Staff) -> bool:
    """Every staff member of the school sees the disclosed lists (and may object while one is open)."""
    return staff.school_id is not None


def can_publish_disclosure(staff: Staff) -> bool:
    return holds(staff, DISCLOSURE_PUBLISHERS)


def can_file_objection(staff: Staff, disclosure: Disclosure, today) -> bool:
    return disclosure.school_id == staff.school_id and disclosure.is_open(today)


def can_answer_objections(staff: Staff) -> bool:
    return holds(staff, OBJECTION_ANSWERERS)


def can_read_objection(staff: Staff, objection: Objection) -> bool:
    """The principal's side reads every objection; the others their own."""
    if objection.school_id != staff.school_id:
        return False
    return objection.filed_by_id == staff.pk or holds(staff, MANAGERS)


def can_keep_holidays(staff: Staff) -> bool:
    return holds(staff, HOLIDAY_KEEPERS)


def can_issue_award_papers(staff: Staff) -> bool:
    return holds(staff, AWARD_PAPER_ISSUERS)


def can_read_award_papers(staff: Staff) -> bool:
    return holds(staff, AWARD_PAPER_READERS)


def get_disclosure_for_view(staff: Staff, pk) -> Disclosure:
    return get_object_or_404(Disclosure.objects.for_list(), pk=pk, school_id=staff.school_id)


def get_objection_for_answer(staff: Staff, pk) -> Objection:
    objection = get_object_or_404(Objection.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not can_answer_objections(staff):
        raise PermissionDenied("Chỉ hiệu trưởng trả lời ý kiến phản ánh.")
    return objection


def get_decision_for(staff: Staff, pk, *, issue: bool = False) -> AwardDecision:
    decision = get_object_or_404(AwardDecision.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not (can_issue_award_papers(staff) if issue else can_read_award_papers(staff)):
        raise PermissionDenied("Bạn không có quyền với quyết định khen thưởng này.")
    return decision


def get_submission_for(staff: Staff, pk, *, issue: bool = False) -> Submission:
    submission = get_object_or_404(Submission.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not (can_issue_award_papers(staff) if issue else can_read_award_papers(staff)):
        raise PermissionDenied("Bạn không có quyền với tờ trình này.")
    return submission


def get_submission_for_answer(staff: Staff, pk) -> Submission:
    submission = get_object_or_404(Submission.objects.for_list(), pk=pk, school_id=staff.school_id)
    if not can_keep_award_records(staff):
        raise PermissionDenied("Chỉ văn thư hoặc ban giám hiệu ghi quyết định của cấp trên.")
    return submission


def get_higher_decision_for_scan(staff: Staff, pk) -> HigherDecision:
    decision = get_object_or_404(HigherDecision.objects.select_related("submission"), pk=pk, school_id=staff.school_id)
    if not can_read_award_papers(staff):
        raise PermissionDenied("Bạn không có quyền xem bản quyết định này.")
    return decision
