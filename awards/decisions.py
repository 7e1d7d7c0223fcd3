"""Services of the year's last steps: disclosure of the council's list and its objections, the principal's
approval (one or all at once), the school's decision (QĐ) and its submission upward (TTr), and the higher
authority's decision when it comes back.

Each function takes keyword-only arguments, runs in one transaction, locks what it changes, checks the person's
permission (``awards.permissions``) and writes its audit row (``awards.disclosure.*``, ``awards.objection.*``,
``awards.decision.*``, ``awards.submission.*``, ``awards.holiday.*``). Nominations move only through
``awards.nominations``; documents are drafted, numbered and printed only through ``thiduakhenthuong.documents``.
``actor`` is the signed-in user; None is system work (the demo loader).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thiduakhenthuong.core import audit, notifications
from thiduakhenthuong.core.access import acting_staff
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentStatus, DocumentType, Issuer, OfficialDocument, private_storage
from thiduakhenthuong.documents.validators import validate_scan_upload
from thiduakhenthuong.organization.models import AuthorityLevel, SchoolYear, Staff

from . import nominations, papers
from .holidays import OFFICIAL_DAYS
from .models import (
    AwardDecision,
    BaseSalary,
    Disclosure,
    HigherDecision,
    HolidayKind,
    Nomination,
    NominationStatus,
    Objection,
    PublicHoliday,
    Submission,
)
from .money import amount_in_words, format_vnd
from .permissions import (
    can_answer_objections,
    can_approve_nominations,
    can_file_objection,
    can_issue_award_papers,
    can_keep_award_records,
    can_keep_holidays,
    can_publish_disclosure,
)
from .workdays import WorkCalendar, add_working_days

OBJECTION_TASK = "awards.objection.answer"


def _require(actor, allowed, message: str) -> Staff | None:
    staff = acting_staff(actor)
    if staff is not None and not allowed(staff):
        raise PermissionDenied(message)
    return staff


# --------------------------------------------------------------------------------------------------
# The school's calendar
# --------------------------------------------------------------------------------------------------


def work_calendar(school) -> WorkCalendar:
    """The school's days off and make-up days, in one query."""
    off, worked = set(), set()
    for day, kind in PublicHoliday.objects.filter(school=school).values_list("day", "kind"):
        (worked if kind == HolidayKind.WORK else off).add(day)
    return WorkCalendar(days_off=frozenset(off), make_up=frozenset(worked))


def ensure_official_days(school) -> int:
    """Copy Vietnam's official days off (``awards.holidays``) into the school's calendar where the school has no
    row for that day (an edited day stays as the school set it). Returns how many were added."""
    existing = set(PublicHoliday.objects.filter(school=school).values_list("day", flat=True))
    rows = [
        PublicHoliday(school=school, day=day, name=name, kind=kind)
        for day, name, kind in OFFICIAL_DAYS
        if day not in existing
    ]
    PublicHoliday.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@transaction.atomic
def add_holiday(*, actor, school, day: date, name: str, kind: str = HolidayKind.OFF) -> PublicHoliday:
    """Add a day to the school's calendar (a day off, or a weekend day worked); one row per day."""
    _require(actor, can_keep_holidays, "Bạn không có quyền sửa lịch nghỉ lễ của trường.")
    if not name.strip():
        raise ValidationError({"name": "Hãy ghi tên ngày nghỉ."})
    if PublicHoliday.objects.filter(school=school, day=day).exists():
        raise ValidationError({"day": f"Ngày {day:%d/%m/%Y} đã có trong lịch."})
    if kind == HolidayKind.WORK and day.weekday() < 5:
        raise ValidationError({"kind": "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật."})
    holiday = PublicHoliday.objects.create(school=school, day=day, name=name.strip(), kind=kind)
    audit.record(actor=actor, action="awards.holiday.create", obj=holiday,
                 data=audit.change(after={"day": day, "name": holiday.name, "kind": kind}))  # fmt: skip
    return holiday


@transaction.atomic
def delete_holiday(*, actor, holiday: PublicHoliday) -> None:
    _require(actor, can_keep_holidays, "Bạn không có quyền sửa lịch nghỉ lễ của trường.")
    audit.record(actor=actor, action="awards.holiday.delete", obj=holiday,
                 data=audit.change({"day": holiday.day, "name": holiday.name, "kind": holiday.kind}, {}))  # fmt: skip
    holiday.delete()


@transaction.atomic
def load_official_days(*, actor, school) -> int:
    """The holidays page's button: add the official days the school's calendar lacks (audited)."""
    _require(actor, can_keep_holidays, "Bạn không có quyền sửa lịch nghỉ lễ của trường.")
    added = ensure_official_days(school)
    audit.record(actor=actor, action="awards.holiday.load_official", obj=school,
                 data=audit.change(after={"added": added}))  # fmt: skip
    return added


# --------------------------------------------------------------------------------------------------
# Disclosure and objections
# --------------------------------------------------------------------------------------------------


def passed_nominations(school_year: SchoolYear):
    """What the council passed and nobody has disclosed yet: the list a disclosure publishes."""
    return Nomination.objects.for_list().filter(school_year=school_year, status=NominationStatus.COUNCIL_PASSED)


def disclosure_end(school, starts_on: date, working_days: int) -> date:
    if not PublicHoliday.objects.filter(school=school).exists():
        ensure_official_days(school)
    return add_working_days(starts_on, working_days, work_calendar(school))


@transaction.atomic
def publish_disclosure(
    *,
    actor,
    school_year: SchoolYear,
    starts_on: date,
    working_days: int | None = None,
    note: str = "",
    nominations_to_publish: Sequence[Nomination] | None = None,
) -> Disclosure:
    """Publish the council's passed list of ``school_year`` (every nomination the council passed, or those given)
    from ``starts_on`` for ``working_days`` working days (default: the regime's figure, 5), weekends and the
    school's public holidays skipped. Each nomination is disclosed (``awards.nominations``); every staff member
    of the school is told. A school without a calendar gets the official days first.
    """
    staff = _require(actor, can_publish_disclosure, "Chỉ ban giám hiệu công khai danh sách đề nghị khen thưởng.")
    school = school_year.school
    days = working_days or school_year.regime.disclosure_working_days
    if days < 1 or days > 60:
        raise ValidationError({"working_days": "Số ngày làm việc công khai phải từ 1 đến 60."})
    chosen = (
        list(nominations_to_publish) if nominations_to_publish is not None else list(passed_nominations(school_year))
    )
    if not chosen:
        raise ValidationError("Chưa có đề nghị nào được hội đồng thông qua để công khai.")
    ends_on = disclosure_end(school, starts_on, days)
    disclosure = Disclosure.objects.create(
        school=school, school_year=school_year, starts_on=starts_on, working_days=days, ends_on=ends_on,
        note=note.strip(), published_by=staff,
    )  # fmt: skip
    moved = [nominations.disclose_nomination(actor=actor, nomination=n) for n in chosen]
    disclosure.nominations.set(moved)
    audit.record(
        actor=actor,
        action="awards.disclosure.publish",
        obj=disclosure,
        data=audit.change(after={"starts_on": starts_on, "ends_on": ends_on, "working_days": days,
                                 "nominations": len(moved)}),
    )  # fmt: skip
    users = [p.user for p in Staff.objects.filter(school=school, user__isnull=False).active(starts_on)
             .select_related("user")]  # fmt: skip
    notify(
        recipients=users,
        title=f"Công khai danh sách đề nghị khen thưởng năm học {school_year}: từ {starts_on:%d/%m/%Y} đến hết "
        f"{ends_on:%d/%m/%Y}",
        body="Xem danh sách và gửi ý kiến phản ánh (nếu có) trước khi hết thời hạn công khai.",
        url=reverse("awards:disclosure_detail", args=[disclosure.pk]),
    )
    return disclosure


@transaction.atomic
def file_objection(
    *, actor, disclosure: Disclosure, text: str, nomination: Nomination | None = None, today: date | None = None
) -> Objection:
    """A staff member's objection to an open disclosure, about one of its nominations or the list; the principal
    is asked to answer it (a task notification closed by the answer)."""
    today = today or timezone.localdate()
    staff = acting_staff(actor)
    if staff is None:
        raise PermissionDenied("Ý kiến phản ánh phải do một cán bộ của trường gửi.")
    if disclosure.school_id != staff.school_id:
        raise PermissionDenied("Danh sách này không thuộc đơn vị của bạn.")
    if not can_file_objection(staff, disclosure, today):
        raise ValidationError(f"Thời hạn công khai đã hết ngày {disclosure.ends_on:%d/%m/%Y}: không nhận thêm ý kiến.")
    if not text.strip():
        raise ValidationError({"text": "Hãy ghi nội dung phản ánh."})
    if nomination is not None and not disclosure.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": "Đề nghị này không có trong danh sách công khai."})
    objection = Objection.objects.create(
        school=disclosure.school, disclosure=disclosure, nomination=nomination, filed_by=staff, text=text.strip()
    )
    audit.record(actor=actor, action="awards.objection.file", obj=objection,
                 data=audit.change(after={"status": objection.status,
                                          "nomination": str(nomination) if nomination else ""}))  # fmt: skip
    principals = Staff.objects.filter(school=disclosure.school, user__isnull=False).principals(today)
    about = f"về {nomination.recipient} ({nomination.title})" if nomination else "về danh sách"
    notify(
        recipients=[p.user for p in principals.select_related("user")],
        title=f"Ý kiến phản ánh {about} trong danh sách công khai năm học {disclosure.school_year} chờ trả lời",
        body=text.strip()[:500],
        url=reverse("awards:disclosure_detail", args=[disclosure.pk]),
        subject=objection,
        kind=OBJECTION_TASK,
    )
    return objection


@transaction.atomic
def answer_objection(*, actor, objection: Objection, answer: str) -> Objection:
    """The principal's written answer to an objection; the person who filed it is told."""
    staff = _require(actor, can_answer_objections, "Chỉ hiệu trưởng trả lời ý kiến phản ánh.")
    locked = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("filed_by__user", "disclosure")
        .get(pk=objection.pk)
    )
    target = locked.check_transition("answer")
    if not answer.strip():
        raise ValidationError({"answer": "Hãy ghi nội dung trả lời."})
    locked.status, locked.answer = target, answer.strip()
    locked.answered_by, locked.answered_at = staff, timezone.now()
    locked.save()
    audit.record(actor=actor, action="awards.objection.answer", obj=locked,
                 data=audit.change({"status": "open"}, {"status": target}), reason=locked.answer)  # fmt: skip
    notifications.close_for(locked, OBJECTION_TASK)
    if locked.filed_by.user_id:
        notify(
            recipients=[locked.filed_by.user],
            title=f"Hiệu trưởng đã trả lời ý kiến phản ánh của bạn về danh sách công khai năm học "
            f"{locked.disclosure.school_year}",
            body=locked.answer,
            url=reverse("awards:disclosure_detail", args=[locked.disclosure_id]),
        )
    objection.refresh_from_db()
    return locked


# --------------------------------------------------------------------------------------------------
# Approval: one at a time, or all at once
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def approve_all(*, actor, nominations_to_approve: Iterable[Nomination], today: date | None = None) -> int:
    """Approve every given nomination that waits for the principal (disclosed), all or none: one refusal (a
    disclosure still running, an objection unanswered) stops the lot and names it. Each nominee is told."""
    _require(actor, can_approve_nominations, "Chỉ hiệu trưởng duyệt đề nghị khen thưởng.")
    count = 0
    for nomination in nominations_to_approve:
        nominations.approve_nomination(actor=actor, nomination=nomination, today=today)
        count += 1
    if not count:
        raise ValidationError("Không có đề nghị nào chờ duyệt.")
    return count


def waiting_for_approval(school_year: SchoolYear):
    return (
        Nomination.objects.for_list()
        .filter(school_year=school_year, status=NominationStatus.DISCLOSED)
        .order_by("title__sort_order", "pk")
    )


def approved_nominations(school_year: SchoolYear):
    return Nomination.objects.for_list().filter(school_year=school_year, status=NominationStatus.APPROVED)


# --------------------------------------------------------------------------------------------------
# The school's decision (QĐ) and the submission upward (TTr)
# --------------------------------------------------------------------------------------------------


def _taken(school_year: SchoolYear) -> set[int]:
    """Nominations already in a QĐ or TTr that is not cancelled."""
    decided = AwardDecision.objects.live().filter(school_year=school_year).values_list("nominations", flat=True)
    submitted = Submission.objects.live().filter(school_year=school_year).values_list("nominations", flat=True)
    return set(decided) | set(submitted)


def _lock_free(school_year: SchoolYear, chosen: Sequence[Nomination]) -> None:
    """Lock the chosen nominations' rows and refuse any that another QĐ or TTr took meanwhile: two clerks drafting
    at once make one paper, and the second is told why."""
    list(Nomination.objects.select_for_update(of=("self",)).filter(pk__in=[n.pk for n in chosen]).order_by("pk"))
    taken = _taken(school_year)
    clash = [n for n in chosen if n.pk in taken]
    if clash:
        names = "; ".join(f"{n.recipient} – {n.title}" for n in clash[:5])
        raise ValidationError(f"Đã có quyết định hoặc tờ trình (chưa huỷ) cho: {names}.")


def split_approved(school_year: SchoolYear) -> tuple[list[Nomination], dict[str, list[Nomination]]]:
    """The year's approved nominations not yet in a live QĐ or TTr: those the school confers itself under the
    regime of the year (its catalog's conferring level is the school's), and the others by conferring level."""
    rules = papers.rules_of(school_year)
    taken = _taken(school_year)
    own, upward = [], {}
    for nomination in approved_nominations(school_year):
        if nomination.pk in taken:
            continue
        rule = rules.get(nomination.title_id)
        if rule is None:
            continue
        if rule.conferring_level == AuthorityLevel.SCHOOL:
            own.append(nomination)
        else:
            upward.setdefault(rule.conferring_level, []).append(nomination)
    return own, upward


def _decision_content(school_year: SchoolYear, chosen: Sequence[Nomination], on: date, issuer_name: str) -> dict:
    rules = papers.rules_of(school_year)
    with_money = any(rules[n.title_id].reward_multiple is not None for n in chosen)
    rows = papers.list_rows(chosen, rules=rules, on=on, with_money=with_money)
    total = papers.money_total(rows)
    pupils_only = all(n.recipient_field in {"pupil", "class_group"} for n in chosen)
    counts = "; ".join(f"{label}: {count}" for label, count in papers.title_counts(chosen))
    whom = "học sinh, tập thể học sinh" if pupils_only else "cá nhân, tập thể"
    if ad_hoc := papers.ad_hoc_of(chosen):
        first = (
            f"Khen thưởng đột xuất {papers.kind_word(ad_hoc)} {ad_hoc.recipient} ({ad_hoc.title.name}). Thành tích: "
            f"{ad_hoc.achievements.rstrip('.')}."
        )
        list_title = f"DANH SÁCH KHEN THƯỞNG ĐỘT XUẤT NĂM HỌC {school_year.name}"
    else:
        first = (
            f"Khen thưởng các {whom} có thành tích xuất sắc năm học {school_year.name} ({counts}), có danh sách kèm "
            "theo."
        )
        list_title = f"DANH SÁCH KHEN THƯỞNG NĂM HỌC {school_year.name}"
    articles = [["Điều 1.", first]]
    if with_money:
        articles.append(["Điều 2.", f"Tiền thưởng kèm theo theo quy định hiện hành, tổng số tiền: "
                                    f"{format_vnd(total)} đồng (Bằng chữ: {amount_in_words(total)}), chi từ quỹ thi "
                                    "đua, khen thưởng của nhà trường."])  # fmt: skip
    else:
        articles.append(["Điều 2.", "Quyết định có hiệu lực kể từ ngày ký."])
    articles.append(["Điều 3.", ("Quyết định có hiệu lực kể từ ngày ký. " if with_money else "")
                     + "Bộ phận kế toán, các tổ chuyên môn, giáo viên chủ nhiệm và các cá nhân, tập thể có tên tại "
                     "Điều 1 chịu trách nhiệm thi hành Quyết định này."])  # fmt: skip
    return {
        "kind": "award_decision",
        "school_year_id": school_year.pk,
        "authority_line": f"HIỆU TRƯỞNG {issuer_name.upper()}",
        "signer_line": f"Hiệu trưởng {issuer_name}",
        "articles": articles,
        "list_title": list_title,
        "rows": rows,
        "with_money": with_money,
        "total": total,
        "total_text": format_vnd(total),
        "total_words": amount_in_words(total),
        "base_salary": BaseSalary.on(on).amount if with_money else None,
    }


def _one_paper(school_year, waiting, chosen, level, paper: str, *, empty: str, other_level: str) -> list[Nomination]:
    """The nominations one QĐ or TTr (``paper``) carries: ``chosen``, or the first group of ``waiting`` (the year's
    before the ad-hoc ones). Refused when there are none (``empty``), when they mix groups of
    ``papers.paper_groups``, or when a title is conferred at another level than ``level`` (``other_level``)."""
    if chosen is None:
        groups = papers.paper_groups(waiting)
        chosen = groups[0] if groups else []
    chosen = list(chosen)
    if not chosen:
        raise ValidationError(empty)
    if len(papers.paper_groups(chosen)) > 1:
        raise ValidationError(
            f"Mỗi khen thưởng đột xuất có {paper} riêng: không gộp vào {paper} khen thưởng năm học hay với khen "
            "thưởng đột xuất khác."
        )
    rules = papers.rules_of(school_year)
    for nomination in chosen:
        rule = rules.get(nomination.title_id)
        if rule is None or rule.conferring_level != level:
            raise ValidationError(f"“{nomination.title}” {other_level}.")
    return chosen


def _check_ready(chosen: Sequence[Nomination], today: date) -> None:
    for nomination in chosen:
        if nomination.status != NominationStatus.APPROVED:
            raise ValidationError(f"“{nomination.title}” cho {nomination.recipient} chưa được hiệu trưởng duyệt.")
        nominations.check_disclosure_over(nomination, today)


@transaction.atomic
def draft_award_decision(
    *, actor, school_year: SchoolYear, chosen: Sequence[Nomination] | None = None, document_date: date | None = None
) -> AwardDecision:
    """A draft QĐ for approved nominations the school confers itself, one group of ``papers.paper_groups`` (default:
    the first not yet in a live decision, the year's before the ad-hoc ones), with its grounds, Điều 1/2/3 and the
    attached list; the money is computed on its date and again on the day it is numbered. Refused for a choice that
    mixes an ad-hoc commendation with others, and while a disclosure runs or an objection waits."""
    staff = _require(actor, can_issue_award_papers, "Chỉ hiệu trưởng hoặc văn thư lập quyết định khen thưởng.")
    day = document_date or timezone.localdate()
    chosen = _one_paper(
        school_year, split_approved(school_year)[0], chosen, AuthorityLevel.SCHOOL, "quyết định",
        empty="Không có đề nghị đã duyệt nào thuộc thẩm quyền khen thưởng của trường.",
        other_level="không thuộc thẩm quyền của trường: hãy trình cấp trên",
    )  # fmt: skip
    _check_ready(chosen, day)
    _lock_free(school_year, chosen)
    school = school_year.school
    issuer = Issuer.for_school(school)
    pupils = any(n.recipient_field in {"pupil", "class_group"} for n in chosen)
    only_pupils = all(n.recipient_field in {"pupil", "class_group"} for n in chosen)
    if ad_hoc := papers.ad_hoc_of(chosen):  # the principal's own proposal: no council, no minutes
        summary = f"Về việc khen thưởng đột xuất {papers.kind_word(ad_hoc)} {ad_hoc.recipient}"
        grounds = papers.grounds(school_year, pupils=pupils, minutes=[],
                                 considering=f"Xét thành tích đột xuất của {ad_hoc.recipient}")  # fmt: skip
    else:
        summary = (
            f"Về việc khen thưởng {'học sinh' if only_pupils else 'cá nhân, tập thể'} có thành tích xuất sắc năm học "
            f"{school_year.name}"
        )
        grounds = papers.grounds(school_year, pupils=pupils, minutes=papers.council_minutes(school_year))
    document = documents.create_draft(
        actor=actor,
        issuer=issuer,
        doc_type=DocumentType.DECISION,
        summary=summary,
        document_date=day,
        grounds=grounds,
        content=_decision_content(school_year, chosen, day, issuer.name),
        template_name="awards/pdf/decision.html",
        signer=Staff.objects.principal_of(school, on=day),
        recipients="Như Điều 3;\nHội đồng TĐKT trường",
        archive_note="VT",
        drafter=staff,
    )
    decision = AwardDecision.objects.create(school=school, school_year=school_year, document=document,
                                            created_by=actor)  # fmt: skip
    decision.nominations.set(chosen)
    audit.record(actor=actor, action="awards.decision.draft", obj=decision,
                 data=audit.change(after={"nominations": len(chosen), "total": document.content["total"]}))  # fmt: skip
    return decision


def _issue_paper(
    *,
    actor,
    paper: AwardDecision | Submission,
    issued_on: date | None,
    take: Callable[[Nomination, OfficialDocument, date], object],
    action: str,
    forbidden: str,
    cancelled: str,
    content: Callable[[Sequence[Nomination], date], dict] | None = None,
    audit_after: Callable[[OfficialDocument], dict] = lambda document: {},
) -> None:
    """The one way a QĐ or TTr is numbered and takes its nominations: the person's right (``forbidden``), every
    nomination ready on ``issued_on`` (default today), a draft's document dated that day (``content`` computed
    again for it when given) and numbered through the register, a cancelled one refused (``cancelled``), one
    already numbered kept as it is; then ``take`` moves each nomination and the paper's ``action`` audit row is
    written (the symbol, the count, and ``audit_after``'s values)."""
    _require(actor, can_issue_award_papers, forbidden)
    day = issued_on or timezone.localdate()
    chosen = list(paper.nominations.for_list())
    _check_ready(chosen, day)
    document = paper.document
    if document.status == DocumentStatus.DRAFT:
        fields = {"content": content(chosen, day)} if content is not None else {}
        documents.update_draft(actor=actor, document=document, **fields, document_date=day)
        documents.issue_document(actor=actor, document=document, issued_on=day)
        document.refresh_from_db()
    elif document.status not in {DocumentStatus.ISSUED, DocumentStatus.SIGNED}:
        raise ValidationError(cancelled)
    for nomination in chosen:
        take(nomination, document, day)
    audit.record(actor=actor, action=action, obj=paper,
                 data=audit.change(after={"symbol": document.symbol, "nominations": len(chosen),
                                          **audit_after(document)}))  # fmt: skip


@transaction.atomic
def issue_award_decision(*, actor, decision: AwardDecision, issued_on: date | None = None) -> AwardDecision:
    """Number the QĐ through the register on ``issued_on`` (default today) and decide its nominations: the money
    is computed again with the base salary in force that day, then each nomination moves to decided and its award
    is written to the recipient's history, linked to the QĐ (``awards.nominations.decide_nomination``)."""
    _issue_paper(
        actor=actor,
        paper=decision,
        issued_on=issued_on,
        take=lambda nomination, document, day: nominations.decide_nomination(
            actor=actor, nomination=nomination, decision=document
        ),
        action="awards.decision.issue",
        forbidden="Chỉ hiệu trưởng hoặc văn thư cấp số quyết định khen thưởng.",
        cancelled="Quyết định đã huỷ: hãy lập quyết định mới.",
        content=lambda chosen, day: _decision_content(decision.school_year, chosen, day, decision.document.issuer.name),
        audit_after=lambda document: {"total": document.content.get("total", 0)},
    )
    return decision


def _submission_content(school_year: SchoolYear, chosen: Sequence[Nomination], authority, on: date, school) -> dict:
    rules = papers.rules_of(school_year)
    with_money = False  # the authority that confers pays its own reward; the list says who, not how much
    rows = papers.list_rows(chosen, rules=rules, on=on, with_money=with_money)
    to = papers.addressee(authority)
    if ad_hoc := papers.ad_hoc_of(chosen):  # the principal's own proposal, sent when the act happens
        whom = f"{papers.kind_word(ad_hoc)} {ad_hoc.recipient}"
        where = ", ".join(part for part in papers.position_and_unit(ad_hoc) if part)
        act = ad_hoc.achievements.rstrip(".")
        opening = [
            f"{school.name} báo cáo thành tích đột xuất của {whom}{f' ({where})' if where else ''}: {act}.",
            f"Thành tích “{act}” của {whom} là tấm gương sáng, cần được biểu dương, khen thưởng kịp thời để động viên "
            "và nhân rộng trong nhà trường.",
            f"{school.name} kính đề nghị {to} xem xét, tặng {ad_hoc.title.name} (khen thưởng đột xuất) cho {whom}.",
        ]
        counts, attached = [], "(Có danh sách kèm theo.)"
        list_title = f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG ĐỘT XUẤT NĂM HỌC {school_year.name}"
    else:
        opening = [
            f"Căn cứ kết quả bình xét thi đua, khen thưởng năm học {school_year.name} và biên bản họp Hội đồng Thi "
            f"đua - Khen thưởng, {school.name} đã công khai danh sách đề nghị khen thưởng theo quy định.",
            f"{school.name} kính đề nghị {to} xem xét, công nhận danh hiệu thi đua và khen thưởng cho các cá nhân, "
            "tập thể có thành tích năm học " + school_year.name + ", cụ thể:",
        ]
        counts = papers.title_counts(chosen)
        attached = "(Có danh sách, biên bản họp Hội đồng, báo cáo thành tích và hồ sơ kèm theo.)"
        list_title = f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM HỌC {school_year.name}"
    return {
        "kind": "submission",
        "school_year_id": school_year.pk,
        "opening": opening,
        "counts": counts,
        "closing_lines": [attached, f"{school.name} kính trình {to} xem xét, quyết định./."],
        "list_title": list_title,
        "rows": rows,
        "with_money": with_money,
        "total": 0,
    }


@transaction.atomic
def draft_submission(
    *,
    actor,
    school_year: SchoolYear,
    level: str,
    chosen: Sequence[Nomination] | None = None,
    document_date: date | None = None,
) -> Submission:
    """A draft TTr to the authority of ``level`` (under the regime of the year, from the school's authorities) for
    approved nominations whose titles it confers, not yet in a live QĐ or TTr: one group of ``papers.paper_groups``
    (default: the first, the year's before the ad-hoc ones). The year's TTr grounds itself on the council's review;
    an ad-hoc commendation's proposes its act alone, when it happens. Refused for a choice that mixes an ad-hoc
    commendation with others or holds a title another level confers, and while a disclosure runs or an objection
    waits."""
    staff = _require(actor, can_issue_award_papers, "Chỉ hiệu trưởng hoặc văn thư lập tờ trình.")
    day = document_date or timezone.localdate()
    chosen = _one_paper(
        school_year, split_approved(school_year)[1].get(level, []), chosen, level, "tờ trình",
        empty="Không có đề nghị đã duyệt nào chờ trình cấp này.",
        other_level=f"không do {AuthorityLevel(level).label} quyết định",
    )  # fmt: skip
    _check_ready(chosen, day)
    _lock_free(school_year, chosen)
    authority = papers.authority_for(school_year, level)
    if authority is None:
        raise ValidationError(
            f"Chưa có cơ quan “{AuthorityLevel(level).label}” của trường theo chế độ {school_year.regime.code}: "
            "hãy bổ sung trong danh sách cơ quan có thẩm quyền."
        )
    school = school_year.school
    if ad_hoc := papers.ad_hoc_of(chosen):
        summary = f"Về việc đề nghị khen thưởng đột xuất {papers.kind_word(ad_hoc)} {ad_hoc.recipient}"
    else:
        summary = f"Về việc đề nghị công nhận danh hiệu thi đua và khen thưởng năm học {school_year.name}"
    document = documents.create_draft(
        actor=actor,
        issuer=Issuer.for_school(school),
        doc_type=DocumentType.SUBMISSION,
        summary=summary,
        document_date=day,
        addressees=papers.addressee(authority),
        content=_submission_content(school_year, chosen, authority, day, school),
        template_name="awards/pdf/submission.html",
        signer=Staff.objects.principal_of(school, on=day),
        recipients=f"Như trên;\n{authority.name} (để t/h)",
        archive_note="VT",
        drafter=staff,
    )
    submission = Submission.objects.create(school=school, school_year=school_year, authority=authority,
                                           document=document, created_by=actor)  # fmt: skip
    submission.nominations.set(chosen)
    audit.record(actor=actor, action="awards.submission.draft", obj=submission,
                 data=audit.change(after={"authority": authority.name, "nominations": len(chosen)}))  # fmt: skip
    return submission


@transaction.atomic
def issue_submission(*, actor, submission: Submission, issued_on: date | None = None) -> Submission:
    """Number the TTr through the register and submit its nominations upward (``submit_nomination``)."""
    _issue_paper(
        actor=actor,
        paper=submission,
        issued_on=issued_on,
        take=lambda nomination, document, day: nominations.submit_nomination(
            actor=actor, nomination=nomination, today=day
        ),
        action="awards.submission.issue",
        forbidden="Chỉ hiệu trưởng hoặc văn thư cấp số tờ trình.",
        cancelled="Tờ trình đã huỷ: hãy lập tờ trình mới.",
    )
    return submission


@transaction.atomic
def record_higher_decision(
    *,
    actor,
    submission: Submission,
    number: str,
    decided_on: date,
    authority_name: str,
    conferred: Sequence[Nomination],
    refused: Sequence[Nomination] = (),
    scan=None,
) -> HigherDecision:
    """The higher authority's decision answering ``submission``: who received what (``conferred``; ``refused``
    are told no, with the decision named; the others stay submitted for a later decision). Each conferred
    nomination's award is written to the history with the decision's number, date and authority, linked to the
    nomination; the scan of the signed paper is checked by content and size as the documents' scans are."""
    _require(actor, can_keep_award_records, "Chỉ văn thư hoặc ban giám hiệu ghi quyết định của cấp trên.")
    number, authority_name = number.strip(), authority_name.strip()
    errors = {}
    if not number:
        errors["number"] = "Ghi số, ký hiệu quyết định."
    if not authority_name:
        errors["authority_name"] = "Ghi cơ quan quyết định."
    if errors:
        raise ValidationError(errors)
    submitted = {n.pk for n in submission.nominations.filter(status=NominationStatus.SUBMITTED)}
    conferred, refused = list(conferred), list(refused)
    if not conferred and not refused:
        raise ValidationError("Chọn người, tập thể được khen thưởng (hoặc không được) theo quyết định.")
    if {n.pk for n in conferred} & {n.pk for n in refused}:
        raise ValidationError("Một đề nghị không thể vừa được vừa không được khen thưởng.")
    for nomination in (*conferred, *refused):
        if nomination.pk not in submitted:
            raise ValidationError(f"{nomination.recipient} – {nomination.title}: không chờ cấp trên quyết định "
                                  "trong tờ trình này.")  # fmt: skip
    if decided_on < (submission.document.document_date or decided_on):
        raise ValidationError({"decided_on": "Ngày quyết định không thể trước ngày tờ trình."})
    answer = HigherDecision(school=submission.school, submission=submission, number=number, decided_on=decided_on,
                            authority_name=authority_name, recorded_by=actor)  # fmt: skip
    if scan is not None:
        extension = validate_scan_upload(scan)
        answer.scan.save(f"scan.{extension}", scan, save=False)
    try:
        answer.save()
        answer.conferred.set(conferred)
        answer.refused.set(refused)
        for nomination in conferred:
            nominations.record_higher_result(
                actor=actor, nomination=nomination, conferred=True, decision_number=number,
                decision_date=decided_on, issuer_name=authority_name,
            )  # fmt: skip
        for nomination in refused:
            nominations.record_higher_result(
                actor=actor, nomination=nomination, conferred=False,
                note=f"Không có tên trong Quyết định số {number} ngày {decided_on:%d/%m/%Y} của {authority_name}.",
            )  # fmt: skip
        audit.record(actor=actor, action="awards.higher_decision.record", obj=answer,
                     data=audit.change(after={"number": number, "conferred": len(conferred),
                                              "refused": len(refused)}))  # fmt: skip
    except BaseException:
        if answer.scan:
            private_storage.delete(answer.scan.name)
        raise
    return answer
