"""Every write of the awards app. Each service is atomic, locks what it changes and leaves an audit row.

Views, admin, commands and other apps (the initiative council records its recognition through
``recognise_initiative``) call these; nothing else changes a status.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.notifications import close_for, notify
from thiduakhenthuong.core.saving import save_validated
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import Authority, Gender, LegalRegime, Role, School, SchoolYear, Staff, Team

from .models import (
    PENDING_CHANGE_EXISTS,
    Absence,
    AchievementReport,
    AnnualEvaluation,
    AwardRecord,
    BaseSalary,
    ChangeAction,
    ChangeStatus,
    Discipline,
    DriveKind,
    EligibilityRules,
    Initiative,
    InitiativeAttachment,
    InitiativeScope,
    InitiativeStatus,
    InitiativeUse,
    Nomination,
    Proceeding,
    Rating,
    Registration,
    RegistrationChange,
    RegistrationPeriod,
    RegistrationStatus,
    RegistrationWindow,
    ReportStatus,
    TeamEvaluation,
    Title,
    TitleRule,
)

#: The task a pending change request gives the school's principal (its notification closes once decided).
CHANGE_DECISION = "awards.registration_change.decide"
#: The task a submitted initiative gives the school's managers (closed once it is taken under review or refused).
INITIATIVE_REVIEW = "awards.initiative.review"


def _principals(school: School) -> list:
    """Users of the school's principal in office (the one who approves changes)."""
    staff = Staff.objects.filter(school=school, user__isnull=False).principals()
    return [person.user for person in staff.select_related("user")]


def _managers(school: School, *, besides: Staff | None = None) -> list:
    """Users of the school's principal and vice principals still working there today (who review initiatives), but
    ``besides``."""
    staff = Staff.objects.filter(
        school=school, role__in=[Role.PRINCIPAL, Role.VICE_PRINCIPAL], user__isnull=False
    ).active()
    if besides is not None:
        staff = staff.exclude(pk=besides.pk)
    return [person.user for person in staff.select_related("user")]


def _user_of(recipient: Staff | Team) -> list:
    """Who hears about a person's or team's achievement report: the person, or the team's heads in office today (both
    of them during a handover)."""
    if isinstance(recipient, Staff):
        return [recipient.user] if recipient.user_id else []
    heads = Staff.objects.filter(team=recipient, user__isnull=False).team_heads()
    return [head.user for head in heads.select_related("user")]


# --------------------------------------------------------------------------------------------------
# Registrations
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def set_registration_period(*, actor, school_year: SchoolYear, opens_on: date, deadline: date) -> RegistrationPeriod:
    """Create or change the year's registration period (one per school year)."""
    period = RegistrationPeriod.objects.select_for_update().filter(school_year=school_year).first()
    before = {"opens_on": period.opens_on.isoformat(), "deadline": period.deadline.isoformat()} if period else None
    period = period or RegistrationPeriod(school=school_year.school, school_year=school_year)
    period.opens_on, period.deadline = opens_on, deadline
    period.full_clean()
    period.save()
    audit.record(
        actor=actor,
        action="awards.registration_period.set",
        obj=period,
        data=audit.change(before, {"opens_on": opens_on.isoformat(), "deadline": deadline.isoformat()}),
    )
    return period


def registration_window(
    school_year: SchoolYear, today: date | None = None
) -> tuple[RegistrationPeriod | None, RegistrationWindow]:
    """The year's registration period and where it stands on ``today``: the one place that decides whether a
    person registers (or withdraws) directly or asks the principal. Pages read it to show the right form."""
    today = today or timezone.localdate()
    period = RegistrationPeriod.objects.filter(school_year=school_year).first()
    if period is None:
        return None, RegistrationWindow.NO_PERIOD
    if today < period.opens_on:
        return period, RegistrationWindow.NOT_OPEN
    if period.is_closed(today):
        return period, RegistrationWindow.LATE
    return period, RegistrationWindow.OPEN


def _require_window(school_year: SchoolYear, today: date | None, wanted: RegistrationWindow) -> RegistrationPeriod:
    """The period, or a Vietnamese error saying why ``wanted`` is not where the year stands today."""
    period, window = registration_window(school_year, today)
    if window == wanted:
        return period
    if window == RegistrationWindow.NO_PERIOD:
        raise ValidationError(f"Hiệu trưởng chưa mở đăng ký thi đua năm học {school_year}.")
    if window == RegistrationWindow.NOT_OPEN:
        raise ValidationError(f"Đăng ký thi đua mở từ ngày {period.opens_on:%d/%m/%Y}.")
    if window == RegistrationWindow.LATE:
        raise ValidationError(
            f"Đã quá hạn đăng ký ({period.deadline:%d/%m/%Y}): hãy gửi đề nghị thay đổi để hiệu trưởng duyệt."
        )
    raise ValidationError("Đăng ký vẫn đang mở: hãy tự đăng ký hoặc rút đăng ký, không cần đề nghị.")


@transaction.atomic
def add_registration(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    staff: Staff | None = None,
    team: Team | None = None,
    reason: str = "",
    today: date | None = None,
) -> Registration | RegistrationChange:
    """Register while the period is open; after the deadline, send the principal a request (``reason`` needed).

    Returns the registration, or the pending change request when the deadline has passed.
    """
    _, window = registration_window(school_year, today)
    if window == RegistrationWindow.LATE:
        return request_change(
            actor=actor, school_year=school_year, title=title, action=ChangeAction.ADD, reason=reason,
            staff=staff, team=team, today=today,
        )  # fmt: skip
    return register(actor=actor, school_year=school_year, title=title, staff=staff, team=team, today=today)


@transaction.atomic
def withdraw_registration(
    *, actor, registration: Registration, reason: str = "", today: date | None = None
) -> Registration | RegistrationChange:
    """Withdraw while the period is open; after the deadline, ask the principal (``reason`` needed)."""
    _, window = registration_window(registration.school_year, today)
    if window == RegistrationWindow.LATE:
        return request_change(
            actor=actor, school_year=registration.school_year, title=registration.title,
            action=ChangeAction.WITHDRAW, reason=reason, staff=registration.staff, team=registration.team,
            today=today,
        )  # fmt: skip
    return withdraw(actor=actor, registration=registration, today=today)


@transaction.atomic
def register(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    staff: Staff | None = None,
    team: Team | None = None,
    today: date | None = None,
) -> Registration:
    """Register a person or a team for a title while the period is open.

    Raises ValidationError before the period opens, after the deadline (a change request is then needed),
    for a title of the wrong scope and for a duplicate.
    """
    _require_window(school_year, today, RegistrationWindow.OPEN)
    registration = Registration(
        school=school_year.school, school_year=school_year, title=title, staff=staff, team=team, registered_by=actor
    )
    # The unique constraints are not checked here but by the database below: a racer that commits between this
    # check and the save answers the same message as the first-come check in clean(), never Django's default one.
    registration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(f"{registration.recipient} đã đăng ký “{title}” năm học {school_year}.") from None
    audit.record(
        actor=actor,
        action="awards.registration.create",
        obj=registration,
        school=school_year.school,
        data=audit.change(after={"title": title.code}),
    )
    return registration


def _mark_withdrawn(registration: Registration, *, by) -> None:
    """Keep the row as history: withdrawn, by whom and when (the caller holds its lock)."""
    registration.status = registration.check_transition("withdraw")
    registration.withdrawn_by, registration.withdrawn_at = by, timezone.now()
    registration.save(update_fields=["status", "withdrawn_by", "withdrawn_at"])


@transaction.atomic
def withdraw(*, actor, registration: Registration, today: date | None = None) -> Registration:
    """Withdraw a registration before the deadline; afterwards a change request is needed. The row stays,
    withdrawn, so the person's history shows it."""
    registration = (
        Registration.objects.select_for_update().select_related("school_year", "title").get(pk=registration.pk)
    )
    registration.check_transition("withdraw")
    _require_window(registration.school_year, today, RegistrationWindow.OPEN)
    _mark_withdrawn(registration, by=actor)
    audit.record(
        actor=actor,
        action="awards.registration.withdraw",
        obj=registration,
        data=audit.change(
            {"status": RegistrationStatus.ACTIVE, "title": registration.title.code}, {"status": registration.status}
        ),
    )
    return registration


@transaction.atomic
def request_change(
    *,
    actor,
    school_year: SchoolYear,
    title: Title,
    action: str,
    reason: str,
    staff: Staff | None = None,
    team: Team | None = None,
    today: date | None = None,
) -> RegistrationChange:
    """After the deadline, ask the principal to add or withdraw a registration; the principal is notified.

    At most one pending request per year, title and recipient: the database refuses a second one, even when two
    arrive at once, and the loser gets the same Vietnamese error as a later request.
    """
    _require_window(school_year, today, RegistrationWindow.LATE)
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do để hiệu trưởng xem xét.")
    change = RegistrationChange(
        school=school_year.school,
        school_year=school_year,
        title=title,
        action=action,
        reason=reason.strip(),
        staff=staff,
        team=team,
        requested_by=actor,
    )
    change.full_clean()  # also refuses a second pending request (the model's constraint)
    existing = (
        Registration.objects.active().filter(school_year=school_year, title=title, staff=staff, team=team).exists()
    )
    if action == ChangeAction.ADD and existing:
        raise ValidationError(f"{change.recipient} đã đăng ký “{title}”.")
    if action == ChangeAction.WITHDRAW and not existing:
        raise ValidationError(f"{change.recipient} chưa đăng ký “{title}” nên không có gì để rút.")
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:  # full_clean checked the constraint, but another request was saved meanwhile
        raise ValidationError(PENDING_CHANGE_EXISTS) from None
    audit.record(
        actor=actor,
        action="awards.registration_change.request",
        obj=change,
        data=audit.change(after={"status": change.status, "change": change.action, "title": title.code}),
        reason=reason,
    )
    notify(
        recipients=_principals(school_year.school),
        title=f"Đề nghị {change.get_action_display().lower()} “{title}” của {change.recipient} đang chờ duyệt",
        body=f"Lý do: {change.reason}",
        url=reverse("awards:change_list"),
        subject=change,
        kind=CHANGE_DECISION,
    )
    return change


def _decide(*, actor, change: RegistrationChange, verb: str, note: str) -> RegistrationChange:
    change = RegistrationChange.objects.select_for_update().select_related("title", "school_year").get(pk=change.pk)
    status = change.check_transition(verb)
    before = change.status
    if status == ChangeStatus.APPROVED:
        target = (
            Registration.objects.active()
            .select_for_update()
            .filter(school_year=change.school_year, title=change.title, staff=change.staff_id, team=change.team_id)
        )
        if change.action == ChangeAction.ADD:
            if not target.exists():
                added = Registration(
                    school=change.school,
                    school_year=change.school_year,
                    title=change.title,
                    staff=change.staff,
                    team=change.team,
                    registered_by=change.requested_by,
                )
                added.full_clean()
                added.save()
        else:
            for registration in target:
                _mark_withdrawn(registration, by=actor)
    change.status, change.decided_by, change.decided_at, change.decision_note = status, actor, timezone.now(), note
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(
        actor=actor,
        action=f"awards.registration_change.{verb}",
        obj=change,
        data=audit.change({"status": before}, {"status": status}),
        reason=note,
    )
    close_for(change, CHANGE_DECISION)
    outcome = "đã được đồng ý" if status == ChangeStatus.APPROVED else "không được đồng ý"
    notify(
        recipients=[change.requested_by],
        title=f"Đề nghị {change.get_action_display().lower()} “{change.title}” của {change.recipient} {outcome}",
        body=f"Ý kiến của hiệu trưởng: {note}" if note else "",
        url=reverse("awards:my_profile"),
    )
    return change


@transaction.atomic
def approve_change(*, actor, change: RegistrationChange, note: str = "") -> RegistrationChange:
    """The principal approves a pending change: the registration is added or withdrawn in the same transaction."""
    return _decide(actor=actor, change=change, verb="approve", note=note)


@transaction.atomic
def reject_change(*, actor, change: RegistrationChange, note: str) -> RegistrationChange:
    """The principal rejects a pending change, saying why."""
    if not note.strip():
        raise ValidationError("Hãy ghi lý do không duyệt.")
    return _decide(actor=actor, change=change, verb="reject", note=note.strip())


# --------------------------------------------------------------------------------------------------
# Records kept by managers: evaluations, disciplines, proceedings, award history
# --------------------------------------------------------------------------------------------------


#: The audit action stem of each record kept by ``save_record`` (``.create`` or ``.update`` is appended).
_RECORD_ACTIONS = {
    TeamEvaluation: "awards.team_evaluation",
    Discipline: "awards.discipline",
    Proceeding: "awards.proceeding",
    AwardRecord: "awards.award",
}


@transaction.atomic
def save_record(*, actor, obj):
    """Validate and save one school-owned record (team evaluation, discipline, proceeding, award) and log it
    with the record as it reads before and after."""
    creating = obj.pk is None
    before = None
    if not creating:
        old = type(obj).objects.select_for_update().filter(pk=obj.pk).order_by().get()
        before = {"record": str(old)}
    save_validated(obj)
    audit.record(
        actor=actor,
        action=f"{_RECORD_ACTIONS[type(obj)]}.{'create' if creating else 'update'}",
        obj=obj,
        data=audit.change(before, {"record": str(obj)}),
    )
    return obj


@transaction.atomic
def save_evaluation(*, actor, evaluation: AnnualEvaluation, absences: Iterable[Absence]) -> AnnualEvaluation:
    """Save a staff member's rating for a year together with the year's absences (which replace the old ones)."""
    before = None
    if evaluation.pk:
        rating = AnnualEvaluation.objects.select_for_update().values_list("rating", flat=True).get(pk=evaluation.pk)
        before = {"rating": rating}
    save_validated(evaluation)
    evaluation.absences.all().delete()
    rows = []
    for absence in absences:
        absence.evaluation = evaluation
        absence.full_clean()
        rows.append(absence)
    Absence.objects.bulk_create(rows)
    audit.record(
        actor=actor,
        action="awards.evaluation.save",
        obj=evaluation,
        school=evaluation.school,
        data=audit.change(before, {"rating": evaluation.rating}),
    )
    return evaluation


@transaction.atomic
def import_evaluations(*, actor, school: School, evaluations: list[tuple[AnnualEvaluation, list[Absence]]]) -> int:
    """Save imported evaluations, all or none: a person's existing rating for the year and its absences are
    replaced. The caller has validated every row (``awards.imports``)."""
    for evaluation, absences in evaluations:
        existing = AnnualEvaluation.objects.select_for_update().filter(
            staff=evaluation.staff, school_year=evaluation.school_year
        )
        # no ordering: Meta ordering would outer-join the staff's team, which PostgreSQL cannot lock
        evaluation.pk = existing.order_by().values_list("pk", flat=True).first()
        evaluation.save()
        evaluation.absences.all().delete()
        for absence in absences:
            absence.evaluation = evaluation
        Absence.objects.bulk_create(absences)
    audit.record(
        actor=actor, action="awards.evaluation.import", obj=school, data=audit.change(after={"rows": len(evaluations)})
    )
    return len(evaluations)


@transaction.atomic
def import_awards(*, actor, school: School, awards: list[AwardRecord]) -> int:
    """Save imported award history, all or none (the caller has validated every row)."""
    AwardRecord.objects.bulk_create(awards)
    audit.record(actor=actor, action="awards.award.import", obj=school, data=audit.change(after={"rows": len(awards)}))
    return len(awards)


@transaction.atomic
def record_award(*, actor, award: AwardRecord, initiatives: Iterable[Initiative] = ()) -> AwardRecord:
    """Record (or correct) an award received, spending the listed initiatives on it.

    A new other person (a parent, a citizen) given as the recipient is saved first, in the same transaction.
    """
    person = award.other_person
    if person is not None and person.pk is None:
        person.full_clean()
        person.save()
        award.other_person = person  # sets the id now that there is one
        audit.record(
            actor=actor,
            action="awards.other_person.create",
            obj=person,
            school=person.school,
            data=audit.change(after={"name": str(person)}),
        )
    award = save_record(actor=actor, obj=award)
    for initiative in initiatives:
        use_initiative(actor=actor, initiative=initiative, award=award)
    return award


# --------------------------------------------------------------------------------------------------
# Initiatives
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def submit_initiative(
    *, actor, initiative: Initiative, co_authors: Iterable[Staff] = (), files: Iterable = ()
) -> Initiative:
    """An author submits an initiative with optional co-authors and attachments (already checked by the form)."""
    initiative.status = InitiativeStatus.SUBMITTED
    initiative.full_clean()
    initiative.save()
    initiative.co_authors.set([person for person in co_authors if person.pk != initiative.author_id])
    for upload in files:
        InitiativeAttachment.objects.create(
            initiative=initiative, file=upload, original_name=upload.name[:200], size=upload.size
        )
    audit.record(
        actor=actor,
        action="awards.initiative.submit",
        obj=initiative,
        data=audit.change(after={"status": initiative.status}),
    )
    notify(
        recipients=_managers(initiative.school, besides=initiative.author),
        title=f"Sáng kiến “{initiative.title}” của {initiative.author} chờ xem xét",
        body=f"Lĩnh vực: {initiative.field}.",
        url=reverse("awards:initiative_detail", args=[initiative.pk]),
        subject=initiative,
        kind=INITIATIVE_REVIEW,
    )
    return initiative


#: What the authors are told each verb did to their initiative.
_INITIATIVE_OUTCOMES = {
    "start_review": "đang được xem xét",
    "recognise": "đã được công nhận",
    "reject": "không được công nhận",
}


def _move(*, actor, initiative: Initiative, verb: str, reason: str = "", **changes) -> Initiative:
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    to = initiative.check_transition(verb)
    before = initiative.status
    initiative.status = to
    for field, value in changes.items():
        setattr(initiative, field, value)
    initiative.full_clean()
    initiative.save()
    audit.record(
        actor=actor,
        action=f"awards.initiative.{verb}",
        obj=initiative,
        data=audit.change({"status": before}, {"status": to, **changes}),
        reason=reason if verb == "reject" else "",
    )
    close_for(initiative, INITIATIVE_REVIEW)  # taken up (or refused) by one manager: the others' notice is done
    authors = [initiative.author, *initiative.co_authors.all()]
    notify(
        recipients=[person.user for person in authors if person.user_id],
        title=f"Sáng kiến “{initiative.title}” {_INITIATIVE_OUTCOMES[verb]}",
        body=reason,
        url=reverse("awards:initiative_detail", args=[initiative.pk]),
    )
    return initiative


@transaction.atomic
def start_review(*, actor, initiative: Initiative) -> Initiative:
    """Take a submitted initiative under review."""
    return _move(actor=actor, initiative=initiative, verb="start_review")


@transaction.atomic
def recognise_initiative(
    *,
    actor,
    initiative: Initiative,
    scope: str,
    decision: OfficialDocument | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
) -> Initiative:
    """Recognise an initiative under review with its scope of effect and the recognising decision: the school's
    own issued QĐ (``decision``) or another authority's number and date, one or the other (the model checks)."""
    decision_number = decision_number.strip()
    if decision is None and not decision_number:
        raise ValidationError("Hãy chọn quyết định của trường hoặc ghi số quyết định công nhận.")
    if decision is not None:
        # locked so that it cannot be cancelled while it is being cited
        decision = OfficialDocument.objects.select_for_update().get(pk=decision.pk)
    symbol = decision.symbol if decision is not None else decision_number
    day = decision.document_date if decision is not None else decision_date
    return _move(
        actor=actor,
        initiative=initiative,
        verb="recognise",
        # the label, not the code: this reason is the body of the authors' notification
        reason=f"Phạm vi: {dict(InitiativeScope.choices).get(scope, scope)}; QĐ {symbol}"
        + (f" ngày {day:%d/%m/%Y}" if day else ""),
        scope=scope,
        decision=decision,
        decision_number=decision_number,
        decision_date=decision_date if decision is None else None,
    )


@transaction.atomic
def reject_initiative(*, actor, initiative: Initiative, reason: str) -> Initiative:
    """Refuse an initiative (submitted or under review), saying why."""
    if not reason.strip():
        raise ValidationError("Hãy ghi lý do không công nhận.")
    return _move(
        actor=actor,
        initiative=initiative,
        verb="reject",
        reason=reason.strip(),
        rejection_reason=reason.strip(),
    )


@transaction.atomic
def record_initiative_council_result(
    *,
    actor,
    initiative: Initiative,
    recognised: bool,
    reason: str,
    scope: str = InitiativeScope.SCHOOL,
    decision: OfficialDocument | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
) -> Initiative:
    """The initiative council's result on an initiative (the council app calls this; it never writes awards rows):
    a submitted initiative is taken under review first, then recognised with its scope under the recognising
    decision, or not recognised with ``reason`` (the council's figures). Each step is audited like the
    principal's own; the eligibility rules read the recognised initiative from then on."""
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if initiative.status == InitiativeStatus.SUBMITTED:
        initiative = start_review(actor=actor, initiative=initiative)
    if recognised:
        return recognise_initiative(
            actor=actor,
            initiative=initiative,
            scope=scope,
            decision=decision,
            decision_number=decision_number,
            decision_date=decision_date,
        )
    return reject_initiative(actor=actor, initiative=initiative, reason=reason)


@transaction.atomic
def use_initiative(*, actor, initiative: Initiative, award: AwardRecord) -> InitiativeUse:
    """Spend a recognised initiative of the award's recipient on that award, once and for all.

    The database refuses a second use (one row per initiative), so two concurrent uses cannot both succeed.
    """
    initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not initiative.is_recognised:
        raise ValidationError(f"Sáng kiến “{initiative}” chưa được công nhận.")
    if award.staff_id is None or (
        initiative.author_id != award.staff_id and not initiative.co_authors.filter(pk=award.staff_id).exists()
    ):
        raise ValidationError(f"Sáng kiến “{initiative}” không phải của {award.recipient}.")
    try:
        with transaction.atomic():
            use = InitiativeUse.objects.create(initiative=initiative, award=award)
    except IntegrityError:
        used = InitiativeUse.objects.select_related("award__title", "award__school_year").get(initiative=initiative)
        raise ValidationError(
            f"Sáng kiến “{initiative}” đã được dùng để xét “{used.award.title}” năm học {used.award.school_year}."
        ) from None
    audit.record(
        actor=actor,
        action="awards.initiative.use",
        obj=initiative,
        data=audit.change(after={"award": str(award), "title": award.title.code}),
    )
    return use


# --------------------------------------------------------------------------------------------------
# Achievement reports
# --------------------------------------------------------------------------------------------------

#: What the nominee (or the team head) writes; everything else of a report is set by the services.
REPORT_FIELDS = (
    "title",
    "name",
    "date_of_birth",
    "gender",
    "hometown",
    "residence",
    "workplace",
    "position",
    "qualifications",
    "academic_titles",
    "situation",
    "duties",
    "achievements",
    "measures",
    "other_awards",
)


def award_history_rows(*, staff: Staff | None = None, team: Team | None = None) -> list[dict]:
    """Part III of a report: the recipient's awards, oldest first, as the decree's table rows (one query).

    Each row: ``year``, ``title``, ``kind`` (title or commendation), ``decision`` ("Số 415/QĐ-UBND ngày
    20/06/2023") and ``issuer``. Plain values, so that a submitted report keeps them as they were.
    """
    records = (
        AwardRecord.objects.for_list()
        .filter(staff=staff, team=team)
        .order_by("school_year__start_date", "title__sort_order", "pk")
    )
    rows = []
    for record in records:
        day = record.decided_on
        decision = f"Số {record.decision_symbol}" + (f" ngày {day:%d/%m/%Y}" if day else "")
        rows.append(
            {
                "year": record.school_year.name,
                "title": record.title.name,
                "kind": record.title.kind,
                "decision": decision,
                "issuer": record.decided_by,
            }
        )
    return rows


def _proposed_title(school_year: SchoolYear, *, staff: Staff | None, team: Team | None) -> Title | None:
    """What the report supports: the highest title (then form) the recipient's team proposed for the year (a live
    yearly nomination that needs a report), else the highest one registered."""
    nomination = (
        Nomination.objects.live()
        .filter(school_year=school_year, staff=staff, team=team, drive=DriveKind.YEARLY)
        .exclude(title__code="LDTT")  # rests on the annual rating: no report
        .select_related("title")
        .order_by("-title__kind", "-title__sort_order")
        .first()
    )
    if nomination is not None:
        return nomination.title
    registrations = Registration.objects.active().filter(school_year=school_year, staff=staff, team=team)
    registration = registrations.select_related("title").order_by("-title__kind", "-title__sort_order").first()
    return registration.title if registration else None


def _initiative_lines(initiatives) -> list[str]:
    lines = []
    for initiative in initiatives:
        line = f"Sáng kiến “{initiative.title}” (lĩnh vực {initiative.field})"
        if initiative.scope:
            line += f" được công nhận có phạm vi ảnh hưởng {initiative.get_scope_display().lower()}"
        if initiative.decision_symbol:
            line += f" (Quyết định số {initiative.decision_symbol}"
            line += f" ngày {initiative.decided_on:%d/%m/%Y})" if initiative.decided_on else ")"
        lines.append(line + ".")
    return lines


def report_prefill(school_year: SchoolYear, *, staff: Staff | None = None, team: Team | None = None) -> dict:
    """What a new report starts with, from the data the school already holds: the staff record (I), the year's
    evaluation and recognised initiatives (II), the registered title. Part III is read from the history."""
    school = school_year.school
    recognised = Initiative.objects.filter(school_year=school_year, status=InitiativeStatus.RECOGNISED)
    values = {"title": _proposed_title(school_year, staff=staff, team=team)}
    if staff is not None:
        evaluation = AnnualEvaluation.objects.filter(staff=staff, school_year=school_year).first()
        unit = f"{staff.team.name}, {school.name}" if staff.team_id else school.name
        achievements = []
        if evaluation:
            achievements.append(f"Kết quả đánh giá, xếp loại năm học {school_year}: {evaluation.get_rating_display()}.")
        values.update(
            name=staff.full_name,
            date_of_birth=staff.date_of_birth,
            gender=staff.gender,
            workplace=unit,
            position=staff.position,
            duties=f"{staff.position}, {unit}, năm học {school_year}.",
            achievements="\n".join(achievements),
            measures="\n".join(_initiative_lines(recognised.of(staff).select_related("decision"))),
        )
        return values
    members = list(Staff.objects.filter(team=team).active(school_year.end_date).order_by())
    women = sum(person.gender == Gender.FEMALE for person in members)
    achievements = []
    team_evaluation = TeamEvaluation.objects.filter(team=team, school_year=school_year).first()
    if team_evaluation:
        achievements.append(f"Kết quả xếp loại tập thể năm học {school_year}: {team_evaluation.get_rating_display()}.")
    ratings = AnnualEvaluation.objects.filter(school_year=school_year, staff__in=members)
    counts = {rating: 0 for rating in Rating.values}
    for rating in ratings.values_list("rating", flat=True):
        counts[rating] += 1
    if any(counts.values()):
        achievements.append(
            "Kết quả đánh giá thành viên: "
            + "; ".join(f"{Rating(rating).label}: {count}" for rating, count in counts.items() if count)
            + "."
        )
    initiatives = recognised.filter(Q(author__in=members) | Q(co_authors__in=members)).distinct()
    values.update(
        name=team.name,
        workplace=school.name,
        situation=f"{team.name} gồm {len(members)} thành viên ({women} nữ), thuộc {school.name}.",
        achievements="\n".join(achievements),
        measures="\n".join(_initiative_lines(initiatives.select_related("decision"))),
    )
    return values


def _report_authors(report: AchievementReport) -> list:
    """Who hears about a report: the staff member, or the team's head."""
    return _user_of(report.staff if report.staff_id else report.team)


def _lock_report(report: AchievementReport) -> AchievementReport:
    return (
        AchievementReport.objects.select_for_update(of=("self",))
        .select_related("school_year", "staff", "team")
        .get(pk=report.pk)
    )


@transaction.atomic
def start_report(
    *, actor, school_year: SchoolYear, staff: Staff | None = None, team: Team | None = None
) -> AchievementReport:
    """The recipient's report for the year, created prefilled when there is none yet (one per recipient and year;
    two starts at once give both the same report)."""
    existing = AchievementReport.objects.of(school_year=school_year, staff=staff, team=team).first()
    if existing is not None:
        return existing
    report = AchievementReport(
        school=school_year.school,
        school_year=school_year,
        staff=staff,
        team=team,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **report_prefill(school_year, staff=staff, team=team),
    )
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return AchievementReport.objects.of(school_year=school_year, staff=staff, team=team).get()
    audit.record(actor=actor, action="awards.report.create", obj=report, data=audit.change(after={"status": "draft"}))
    return report


@transaction.atomic
def save_report(*, actor, report: AchievementReport, **fields) -> AchievementReport:
    """Save what the author wrote (a draft, or a returned report, which becomes a draft again)."""
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not report fields: {sorted(unknown)}")
    locked = _lock_report(report)
    target = locked.check_transition("edit")
    before = {name: getattr(locked, name) for name in fields if getattr(locked, name) != fields[name]}
    for name, value in fields.items():
        setattr(locked, name, value)
    before_status = locked.status
    locked.status = target
    locked.full_clean(validate_constraints=False)
    locked.save()
    after = {name: getattr(locked, name) for name in before}
    if before_status != target:
        before["status"], after["status"] = before_status, target
    audit.record(actor=actor, action="awards.report.edit", obj=locked, data=audit.change(before, after))
    return locked


@transaction.atomic
def submit_report(*, actor, report: AchievementReport) -> AchievementReport:
    """Hand the report in for the principal's confirmation; part III is frozen as it stands in the history."""
    locked = _lock_report(report)
    target = locked.check_transition("submit")
    if not locked.achievements.strip():
        raise ValidationError("Báo cáo chưa có phần thành tích đạt được (mục II): hãy viết trước khi nộp.")
    before = locked.status
    locked.awards_snapshot = award_history_rows(staff=locked.staff, team=locked.team)
    locked.status, locked.submitted_at, locked.return_note = target, timezone.now(), ""
    locked.save()
    audit.record(
        actor=actor,
        action="awards.report.submit",
        obj=locked,
        data=audit.change({"status": before}, {"status": target}),
    )
    notify(
        recipients=_principals(locked.school),
        title=f"{locked} đã được nộp, chờ hiệu trưởng xác nhận",
        url=reverse("awards:report_detail", args=[locked.pk]),
        subject=locked,
        kind="awards.report.confirm",
    )
    return locked


@transaction.atomic
def confirm_report(*, actor, report: AchievementReport) -> AchievementReport:
    """The principal confirms the report (XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ)."""
    locked = _lock_report(report)
    target = locked.check_transition("confirm")
    locked.status, locked.confirmed_by, locked.confirmed_at = target, actor, timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="awards.report.confirm",
        obj=locked,
        data=audit.change({"status": ReportStatus.SUBMITTED}, {"status": target}),
    )
    close_for(locked, "awards.report.confirm")
    notify(
        recipients=_report_authors(locked),
        title=f"{locked} đã được hiệu trưởng xác nhận",
        url=reverse("awards:report_detail", args=[locked.pk]),
    )
    return locked


@transaction.atomic
def return_report(*, actor, report: AchievementReport, note: str) -> AchievementReport:
    """The principal returns the report for changes, saying what to change."""
    if not note.strip():
        raise ValidationError("Ghi rõ cần sửa gì khi trả lại báo cáo.")
    locked = _lock_report(report)
    target = locked.check_transition("return")
    locked.status, locked.return_note, locked.awards_snapshot = target, note.strip(), None
    locked.save()
    audit.record(
        actor=actor,
        action="awards.report.return",
        obj=locked,
        data=audit.change({"status": ReportStatus.SUBMITTED}, {"status": target}),
        reason=locked.return_note,
    )
    close_for(locked, "awards.report.confirm")
    notify(
        recipients=_report_authors(locked),
        title=f"{locked} được trả lại để sửa",
        body=locked.return_note,
        url=reverse("awards:report_detail", args=[locked.pk]),
    )
    return locked


# The law by data: a new legal regime copied from the one in force, then edited
# --------------------------------------------------------------------------------------------------

#: Fields of a regime that its edit page changes (the code names it for good once created).
REGIME_FIELDS = ("name", "law_name", "decree_name", "effective_from", "effective_to")
#: Fields of a title rule that its edit page changes.
TITLE_RULE_FIELDS = ("conferring_level", "secret_ballot", "approval_threshold", "reward_multiple", "legal_basis")


def _changes(before, after, names: Iterable[str]) -> dict:
    """Audit data of the fields among ``names`` whose value differs: ``{"before": {...}, "after": {...}}``."""
    changed = [name for name in names if getattr(before, name) != getattr(after, name)]
    return audit.change(
        {name: getattr(before, name) for name in changed}, {name: getattr(after, name) for name in changed}
    )


@transaction.atomic
def copy_regime(
    *,
    actor,
    source: LegalRegime,
    code: str,
    name: str,
    law_name: str,
    decree_name: str,
    effective_from: date,
    effective_to: date | None = None,
) -> LegalRegime:
    """A new legal regime in force from ``effective_from``, with a copy of every figure of ``source`` (the regime in
    force): its general figures, its eligibility rules, its rules per title and every school's authorities. The
    copy is then edited (``update_regime``). ``source`` ends the day before, so that school years ending on or
    after ``effective_from`` are judged under the new regime and earlier ones stay under theirs.

    The new regime must start after every existing one: the law moves forward, it does not rewrite its past.
    """
    source = LegalRegime.objects.select_for_update(of=("self",)).select_related("eligibility_rules").get(pk=source.pk)
    latest = LegalRegime.objects.order_by("-effective_from").first()
    if effective_from <= latest.effective_from:
        raise ValidationError(
            {
                "effective_from": f"Chế độ mới phải có hiệu lực sau ngày {latest.effective_from:%d/%m/%Y} "
                f"(ngày hiệu lực của “{latest}”)."
            }
        )
    regime = LegalRegime(
        code=code.strip(),
        name=name.strip(),
        law_name=law_name.strip(),
        decree_name=decree_name.strip(),
        effective_from=effective_from,
        effective_to=effective_to,
        disclosure_working_days=source.disclosure_working_days,
        reward_rounding_step=source.reward_rounding_step,
    )
    regime.full_clean()
    regime.save()
    audit.record(
        actor=actor,
        action="awards.regime.create",
        obj=regime,
        data=audit.change({"code": source.code}, {"code": regime.code, "effective_from": effective_from}),
    )
    if source.effective_to is None or source.effective_to >= effective_from:
        before = source.effective_to
        source.effective_to = effective_from - timedelta(days=1)
        source.full_clean()
        source.save(update_fields=["effective_to"])
        audit.record(
            actor=actor,
            action="awards.regime.close",
            obj=source,
            data=audit.change({"effective_to": before}, {"effective_to": source.effective_to}),
        )
    try:
        figures = source.eligibility_rules
    except LegalRegime.eligibility_rules.RelatedObjectDoesNotExist:
        raise ValidationError(f"“{source}” chưa có tiêu chuẩn xét danh hiệu để sao chép.") from None
    figures.pk, figures.regime = None, regime
    figures.save()
    audit.record(
        actor=actor, action="awards.eligibility_rules.copy", obj=figures, data=audit.change(after={"code": source.code})
    )
    title_rules = list(TitleRule.objects.filter(regime=source))
    for rule in title_rules:
        rule.pk, rule.regime = None, regime
    TitleRule.objects.bulk_create(title_rules)
    authorities = list(Authority.objects.filter(regime=source))
    for authority in authorities:
        authority.pk, authority.regime = None, regime
    Authority.objects.bulk_create(authorities)
    copied = {"code": source.code, "title_rules": len(title_rules), "authorities": len(authorities)}
    audit.record(actor=actor, action="awards.regime.copy_rules", obj=regime, data=audit.change(after=copied))
    return regime


@transaction.atomic
def update_regime(
    *, actor, regime: LegalRegime, figures: EligibilityRules, title_rules: Iterable[TitleRule] = ()
) -> LegalRegime:
    """Save an edited regime (names, dates), its eligibility figures and its rules per title, all or nothing, with
    one audit row per changed object holding what changed (its fields before and after).

    The regime's dates decide which school years it judges: a year is judged under the regime in force on its
    last day. Periods may not overlap another regime's.
    """
    current = LegalRegime.objects.select_for_update().get(pk=regime.pk)
    regime.full_clean()
    overlapping = LegalRegime.objects.exclude(pk=regime.pk).filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=regime.effective_from)
    )
    if regime.effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=regime.effective_to)
    clash = overlapping.order_by("effective_from").first()
    if clash is not None:
        raise ValidationError(
            {"effective_from": f"Thời gian hiệu lực trùng với “{clash}” (từ ngày {clash.effective_from:%d/%m/%Y})."}
        )
    changed = _changes(current, regime, REGIME_FIELDS)
    regime.save(update_fields=list(REGIME_FIELDS))
    if changed:
        audit.record(actor=actor, action="awards.regime.update", obj=regime, data=changed)
    if figures.regime_id != regime.pk:
        raise ValidationError("Tiêu chuẩn xét danh hiệu không thuộc chế độ này.")
    stored = EligibilityRules.objects.select_for_update().get(pk=figures.pk)
    figures.full_clean()
    changed = _changes(stored, figures, [f.name for f in EligibilityRules._meta.concrete_fields if f.name != "id"])
    figures.save()
    if changed:
        audit.record(actor=actor, action="awards.eligibility_rules.update", obj=figures, data=changed)
    for rule in title_rules:
        if rule.regime_id != regime.pk:
            raise ValidationError("Quy định theo danh hiệu không thuộc chế độ này.")
        stored = TitleRule.objects.select_for_update().select_related("title").get(pk=rule.pk)
        rule.full_clean()
        changed = _changes(stored, rule, TITLE_RULE_FIELDS)
        if changed:
            rule.save(update_fields=list(TITLE_RULE_FIELDS))
            audit.record(actor=actor, action="awards.title_rule.update", obj=rule, data=changed)
    return regime


def _field_values(row) -> dict:
    """The row's editable field values by field name (what the audit row compares)."""
    return {
        field.name: field.value_from_object(row)
        for field in row._meta.concrete_fields
        if field.editable and not field.primary_key
    }


@transaction.atomic
def save_law_figures(*, actor, row: Title | TitleRule | EligibilityRules | BaseSalary):
    """Validate and save one row of figures set by law (a title, its rule under a regime, the eligibility figures
    of a regime, a base salary), wherever it is edited, with an audit row holding each changed value before and
    after.

    These rows are shared by every school and judge every verdict of the years under their regime, so the audit
    row has no school. Raises ValidationError on bad data.
    """
    creating = row.pk is None
    before = None if creating else _field_values(type(row).objects.select_for_update().get(pk=row.pk))
    row.full_clean()
    row.save()
    after = _field_values(row)
    if before:  # only what changed
        changed = [name for name in after if before[name] != after[name]]
        before, after = {name: before[name] for name in changed}, {name: after[name] for name in changed}
    audit.record(
        actor=actor,
        action="awards.law_figures.create" if creating else "awards.law_figures.update",
        obj=row,
        data=audit.change(before, after),
    )
    return row


@transaction.atomic
def delete_law_figures(*, actor, row: Title | TitleRule | EligibilityRules | BaseSalary) -> None:
    """Delete one row of figures set by law, recording the values it held."""
    values = _field_values(type(row).objects.select_for_update().get(pk=row.pk))
    audit.record(actor=actor, action="awards.law_figures.delete", obj=row, data=audit.change(before=values))
    row.delete()
