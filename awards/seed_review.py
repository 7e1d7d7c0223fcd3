"""Demo data of the year-end review (``DemoStage.REVIEW``): the last school year that ended (2025-2026 when the
demo lives in 2026-2027) is carried to the council's queue through the services, as a school would do it.

- Each team holds its review (bình xét): the meeting on 22 May with the members present, chair and secretary;
  drafts for its members (Lao động tiên tiến for those rated "hoàn thành tốt" or better, Chiến sĩ thi đua cơ sở
  for the chain's three teachers, the chain's first teacher's Giấy khen) and for itself (Tập thể lao động xuất
  sắc for the team rated excellent, Tập thể lao động tiên tiến for the others); the team's vote on each; sent.
  These are the titles the awards seeder used to write straight into the history: the decisions stage now
  confers them through the recorded decisions.
- Two proposals that give the later stages something real: a teacher rated only "hoàn thành nhiệm vụ" proposed
  for Lao động tiên tiến anyway (the frozen verdict says she is not eligible: the council will not pass it), and a
  Chiến sĩ thi đua cơ sở proposal withdrawn by the team head after sending (no recognised initiative).
- The school's leaders (no team) are proposed for Lao động tiên tiến directly.
- Every nominee whose title needs it writes the achievement report, submits it, and the principal confirms it.
- The principal sends every proposal to the council (``Nomination.objects.in_council_queue``). The pupils'
  proposals (``awards.seed_pupils``, the same stage) reach the queue when the vice-principal checks each class.

The year under way gets no nomination. Idempotent: a team whose review is sent, a report already confirmed, a
nomination already made are left as they are (no new audit row on a second run). Without the setup stage's
evaluations of that year, nothing is done.
"""

from datetime import date, time

from thiduakhenthuong.organization.models import Role, School, SchoolYear, Staff, Team

from . import nominations, services
from .models import (
    AnnualEvaluation,
    DriveKind,
    Nomination,
    NominationStatus,
    Rating,
    ReportStatus,
    TeamEvaluation,
    TeamReview,
    TeamReviewStatus,
    Title,
)
from .seed import demo_chain, past_year

MEETING_OPINIONS = "Các thành viên thống nhất danh sách đề nghị.\nĐề nghị các đồng chí hoàn thiện báo cáo thành tích."
WITHDRAWN_REASON = "Đồng chí xin rút đề nghị: sáng kiến của năm học chưa được Hội đồng sáng kiến công nhận."
REPORT_ACHIEVEMENTS = {
    "staff": "Hoàn thành xuất sắc nhiệm vụ được giao; 100% học sinh lớp chủ nhiệm hoàn thành chương trình lớp học; "
    "tích cực tham gia các phong trào thi đua của nhà trường và của ngành.",
    "team": "Tổ hoàn thành tốt nhiệm vụ năm học; chất lượng giáo dục đạt và vượt chỉ tiêu; các thành viên đoàn kết, "
    "tích cực tham gia các phong trào thi đua.",
}


def _title(code: str, scope: str = "individual") -> Title:
    return Title.objects.get(code=code, scope=scope)


def _nominate(year: SchoolYear, title: Title, *, staff=None, team=None, review=None) -> Nomination:
    """The year's nomination of ``title`` for the recipient (whatever its status), made when there is none."""
    existing = Nomination.objects.filter(
        school_year=year, title=title, staff=staff, team=team, drive=DriveKind.YEARLY
    ).first()
    if existing is not None:
        return existing
    return nominations.create_nomination(actor=None, school_year=year, title=title, staff=staff, team=team,
                                         team_review=review)  # fmt: skip


def _team_review(team: Team, members: list[Staff], year: SchoolYear, wanted: list[tuple[Staff | Team, Title]]):
    """The team's review: meeting, drafts, votes, sent (skipped when already sent)."""
    review = TeamReview.objects.filter(team=team, school_year=year).first()
    if review is not None and review.status == TeamReviewStatus.SUBMITTED:
        return
    review = nominations.open_team_review(actor=None, team=team, school_year=year)
    head = next((person for person in members if person.role == Role.TEAM_HEAD), members[0])
    others = [person for person in members if person != head]
    # one member is away in the bigger teams: the vote counts those present
    present = [head, *others[:-1]] if len(others) >= 4 else [head, *others]
    meeting_date = date(year.end_date.year, 5, 22)
    if TeamReview.objects.for_page().get(pk=review.pk).meeting_missing:
        nominations.record_team_meeting(
            actor=None, review=review, meeting_date=meeting_date, meeting_time=time(14, 0),
            place=f"Phòng họp {team.name.lower()}", chair=head, secretary=(others or [head])[0],
            members_present=present,
            opinions=MEETING_OPINIONS,
        )  # fmt: skip
    for subject, title in wanted:
        kind = {"team": subject} if isinstance(subject, Team) else {"staff": subject}
        nomination = _nominate(year, title, review=review, **kind)
        if nomination.status == NominationStatus.DRAFT and not nomination.vote_recorded:
            against = 1 if len(present) > 3 and nomination.title.code != "LDTT" else 0
            nominations.record_team_vote(actor=None, nomination=nomination, votes_for=len(present) - against,
                                         votes_against=against)  # fmt: skip
    nominations.submit_team_review(actor=None, review=review, today=meeting_date)


def _report(year: SchoolYear, title: Title, *, staff=None, team=None) -> None:
    """The nominee's report written, submitted and confirmed by the principal (the system stands in for both)."""
    report = services.start_report(actor=None, school_year=year, staff=staff, team=team)
    if report.status == ReportStatus.CONFIRMED:
        return
    if report.status in {ReportStatus.DRAFT, ReportStatus.RETURNED}:
        text = report.achievements.strip()
        extra = REPORT_ACHIEVEMENTS["team" if team else "staff"]
        report = services.save_report(actor=None, report=report, title=title,
                                      achievements=f"{text}\n{extra}" if text else extra)  # fmt: skip
        report = services.submit_report(actor=None, report=report)
    services.confirm_report(actor=None, report=report)


def seed_demo(*, school: School, stdout=None, today: date) -> None:
    year = past_year(school, today)
    if year is None:
        return
    ratings = dict(AnnualEvaluation.objects.filter(school_year=year).values_list("staff_id", "rating"))
    if not ratings:  # the setup stage did not run: nothing to review
        return
    staff = list(Staff.objects.filter(school=school).active().select_related("team").order_by("pk"))
    chain = demo_chain(staff)
    team_ratings = dict(TeamEvaluation.objects.filter(school_year=year).values_list("team_id", "rating"))
    ldtt, cstdcs, gk = _title("LDTT"), _title("CSTDCS"), _title("GK")
    good = {Rating.EXCELLENT, Rating.GOOD}

    def wanted_of(person: Staff) -> list[tuple[Staff, Title]]:
        titles = [ldtt] if ratings.get(person.pk) in good else []
        if person in chain:
            titles.append(cstdcs)
        if chain and person == chain[0]:
            titles.append(gk)
        return [(person, title) for title in titles]

    failing = next((p for p in staff if p.team_id and ratings.get(p.pk) == Rating.COMPLETED), None)
    withdrawn = next(
        (p for p in staff if p.team_id and p not in chain and p != failing and ratings.get(p.pk) == Rating.GOOD), None
    )
    for team in Team.objects.filter(school=school).order_by("sort_order", "name"):
        members = [person for person in staff if person.team_id == team.pk]
        if not members:
            continue
        wanted = [pair for person in members for pair in wanted_of(person)]
        wanted += [(failing, ldtt)] if failing in members else []
        wanted += [(withdrawn, cstdcs)] if withdrawn in members else []
        code = "TTLDXS" if team_ratings.get(team.pk) == Rating.EXCELLENT else "TTLDTT"
        wanted.append((team, _title(code, "collective")))
        _team_review(team, members, year, wanted)

    for person in staff:  # the school's leaders belong to no team: proposed directly
        if person.team_id is None:
            for _, title in wanted_of(person):
                nomination = _nominate(year, title, staff=person)
                if nomination.status == NominationStatus.DRAFT:
                    day = date(year.end_date.year, 5, 25)
                    nominations.propose_nomination(actor=None, nomination=nomination, today=day)

    if withdrawn is not None:
        nomination = Nomination.objects.get(school_year=year, title=cstdcs, staff=withdrawn)
        if nomination.status == NominationStatus.TEAM_PROPOSED:
            nominations.withdraw_nomination(actor=None, nomination=nomination, reason=WITHDRAWN_REASON)

    live = Nomination.objects.live().filter(school_year=year, drive=DriveKind.YEARLY).exclude(staff=None, team=None)
    for nomination in live.select_related("title").exclude(title__code__in=nominations.REPORT_NOT_NEEDED):
        _report(year, nomination.title, staff=nomination.staff, team=nomination.team)

    sent = 0
    for nomination in live.filter(status=NominationStatus.TEAM_PROPOSED).order_by("pk"):
        nominations.send_to_council(actor=None, nomination=nomination)
        sent += 1
    if stdout is not None and sent:
        stdout.write(f"Bình xét năm học {year}: {sent} đề nghị của cán bộ và các tổ đã đưa ra hội đồng.")
