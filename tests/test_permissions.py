"""The permission matrix of the whole project, built from the URL resolver.

Every route of the app whose path takes a parameter (an id, a uuid, a slug, any converter) is requested as each
role of school A and of school B, for an object of school A. The rule: a person of another school gets 403 or 404
and never sees the object; a role of school A without the right gets 403 or 404 too; the roles listed as allowed get
through. TARGETS maps each such URL name to how to build its object. The test FAILS for a route with a parameter and
no entry: every app that adds one adds its entry here, in its own section.

The Django admin is covered the same way, per registered model (ADMIN_TARGETS; the test FAILS for a model admin
without an entry): its changelist, add, change, history and delete pages are requested as the deployment's
superuser, school A's and school B's administrators, and school A's principal and teacher. School B's
administrator never gets a 200 showing school A's rows; the principal and the teacher are sent to the admin's login.

Every route is also requested anonymously: all redirect to the login page, except the few public ones.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils import timezone

from awards.models import (
    AwardDecision,
    BaseSalary,
    Disclosure,
    EligibilityRules,
    HigherDecision,
    InitiativeAttachment,
    Objection,
    PublicHoliday,
    RegistrationPeriod,
    Submission,
    TitleRule,
)
from campaigns.models import Campaign
from tests.factories import (
    AwardRecordFactory,
    CampaignFactory,
    CampaignPeriodFactory,
    ClassGroupFactory,
    DisciplineFactory,
    InitiativeFactory,
    IssuerFactory,
    NominationFactory,
    OfficialDocumentFactory,
    PlanFactory,
    ProceedingFactory,
    PupilFactory,
    RegistrationChangeFactory,
    RegistrationFactory,
    SchoolYearFactory,
    StaffFactory,
    TeamFactory,
    TeamReviewFactory,
    UserFactory,
    on_meeting_day,
    title,
)
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.notifications import notify
from thiduakhenthuong.documents import services as document_services
from thiduakhenthuong.documents.models import OfficialDocument
from thiduakhenthuong.organization.demo import authority_rows
from thiduakhenthuong.organization.models import Authority, LegalRegime, Role, School, Staff, Team

ROLES = [Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR]
STAFF_ADMINS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.ADMINISTRATOR}
SCHOOL_READERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK, Role.ADMINISTRATOR}
MANAGERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL}
DRAFTERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.CLERK}
ISSUERS = {Role.PRINCIPAL, Role.CLERK}


@dataclass
class World:
    """One school with one signed-in person per role; the team head and the member are in ``team``."""

    school: School
    team: Team
    people: dict[str, Staff]


@dataclass(frozen=True)
class Target:
    """How to test one route with an id.

    ``make(world)`` creates an object of school A and returns the URL kwargs and a text that only that object's
    page would show. ``allowed`` are the roles of school A (the person holding each) that get through;
    ``methods`` are tried in turn, POST with ``data``.
    """

    make: Callable[[World], tuple[dict, str]]
    allowed: frozenset[str]
    methods: tuple[str, ...] = ("get",)
    data: dict = field(default_factory=dict)
    consumes: bool = False  # an allowed request removes the object: build a fresh one for each allowed role


def _staff_in_team(world: World) -> tuple[dict, str]:
    staff = StaffFactory(school=world.school, team=world.team, full_name="Hồ Sơ Riêng Của Trường A")
    return {"pk": staff.pk}, staff.full_name


def _year(world: World) -> tuple[dict, str]:
    year = SchoolYearFactory(school=world.school, start_date=date(2018, 9, 5), end_date=date(2019, 5, 31))
    return {"pk": year.pk}, year.name


def _notification_of_member(world: World) -> tuple[dict, str]:
    notification = notify(recipients=[world.people[Role.MEMBER].user], title="Thông báo riêng của trường A")[0]
    return {"pk": notification.pk}, notification.title


# --- documents ---
def _document(world: World, *, status: str = "draft") -> OfficialDocument:
    document = OfficialDocumentFactory(issuer=IssuerFactory(school=world.school), summary="Văn bản riêng của trường A")
    principal = world.people[Role.PRINCIPAL].user
    if status in ("issued", "signed"):
        document = document_services.issue_document(actor=principal, document=document)
    if status == "signed":
        scan = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
        document = document_services.attach_signed_scan(actor=principal, document=document, uploaded_file=scan)
    return document


def _draft_document(world: World) -> tuple[dict, str]:
    document = _document(world)
    return {"pk": document.pk}, document.summary


def _issued_document(world: World) -> tuple[dict, str]:
    document = _document(world, status="issued")
    return {"pk": document.pk}, document.summary


def _signed_document(world: World) -> tuple[dict, str]:
    document = _document(world, status="signed")
    return {"pk": document.pk}, document.summary


# --- campaigns ---
def _campaign(world: World, **traits) -> Campaign:
    year = world.school.years.first() or SchoolYearFactory(school=world.school)
    return CampaignFactory(school=world.school, school_year=year, name="Phong trào riêng của trường A", **traits)


def _draft_campaign(world: World) -> tuple[dict, str]:
    campaign = _campaign(world)
    return {"pk": campaign.pk}, campaign.name


def _launched_campaign(world: World) -> tuple[dict, str]:
    campaign = _campaign(world, launched=True)
    return {"pk": campaign.pk}, campaign.name


def _period(world: World) -> tuple[dict, str]:
    campaign = world.school.campaigns.first() or _campaign(world)
    period = CampaignPeriodFactory(campaign=campaign, name="Đợt thi đua riêng của trường A")
    return {"pk": period.pk}, period.name


def _draft_plan(world: World, **kwargs) -> tuple[dict, str]:
    plan = PlanFactory(school=world.school, document__summary="Kế hoạch riêng của trường A")
    return {"pk": plan.pk, **kwargs}, plan.document.summary


# --- awards ---
AWARDS_MANAGERS = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL})


def _awards_year(world: World):
    return SchoolYearFactory(school=world.school, start_date=date(2018, 9, 5), end_date=date(2019, 5, 31))


def _awards_member_registration(world: World) -> tuple[dict, str]:

    registration = RegistrationFactory(school_year=_awards_year(world), staff=world.people[Role.MEMBER])
    return {"pk": registration.pk}, "Đăng ký riêng của trường A"


def _awards_change(world: World) -> tuple[dict, str]:

    change = RegistrationChangeFactory(
        school_year=_awards_year(world), staff=world.people[Role.MEMBER], reason="Lý do riêng của trường A"
    )
    return {"pk": change.pk, "verb": "approve"}, change.reason


def _awards_team(world: World) -> tuple[dict, str]:

    year = _awards_year(world)
    year.is_current = True
    year.save()
    RegistrationPeriod.objects.create(
        school=world.school, school_year=year, opens_on=year.start_date, deadline=year.end_date
    )
    return {"team_pk": world.team.pk}, "Đăng ký thi đua năm học 2018-2019"


def _awards_evaluation(world: World) -> tuple[dict, str]:
    staff = StaffFactory(school=world.school, team=world.team, full_name="Người Được Đánh Giá Trường A")
    return {"year_pk": _awards_year(world).pk, "staff_pk": staff.pk}, staff.full_name


def _awards_team_evaluation(world: World) -> tuple[dict, str]:
    return {"year_pk": _awards_year(world).pk, "team_pk": world.team.pk}, "2018-2019"


def _awards_discipline(world: World) -> tuple[dict, str]:

    discipline = DisciplineFactory(staff=StaffFactory(school=world.school), decision_number="77/QĐ-RIÊNG-A")
    return {"pk": discipline.pk}, discipline.decision_number


def _awards_proceeding(world: World) -> tuple[dict, str]:

    proceeding = ProceedingFactory(staff=StaffFactory(school=world.school), note="Vụ việc riêng của trường A")
    return {"pk": proceeding.pk}, proceeding.note


def _awards_initiative(world: World) -> tuple[dict, str]:

    initiative = InitiativeFactory(
        author=world.people[Role.MEMBER], school_year=_awards_year(world), title="Sáng kiến riêng của trường A"
    )
    return {"pk": initiative.pk}, initiative.title


def _awards_attachment(world: World) -> tuple[dict, str]:

    kwargs, _ = _awards_initiative(world)
    attachment = InitiativeAttachment(initiative_id=kwargs["pk"], original_name="bao-cao.pdf", size=40)
    attachment.file.save("bao-cao.pdf", ContentFile("%PDF-1.4 Tệp riêng của trường A".encode()), save=True)
    return {"pk": attachment.pk}, "Tệp riêng của trường A"


def _awards_award(world: World) -> tuple[dict, str]:

    award = AwardRecordFactory(school_year=_awards_year(world), decision_number="88/QĐ-RIÊNG-A")
    return {"pk": award.pk}, award.decision_number


def _awards_certificate(world: World) -> tuple[dict, str]:
    award = AwardRecordFactory(school_year=_awards_year(world), title=title("GK"), decision_number="89/QĐ-RIÊNG-A")
    return {"pk": award.pk}, award.decision_number


def _certificate_batch(world: World) -> tuple[dict, str]:
    from django.utils import timezone

    from awards.models import BatchStatus, CertificateBatch

    award = AwardRecordFactory(school_year=_awards_year(world), title=title("GK"), decision_number="90/QĐ-RIÊNG-A")
    batch = CertificateBatch.objects.create(
        school=world.school, decision_number=award.decision_number, decision_date=award.decision_date,
        issuer_name=award.issuer_name, status=BatchStatus.DONE, total=1, done=1, requested_at=timezone.now(),
    )  # fmt: skip
    batch.file.save("x.pdf", ContentFile("%PDF-1.4 Giấy khen riêng của trường A".encode()), save=True)
    return {"pk": batch.pk}, award.decision_number


def _member_report(world: World) -> tuple[dict, str]:
    from awards.services import start_report

    member = world.people[Role.MEMBER]
    report = start_report(actor=member.user, school_year=_awards_year(world), staff=member)
    report.achievements = "Thành tích riêng của trường A"
    report.save()
    return {"pk": report.pk}, report.achievements


def _homeroom_class(world: World) -> tuple[dict, str]:
    teacher = world.people[Role.MEMBER]
    group = ClassGroupFactory(school=world.school, school_year=_awards_year(world), name="5Z-RIÊNG", grade=5)
    group.homeroom_teacher = teacher
    group.save()
    return {"pk": group.pk}, "5Z-RIÊNG"


REPORT_READERS = frozenset(SCHOOL_READERS | {Role.MEMBER, Role.TEAM_HEAD})


def _review(world: World, *, meeting: bool = False):
    year = SchoolYearFactory(
        school=world.school, start_date=date(2018, 9, 5), end_date=date(2019, 5, 31), is_current=True
    )
    review = TeamReviewFactory(school_year=year, team=world.team)
    if meeting:
        head = world.people[Role.TEAM_HEAD]
        review.meeting_date, review.place, review.chair, review.secretary = date(2019, 5, 20), "Phòng A", head, head
        review.save()
        review.members_present.set([head])
    return review


def _awards_review_team(world: World) -> tuple[dict, str]:
    _review(world)
    return {"team_pk": world.team.pk}, "Bình xét thi đua Tổ 1 năm học 2018-2019"


def _awards_review(world: World) -> tuple[dict, str]:
    return {"pk": _review(world).pk}, "Bình xét riêng của trường A"


def _awards_review_with_meeting(world: World) -> tuple[dict, str]:
    return {"pk": _review(world, meeting=True).pk}, "Bình xét riêng của trường A"


def _awards_review_nomination(world: World) -> tuple[dict, str]:
    review = _review(world, meeting=True)
    nomination = NominationFactory(school_year=review.school_year, staff=world.people[Role.MEMBER], team_review=review)
    return {"pk": nomination.pk}, "Đề nghị riêng của trường A"


def _awards_proposed_nomination(world: World) -> tuple[dict, str]:
    nomination = NominationFactory(
        school_year=_awards_year(world), staff=world.people[Role.MEMBER], status="team_proposed",
        proposed_at="2019-05-20T10:00Z",
    )  # fmt: skip
    return {"pk": nomination.pk, "verb": "send_to_council"}, "Đề nghị riêng của trường A"


TEAM_REVIEWERS = frozenset(AWARDS_MANAGERS | {Role.TEAM_HEAD})


# --- council ---
def _council(world: World, *, establish: bool = True):
    """A council of school A: the principal chairs it, the member is its secretary, a third person sits on it."""
    from council import services as council_services
    from council.models import CouncilMember, MemberRole
    from tests.factories import CouncilFactory

    year = SchoolYearFactory(school=world.school, start_date=date(2018, 9, 5), end_date=date(2019, 5, 31))
    council = CouncilFactory(school_year=year, name="Hội đồng riêng của trường A")
    seats = [(world.people[Role.PRINCIPAL], MemberRole.CHAIR), (world.people[Role.MEMBER], MemberRole.SECRETARY),
             (StaffFactory(school=world.school), MemberRole.MEMBER)]  # fmt: skip
    for order, (person, role) in enumerate(seats):
        CouncilMember.objects.create(
            council=council, staff=person, role=role, position="Giáo viên", position_order=order
        )
    if establish:
        council = council_services.establish_council(actor=None, council=council, issued_on=date(2018, 9, 15))
    return council


def _draft_council(world: World) -> tuple[dict, str]:
    council = _council(world, establish=False)
    return {"pk": council.pk}, council.name


def _established_council(world: World) -> tuple[dict, str]:
    council = _council(world)
    return {"pk": council.pk}, council.name


def _council_meeting(world: World, *, ballot: bool = False):
    from council import services as council_services

    council = _council(world)
    NominationFactory(school_year=council.school_year, staff=StaffFactory(school=world.school),
                      title=title("CSTDCS"), status="in_council_review", proposed_at="2019-05-20T10:00Z")  # fmt: skip
    meeting = council_services.plan_meeting(actor=None, council=council, held_on=date(2019, 5, 28),
                                            place="Phòng họp riêng của trường A")  # fmt: skip
    council_services.set_agenda(actor=None, meeting=meeting)
    council_services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
    council_services.open_meeting(actor=None, meeting=meeting, started_at=on_meeting_day(meeting))
    if ballot:
        council_services.open_ballot(actor=None, meeting=meeting, opened_at=on_meeting_day(meeting, 15))
    return meeting


def _meeting_in_session(world: World) -> tuple[dict, str]:
    meeting = _council_meeting(world)
    return {"pk": meeting.pk}, meeting.place


def _meeting_voting(world: World) -> tuple[dict, str]:
    meeting = _council_meeting(world, ballot=True)
    return {"pk": meeting.pk}, meeting.place


#: The council's readers: the school's readers and the council's members (here the member, its secretary).
COUNCIL_READERS = frozenset(SCHOOL_READERS | {Role.MEMBER})


def _awards_regime(world: World) -> tuple[dict, str]:
    """A legal regime is the deployment's, no school's: no role of any school edits it."""
    regime = LegalRegime.objects.get(code="2025")
    return {"pk": regime.pk}, regime.decree_name


def _disclosure(world: World):
    year = _awards_year(world)
    nomination = NominationFactory(school_year=year, staff=world.people[Role.MEMBER], status="disclosed",
                                   proposed_at="2019-05-20T10:00Z")  # fmt: skip
    disclosure = Disclosure.objects.create(
        school=world.school,
        school_year=year,
        starts_on=date(2019, 6, 3),
        working_days=5,
        ends_on=date(2019, 6, 7),
        note="Thông báo riêng trường A",
    )
    disclosure.nominations.set([nomination])
    return disclosure


def _awards_disclosure(world: World) -> tuple[dict, str]:
    return {"pk": _disclosure(world).pk}, "Thông báo riêng trường A"


def _awards_objection(world: World) -> tuple[dict, str]:
    disclosure = _disclosure(world)
    objection = Objection.objects.create(school=world.school, disclosure=disclosure, filed_by=world.people[Role.MEMBER],
                                         text="Phản ánh riêng của trường A")  # fmt: skip
    return {"pk": objection.pk}, "Phản ánh riêng của trường A"


def _awards_holiday(world: World) -> tuple[dict, str]:
    holiday, _ = PublicHoliday.objects.get_or_create(
        school=world.school, day=date(2019, 9, 2), defaults={"name": "Nghỉ riêng của trường A"}
    )
    return {"pk": holiday.pk}, holiday.name


def _award_paper(world: World, model, doc_type: str):
    year = _awards_year(world)
    document = OfficialDocumentFactory(issuer=IssuerFactory(school=world.school), doc_type=doc_type,
                                       summary="Văn bản khen thưởng riêng của trường A",
                                       content={"rows": [], "articles": [], "counts": []})  # fmt: skip
    extra = {}
    if model is Submission:
        Authority.objects.bulk_create(authority_rows(world.school, "Riêng A"), ignore_conflicts=True)
        extra["authority"] = Authority.objects.filter(school=world.school).exclude(level="school").first()
    paper = model.objects.create(school=world.school, school_year=year, document=document, **extra)
    paper.nominations.set([NominationFactory(school_year=year, staff=world.people[Role.MEMBER], status="approved",
                                             proposed_at="2019-05-20T10:00Z")])  # fmt: skip
    return paper


def _awards_decision(world: World) -> tuple[dict, str]:
    return {"pk": _award_paper(world, AwardDecision, "QĐ").pk}, "Văn bản khen thưởng riêng của trường A"


def _awards_submission(world: World) -> tuple[dict, str]:
    return {"pk": _award_paper(world, Submission, "TTr").pk}, "Văn bản khen thưởng riêng của trường A"


def _awards_higher_decision(world: World) -> tuple[dict, str]:
    submission = _award_paper(world, Submission, "TTr")
    answer = HigherDecision(school=world.school, submission=submission, number="9/QĐ-RIÊNG-A",
                            decided_on=date(2019, 6, 20), authority_name="UBND riêng A")  # fmt: skip
    answer.scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), save=False)
    answer.save()
    return {"pk": answer.pk}, "9/QĐ-RIÊNG-A"


# --- exemplars ---
EXEMPLAR_READERS = frozenset(AWARDS_MANAGERS | {Role.MEMBER})


def _exemplars_year(world: World):
    return world.school.years.filter(name="2018-2019").first() or _awards_year(world)


def _exemplars_deed(world: World, *, verified: bool = False, image: bool = False):
    from exemplars import services as exemplar_services
    from tests.exemplars.conftest import jpeg_with_gps

    year = _exemplars_year(world)
    member = world.people[Role.MEMBER]
    pupil = PupilFactory(school=world.school, class_group__school_year=year, full_name="Em Riêng Trường A")
    deed = exemplar_services.report_deed(
        actor=None, reporter=member, title="Việc tốt riêng của trường A", description="Diễn biến.",
        occurred_on=date(2019, 3, 8), pupil=pupil, images=[jpeg_with_gps()] if image else [],
    )  # fmt: skip
    if verified:
        deed = exemplar_services.verify_deed(actor=None, deed=deed)
    if image:
        return {"pk": deed.images.get().pk}, "JFIF"  # the stored JPEG's own header
    return {"pk": deed.pk}, deed.title


def _exemplars_verified(world: World) -> tuple[dict, str]:
    return _exemplars_deed(world, verified=True)


def _exemplars_image(world: World) -> tuple[dict, str]:
    return _exemplars_deed(world, image=True)


def _exemplars_contest(world: World) -> tuple[dict, str]:
    from django.utils import timezone

    from exemplars.models import ContestRound

    today = timezone.localdate()
    year = _exemplars_year(world)
    ContestRound.objects.filter(school_year=year).delete()
    contest = ContestRound.objects.create(
        school=world.school, school_year=year, name="Cuộc thi viết riêng của trường A", organiser="Phòng GDĐT",
        opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=10), send_by=today + timedelta(days=20),
    )  # fmt: skip
    return {"pk": contest.pk}, contest.name


def _exemplars_entry(world: World) -> tuple[dict, str]:
    from exemplars.models import ContestEntry

    kwargs, _ = _exemplars_contest(world)
    entry = ContestEntry.objects.create(
        contest_id=kwargs["pk"], author=world.people[Role.MEMBER], title="Bài viết riêng của trường A",
        subject_name="Cô Lan", text="Nội dung.",
    )  # fmt: skip
    return {"pk": entry.pk}, entry.title


def _exemplars_attachment(world: World) -> tuple[dict, str]:
    from exemplars.models import ContestAttachment

    kwargs, _ = _exemplars_entry(world)
    attachment = ContestAttachment(entry_id=kwargs["pk"], original_name="bai-viet.pdf", size=40)
    attachment.file.save("bai-viet.pdf", ContentFile("%PDF-1.4 Tệp riêng của trường A".encode()), save=True)
    return {"pk": attachment.pk}, "Tệp riêng của trường A"


# --- council: scoring ---
def _scoring_sitting(world: World, *, opened: bool = True):
    """A meeting in session of a council of school A chaired by its principal, the member sitting on it, one
    nomination on the agenda; the scoring opened (one sheet per member) unless ``opened`` is False."""
    from council import scoring
    from council.models import AgendaItem, Attendance, Council, CouncilMember, Meeting

    year = _awards_year(world)
    council = Council.objects.create(school=world.school, school_year=year, kind="emulation",
                                     name="Hội đồng riêng của trường A")  # fmt: skip
    chair, member = (
        CouncilMember.objects.create(
            council=council, staff=world.people[role], role=seat, position="Giáo viên", position_order=index
        )  # fmt: skip
        for index, (role, seat) in enumerate([(Role.PRINCIPAL, "chair"), (Role.MEMBER, "member")])
    )
    meeting = Meeting.objects.create(council=council, held_on=date(2019, 5, 25), place="Phòng họp riêng A",
                                     chair=chair, status="in_session", started_at=timezone.now())  # fmt: skip
    for seat in (chair, member):
        Attendance.objects.create(meeting=meeting, member=seat, present=True)
    nomination = NominationFactory(school_year=year, staff=StaffFactory(school=world.school, full_name="Đề Cử Riêng A"))
    AgendaItem.objects.create(meeting=meeting, nomination=nomination, position=1)
    if opened:
        scoring.open_scoring(actor=None, meeting=meeting)
    return meeting, member


def _scoring_meeting(world: World) -> tuple[dict, str]:
    meeting, _ = _scoring_sitting(world)
    return {"pk": meeting.pk}, "Đề Cử Riêng A"


def _scoring_unopened(world: World) -> tuple[dict, str]:
    meeting, _ = _scoring_sitting(world, opened=False)
    return {"pk": meeting.pk}, "Đề Cử Riêng A"


def _scoring_sheet(world: World) -> tuple[dict, str]:
    meeting, member = _scoring_sitting(world)
    return {"pk": meeting.agenda.get().score_sheets.get(member=member).pk}, "Đề Cử Riêng A"


def _scoring_rubric(world: World) -> tuple[dict, str]:
    from council.models import Rubric, RubricCriterion

    rubric = Rubric.objects.create(school=world.school, council_kind="initiative", name="Tiêu chí riêng của trường A")
    RubricCriterion.objects.create(rubric=rubric, label="Tính mới", max_points=100, position=1)
    return {"pk": rubric.pk}, rubric.name


TARGETS: dict[str, Target] = {
    # --- core ---
    "notification_read": Target(_notification_of_member, frozenset({Role.MEMBER}), ("post",)),
    # --- organization ---
    "organization:staff_detail": Target(_staff_in_team, frozenset(SCHOOL_READERS | {Role.TEAM_HEAD})),
    "organization:staff_update": Target(_staff_in_team, frozenset(STAFF_ADMINS), ("get", "post")),
    "organization:staff_account_create": Target(
        _staff_in_team,
        frozenset({Role.PRINCIPAL, Role.ADMINISTRATOR}),
        ("get", "post"),
        {"username": "hosoa", "password": ""},
    ),
    "organization:year_set_current": Target(_year, frozenset(STAFF_ADMINS), ("post",)),
    # --- documents ---
    "documents:document_detail": Target(_draft_document, frozenset(SCHOOL_READERS)),
    "documents:document_pdf": Target(_draft_document, frozenset(SCHOOL_READERS)),
    "documents:document_update": Target(_draft_document, frozenset(DRAFTERS), ("get", "post")),
    "documents:document_issue": Target(_draft_document, frozenset(ISSUERS), ("post",)),
    "documents:document_upload_scan": Target(_issued_document, frozenset({Role.CLERK}), ("post",)),
    "documents:document_cancel": Target(
        _issued_document, frozenset({Role.PRINCIPAL}), ("post",), {"reason": "Sai sót trích yếu"}
    ),
    # a signed document is visible to everyone of its school, never to another school
    "documents:document_scan": Target(_signed_document, frozenset(ROLES)),
    # --- campaigns ---
    "campaigns:campaign_detail": Target(_draft_campaign, frozenset(MANAGERS)),
    "campaigns:campaign_update": Target(_draft_campaign, frozenset(MANAGERS), ("get", "post")),
    "campaigns:campaign_launch": Target(_draft_campaign, frozenset(MANAGERS), ("get", "post")),
    "campaigns:campaign_close": Target(_launched_campaign, frozenset(MANAGERS), ("get", "post")),
    "campaigns:period_create": Target(_draft_campaign, frozenset(MANAGERS), ("get", "post")),
    "campaigns:period_update": Target(_period, frozenset(MANAGERS), ("get", "post")),
    "campaigns:period_delete": Target(_period, frozenset(MANAGERS), ("post",), consumes=True),
    "campaigns:commitment_edit": Target(_launched_campaign, frozenset({Role.TEAM_HEAD}), ("get", "post")),
    "campaigns:plan_detail": Target(_draft_plan, frozenset(DRAFTERS)),
    "campaigns:plan_preview": Target(_draft_plan, frozenset(DRAFTERS), ("get", "post")),
    "campaigns:plan_pdf": Target(_draft_plan, frozenset(DRAFTERS)),
    "campaigns:plan_section": Target(lambda world: _draft_plan(world, key="purpose"), frozenset(DRAFTERS), ("post",)),
    "campaigns:plan_issue": Target(_draft_plan, frozenset(ISSUERS), ("get",)),
    # --- awards ---
    "awards:staff_profile": Target(_staff_in_team, frozenset(SCHOOL_READERS | {Role.TEAM_HEAD})),
    "awards:team_registrations": Target(_awards_team, frozenset(AWARDS_MANAGERS | {Role.TEAM_HEAD})),
    "awards:registration_withdraw": Target(_awards_member_registration, frozenset({Role.MEMBER}), ("post",)),
    "awards:change_decide": Target(_awards_change, frozenset({Role.PRINCIPAL}), ("post",)),
    "awards:evaluation_edit": Target(_awards_evaluation, AWARDS_MANAGERS),
    "awards:team_evaluation_edit": Target(_awards_team_evaluation, AWARDS_MANAGERS),
    "awards:discipline_edit": Target(_awards_discipline, AWARDS_MANAGERS),
    "awards:proceeding_edit": Target(_awards_proceeding, AWARDS_MANAGERS),
    "awards:initiative_detail": Target(_awards_initiative, frozenset(AWARDS_MANAGERS | {Role.MEMBER})),
    "awards:initiative_review": Target(_awards_initiative, AWARDS_MANAGERS, ("post",)),
    "awards:initiative_recognise": Target(
        _awards_initiative,
        AWARDS_MANAGERS,
        ("post",),
        {"scope": "school", "decision_number": "5/QĐ", "decision_date": "20/05/2019"},
    ),
    "awards:initiative_reject": Target(_awards_initiative, AWARDS_MANAGERS, ("post",), {"reason": "Chưa áp dụng."}),
    "awards:attachment_download": Target(_awards_attachment, frozenset(AWARDS_MANAGERS | {Role.MEMBER})),
    "awards:award_edit": Target(_awards_award, frozenset(AWARDS_MANAGERS | {Role.CLERK})),
    # certificates: the printers (principal, vice-principals, clerk); a staff member prints only their own
    "awards:award_certificate": Target(_awards_certificate, frozenset(AWARDS_MANAGERS | {Role.CLERK})),
    "awards:certificate_batch": Target(_certificate_batch, frozenset(AWARDS_MANAGERS | {Role.CLERK})),
    "awards:certificate_batch_progress": Target(_certificate_batch, frozenset(AWARDS_MANAGERS | {Role.CLERK})),
    "awards:certificate_batch_file": Target(_certificate_batch, frozenset(AWARDS_MANAGERS | {Role.CLERK})),
    # a person's eligibility: the school's readers and the person's team head (like the staff record)
    "awards:staff_eligibility": Target(_staff_in_team, frozenset(SCHOOL_READERS | {Role.TEAM_HEAD})),
    # achievement reports: the author writes; the school's readers and the author's team head read; the principal
    # confirms or returns
    "awards:report_detail": Target(_member_report, REPORT_READERS),
    "awards:report_pdf": Target(_member_report, REPORT_READERS),
    "awards:report_edit": Target(_member_report, frozenset({Role.MEMBER})),
    "awards:report_submit": Target(_member_report, frozenset({Role.MEMBER}), ("post",)),
    "awards:report_confirm": Target(_member_report, frozenset({Role.PRINCIPAL}), ("post",)),
    "awards:report_return": Target(_member_report, frozenset({Role.PRINCIPAL}), ("post",), {"note": "Bổ sung."}),
    # pupils' commendations: the class's homeroom teacher (here the member) and the managers
    "awards:pupil_class": Target(_homeroom_class, frozenset(AWARDS_MANAGERS | {Role.MEMBER})),
    "awards:pupil_import": Target(_homeroom_class, frozenset(AWARDS_MANAGERS | {Role.MEMBER}), ("post",)),
    "awards:pupil_results_template": Target(_homeroom_class, frozenset(AWARDS_MANAGERS | {Role.MEMBER})),
    "awards:pupil_class_check": Target(_homeroom_class, AWARDS_MANAGERS, ("post",)),
    "awards:team_review": Target(_awards_review_team, TEAM_REVIEWERS, ("get", "post")),
    "awards:team_review_meeting": Target(_awards_review, TEAM_REVIEWERS, ("post",)),
    "awards:team_review_propose": Target(_awards_review, TEAM_REVIEWERS, ("post",), {"subject": "team"}),
    "awards:team_review_submit": Target(_awards_review, TEAM_REVIEWERS, ("post",)),
    "awards:team_review_minutes": Target(_awards_review_with_meeting, TEAM_REVIEWERS),
    "awards:nomination_vote": Target(_awards_review_nomination, TEAM_REVIEWERS, ("post",), {"votes_for": 1}),
    "awards:nomination_act": Target(_awards_proposed_nomination, AWARDS_MANAGERS, ("post",)),
    # disclosure: every staff member of the school reads it; the principal answers objections; the managers and
    # the administrator keep the holidays
    "awards:disclosure_detail": Target(_awards_disclosure, frozenset(ROLES)),
    "awards:objection_answer": Target(_awards_objection, frozenset({Role.PRINCIPAL}), ("post",), {"answer": "Đã xem."}),
    "awards:holiday_delete": Target(
        _awards_holiday, frozenset(MANAGERS | {Role.ADMINISTRATOR}), ("post",), consumes=True
    ),
    # the school's decision and its submission upward: the school's readers read and download them; the principal
    # and the clerk number them; the clerk and the managers record the higher authority's answer
    "awards:decision_pdf": Target(_awards_decision, frozenset(SCHOOL_READERS)),
    "awards:decision_issue": Target(_awards_decision, frozenset(ISSUERS), ("post",), {"issued_on": "05/06/2019"}),
    "awards:submission_pdf": Target(_awards_submission, frozenset(SCHOOL_READERS)),
    "awards:submission_dossier": Target(_awards_submission, frozenset(SCHOOL_READERS)),
    "awards:submission_xlsx": Target(_awards_submission, frozenset(SCHOOL_READERS)),
    "awards:submission_issue": Target(_awards_submission, frozenset(ISSUERS), ("post",), {"issued_on": "05/06/2019"}),
    "awards:submission_answer": Target(_awards_submission, frozenset(AWARDS_MANAGERS | {Role.CLERK}), ("get", "post")),
    "awards:higher_decision_scan": Target(_awards_higher_decision, frozenset(SCHOOL_READERS)),
    # the law's figures: the deployment's own superuser only (tests/awards/test_regimes.py), never a school's role
    "awards:regime_edit": Target(_awards_regime, frozenset()),
    # --- council ---
    # scoring: the council's members score (the member sits on it); those who conduct the meeting lead the scoring
    # (the managers; the principal also chairs)
    "council:scoring": Target(_scoring_meeting, frozenset(MANAGERS | {Role.MEMBER})),
    "council:scoring_open": Target(_scoring_unopened, frozenset(MANAGERS), ("post",)),
    "council:scoring_close": Target(_scoring_meeting, frozenset(MANAGERS), ("post",)),
    "council:score_sheet": Target(_scoring_sheet, frozenset({Role.MEMBER}), ("get", "post"), {"action": "save"}),
    "council:rubric_edit": Target(_scoring_rubric, frozenset({Role.PRINCIPAL}), ("get", "post")),
    "council:rubric_copy": Target(_scoring_rubric, frozenset({Role.PRINCIPAL}), ("post",)),
    "council:council_detail": Target(_draft_council, COUNCIL_READERS),
    "council:council_act": Target(
        lambda world: ({**_draft_council(world)[0], "verb": "update"}, "Hội đồng riêng của trường A"),
        frozenset(MANAGERS),
        ("post",),
        {"name": "Hội đồng riêng của trường A", "quorum_numerator": 2, "quorum_denominator": 3},
    ),
    "council:council_establish": Target(_draft_council, frozenset({Role.PRINCIPAL}), ("post",)),
    "council:council_reopen": Target(
        _established_council, frozenset({Role.PRINCIPAL}), ("post",), {"reason": "Thay thành viên"}
    ),
    "council:meeting_detail": Target(_meeting_in_session, COUNCIL_READERS),
    "council:meeting_roll": Target(_meeting_voting, COUNCIL_READERS),
    # the moves of a meeting: the managers and the council's chair and secretary (here the member)
    "council:meeting_act": Target(
        lambda world: ({**_meeting_in_session(world)[0], "verb": "proceedings"}, "Phòng họp riêng của trường A"),
        frozenset(MANAGERS | {Role.MEMBER}),
        ("post",),
        {"proceedings": "Thảo luận."},
    ),
    "council:ballot_close": Target(_meeting_voting, frozenset(MANAGERS), ("post",)),
    # the paper: members present who have not voted (the principal chairs, the member is the secretary)
    "council:ballot_vote": Target(_meeting_voting, frozenset({Role.PRINCIPAL, Role.MEMBER})),
    # --- exemplars ---
    # a deed waiting for verification, reported by the member: the managers and the reporter
    "exemplars:deed_detail": Target(_exemplars_deed, EXEMPLAR_READERS),
    "exemplars:deed_edit": Target(_exemplars_deed, EXEMPLAR_READERS),
    "exemplars:deed_verify": Target(_exemplars_deed, AWARDS_MANAGERS, ("post",)),
    "exemplars:deed_reject": Target(_exemplars_deed, AWARDS_MANAGERS, ("post",), {"reason": "Chưa rõ."}),
    "exemplars:image": Target(_exemplars_image, EXEMPLAR_READERS),
    "exemplars:image_remove": Target(_exemplars_image, EXEMPLAR_READERS, ("post",), consumes=True),
    # a verified deed: the managers hide it; the principal alone proposes an ad-hoc commendation
    "exemplars:deed_hide": Target(_exemplars_verified, AWARDS_MANAGERS, ("post",), {"hidden": "1", "reason": "Ẩn."}),
    "exemplars:deed_commend": Target(_exemplars_verified, frozenset({Role.PRINCIPAL}), ("get", "post")),
    # the writing contest: every staff member of the school sees the round and writes; the managers run it
    "exemplars:contest_detail": Target(_exemplars_contest, frozenset(ROLES)),
    "exemplars:entry_create": Target(_exemplars_contest, frozenset(ROLES)),
    "exemplars:contest_edit": Target(_exemplars_contest, AWARDS_MANAGERS, ("get", "post")),
    "exemplars:contest_print": Target(_exemplars_contest, AWARDS_MANAGERS),
    "exemplars:entry_detail": Target(_exemplars_entry, EXEMPLAR_READERS),
    "exemplars:entry_edit": Target(_exemplars_entry, frozenset({Role.MEMBER}), ("get", "post")),
    "exemplars:entry_select": Target(_exemplars_entry, AWARDS_MANAGERS, ("post",), {"selected": "1"}),
    "exemplars:entry_attachment": Target(_exemplars_attachment, EXEMPLAR_READERS),
}

#: Public routes that name a school: anyone reads a school's public page (tests/exemplars/test_public.py), so
#: there is no "other school" to refuse; a made-up school answers 404 to an anonymous visitor, never the login page.
PUBLIC_OBJECTS = {"exemplars:public_deeds", "exemplars:public_feed", "exemplars:public_image"}

#: Routes with a parameter that the matrix leaves to another check, and why.
NOT_IN_MATRIX = {
    **{name: "public, without login: tests/exemplars/test_public.py" for name in PUBLIC_OBJECTS},
    "admin:view_on_site": "redirects to the object's own page, which the matrix covers (admin site permission first)",
    "admin:app_list": "an app's model list: the admin site's permission, then each model's (ADMIN_TARGETS)",
}
#: Routes an anonymous visitor may open.
PUBLIC = {"login", "healthz", "favicon", "admin:login"}


def _routes(patterns=None, namespace="", converters=None, groups=frozenset()):
    """(qualified name, converters by kwarg name, named regex groups) for every named route."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for entry in patterns:
        found = {**(converters or {}), **entry.pattern.converters}
        named = groups | set(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry.url_patterns, inner, found, named)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", found, named


ALL_ROUTES = {name: (conv, named) for name, conv, named in _routes()}
#: The admin's routes per model (``admin:<app>_<model>_<view>``) are checked by the admin matrix below.
ADMIN_MODEL_ROUTE = re.compile(
    r"^admin:(?P<app>[a-z_]+?)_(?P<model>[a-z]+)_(?P<view>changelist|add|change|history|delete|password_change)$"
)
ID_ROUTES = sorted(
    name
    for name, (conv, named) in ALL_ROUTES.items()
    if (conv or named) and name not in NOT_IN_MATRIX and not name.startswith("admin:")
)

MISSING = (
    "The route {name!r} takes a parameter but has no entry in TARGETS (tests/test_permissions.py). Every app that "
    "adds a route with an id must add its entry there, in the app's section: a factory creating an object of "
    "school A and returning the URL kwargs and a text only its page shows, the roles of school A allowed to use "
    "it, and the HTTP methods to try. Then the matrix checks that other schools and other roles get 403/404."
)


def _people(school: School, team: Team) -> dict[str, Staff]:
    people = {}
    for role in ROLES:
        people[role] = StaffFactory(school=school, role=role, team=team, with_user=True)
    return people


@pytest.fixture
def world_a(school, team):
    return World(school, team, _people(school, team))


@pytest.fixture
def world_b(other_school):
    team = TeamFactory(school=other_school, name="Tổ 1")
    return World(other_school, team, _people(other_school, team))


def _request(user, method: str, url: str, data: dict):
    client = Client()
    client.force_login(user)
    return client.post(url, data) if method == "post" else client.get(url)


def test_every_route_with_an_id_has_a_target():
    missing = [name for name in ID_ROUTES if name not in TARGETS]
    assert not missing, "\n".join(MISSING.format(name=name) for name in missing)


def test_no_stale_targets():
    assert set(TARGETS) <= set(ID_ROUTES), f"TARGETS names routes that do not exist: {set(TARGETS) - set(ID_ROUTES)}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ID_ROUTES)
def test_object_route(name, world_a, world_b):
    if name not in TARGETS:
        pytest.fail(MISSING.format(name=name))
    target = TARGETS[name]
    kwargs, marker = target.make(world_a)
    url = reverse(name, kwargs=kwargs)
    refused = [(f"school B {role}", world_b.people[role]) for role in ROLES]
    refused += [(f"school A {role}", world_a.people[role]) for role in ROLES if role not in target.allowed]
    for who, staff in refused:  # first the refusals: an allowed POST may change or remove the object
        for method in target.methods:
            response = _request(staff.user, method, url, target.data)
            assert response.status_code in (403, 404), f"{method.upper()} {url} as {who}: {response.status_code}"
            assert marker not in response.content.decode(), f"{method.upper()} {url} as {who} shows the object"
    for role in target.allowed:
        if target.consumes:
            url = reverse(name, kwargs=target.make(world_a)[0])
        for method in target.methods:
            response = _request(world_a.people[role].user, method, url, target.data)
            assert response.status_code < 400, f"{method.upper()} {url} as school A {role}: {response.status_code}"


def _any_url(name: str) -> str | None:
    converters, named_groups = ALL_ROUTES[name]
    kwargs = {
        key: 1 if isinstance(conv, IntConverter) else uuid.UUID(int=1) if isinstance(conv, UUIDConverter) else "x"
        for key, conv in converters.items()
    }
    if named_groups - set(kwargs):
        return None  # a regex route (the admin's app index): reached through its own pages
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALL_ROUTES))
def test_anonymous_visitors_are_sent_to_login(client, name):
    url = _any_url(name)
    if url is None:
        pytest.skip("regex route")
    response = client.get(url)
    if name in PUBLIC:
        assert response.status_code == 200
        return
    if name in PUBLIC_OBJECTS:
        assert response.status_code == 404, f"GET {url} anonymously: {response.status_code}"
        return
    assert response.status_code == 302, f"GET {url} anonymously: {response.status_code}"
    logins = {resolve_url(settings.LOGIN_URL)}
    if name.startswith("admin:"):
        logins.add(reverse("admin:login"))  # the admin sends some of its own pages to its login
    assert urlparse(response.url).path in logins


# --- the Django admin ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AdminTarget:
    """How to test one model's admin pages.

    ``make(world)`` creates (or finds) a row and returns it with a text only its pages show. ``kind``: ``school``
    (school A's administrator keeps it, other schools' administrators never see it), ``shared`` (data every school
    shares: school administrators read it, only the superuser changes it), ``superuser`` (only the superuser).
    ``school_admin`` are the views a school administrator opens for a ``school`` row of their school.
    """

    make: Callable[[World], tuple[object, str]]
    kind: str
    school_admin: frozenset[str] = frozenset({"changelist", "add", "change", "history"})


def _admin_staff(world: World):
    staff = StaffFactory(school=world.school, team=world.team, full_name="Hồ Sơ Riêng Của Trường A")
    return staff, staff.full_name


def _admin_team(world: World):
    team = TeamFactory(school=world.school, name="Tổ riêng của trường A")
    return team, team.name


def _admin_year(world: World):
    year = SchoolYearFactory(school=world.school, start_date=date(2018, 9, 5), end_date=date(2019, 5, 31))
    return year, f"/admin/organization/schoolyear/{year.pk}/"


def _admin_class(world: World):
    group = ClassGroupFactory(school=world.school, school_year=_admin_year(world)[0], name="Lớp riêng A")
    return group, group.name


def _admin_pupil(world: World):
    pupil = PupilFactory(school=world.school, class_group=_admin_class(world)[0], full_name="Học Sinh Riêng Trường A")
    return pupil, pupil.full_name


def _admin_audit(world: World):
    entry = audit.record(actor=None, action="organization.year.create", obj=world.school, reason="Nhật ký riêng A")
    return entry, "Nhật ký riêng A"


def _admin_axes(model):
    def make(world: World):
        row = model.objects.create(
            username="dang-nhap-rieng-truong-a", ip_address="127.0.0.1", user_agent="x", http_accept="*/*",
            path_info="/accounts/login/", **({"failures_since_start": 1, "get_data": "", "post_data": ""}
                                              if model is AccessAttempt else {}),
        )  # fmt: skip
        return row, row.username

    return make


def _admin_task_result(world: World):
    from django_tasks_db.models import DBTaskResult

    from tests.core.test_background import count_audit_rows

    result = count_audit_rows.enqueue("trường A")
    return DBTaskResult.objects.get(pk=result.id), str(result.id)


ADMIN_TARGETS: dict[str, AdminTarget] = {
    # --- auth, axes, core: the superuser's alone ---
    "auth.user": AdminTarget(lambda w: (w.people[Role.MEMBER].user, w.people[Role.MEMBER].user.username), "superuser"),
    "auth.group": AdminTarget(lambda w: (Group.objects.create(name="Nhóm riêng"), "Nhóm riêng"), "superuser"),
    "axes.accessattempt": AdminTarget(_admin_axes(AccessAttempt), "superuser"),
    "axes.accesslog": AdminTarget(_admin_axes(AccessLog), "superuser"),
    "axes.accessfailurelog": AdminTarget(_admin_axes(AccessFailureLog), "superuser"),
    "core.auditentry": AdminTarget(_admin_audit, "superuser"),
    # the queue of background work (django-tasks-db): the deployment's, read-only in its admin
    "django_tasks_database.dbtaskresult": AdminTarget(_admin_task_result, "superuser"),
    # --- organization ---
    "organization.school": AdminTarget(
        lambda w: (w.school, w.school.name), "school", frozenset({"changelist", "change", "history"})
    ),
    "organization.legalregime": AdminTarget(lambda w: (LegalRegime.objects.first(),) * 2, "shared"),
    "organization.team": AdminTarget(_admin_team, "school"),
    "organization.staff": AdminTarget(_admin_staff, "school"),
    "organization.schoolyear": AdminTarget(_admin_year, "school"),
    "organization.classgroup": AdminTarget(_admin_class, "school"),
    "organization.pupil": AdminTarget(_admin_pupil, "school"),
    # --- awards: figures set by law, shared by every school ---
    "awards.title": AdminTarget(lambda w: (title("CSTDCS"), title("CSTDCS").name), "shared"),
    "awards.titlerule": AdminTarget(lambda w: (TitleRule.objects.first(), str(TitleRule.objects.first())), "shared"),
    "awards.basesalary": AdminTarget(
        lambda w: (BaseSalary.objects.get_or_create(effective_from=date(2030, 7, 1), amount=9_990_000)[0], "9.990.000"),
        "shared",
    ),
    "awards.eligibilityrules": AdminTarget(
        lambda w: (EligibilityRules.objects.first(), str(EligibilityRules.objects.first())), "shared"
    ),
    # --- council ---
    # --- exemplars ---
}
#: The admin's own pages (no model): the site's permission decides, see test_who_enters_the_admin.
ADMIN_SITE_ROUTES = {
    "admin:index", "admin:login", "admin:logout", "admin:password_change", "admin:password_change_done",
    "admin:jsi18n", "admin:autocomplete", "admin:app_list", "admin:view_on_site",
}  # fmt: skip
ADMIN_VIEWS = ("changelist", "add", "change", "history", "delete")
ADMIN_MISSING = (
    "The admin registers {label!r} but tests/test_permissions.py has no ADMIN_TARGETS entry for it. Add one: a "
    "factory for a row of school A (or a shared row) with a text only its pages show, and its kind (school, shared "
    "or superuser). Then the matrix checks that other schools' administrators never see it."
)


def _admin_label(name: str) -> str | None:
    match = ADMIN_MODEL_ROUTE.match(name)
    return f"{match['app']}.{match['model']}" if match else None


def test_every_admin_route_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    missing = sorted(registered - set(ADMIN_TARGETS))
    assert not missing, "\n".join(ADMIN_MISSING.format(label=label) for label in missing)
    assert set(ADMIN_TARGETS) <= registered, f"stale ADMIN_TARGETS: {set(ADMIN_TARGETS) - registered}"
    loose = [
        name
        for name in ALL_ROUTES
        if name.startswith("admin:") and name not in ADMIN_SITE_ROUTES and _admin_label(name) not in ADMIN_TARGETS
    ]
    assert not loose, f"admin routes neither of the site nor of a model in ADMIN_TARGETS: {loose}"


def _admin_url(label: str, view: str, obj) -> str:
    app, model = label.split(".")
    return reverse(f"admin:{app}_{model}_{view}", args=[] if view in ("changelist", "add") else [obj.pk])


@pytest.fixture
def superuser(db):
    return UserFactory(username="sieuquantri-thu", is_superuser=True, is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(ADMIN_TARGETS))
def test_admin_model(label, world_a, world_b, superuser):
    target = ADMIN_TARGETS[label]
    obj, marker = target.make(world_a)
    marker = str(marker)
    urls = {view: _admin_url(label, view, obj) for view in ADMIN_VIEWS}
    admin_login = reverse("admin:login")

    for role in (Role.PRINCIPAL, Role.MEMBER):  # school roles other than the administrator never enter
        for url in urls.values():
            response = _request(world_a.people[role].user, "get", url, {})
            assert response.status_code == 302, f"GET {url} as school A {role}: {response.status_code}"
            assert urlparse(response.url).path == admin_login

    response = _request(superuser, "get", urls["change"], {})
    assert response.status_code == 200 and marker in response.content.decode(), f"superuser: {urls['change']}"
    assert _request(superuser, "get", urls["changelist"], {}).status_code == 200

    own, other = world_a.people[Role.ADMINISTRATOR].user, world_b.people[Role.ADMINISTRATOR].user
    for view, url in urls.items():
        if target.kind == "superuser":
            allowed_own = allowed_other = False
        elif target.kind == "shared":
            allowed_own = allowed_other = view in ("changelist", "change", "history")
        else:
            allowed_own = view in target.school_admin
            allowed_other = allowed_own and view in ("changelist", "add")  # pages without school A's row
        for who, user, allowed in (("school A", own, allowed_own), ("school B", other, allowed_other)):
            response = _request(user, "get", url, {})
            if allowed:
                assert response.status_code == 200, f"GET {url} as {who} administrator: {response.status_code}"
            else:
                assert response.status_code in (403, 404), f"GET {url} as {who} administrator: {response.status_code}"
            body = response.content.decode()
            if who == "school B" and target.kind == "school":
                assert marker not in body, f"GET {url} as school B administrator shows school A's row"
            if who == "school A" and allowed and view in ("change", "changelist") and target.kind == "school":
                assert marker in body, f"GET {url} as school A administrator does not show the row"
    if target.kind == "school":  # a change posted by another school's administrator reaches nothing
        response = _request(other, "post", urls["change"], {"_save": "1"})
        assert response.status_code == 404, f"POST {urls['change']} as school B administrator"


@pytest.mark.django_db
def test_who_enters_the_admin(world_a, superuser):
    """The deployment's superuser and a school's administrator (never a superuser) enter; other roles do not."""
    for role, staff in world_a.people.items():
        response = _request(staff.user, "get", reverse("admin:index"), {})
        if role == Role.ADMINISTRATOR:
            assert response.status_code == 200, role
            assert not staff.user.is_superuser
        else:
            assert response.status_code == 302, role
            assert urlparse(response.url).path == reverse("admin:login")
    assert _request(superuser, "get", reverse("admin:index"), {}).status_code == 200
