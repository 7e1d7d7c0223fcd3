"""Dashboard tasks of the awards app: providers that ask compiled questions (answered together with every other
app's, ``core.registry.TaskProvider``) and a constant number of follow-up queries."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task
from thiduakhenthuong.documents.models import DocumentStatus, OfficialDocument
from thiduakhenthuong.organization.models import Role, SchoolYear

from .eligibility import evaluate_person
from .models import (
    AchievementReport,
    ClassProposal,
    ClassProposalStatus,
    Disclosure,
    Initiative,
    InitiativeStatus,
    Nomination,
    NominationStatus,
    Objection,
    Registration,
    RegistrationChange,
    RegistrationPeriod,
    ReportStatus,
    TeamReview,
    TeamReviewStatus,
)
from .permissions import (
    can_answer_objections,
    can_approve_nominations,
    can_check_class_proposals,
    can_confirm_reports,
    can_decide_changes,
    can_evaluate,
    can_issue_award_papers,
    can_write_team_report,
)

#: Remind people this many days before the registration deadline.
DEADLINE_WARNING_DAYS = 7

# The providers' questions, compiled once per process (they are asked on every visit of the dashboard).
_CURRENT_PERIOD = CompiledQuery(
    lambda school: RegistrationPeriod.objects.filter(school=school, school_year__is_current=True).values_list(
        "school_year_id", "school_year__name", "opens_on", "deadline"
    )
)
_PENDING_CHANGES = CompiledQuery(lambda school: RegistrationChange.objects.pending().filter(school=school))
_SUBMITTED_INITIATIVES = CompiledQuery(
    lambda school: Initiative.objects.filter(school=school, status=InitiativeStatus.SUBMITTED)
)
_REGISTERED_THIS_YEAR = CompiledQuery(
    lambda school, staff: Registration.objects.active().filter(
        school_year__school=school, school_year__is_current=True, staff=staff
    )
)
_SUBMITTED_REPORTS = CompiledQuery(
    lambda school: AchievementReport.objects.filter(school=school, status=ReportStatus.SUBMITTED)
)
# by id: the default ordering joins the year, the school and the team for nothing
_RETURNED_REPORTS = CompiledQuery(
    lambda staff: (
        AchievementReport.objects.filter(staff=staff, status=ReportStatus.RETURNED).order_by("pk").values_list("pk")
    )
)
_RETURNED_REPORTS_OF_TEAM = CompiledQuery(
    lambda staff, team: (
        AchievementReport.objects.filter(Q(staff=staff) | Q(team=team), status=ReportStatus.RETURNED)
        .order_by("pk")
        .values_list("pk")
    )
)
_SUBMITTED_CLASSES = CompiledQuery(
    lambda school: ClassProposal.objects.filter(school=school, status=ClassProposalStatus.SUBMITTED)
)


def registration_tasks(staff):
    """A staff member: the registration is open and they have not registered yet, or the deadline is near."""
    # nothing more to ask when nothing is open, which is most of the year
    (found,) = yield (_CURRENT_PERIOD.question("rows", school=staff.school_id),)
    today = timezone.localdate()
    if not found:
        return []
    year_id, year_name, opens_on, deadline = found[0]
    period = RegistrationPeriod(school_year_id=year_id, opens_on=opens_on, deadline=deadline)
    if not period.is_open(today):
        return []
    days = (deadline - today).days
    when = "hôm nay" if days == 0 else f"còn {days} ngày (hạn {deadline:%d/%m/%Y})"
    url = reverse("awards:my_registrations")
    if not Registration.objects.active().filter(school_year=year_id, staff=staff).exists():
        return [
            Task(
                "Đăng ký thi đua",
                url,
                f"Bạn chưa đăng ký thi đua năm học {year_name}; hạn đăng ký {when}.",
                urgent=days <= DEADLINE_WARNING_DAYS,
            )
        ]
    if days <= DEADLINE_WARNING_DAYS:
        return [Task("Sắp hết hạn đăng ký thi đua", url, f"Hạn đăng ký {when}: kiểm tra lại danh hiệu đã đăng ký.")]
    return []


def review_tasks(staff):
    """The principal: late registration changes waiting; managers: initiatives waiting for review."""
    waiting, submitted = yield (
        _PENDING_CHANGES.question("count", school=staff.school_id) if can_decide_changes(staff) else None,
        _SUBMITTED_INITIATIVES.question("count", school=staff.school_id) if can_evaluate(staff) else None,
    )
    tasks = []
    if waiting:
        tasks.append(
            Task(
                "Đề nghị thay đổi đăng ký chờ duyệt",
                reverse("awards:change_list"),
                "Các đề nghị đăng ký thêm hoặc rút đăng ký sau hạn cần hiệu trưởng duyệt.",
                count=waiting,
                urgent=True,
            )
        )
    if submitted:
        tasks.append(
            Task(
                "Sáng kiến chờ xem xét",
                f"{reverse('awards:initiative_list')}?status={InitiativeStatus.SUBMITTED}",
                "Sáng kiến mới nộp đang chờ ban giám hiệu xem xét.",
                count=submitted,
            )
        )
    return tasks


def eligibility_tasks(staff):
    """A staff member with titles registered this year that the rules do not grant yet: what is still missing."""
    # most people on most days have nothing registered: ask the cheapest question first (bench/pages.py)
    (registered,) = yield (_REGISTERED_THIS_YEAR.question("exists", school=staff.school_id, staff=staff.pk),)
    if not registered:
        return []
    registered = _REGISTERED_THIS_YEAR.build(school=staff.school_id, staff=staff.pk)
    year = registered.select_related("school_year")[0].school_year
    rows = [row for row in evaluate_person(staff, year) if row.missing]
    if not rows:
        return []
    return [
        Task(
            "Danh hiệu đăng ký: còn thiếu điều kiện",
            reverse("awards:my_eligibility"),
            "; ".join(f"{row.title.name}: {', '.join(row.missing)}" for row in rows),
            count=len(rows),
        )
    ]


def report_tasks(staff):
    """The principal: achievement reports waiting for her confirmation; an author: her reports returned to her."""
    waiting, returned = yield (
        _SUBMITTED_REPORTS.question("count", school=staff.school_id) if can_confirm_reports(staff) else None,
        _RETURNED_REPORTS_OF_TEAM.question("rows", staff=staff.pk, team=staff.team_id)
        if can_write_team_report(staff)
        else _RETURNED_REPORTS.question("rows", staff=staff.pk),
    )
    tasks = []
    if waiting:
        tasks.append(
            Task(
                "Báo cáo thành tích chờ xác nhận",
                f"{reverse('awards:report_list')}?status={ReportStatus.SUBMITTED}",
                "Báo cáo thành tích đã nộp đang chờ hiệu trưởng xác nhận.",
                count=waiting,
            )
        )
    for (pk,) in returned:
        tasks.append(
            Task(
                "Báo cáo thành tích được trả lại để sửa",
                reverse("awards:report_edit", args=[pk]),
                "Hiệu trưởng đã trả lại báo cáo thành tích: xem ý kiến, sửa và nộp lại.",
                urgent=True,
            )
        )
    return tasks


def pupil_tasks(staff):
    """The managers: classes' lists of pupils proposed that wait to be checked."""
    if not can_check_class_proposals(staff):
        return []
    (waiting,) = yield (_SUBMITTED_CLASSES.question("count", school=staff.school_id),)
    if not waiting:
        return []
    return [
        Task(
            "Danh sách khen thưởng học sinh chờ kiểm tra",
            reverse("awards:pupil_classes"),
            "Giáo viên chủ nhiệm đã gửi danh sách học sinh đề nghị khen thưởng: kiểm tra từng lớp.",
            count=waiting,
        )
    ]


#: Where a nomination waits for the principal (or her vice-principals, for the council's queue).
WAITING_FOR_PRINCIPAL = (NominationStatus.TEAM_PROPOSED, NominationStatus.DISCLOSED, NominationStatus.APPROVED)
#: A team head is reminded of her team's review this many days before the end of the school year.
REVIEW_WARNING_DAYS = 45
#: (year id, how many) of the latest year with nominations waiting for the principal.
_WAITING_NOMINATIONS = CompiledQuery(
    lambda school: (
        Nomination.objects.filter(school=school, status__in=WAITING_FOR_PRINCIPAL)
        .values_list("school_year_id")
        .annotate(n=Count("pk"))
        .order_by("-school_year__start_date")[:1]
    )
)
#: (id, name, last day) of the school's current year and the status of ``team``'s review of it (None: not opened);
#: no ordering, here or in the review (one a year and team): the default ones join the school and the team.
_TEAM_REVIEW = CompiledQuery(
    lambda school, team: (
        SchoolYear.objects.filter(school=school, is_current=True)
        .annotate(
            review=Subquery(
                TeamReview.objects.filter(team=team, school_year=OuterRef("pk")).order_by().values("status")[:1]
            )
        )
        .order_by()
        .values_list("pk", "name", "end_date", "review")
    )
)


def nomination_tasks(staff):
    """A team head: her team's review of the current year to run (near the end of the year, or opened and not
    sent). The principal: nominations waiting for her (to send to the council, approve, decide or submit)."""
    heads_team, approves = staff.role == Role.TEAM_HEAD and staff.team_id is not None, can_approve_nominations(staff)
    current, waiting = yield (
        _TEAM_REVIEW.question("rows", school=staff.school_id, team=staff.team_id) if heads_team else None,
        _WAITING_NOMINATIONS.question("rows", school=staff.school_id) if approves else None,
    )
    tasks = []
    for year_id, year_name, end_date, review in current or ():
        near_end = (end_date - timezone.localdate()).days <= REVIEW_WARNING_DAYS
        if (review is None and near_end) or review == TeamReviewStatus.OPEN:
            tasks.append(
                Task(
                    "Bình xét của tổ",
                    f"{reverse('awards:team_review', args=[staff.team_id])}?year={year_id}",
                    f"Họp tổ bình xét thi đua năm học {year_name}, ghi biểu quyết và gửi đề nghị của tổ.",
                    urgent=near_end,
                )
            )
    for year_id, count in waiting or ():
        tasks.append(
            Task(
                "Đề nghị chờ duyệt",
                f"{reverse('awards:nomination_board')}?year={year_id}",
                "Đề nghị khen thưởng chờ hiệu trưởng đưa ra hội đồng, duyệt, quyết định hoặc trình cấp trên.",
                count=count,
                urgent=True,
            )
        )
    return tasks


#: (id, year, last day) of the school's list open for objections on a day.
_OPEN_DISCLOSURE = CompiledQuery(
    lambda school, today: (
        Disclosure.objects.filter(school=school).open_on(today).values_list("pk", "school_year__name", "ends_on")[:1]
    )
)
#: The lists that the school's unanswered objections are about, in the order they were filed (at most 100).
_UNANSWERED = CompiledQuery(
    lambda school: Objection.objects.filter(school=school).unanswered().values_list("disclosure_id")[:100]
)


def disclosure_tasks(staff):
    """Everyone: a list of the school open for objections today. The principal: objections waiting for her
    written answer (urgent: no decision is issued before)."""
    today = timezone.localdate()
    open_lists, waiting = yield (
        _OPEN_DISCLOSURE.question("rows", school=staff.school_id, today=today),
        _UNANSWERED.question("rows", school=staff.school_id) if can_answer_objections(staff) else None,
    )
    tasks = []
    for pk, year, ends_on in open_lists:
        tasks.append(
            Task(
                "Danh sách đề nghị khen thưởng đang công khai",
                reverse("awards:disclosure_detail", args=[pk]),
                f"Năm học {year}: xem danh sách và gửi ý kiến phản ánh (nếu có) đến hết ngày {ends_on:%d/%m/%Y}.",
            )
        )
    if waiting:
        tasks.append(
            Task(
                "Ý kiến phản ánh chờ trả lời",
                reverse("awards:disclosure_detail", args=[waiting[0][0]]),
                "Trả lời bằng văn bản từng ý kiến phản ánh về danh sách công khai trước khi quyết định khen thưởng.",
                count=len(waiting),
                urgent=True,
            )
        )
    return tasks


#: A QĐ or TTr in these states covers its nominations.
LIVE_PAPERS = (DocumentStatus.DRAFT, DocumentStatus.ISSUED, DocumentStatus.SIGNED)
#: Approved nominations without a live QĐ or TTr yet.
_WITHOUT_PAPERS = CompiledQuery(
    lambda school: (
        Nomination.objects.filter(school=school, status=NominationStatus.APPROVED)
        .exclude(award_decisions__document__status__in=LIVE_PAPERS)
        .exclude(submissions__document__status__in=LIVE_PAPERS)
    )
)
_DRAFT_PAPERS = CompiledQuery(
    lambda school: OfficialDocument.objects.filter(
        Q(award_decision__isnull=False) | Q(submission__isnull=False), school=school, status=DocumentStatus.DRAFT
    )
)


def paper_tasks(staff):
    """The principal and the clerk: approved nominations waiting for their QĐ or TTr, and drafts to number."""
    if not can_issue_award_papers(staff):
        return []
    waiting, drafts = yield (
        _WITHOUT_PAPERS.question("count", school=staff.school_id),
        _DRAFT_PAPERS.question("count", school=staff.school_id),
    )
    tasks = []
    url = reverse("awards:papers")
    if waiting:
        detail = "Lập quyết định khen thưởng của trường và tờ trình gửi cấp trên."
        tasks.append(Task("Đề nghị đã duyệt chờ lập quyết định, tờ trình", url, detail, count=waiting))
    if drafts:
        tasks.append(Task("Quyết định, tờ trình khen thưởng chờ cấp số", url,
                          "Kiểm tra dự thảo, cấp số và ban hành.", count=drafts, urgent=True))  # fmt: skip
    return tasks
