"""factory_boy factories for every model tests need. Build rows with these, never with fixtures files."""

from datetime import date, datetime, time

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from thiduakhenthuong.organization.models import (
    ClassGroup,
    Gender,
    Pupil,
    Role,
    School,
    SchoolYear,
    Staff,
    StaffKind,
    Team,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.edu.vn")
    password = factory.django.Password("mat-khau-du-dai-123")


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["abbreviation"]

    name = factory.Sequence(lambda n: f"Trường Tiểu học Số {n}")
    abbreviation = factory.Sequence(lambda n: f"TH{n:03d}")
    parent_agency = "UBND huyện Thanh Oai"
    place_name = "Cao Dương"


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear

    school = factory.SubFactory(SchoolFactory)
    start_date = date(2022, 9, 5)
    end_date = date(2023, 5, 31)
    name = factory.LazyAttribute(lambda y: f"{y.start_date.year}-{y.end_date.year}")
    is_current = False


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Tổ chuyên môn {n}")  # never "Tổ 1": the `team` fixture's name


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff

    school = factory.SubFactory(SchoolFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Hoa {n}")
    gender = Gender.FEMALE
    date_of_birth = date(1985, 4, 12)
    position = "Giáo viên"
    kind = StaffKind.TEACHER
    role = Role.MEMBER
    team = factory.LazyAttribute(lambda s: TeamFactory(school=s.school) if s.role == Role.TEAM_HEAD else None)
    recruited_on = date(2010, 9, 1)

    class Params:
        with_user = factory.Trait(user=factory.SubFactory(UserFactory))


class ClassGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassGroup

    school = factory.SubFactory(SchoolFactory)
    school_year = factory.SubFactory(SchoolYearFactory, school=factory.SelfAttribute("..school"))
    grade = 3
    name = factory.Sequence(lambda n: f"3A{n}")


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    school = factory.SubFactory(SchoolFactory)
    class_group = factory.SubFactory(ClassGroupFactory, school=factory.SelfAttribute("..school"))
    full_name = factory.Sequence(lambda n: f"Lê Minh An {n}")
    gender = Gender.MALE


# ==================================================================================================
# awards
# ==================================================================================================

from awards.models import (  # noqa: E402
    AnnualEvaluation,
    AwardRecord,
    Discipline,
    DriveKind,
    Initiative,
    InitiativeStatus,
    Proceeding,
    Rating,
    Registration,
    RegistrationChange,
    RegistrationPeriod,
    Title,
)


def title(code: str, scope: str = "individual") -> Title:
    """A catalog entry seeded by the awards data migration."""
    return Title.objects.get(code=code, scope=scope)


class RegistrationPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationPeriod

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    opens_on = factory.LazyAttribute(lambda p: p.school_year.start_date)
    deadline = factory.LazyAttribute(lambda p: p.school_year.end_date)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    title = factory.LazyFunction(lambda: title("LDTT"))
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..school"))


class RegistrationChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationChange

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    title = factory.LazyFunction(lambda: title("CSTDCS"))
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..school"))
    action = "add"
    reason = "Có sáng kiến mới được áp dụng."


class AnnualEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualEvaluation

    staff = factory.SubFactory(StaffFactory)
    school = factory.SelfAttribute("staff.school")
    school_year = factory.SubFactory(SchoolYearFactory, school=factory.SelfAttribute("..school"))
    rating = Rating.GOOD


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline

    staff = factory.SubFactory(StaffFactory)
    school = factory.SelfAttribute("staff.school")
    form = "reprimand"
    decided_on = date(2022, 10, 1)
    start = date(2022, 10, 1)
    end = date(2023, 9, 30)


class ProceedingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proceeding

    staff = factory.SubFactory(StaffFactory)
    school = factory.SelfAttribute("staff.school")
    kind = "inspection"
    opened_on = date(2023, 3, 1)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    author = factory.SubFactory(StaffFactory)
    school = factory.SelfAttribute("author.school")
    school_year = factory.SubFactory(SchoolYearFactory, school=factory.SelfAttribute("..school"))
    title = factory.Sequence(lambda n: f"Biện pháp rèn kỹ năng đọc hiểu số {n}")
    field = "Tiếng Việt"
    description = "Mô tả biện pháp."
    results = "Học sinh đọc hiểu tốt hơn."
    status = InitiativeStatus.SUBMITTED

    class Params:
        recognised = factory.Trait(
            status=InitiativeStatus.RECOGNISED,
            scope="school",
            decision_number="12/QĐ-HĐSK",
            decision_date=date(2023, 5, 10),
        )


class AwardRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwardRecord

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    title = factory.LazyFunction(lambda: title("LDTT"))
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..school"))
    drive = DriveKind.YEARLY
    decision_number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    decision_date = date(2023, 6, 20)
    issuer_name = "UBND huyện Thanh Oai"


# --- documents (thiduakhenthuong.documents) ------------------------------------------------------------------
from thiduakhenthuong.documents.models import DocumentType, Issuer, IssuerKind, OfficialDocument  # noqa: E402


class IssuerFactory(factory.django.DjangoModelFactory):
    """The school's own issuer by default; ``IssuerFactory(council=True)`` gives a council issuing in its own name."""

    class Meta:
        model = Issuer
        django_get_or_create = ["school", "abbreviation"]

    school = factory.SubFactory(SchoolFactory)
    kind = IssuerKind.SCHOOL
    name = factory.LazyAttribute(lambda i: i.school.name)
    abbreviation = factory.LazyAttribute(lambda i: i.school.abbreviation)
    parent_name = factory.LazyAttribute(lambda i: i.school.parent_agency)

    class Params:
        council = factory.Trait(
            kind=IssuerKind.COUNCIL,
            name="Hội đồng Thi đua - Khen thưởng",
            abbreviation="HĐTĐKT",
            parent_name=factory.LazyAttribute(lambda i: i.school.name),
        )


class OfficialDocumentFactory(factory.django.DjangoModelFactory):
    """A draft; number it through ``documents.services`` (issue_document / register_historical)."""

    class Meta:
        model = OfficialDocument

    issuer = factory.SubFactory(IssuerFactory)
    doc_type = DocumentType.NOTICE
    summary = factory.Sequence(lambda n: f"Về việc tổ chức hoạt động thi đua số {n}")
    document_date = date(2023, 3, 15)
    body = "Nhà trường thông báo kế hoạch tổ chức hoạt động thi đua chào mừng ngày Nhà giáo Việt Nam."
    signer_authority = "Hiệu trưởng"
    signer_name = "Nguyễn Thị Minh"
    recipients = "Các tổ chuyên môn (để t/h)"
    archive_note = "VT"


# --- campaigns (phong trào thi đua) -------------------------------------------------------------------------------

from campaigns.models import (  # noqa: E402
    PLAN_TEMPLATE,
    Campaign,
    CampaignCriterion,
    CampaignKind,
    CampaignPeriod,
    CampaignStatus,
    Commitment,
    Plan,
)


class CampaignFactory(factory.django.DjangoModelFactory):
    """A draft campaign inside its school year (2022-2023 unless given); ``launched=True`` / ``closed=True``."""

    class Meta:
        model = Campaign

    school = factory.SubFactory(SchoolFactory)
    school_year = factory.SubFactory(SchoolYearFactory, school=factory.SelfAttribute("..school"))
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    kind = CampaignKind.REGULAR
    start_date = factory.SelfAttribute("school_year.start_date")
    end_date = factory.SelfAttribute("school_year.end_date")
    description = "Thi đua dạy tốt, học tốt."
    target_groups = factory.LazyFunction(lambda: ["teachers", "teams"])

    class Params:
        launched = factory.Trait(status=CampaignStatus.LAUNCHED, launched_on=factory.SelfAttribute("start_date"))
        closed = factory.Trait(
            status=CampaignStatus.CLOSED,
            launched_on=factory.SelfAttribute("start_date"),
            closed_on=factory.SelfAttribute("end_date"),
            closing_summary="Các tổ hoàn thành tốt giao ước.",
        )


class CampaignCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignCriterion

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Sequence(lambda n: f"Tiêu chí {n}")
    order = factory.Sequence(lambda n: n)


class CampaignPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPeriod

    campaign = factory.SubFactory(CampaignFactory)
    name = "Đợt thi đua chào mừng ngày Nhà giáo Việt Nam 20/11"
    start_date = date(2022, 10, 1)
    end_date = date(2022, 11, 20)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    campaign = factory.SubFactory(CampaignFactory, launched=True)
    team = factory.SubFactory(TeamFactory, school=factory.SelfAttribute("..campaign.school"))
    pledge = "Tổ cam kết 100% giáo viên hoàn thành tốt nhiệm vụ."
    targets = "100% học sinh hoàn thành chương trình lớp học."
    signed_on = factory.SelfAttribute("campaign.start_date")


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan with every part written; give ``document__signer`` to issue it. School years: pass them."""

    class Meta:
        model = Plan
        skip_postgeneration_save = True

    school = factory.SubFactory(SchoolFactory)
    year = factory.Sequence(lambda n: 2000 + n % 100)
    list_campaigns = True
    document = factory.SubFactory(
        OfficialDocumentFactory,
        issuer=factory.SubFactory(IssuerFactory, school=factory.SelfAttribute("...school")),
        doc_type=DocumentType.PLAN,
        template_name=PLAN_TEMPLATE,
        summary=factory.LazyAttribute(lambda d: f"Công tác Thi đua - Khen thưởng năm {d.factory_parent.year}"),
        document_date=None,
        body="",
        content=factory.LazyFunction(
            lambda: {
                "opening": "Căn cứ kế hoạch của Phòng GDĐT, nhà trường xây dựng kế hoạch như sau:",
                "purpose": "- Phát động các phong trào thi đua yêu nước.",
                "requirements": "- Thiết thực, hiệu quả.",
                "campaigns_intro": "1. Phát động các phong trào thi đua",
                "contents": "2. Nâng cao chất lượng công tác khen thưởng",
                "organization": "- Các tổ xây dựng kế hoạch của tổ.",
                "closing": "Trên đây là kế hoạch của nhà trường./.",
                "campaign_lines": [],
            }
        ),
    )

    @factory.post_generation
    def school_years(self, create, extracted, **kwargs):
        if create and extracted:
            self.school_years.set(extracted)


# --- the year-end review (awards: team reviews, nominations) --------------------------------------------------------
from awards.models import Nomination, NominationStatus, TeamReview  # noqa: E402


class TeamReviewFactory(factory.django.DjangoModelFactory):
    """An open review; record its meeting through ``awards.nominations.record_team_meeting``."""

    class Meta:
        model = TeamReview

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    team = factory.SubFactory(TeamFactory, school=factory.SelfAttribute("..school"))


class NominationFactory(factory.django.DjangoModelFactory):
    """A draft nomination of a staff member for Lao động tiên tiến; move it through ``awards.nominations``."""

    class Meta:
        model = Nomination

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    title = factory.LazyFunction(lambda: title("LDTT"))
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..school"))
    status = NominationStatus.DRAFT


# --- the council (council: councils, members, meetings) -------------------------------------------------------------
from council.models import Council, CouncilKind, CouncilMember, Meeting, MemberRole  # noqa: E402


class CouncilFactory(factory.django.DjangoModelFactory):
    """A council being formed (draft); establish it through ``council.services.establish_council``."""

    class Meta:
        model = Council

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    kind = CouncilKind.EMULATION
    name = "Hội đồng Thi đua – Khen thưởng"


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    staff = factory.SubFactory(StaffFactory, school=factory.SelfAttribute("..council.school"), with_user=True)
    role = MemberRole.MEMBER
    position = "Giáo viên"
    position_order = factory.Sequence(lambda n: n + 10)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting; open it through ``council.services.open_meeting``."""

    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    held_on = factory.LazyAttribute(lambda m: m.council.school_year.end_date)
    place = "Phòng họp Hội đồng sư phạm"


def on_meeting_day(meeting: Meeting, hour: int = 14) -> datetime:
    """``hour`` o'clock on the meeting's own day: ``open_meeting`` opens a meeting on its day only."""
    return timezone.make_aware(datetime.combine(meeting.held_on, time(hour)))


def council_with_members(count: int, *, school_year=None, **council_fields) -> Council:
    """A draft council of ``count`` members with accounts: the first is the chair, the second the secretary."""
    council = CouncilFactory(**({"school_year": school_year} if school_year else {}), **council_fields)
    for index in range(count):
        role = MemberRole.CHAIR if index == 0 else MemberRole.SECRETARY if index == 1 else MemberRole.MEMBER
        CouncilMemberFactory(council=council, role=role, position_order=index)
    return council
