"""Scoring: rubrics, the members' score sheets, the chair's view, the scores table of the minutes, and the
initiative council's result.

The meeting's workflow gains a state between the session and the vote: the chair opens the scoring
(``open_scoring``: one sheet per present member and agenda item she is not recused from, each against the rubric of
the item's title), members fill their sheets (drafts kept; submitting locks a sheet), and the chair closes the
scoring once every sheet is in (``close_scoring``); the meeting is back in session, for the ballot or the closing.
An initiative council's ``close_scoring`` also records its result on each initiative through ``awards.services``.

What a member sees: her own sheets; another member's scores on an item only once her own sheet for it is in. The
chair sees who has finished, never what they gave, and the spread (min, max, mean) once every sheet is in.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from awards import services as awards_services
from awards.models import InitiativeScope, InitiativeStatus, Title, TitleScope
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.access import FORBIDDEN
from thiduakhenthuong.organization.models import School
from thiduakhenthuong.organization.permissions import load_staff

from .models import (
    AgendaItem,
    CouncilKind,
    Meeting,
    MeetingStatus,
    Recusal,
    Rubric,
    RubricCriterion,
    Score,
    ScoreSheet,
)
from .permissions import can_edit_rubrics, can_lead_scoring

# --------------------------------------------------------------------------------------------------
# Default rubrics (seeded for every school the first time it needs them; the principal edits them)
# --------------------------------------------------------------------------------------------------

#: (council kind, title code and scope or None, name, pass mark, criteria as (label, max points)); each sums to 100.
DEFAULT_RUBRICS = [
    (CouncilKind.EMULATION, ("LDTT", TitleScope.INDIVIDUAL), "Tiêu chí chấm điểm Lao động tiên tiến", None, [
        ("Phẩm chất chính trị, đạo đức, lối sống; chấp hành chủ trương, pháp luật", 20),
        ("Hoàn thành tốt nhiệm vụ được giao (kết quả giảng dạy, giáo dục, công tác)", 40),
        ("Tích cực tham gia các phong trào thi đua của nhà trường", 20),
        ("Tinh thần học tập nâng cao trình độ; đoàn kết, hỗ trợ đồng nghiệp", 20),
    ]),
    (CouncilKind.EMULATION, ("CSTDCS", TitleScope.INDIVIDUAL), "Tiêu chí chấm điểm Chiến sĩ thi đua cơ sở", None, [
        ("Đạt danh hiệu Lao động tiên tiến; phẩm chất, đạo đức gương mẫu", 20),
        ("Hoàn thành xuất sắc nhiệm vụ; kết quả giảng dạy, giáo dục nổi bật", 35),
        ("Sáng kiến hoặc đề tài được công nhận và hiệu quả áp dụng", 30),
        ("Tiêu biểu, có sức lan tỏa, được tập thể tín nhiệm", 15),
    ]),
    (CouncilKind.EMULATION, ("TTLDTT", TitleScope.COLLECTIVE), "Tiêu chí chấm điểm Tập thể lao động tiên tiến", None, [
        ("Hoàn thành tốt nhiệm vụ và kế hoạch của tổ", 40),
        ("Trên 50% thành viên đạt danh hiệu Lao động tiên tiến", 25),
        ("Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên", 15),
        ("Nội bộ đoàn kết; tích cực trong các phong trào thi đua", 20),
    ]),
    (CouncilKind.EMULATION, ("TTLDXS", TitleScope.COLLECTIVE), "Tiêu chí chấm điểm Tập thể lao động xuất sắc", None, [
        ("Sáng tạo, vượt khó, hoàn thành xuất sắc nhiệm vụ của tổ", 35),
        ("100% thành viên hoàn thành nhiệm vụ, từ 70% đạt Lao động tiên tiến", 25),
        ("Có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở", 15),
        ("Nội bộ đoàn kết, gương mẫu, tiêu biểu trong nhà trường", 25),
    ]),
    (CouncilKind.EMULATION, None, "Tiêu chí chấm điểm chung", None, [
        ("Thành tích đạt được so với tiêu chuẩn của danh hiệu, hình thức khen thưởng", 50),
        ("Tác dụng, sức lan tỏa của thành tích", 30),
        ("Tinh thần, thái độ; sự tín nhiệm của tập thể", 20),
    ]),
    (CouncilKind.INITIATIVE, None, "Tiêu chí chấm điểm sáng kiến", 50, [
        ("Tính mới, tính sáng tạo", 30),
        ("Tính hiệu quả (kinh tế, xã hội, chất lượng giáo dục)", 30),
        ("Khả năng áp dụng, nhân rộng", 30),
        ("Tính khoa học; hình thức trình bày", 10),
    ]),
]  # fmt: skip


def _make_rubric(*, school: School, kind: str, title: Title | None, name: str, pass_points, criteria) -> Rubric:
    rubric = Rubric.objects.create(
        school=school, council_kind=kind, title=title, name=name, pass_points=pass_points, is_active=True
    )
    RubricCriterion.objects.bulk_create(
        RubricCriterion(rubric=rubric, label=label, max_points=points, position=index)
        for index, (label, points) in enumerate(criteria, start=1)
    )
    return rubric


@transaction.atomic
def ensure_default_rubrics(*, actor, school: School) -> list[Rubric]:
    """The default rubric of each kind and title that has no rubric at all yet (a school's edited or retired rubric
    is never replaced); an audit row per rubric created. Idempotent. Titles missing from the catalog are skipped."""
    existing = {(kind, title_id) for kind, title_id in Rubric.objects.filter(school=school).values_list(
        "council_kind", "title_id")}  # fmt: skip
    titles = {(t.code, t.scope): t for t in Title.objects.filter(code__in=["LDTT", "CSTDCS", "TTLDTT", "TTLDXS"])}
    created = []
    for kind, key, name, pass_points, criteria in DEFAULT_RUBRICS:
        title = titles.get(key) if key else None
        if (key and title is None) or (str(kind), title.pk if title else None) in existing:
            continue
        rubric = _make_rubric(
            school=school, kind=kind, title=title, name=name, pass_points=pass_points, criteria=criteria
        )
        audit.record(
            actor=actor,
            action="council.rubric.create",
            obj=rubric,
            school=school,
            data=audit.change(after={"name": rubric.name, "criteria": len(criteria)}),
        )
        created.append(rubric)
    return created


def rubric_for(item: AgendaItem, *, kind: str) -> Rubric | None:
    """The rubric in force for an agenda item: its title's own, else the general one of the council's kind."""
    rubrics = Rubric.objects.active().filter(school_id=item.meeting.council.school_id, council_kind=kind)
    title_id = item.nomination.title_id if item.nomination_id else None
    by_title = {rubric.title_id: rubric for rubric in rubrics}
    return by_title.get(title_id) or by_title.get(None)


# --------------------------------------------------------------------------------------------------
# Editing rubrics
# --------------------------------------------------------------------------------------------------


def _authorize_rubrics(actor) -> None:
    staff = load_staff(actor) if actor is not None else None
    if actor is not None and (staff is None or not can_edit_rubrics(staff)):
        raise PermissionDenied(FORBIDDEN)


def _lock_rubric(rubric: Rubric) -> Rubric:
    return Rubric.objects.select_for_update(of=("self",)).select_related("title").get(pk=rubric.pk)


FROZEN = "Bộ tiêu chí “{name}” đã được dùng để chấm điểm nên không sửa được; hãy sao chép để sửa bản mới."


@transaction.atomic
def save_rubric(
    *, actor, rubric: Rubric, name: str, pass_points: int | None, criteria: list[tuple[str, int]]
) -> Rubric:
    """Rename a rubric and replace its criteria (label, max points, in order). Refused once a sheet uses it: the
    scores given keep their meaning; the principal copies it instead (``copy_rubric``)."""
    _authorize_rubrics(actor)
    locked = _lock_rubric(rubric)
    if locked.is_frozen:
        raise ValidationError(FROZEN.format(name=locked.name))
    criteria = [(label.strip(), points) for label, points in criteria if label.strip()]
    if not criteria:
        raise ValidationError("Bộ tiêu chí phải có ít nhất một tiêu chí.")
    if any(points is None or points < 1 for _, points in criteria):
        raise ValidationError("Điểm tối đa của mỗi tiêu chí phải từ 1 trở lên.")
    total = sum(points for _, points in criteria)
    if pass_points is not None and pass_points > total:
        raise ValidationError(f"Điểm đạt ({pass_points}) không được lớn hơn tổng điểm tối đa ({total}).")
    before = {"name": locked.name, "pass_points": locked.pass_points, "criteria": _criteria_text(locked)}
    locked.name, locked.pass_points = name.strip(), pass_points
    locked.full_clean()
    locked.save()
    locked.criteria.all().delete()
    RubricCriterion.objects.bulk_create(
        RubricCriterion(rubric=locked, label=label, max_points=points, position=index)
        for index, (label, points) in enumerate(criteria, start=1)
    )
    after = {"name": locked.name, "pass_points": locked.pass_points, "criteria": _criteria_text(locked)}
    audit.record(actor=actor, action="council.rubric.update", obj=locked, data=audit.change(before, after))
    return locked


def _criteria_text(rubric: Rubric) -> str:
    return "; ".join(f"{c.label} ({c.max_points})" for c in rubric.criteria.order_by("position", "id"))


@transaction.atomic
def copy_rubric(*, actor, rubric: Rubric) -> Rubric:
    """A copy of a rubric (criteria included) that is in force from now on; the original is retired and stays with
    the sheets that used it."""
    _authorize_rubrics(actor)
    locked = _lock_rubric(rubric)
    if not locked.is_active:
        raise ValidationError("Chỉ sao chép được bộ tiêu chí đang áp dụng.")
    locked.is_active = False
    locked.save(update_fields=["is_active"])
    copy = _make_rubric(
        school=locked.school,
        kind=locked.council_kind,
        title=locked.title,
        name=locked.name,
        pass_points=locked.pass_points,
        criteria=[(c.label, c.max_points) for c in locked.criteria.order_by("position", "id")],
    )
    copy.copied_from = locked
    copy.save(update_fields=["copied_from"])
    audit.record(
        actor=actor, action="council.rubric.copy", obj=copy, data=audit.change(after={"copied_from": locked.pk})
    )
    return copy


# --------------------------------------------------------------------------------------------------
# Opening and closing the scoring
# --------------------------------------------------------------------------------------------------


def _lock_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council__school", "council__school_year", "chair", "secretary")
        .get(pk=meeting.pk)
    )


def _authorize_lead(actor, meeting: Meeting) -> None:
    if actor is None:
        return
    staff = load_staff(actor)
    if staff is None or not can_lead_scoring(staff, meeting):
        raise PermissionDenied(FORBIDDEN)


def _scorers(meeting: Meeting, items: list[AgendaItem]) -> dict[int, list]:
    """Per agenda item, the present members not recused from it (in the council's order)."""
    present = [a.member for a in meeting.attendance.filter(present=True).select_related("member__staff")]
    present.sort(key=lambda member: (member.position_order, member.pk))
    recused: dict[int, set[int]] = {}
    for item_id, member_id in Recusal.objects.filter(agenda_item__meeting=meeting).values_list(
        "agenda_item_id", "member_id"
    ):
        recused.setdefault(item_id, set()).add(member_id)
    return {item.pk: [m for m in present if m.pk not in recused.get(item.pk, set())] for item in items}


@transaction.atomic
def open_scoring(*, actor, meeting: Meeting) -> Meeting:
    """Open the scoring of a meeting in session (the chair, the secretary or the principal).

    Guarantees: the agenda is not empty, every item has a rubric with criteria (the school's defaults are created
    the first time), and one draft sheet exists for every present member on every item she is not recused from,
    against that rubric, which is frozen from then on. The council's membership is frozen too (the meeting has left
    the states in which it may change)."""
    locked = _lock_meeting(meeting)
    _authorize_lead(actor, locked)
    target = locked.check_transition("open_scoring")
    items = list(locked.agenda.select_related("nomination__title", "initiative").order_by("position"))
    if not items:
        raise ValidationError("Phiên họp chưa có nội dung xét để chấm điểm.")
    if not locked.attendance.filter(present=True).exists():
        raise ValidationError("Hãy điểm danh trước khi mở chấm điểm.")
    kind = locked.council.kind
    ensure_default_rubrics(actor=actor, school=locked.council.school)
    rubrics = {}
    for item in items:
        rubric = rubric_for(item, kind=kind)
        if rubric is None or not rubric.criteria.exists():
            what = item.nomination.title if item.nomination_id else "sáng kiến"
            raise ValidationError(f"Chưa có bộ tiêu chí chấm điểm cho “{what}”: hãy lập bộ tiêu chí trước.")
        rubrics[item.pk] = rubric
    scorers = _scorers(locked, items)
    sheets = [
        ScoreSheet(agenda_item=item, member=member, rubric=rubrics[item.pk])
        for item in items
        for member in scorers[item.pk]
    ]
    ScoreSheet.objects.bulk_create(sheets, ignore_conflicts=True)
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="council.meeting.open_scoring",
        obj=locked,
        school=locked.council.school,
        data={**audit.change({"status": before}, {"status": target}), "sheets": len(sheets)},
    )
    return locked


def pending_sheets(meeting: Meeting):
    return ScoreSheet.objects.pending().filter(agenda_item__meeting=meeting)


@transaction.atomic
def close_scoring(*, actor, meeting: Meeting, decision_number: str = "", decision_date: date | None = None) -> Meeting:
    """Close the scoring once every sheet is in; the meeting is back in session (for the ballot, or the closing).

    An initiative council's meeting records its result on each initiative here, through the awards service: an
    initiative whose mean total reaches its rubric's pass mark is recognised at school level under the
    recognising decision (``decision_number``, ``decision_date``: required when one passes), the others are not
    recognised, with the figures as the reason. An initiative decided meanwhile keeps its decision."""
    locked = _lock_meeting(meeting)
    _authorize_lead(actor, locked)
    target = locked.check_transition("close_scoring")
    missing = pending_sheets(locked).select_related("member__staff")
    if missing:
        names = sorted({sheet.member.staff.full_name for sheet in missing})
        raise ValidationError(f"Còn {len(missing)} phiếu chấm điểm chưa nộp ({', '.join(names)}).")
    if locked.council.kind == CouncilKind.INITIATIVE:
        _record_initiative_results(actor, locked, decision_number=decision_number, decision_date=decision_date)
    before = locked.status
    locked.status = target
    locked.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="council.meeting.close_scoring",
        obj=locked,
        school=locked.council.school,
        data=audit.change({"status": before}, {"status": target}),
    )
    return locked


def _record_initiative_results(actor, meeting: Meeting, *, decision_number: str, decision_date: date | None) -> None:
    # an initiative decided meanwhile (recognised by another authority, refused by the principal) keeps its decision
    waiting = {InitiativeStatus.SUBMITTED, InitiativeStatus.UNDER_REVIEW}
    results = [
        row for row in scores_table(meeting).items if row.item.initiative_id and row.item.initiative.status in waiting
    ]
    decision_number = decision_number.strip()
    if any(row.passed for row in results) and not (decision_number and decision_date):
        raise ValidationError("Hãy ghi số và ngày quyết định công nhận sáng kiến.")
    for row in results:
        figures = f"điểm bình quân {_number(row.mean_total)}/{row.max_total}, mức đạt {row.pass_points}"
        awards_services.record_initiative_council_result(
            actor=actor,
            initiative=row.item.initiative,
            recognised=bool(row.passed),
            reason=f"Hội đồng Sáng kiến phiên họp ngày {meeting.held_on:%d/%m/%Y}: {figures}.",
            scope=InitiativeScope.SCHOOL,
            decision_number=decision_number,
            decision_date=decision_date,
        )


# --------------------------------------------------------------------------------------------------
# Filling a sheet
# --------------------------------------------------------------------------------------------------


@transaction.atomic
def save_sheet(*, actor, sheet: ScoreSheet, points: Mapping[int, int | None], submit: bool = False) -> ScoreSheet:
    """Keep a member's scores on her sheet (a draft: blanks allowed), or submit it (every criterion scored).

    Guarantees: only the sheet's member, only while the meeting is scoring, never after submitting (the sheet is
    locked); each score within 0..the criterion's maximum (the database checks it too). The audit row records
    THAT the sheet was saved or submitted, never the points (the others must not read them before their own)."""
    locked = (
        ScoreSheet.objects.select_for_update(of=("self",))
        .select_related("member", "rubric", "agenda_item__meeting__council")
        .get(pk=sheet.pk)
    )
    staff = load_staff(actor) if actor is not None else None
    if actor is not None and (staff is None or staff.pk != locked.member.staff_id):
        raise PermissionDenied(FORBIDDEN)
    meeting = locked.agenda_item.meeting
    if meeting.status != MeetingStatus.SCORING:
        raise ValidationError("Phiên họp không ở bước chấm điểm: không ghi được điểm.")
    if locked.is_submitted:
        raise ValidationError("Phiếu chấm điểm đã nộp, không sửa được nữa.")
    criteria = list(locked.rubric.criteria.all())
    existing = {score.criterion_id: score for score in locked.scores.all()}
    errors, keep, drop = [], [], []
    for criterion in criteria:
        value = points.get(criterion.pk)
        if value is None:
            if submit:
                errors.append(f"Chưa chấm tiêu chí “{criterion.label}”.")
            elif criterion.pk in existing:
                drop.append(existing[criterion.pk].pk)
            continue
        if not 0 <= value <= criterion.max_points:
            errors.append(f"Điểm tiêu chí “{criterion.label}” phải từ 0 đến {criterion.max_points}.")
            continue
        keep.append(Score(sheet=locked, criterion=criterion, points=value, max_points=criterion.max_points))
    if errors:
        raise ValidationError(errors)
    Score.objects.filter(pk__in=drop).delete()
    for score in keep:
        if score.criterion_id in existing:
            row = existing[score.criterion_id]
            if row.points != score.points:
                row.points = score.points
                row.save(update_fields=["points"])
        else:
            score.save()
    if submit:
        locked.submitted_at = timezone.now()
    locked.save()
    audit.record(
        actor=actor,
        action="council.score_sheet.submit" if submit else "council.score_sheet.save",
        obj=locked,
        school=meeting.council.school,
        data=audit.change(after={"submitted": True}) if submit else None,
    )
    return locked


# --------------------------------------------------------------------------------------------------
# Reading: progress, spread, the scores table of the minutes
# --------------------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> str:
    """12,5 (Vietnamese decimal comma; a whole number without decimals)."""
    if value is None:
        return ""
    text = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@dataclass
class Spread:
    label: str
    max_points: int
    low: int | None = None
    high: int | None = None
    mean: Decimal | None = None

    @property
    def mean_text(self) -> str:
        return _number(self.mean)


def _spread(label: str, max_points: int, values: list[int]) -> Spread:
    if not values:
        return Spread(label, max_points)
    return Spread(label, max_points, min(values), max(values), Decimal(sum(values)) / len(values))


@dataclass
class ItemScores:
    item: AgendaItem
    rubric: Rubric | None
    criteria: list
    sheets: list  # submitted sheets, each with ``totals`` and ``by_criterion``
    expected: int  # sheets opened for the item
    criteria_spread: list[Spread] = field(default_factory=list)
    total: Spread | None = None
    recused: list = field(default_factory=list)

    @property
    def max_total(self) -> int:
        return sum(c.max_points for c in self.criteria)

    @property
    def mean_total(self) -> Decimal | None:
        return self.total.mean if self.total else None

    @property
    def pass_points(self) -> int | None:
        return self.rubric.pass_points if self.rubric else None

    @property
    def passed(self) -> bool | None:
        """For an initiative: the mean total reaches the pass mark (None before every sheet is in)."""
        if self.pass_points is None or self.mean_total is None or len(self.sheets) < self.expected:
            return None
        return self.mean_total >= self.pass_points

    @property
    def complete(self) -> bool:
        return len(self.sheets) == self.expected


@dataclass
class ScoresTable:
    items: list[ItemScores]

    @property
    def complete(self) -> bool:
        return all(row.complete for row in self.items)

    def __bool__(self):
        return any(row.expected for row in self.items)


#: What naming an agenda item reads (its nominee and title, or the initiative and its author), joined at once.
AGENDA_RELATIONS = (
    "nomination__title",
    "nomination__staff",
    "nomination__team",
    "nomination__pupil",
    "nomination__class_group",
    "nomination__other_person",
    "initiative__author",
)


def scores_table(meeting: Meeting) -> ScoresTable:
    """Every agenda item with its submitted sheets (member, points per criterion, total) and the spread per
    criterion and of the total. Four queries whatever the number of items, members and criteria. The minutes print
    it; the chair reads its spread once every sheet is in; nobody else reads it whole."""
    items = list(meeting.agenda.select_related(*AGENDA_RELATIONS).prefetch_related("recusals__member__staff"))
    sheets = list(
        ScoreSheet.objects.filter(agenda_item__meeting=meeting)
        .select_related("member__staff")
        .prefetch_related("scores")
        .order_by("member__position_order", "member_id")
    )
    rubric_ids = {sheet.rubric_id for sheet in sheets}
    criteria_of: dict[int, list] = {}
    for criterion in RubricCriterion.objects.filter(rubric_id__in=rubric_ids).select_related("rubric"):
        criteria_of.setdefault(criterion.rubric_id, []).append(criterion)
    rows = []
    for item in items:
        mine = [sheet for sheet in sheets if sheet.agenda_item_id == item.pk]
        rubric_id = mine[0].rubric_id if mine else None
        criteria = sorted(criteria_of.get(rubric_id, []), key=lambda c: (c.position, c.pk))
        rubric = criteria[0].rubric if criteria else None
        submitted = [sheet for sheet in mine if sheet.is_submitted]
        for sheet in submitted:
            points = {score.criterion_id: score.points for score in sheet.scores.all()}
            sheet.by_criterion = [points.get(c.pk) for c in criteria]
            sheet.total = sum(value or 0 for value in sheet.by_criterion)
        row = ItemScores(item=item, rubric=rubric, criteria=criteria, sheets=submitted, expected=len(mine))
        row.criteria_spread = [
            _spread(c.label, c.max_points, [sheet.by_criterion[index] for sheet in submitted])
            for index, c in enumerate(criteria)
        ]
        row.total = _spread("Tổng điểm", row.max_total, [sheet.total for sheet in submitted])
        row.recused = list(item.recusals.all())
        rows.append(row)
    return ScoresTable(rows)


@dataclass
class MemberProgress:
    member: object
    submitted: int
    total: int

    @property
    def done(self) -> bool:
        return self.submitted == self.total


def progress(meeting: Meeting) -> list[MemberProgress]:
    """Who has finished: per member, her sheets submitted out of her sheets (never what she gave). One query."""
    rows: dict[int, MemberProgress] = {}
    for sheet in (
        ScoreSheet.objects.filter(agenda_item__meeting=meeting)
        .select_related("member__staff")
        .only("submitted_at", "member__position_order", "member__role", "member__staff__full_name")
        .order_by("member__position_order", "member_id")
    ):
        row = rows.setdefault(sheet.member_id, MemberProgress(sheet.member, 0, 0))
        row.total += 1
        row.submitted += sheet.is_submitted
    return list(rows.values())


def item_sheets(item: AgendaItem, criteria: list) -> list[ScoreSheet]:
    """The submitted sheets of one agenda item, each with its points per criterion (``by_criterion``, in the
    order of ``criteria``) and ``total``. Two queries. Shown to a member only once her own sheet for it is in."""
    sheets = list(
        ScoreSheet.objects.submitted()
        .filter(agenda_item=item)
        .select_related("member__staff")
        .prefetch_related("scores")
        .order_by("member__position_order", "member_id")
    )
    for sheet in sheets:
        points = {score.criterion_id: score.points for score in sheet.scores.all()}
        sheet.by_criterion = [points.get(c.pk) for c in criteria]
        sheet.total = sum(value or 0 for value in sheet.by_criterion)
    return sheets


def minutes_scores(meeting: Meeting) -> list[dict]:
    """The scores table as plain data, for the meeting minutes' snapshot (``services.minutes_content``): per agenda
    item its rubric, criteria, each member's points and total, the mean and the range per criterion and of the
    total, the recusals, and for an initiative the pass mark and whether it was reached. Empty when nobody scored."""
    table = scores_table(meeting)
    if not table:
        return []
    rows = []
    for row in table.items:
        rows.append(
            {
                "position": row.item.position,
                "subject": row.item.subject_label,
                "rubric": row.rubric.name if row.rubric else "",
                "max_total": row.max_total,
                "criteria": [{"label": c.label, "max": c.max_points} for c in row.criteria],
                "sheets": [
                    {
                        "name": sheet.member.staff.full_name,
                        "points": ["" if p is None else p for p in sheet.by_criterion],
                        "total": sheet.total,
                    }
                    for sheet in row.sheets
                ],
                "means": [spread.mean_text for spread in row.criteria_spread],
                "ranges": [
                    f"{spread.low}–{spread.high}" if spread.low is not None else "" for spread in row.criteria_spread
                ],
                "total": row.total.mean_text,
                "total_range": f"{row.total.low}–{row.total.high}" if row.total.low is not None else "",
                "recused": [f"{r.member.staff.full_name} ({r.get_reason_display().lower()})" for r in row.recused],
                "pass_points": row.pass_points,
                "passed": row.passed,
            }
        )
    return rows
