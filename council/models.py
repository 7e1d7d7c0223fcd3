"""Councils (Hội đồng Thi đua – Khen thưởng, Hội đồng Sáng kiến), their members, meetings, agenda, attendance,
recusals and the secret ballot.

The ballot keeps THAT a member voted apart from WHAT was voted:

- ``BallotRollEntry`` (the voter roll) names the member; its unique (ballot, member) constraint refuses a second
  paper from the same member, in the same transaction as the paper (``services.cast_paper``).
- ``BallotPaper`` and ``BallotChoice`` have random UUID keys (an autoincrement id would give the order of voting,
  and the roll's order would then pair papers with members), no link to a person, member, attendance or session,
  and no time of their own. Nothing of them reaches logs, audit rows (``council.ballot.cast`` is ``secret=True``)
  or error reports.

Statuses move only through ``council.services`` (one guarded function per verb of the workflows below).
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from awards.models import Initiative, Nomination
from thiduakhenthuong.core.workflow import Verb, Workflow, WorkflowModel
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.models import School, SchoolYear, Staff

# --------------------------------------------------------------------------------------------------
# Council and members
# --------------------------------------------------------------------------------------------------


class CouncilKind(models.TextChoices):
    EMULATION = "emulation", "Hội đồng Thi đua – Khen thưởng"
    INITIATIVE = "initiative", "Hội đồng Sáng kiến"


#: Abbreviation of each kind when the council issues documents in its own name (05/BB-HĐTĐKT).
COUNCIL_ABBREVIATIONS = {CouncilKind.EMULATION: "HĐTĐKT", CouncilKind.INITIATIVE: "HĐSK"}


class CouncilStatus(models.TextChoices):
    DRAFT = "draft", "Đang lập"
    ESTABLISHED = "established", "Đã thành lập"


COUNCIL_WORKFLOW = Workflow(
    noun="hội đồng",
    states=CouncilStatus,
    tones={CouncilStatus.DRAFT: "secondary", CouncilStatus.ESTABLISHED: "success"},
    verbs=[
        Verb("edit", sources={CouncilStatus.DRAFT}, target=CouncilStatus.DRAFT, label="Sửa thành phần"),
        Verb("establish", sources={CouncilStatus.DRAFT}, target=CouncilStatus.ESTABLISHED, label="Thành lập",
             tone="success", phrase="thành lập"),
        # changes of membership after the decision are made by a new decision; refused once a meeting voted
        Verb("change_members", sources={CouncilStatus.DRAFT, CouncilStatus.ESTABLISHED},
             target=CouncilStatus.DRAFT, label="Thay đổi thành viên", tone="warning"),
    ],
    describe=lambda council: f"“{council.name}”",
)  # fmt: skip


class CouncilQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("school_year", "establishing_decision")


class Council(WorkflowModel, models.Model):
    """A school's council of one kind for one school year, established by the principal's decision (QĐ)."""

    workflow = COUNCIL_WORKFLOW

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name="năm học")
    kind = models.CharField("loại hội đồng", max_length=20, choices=CouncilKind.choices)
    name = models.CharField("tên hội đồng", max_length=200)
    quorum_numerator = models.PositiveSmallIntegerField("tỷ lệ có mặt tối thiểu: tử số", default=2)
    quorum_denominator = models.PositiveSmallIntegerField("tỷ lệ có mặt tối thiểu: mẫu số", default=3)
    recuse_own_team = models.BooleanField(
        "thành viên không chấm điểm đề nghị của tổ mình",
        default=False,
        help_text="Thành viên luôn không chấm điểm đề nghị của chính mình; đánh dấu nếu hội đồng quyết định "
        "thành viên cũng không chấm điểm đề nghị của tổ mình.",
    )
    establishing_decision = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="quyết định thành lập",
    )
    status = models.CharField("trạng thái", max_length=20, choices=CouncilStatus.choices, default=CouncilStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["-school_year__start_date", "kind"]
        verbose_name = "hội đồng"
        verbose_name_plural = "hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year", "kind"], name="council_one_per_year_kind"),
            models.CheckConstraint(
                condition=Q(quorum_numerator__gt=0)
                & Q(quorum_denominator__gt=0)
                & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="council_quorum_fraction",
            ),
            models.CheckConstraint(
                condition=~Q(status="established") | Q(establishing_decision__isnull=False),
                name="council_established_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.name} năm học {self.school_year}"

    @property
    def abbreviation(self) -> str:
        return COUNCIL_ABBREVIATIONS[CouncilKind(self.kind)]

    def quorum_needed(self, members: int) -> int:
        """How many members must be present to meet: the configured fraction of ``members``, rounded up."""
        return -(-members * self.quorum_numerator // self.quorum_denominator)

    @property
    def quorum_text(self) -> str:
        return f"{self.quorum_numerator}/{self.quorum_denominator}"

    @property
    def membership_frozen(self) -> bool:
        """Membership cannot change once a meeting of the council has moved past its opening (scoring, voting,
        closed) or holds a ballot: the minutes and the tally count against that membership."""
        return Meeting.objects.filter(council=self).freezing_membership().exists()


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    SECRETARY = "secretary", "Thư ký Hội đồng"
    MEMBER = "member", "Ủy viên"


class CouncilMemberQuerySet(models.QuerySet):
    def with_voting_state(self, ballot: "Ballot"):
        """Each seat annotated with ``present`` (at the ballot's meeting) and ``voted`` (on the ballot's roll)."""
        return self.annotate(
            present=models.Exists(
                Attendance.objects.filter(meeting_id=ballot.meeting_id, member=models.OuterRef("pk"), present=True)
            ),
            voted=models.Exists(BallotRollEntry.objects.filter(ballot_id=ballot.pk, member=models.OuterRef("pk"))),
        )


class CouncilMember(models.Model):
    """A staff member sitting on a council, with her role there and what she is in the school."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members", verbose_name="hội đồng")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="council_seats", verbose_name="thành viên")
    role = models.CharField("chức danh trong hội đồng", max_length=20, choices=MemberRole.choices)
    position = models.CharField(
        "chức vụ trong nhà trường", max_length=150, help_text="Ví dụ: Hiệu trưởng, Chủ tịch Công đoàn, Tổ trưởng Tổ 1."
    )
    position_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = CouncilMemberQuerySet.as_manager()

    class Meta:
        ordering = ["council", "position_order", "id"]
        verbose_name = "thành viên hội đồng"
        verbose_name_plural = "thành viên hội đồng"
        constraints = [
            models.UniqueConstraint(fields=["council", "staff"], name="councilmember_unique_staff"),
            models.UniqueConstraint(fields=["council"], condition=Q(role="chair"), name="councilmember_one_chair"),
            models.UniqueConstraint(
                fields=["council"], condition=Q(role="secretary"), name="councilmember_one_secretary"
            ),
        ]

    def __str__(self):
        return f"{self.staff.full_name} – {self.get_role_display()}"


# --------------------------------------------------------------------------------------------------
# Meetings
# --------------------------------------------------------------------------------------------------


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    IN_SESSION = "in_session", "Đang họp"
    SCORING = "scoring", "Đang chấm điểm"
    VOTING = "voting", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kết thúc"


#: States in which the membership of the council may still change (see ``Council.membership_frozen``): a state
#: added later between the opening and the vote (scoring) freezes it without touching this list.
MEMBERSHIP_OPEN_STATES = frozenset({MeetingStatus.PLANNED, MeetingStatus.IN_SESSION})

_M = MeetingStatus
MEETING_WORKFLOW = Workflow(
    noun="phiên họp",
    states=MeetingStatus,
    tones={
        _M.PLANNED: "secondary", _M.IN_SESSION: "primary", _M.SCORING: "info", _M.VOTING: "warning",
        _M.CLOSED: "dark",
    },
    verbs=[
        # verbs that keep the state (their target is one of their sources): services check them, never store it
        Verb("edit", sources={_M.PLANNED, _M.IN_SESSION}, target=_M.PLANNED, label="Sửa thông tin phiên họp",
             phrase="sửa"),
        Verb("set_agenda", sources={_M.PLANNED, _M.IN_SESSION}, target=_M.PLANNED, label="Lập chương trình",
             phrase="lập chương trình"),
        Verb("take_attendance", sources={_M.PLANNED, _M.IN_SESSION}, target=_M.PLANNED, label="Điểm danh",
             phrase="điểm danh"),
        Verb("record_proceedings", sources={_M.IN_SESSION, _M.SCORING, _M.VOTING, _M.CLOSED}, target=_M.IN_SESSION,
             label="Ghi diễn biến", phrase="ghi diễn biến"),
        # moves
        Verb("open", sources={_M.PLANNED}, target=_M.IN_SESSION, label="Khai mạc", tone="success"),
        # scoring (council/scoring.py): opened from the session, closed back to it once every sheet is in
        Verb("open_scoring", sources={_M.IN_SESSION}, target=_M.SCORING, label="Mở chấm điểm", tone="info"),
        Verb("close_scoring", sources={_M.SCORING}, target=_M.IN_SESSION, label="Kết thúc chấm điểm",
             tone="dark", phrase="kết thúc chấm điểm của"),
        Verb("open_ballot", sources={_M.IN_SESSION}, target=_M.VOTING, label="Mở bỏ phiếu kín", tone="warning"),
        Verb("close_ballot", sources={_M.VOTING}, target=_M.IN_SESSION, label="Kết thúc bỏ phiếu, kiểm phiếu",
             tone="danger", phrase="kết thúc bỏ phiếu của"),
        Verb("close", sources={_M.IN_SESSION}, target=_M.CLOSED, label="Bế mạc", tone="dark"),
        Verb("write_minutes", sources={_M.CLOSED}, target=_M.CLOSED, label="Lập biên bản họp",
             phrase="lập biên bản"),
    ],
    describe=lambda meeting: f"ngày {meeting.held_on:%d/%m/%Y}",
)  # fmt: skip
#: Verbs whose target is one of their sources: taking them leaves the meeting in the state it is in.
KEEP_STATE_VERBS = frozenset({"edit", "set_agenda", "take_attendance", "record_proceedings", "write_minutes"})


class MeetingQuerySet(models.QuerySet):
    def freezing_membership(self):
        return self.filter(~Q(status__in=sorted(MEMBERSHIP_OPEN_STATES)) | Q(ballot__isnull=False))

    def for_page(self):
        return self.select_related("council__school_year", "chair__staff", "secretary__staff", "minutes")


class Meeting(WorkflowModel, models.Model):
    """A council meeting (phiên họp): when and where, who chaired and took the minutes, what was decided."""

    workflow = MEETING_WORKFLOW

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="meetings", verbose_name="hội đồng")
    held_on = models.DateField("ngày họp")
    planned_time = models.TimeField("giờ họp", null=True, blank=True, help_text="Giờ đã báo cho các thành viên.")
    place = models.CharField("địa điểm", max_length=200)
    started_at = models.DateTimeField("bắt đầu lúc", null=True, blank=True)
    ended_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    chair = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="chủ trì"
    )
    secretary = models.ForeignKey(
        CouncilMember, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="thư ký"
    )
    proceedings = models.TextField("diễn biến, ý kiến thảo luận", blank=True)
    pupil_lists = models.JSONField(
        "danh sách học sinh đã thông qua",
        default=list,
        blank=True,
        help_text="Ghi khi hội đồng thông qua danh sách học sinh của các lớp tại phiên họp: theo danh hiệu, người "
        "quyết định, số học sinh của từng lớp và các tập thể lớp; biên bản họp in từ đây.",
    )
    status = models.CharField("trạng thái", max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    minutes = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="biên bản họp",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "phiên họp hội đồng"
        verbose_name_plural = "phiên họp hội đồng"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="planned") | Q(started_at__isnull=False), name="meeting_opened_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(ended_at__isnull=False), name="meeting_closed_has_time"
            ),
        ]

    def __str__(self):
        return f"Phiên họp {self.council.name} ngày {self.held_on:%d/%m/%Y}"

    @property
    def school(self) -> School:
        return self.council.school


class Attendance(models.Model):
    """Whether a member attended a meeting; an absent member's written opinion is kept with it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name="phiên họp")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    present = models.BooleanField("có mặt", default=False)
    absence_reason = models.CharField("lý do vắng", max_length=200, blank=True)
    written_opinion = models.TextField("ý kiến bằng văn bản", blank=True)

    class Meta:
        ordering = ["meeting", "member__position_order", "member_id"]
        verbose_name = "điểm danh"
        verbose_name_plural = "điểm danh"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member"),
            models.CheckConstraint(
                condition=Q(present=False) | (Q(written_opinion="") & Q(absence_reason="")),
                name="attendance_opinion_only_when_absent",
            ),
        ]

    def __str__(self):
        return f"{self.member.staff.full_name}: {'có mặt' if self.present else 'vắng mặt'}"


class AgendaItem(models.Model):
    """One nominee (a nomination, or an initiative for the initiative council) on a meeting's agenda, with the
    ballot's result once tallied."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name="phiên họp")
    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="đề nghị"
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="sáng kiến"
    )
    position = models.PositiveSmallIntegerField("thứ tự")
    # the tally (set once, when the ballot closes)
    votes_for = models.PositiveSmallIntegerField("số phiếu đồng ý", null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField("số phiếu không đồng ý", null=True, blank=True)
    members_total = models.PositiveSmallIntegerField("tổng số thành viên hội đồng", null=True, blank=True)
    threshold = models.DecimalField(
        "tỷ lệ tối thiểu đã áp dụng", max_digits=4, decimal_places=3, null=True, blank=True,
        help_text="Trống: quá nửa tổng số thành viên.",
    )  # fmt: skip
    passed = models.BooleanField("đạt", null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = "nội dung xét"
        verbose_name_plural = "nội dung xét"
        constraints = [
            models.CheckConstraint(
                condition=Q(nomination__isnull=False, initiative__isnull=True)
                | Q(nomination__isnull=True, initiative__isnull=False),
                name="agendaitem_one_subject",
            ),
            models.UniqueConstraint(
                fields=["meeting", "nomination"], condition=Q(nomination__isnull=False), name="agendaitem_unique_nom"
            ),
            models.UniqueConstraint(
                fields=["meeting", "initiative"], condition=Q(initiative__isnull=False), name="agendaitem_unique_init"
            ),
            models.UniqueConstraint(fields=["meeting", "position"], name="agendaitem_unique_position"),
        ]

    def __str__(self):
        return str(self.subject_label)

    @property
    def subject_label(self) -> str:
        if self.nomination_id:
            return f"{self.nomination.recipient} – {self.nomination.title}"
        return f"Sáng kiến “{self.initiative.title}” ({self.initiative.author.full_name})"

    @property
    def tallied(self) -> bool:
        return self.passed is not None

    @property
    def result_text(self) -> str:
        """The count with its denominator and the threshold: "25/31 = 80,6% ≥ 80%"."""
        if self.votes_for is None or not self.members_total:
            return ""
        return tally_text(self.votes_for, self.members_total, self.threshold)


def percent(value: Decimal, places: int = 1) -> str:
    """A percentage as Vietnamese documents print it: 80,6% (comma decimal, trailing zeros of a whole dropped)."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def passes(votes_for: int, members: int, threshold: Decimal | None) -> bool:
    """At least ``threshold`` of the TOTAL membership agreed; without a threshold, more than half of it."""
    if threshold is None:
        return votes_for * 2 > members
    return Decimal(votes_for) >= threshold * members


def tally_text(votes_for: int, members: int, threshold: Decimal | None) -> str:
    share = Decimal(votes_for) * 100 / members
    ok = passes(votes_for, members, threshold)
    if threshold is None:
        return f"{votes_for}/{members} = {percent(share)} {'>' if ok else '≤'} 50%"
    return f"{votes_for}/{members} = {percent(share)} {'≥' if ok else '<'} {percent(threshold * 100, 2)}"


class RecusalReason(models.TextChoices):
    OWN = "own", "Đề nghị của chính thành viên"
    OWN_TEAM = "own_team", "Đề nghị của tổ, thành viên của tổ mình"


class Recusal(models.Model):
    """A member stands aside from one agenda item (her own nomination; her team's when the council so decided).
    Made when the agenda is set and printed in the minutes."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    reason = models.CharField("lý do", max_length=20, choices=RecusalReason.choices)

    class Meta:
        ordering = ["agenda_item", "member__position_order"]
        verbose_name = "trường hợp không tham gia xét"
        verbose_name_plural = "trường hợp không tham gia xét"
        constraints = [models.UniqueConstraint(fields=["agenda_item", "member"], name="recusal_unique_member")]

    def __str__(self):
        return f"{self.member.staff.full_name} – {self.get_reason_display()}"


# --------------------------------------------------------------------------------------------------
# The secret ballot
# --------------------------------------------------------------------------------------------------


class BallotStatus(models.TextChoices):
    OPEN = "open", "Đang bỏ phiếu"
    CLOSED = "closed", "Đã kiểm phiếu"


BALLOT_WORKFLOW = Workflow(
    noun="cuộc bỏ phiếu",
    states=BallotStatus,
    tones={BallotStatus.OPEN: "warning", BallotStatus.CLOSED: "dark"},
    verbs=[
        Verb("cast", sources={BallotStatus.OPEN}, target=BallotStatus.OPEN, label="Bỏ phiếu", phrase="bỏ phiếu vào"),
        Verb("close", sources={BallotStatus.OPEN}, target=BallotStatus.CLOSED, label="Kết thúc bỏ phiếu",
             tone="danger", phrase="kết thúc"),
        Verb("write_tally", sources={BallotStatus.CLOSED}, target=BallotStatus.CLOSED, label="Lập biên bản kiểm phiếu"),
    ],
)  # fmt: skip


class Ballot(WorkflowModel, models.Model):
    """The secret ballot of one meeting over its agenda; figures of the count are kept when it closes."""

    workflow = BALLOT_WORKFLOW

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="ballot", verbose_name="phiên họp")
    status = models.CharField("trạng thái", max_length=20, choices=BallotStatus.choices, default=BallotStatus.OPEN)
    opened_at = models.DateTimeField("mở lúc")
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    # the count, as the tally minutes print it (set when closed)
    members_total = models.PositiveSmallIntegerField("tổng số thành viên hội đồng", null=True, blank=True)
    members_present = models.PositiveSmallIntegerField("số thành viên có mặt", null=True, blank=True)
    papers_issued = models.PositiveSmallIntegerField("số phiếu phát ra", null=True, blank=True)
    papers_received = models.PositiveSmallIntegerField("số phiếu thu về", null=True, blank=True)
    papers_written = models.PositiveSmallIntegerField("số ý kiến bằng văn bản", null=True, blank=True)
    papers_valid = models.PositiveSmallIntegerField("số phiếu hợp lệ", null=True, blank=True)
    papers_invalid = models.PositiveSmallIntegerField("số phiếu không hợp lệ", null=True, blank=True)
    tally_minutes = models.ForeignKey(
        OfficialDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="biên bản kiểm phiếu",
    )

    class Meta:
        verbose_name = "cuộc bỏ phiếu kín"
        verbose_name_plural = "cuộc bỏ phiếu kín"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_at__isnull=False, papers_received__isnull=False),
                name="ballot_closed_has_count",
            ),
        ]

    def __str__(self):
        return f"Bỏ phiếu kín – {self.meeting}"

    @property
    def school(self) -> School:
        return self.meeting.council.school


class BallotRollEntry(models.Model):
    """THAT a member voted on a ballot (the voter roll); never WHAT. One per member and ballot: the database
    refuses a second paper of the same member, in the transaction that would add it."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="roll", verbose_name="cuộc bỏ phiếu")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+", verbose_name="thành viên")
    in_writing = models.BooleanField(
        "ý kiến bằng văn bản của thành viên vắng mặt", default=False,
        help_text="Thư ký đưa ý kiến bằng văn bản của thành viên vắng mặt vào hòm phiếu.",
    )  # fmt: skip
    # no time here either: the audit row says when; the papers' physical order is shuffled when the ballot closes

    class Meta:
        ordering = ["ballot", "member__position_order"]
        verbose_name = "danh sách đã bỏ phiếu"
        verbose_name_plural = "danh sách đã bỏ phiếu"
        constraints = [models.UniqueConstraint(fields=["ballot", "member"], name="ballotroll_one_paper_per_member")]

    def __str__(self):
        return f"{self.member.staff.full_name} đã bỏ phiếu"


class BallotPaper(models.Model):
    """One paper in the ballot box: a random key and its ballot, nothing else (no voter, no time, no order)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="papers", verbose_name="cuộc bỏ phiếu")

    class Meta:
        verbose_name = "phiếu bầu"
        verbose_name_plural = "phiếu bầu"

    def __str__(self):
        return "Phiếu bầu"  # never the key: nothing about a paper is worth printing


class BallotChoice(models.Model):
    """Agree or disagree on one agenda item, on one paper (random key: the order of rows says nothing)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    paper = models.ForeignKey(BallotPaper, on_delete=models.CASCADE, related_name="choices")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="+")
    agree = models.BooleanField("đồng ý")

    class Meta:
        verbose_name = "lựa chọn trên phiếu"
        verbose_name_plural = "lựa chọn trên phiếu"
        constraints = [models.UniqueConstraint(fields=["paper", "agenda_item"], name="ballotchoice_one_per_item")]

    def __str__(self):
        return "Lựa chọn trên phiếu"


def validate_odd(count: int) -> None:
    if count % 2 == 0:
        raise ValidationError(f"Hội đồng phải có số thành viên lẻ (hiện có {count}).")


from .scoring_models import *  # noqa: E402,F403  (rubrics and score sheets: a module of their own)
