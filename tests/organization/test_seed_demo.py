import io
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.core.registry import registry
from thiduakhenthuong.organization.demo import DEMO_PASSWORD, DEPLOYMENT_ADMIN
from thiduakhenthuong.organization.models import (
    Authority,
    AuthorityLevel,
    ClassGroup,
    Gender,
    LegalRegime,
    Pupil,
    Role,
    School,
    SchoolYear,
    Staff,
    Team,
)

pytestmark = pytest.mark.django_db

MODELS = [School, Authority, Team, SchoolYear, Staff, ClassGroup, Pupil, get_user_model(), AuditEntry]


def snapshot():
    """Every row of every seeded table, all fields, so that any change shows."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


#: The day the demo is pinned to (``seed_demo --today``): the current school year is 2026-2027.
TODAY = date(2026, 11, 27)


def seed(today=TODAY, **options):
    out = StringIO()
    call_command("seed_demo", stdout=out, today=today, **options)
    return out.getvalue()


def test_second_run_changes_nothing():
    seed()
    before = snapshot()
    assert len(before["Staff"]) >= 38
    seed()
    assert snapshot() == before  # counts, field values and no new audit rows


def test_reference_school():
    seed()
    school = School.objects.get(abbreviation="THCD")
    assert school.name == "Trường Tiểu học Cao Dương"
    assert school.parent_agency == "UBND huyện Thanh Oai"
    assert school.place_name == "Cao Dương"
    assert school.address == "Xã Cao Dương, huyện Thanh Oai, thành phố Hà Nội"
    assert list(school.teams.values_list("name", "is_office")) == [
        ("Tổ 1", False),
        ("Tổ 2-3", False),
        ("Tổ 4-5", False),
        ("Tổ Văn phòng", True),
    ]
    staff = Staff.objects.filter(school=school)
    assert staff.filter(gender=Gender.FEMALE).count() > 0.8 * staff.count()
    assert staff.get(role=Role.PRINCIPAL).full_name == "Đỗ Thị Thanh Huyền"
    recruited = set(staff.values_list("recruited_on", flat=True))
    assert {date(2023, 9, 30), date(2024, 1, 31)} <= recruited  # 8 and 4 months before 31/05/2024
    current = SchoolYear.objects.current(school)
    assert (current.name, current.start_date, current.end_date) == ("2026-2027", date(2026, 9, 5), date(2027, 5, 31))
    assert list(school.years.order_by("start_date").values_list("name", flat=True)) == [
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
        "2026-2027",
    ]
    # this year's classes, and last year's, whose pupils were proposed for the principal's Giấy khen
    class_years = set(ClassGroup.objects.filter(school=school).values_list("school_year__name", flat=True))
    assert class_years == {"2025-2026", "2026-2027"}
    assert ClassGroup.objects.filter(school=school).count() >= 5
    assert Pupil.objects.filter(school=school).exists()


@pytest.mark.parametrize(
    ("regime", "level", "name"),
    [
        ("2017", AuthorityLevel.DISTRICT, "UBND huyện Thanh Oai"),
        ("2024", AuthorityLevel.DISTRICT, "UBND huyện Thanh Oai"),
        ("2025", AuthorityLevel.COMMUNE, "UBND xã Cao Dương"),
    ],
)
def test_authorities_follow_the_regime(regime, level, name):
    seed()
    school = School.objects.get(abbreviation="THCD")
    regime = LegalRegime.objects.get(code=regime)
    parent = Authority.objects.get(school=school, regime=regime, is_parent=True)
    assert (parent.level, parent.name, parent.receives_submissions) == (level, name, True)
    assert school.authority(regime=regime, level=AuthorityLevel.PROVINCE).name == "UBND thành phố Hà Nội"


@pytest.mark.parametrize(
    ("username", "role", "full_name"),
    [
        ("hieutruong", Role.PRINCIPAL, "Đỗ Thị Thanh Huyền"),
        ("phohieutruong", Role.VICE_PRINCIPAL, None),
        ("totruong", Role.TEAM_HEAD, None),
        ("vanthu", Role.CLERK, "Nguyễn Thị Ánh"),
        ("giaovien", Role.MEMBER, None),
        ("quantri", Role.ADMINISTRATOR, None),
    ],
)
def test_one_account_per_role_with_the_demo_password(username, role, full_name):
    seed()
    user = get_user_model().objects.select_related("staff__team").get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.staff.role == role
    assert user.first_name == user.staff.full_name
    if full_name:
        assert user.staff.full_name == full_name
    assert not user.is_superuser and not user.is_staff  # a school's administrator included
    if username in {"totruong", "giaovien"}:
        assert user.staff.team.name == "Tổ 1"


def test_the_deployment_superuser_is_a_separate_account_without_a_school():
    seed()
    user = get_user_model().objects.get(username=DEPLOYMENT_ADMIN)
    assert user.is_superuser and user.check_password(DEMO_PASSWORD)
    assert not Staff.objects.filter(user=user).exists()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_a_second_run_takes_superuser_away_from_a_school_account():
    """Demo sites seeded before this change made ``quantri`` a superuser: seeding again mends that."""
    seed()
    get_user_model().objects.filter(username="quantri").update(is_superuser=True, is_staff=True)
    seed()
    quantri = get_user_model().objects.get(username="quantri")
    assert not quantri.is_superuser and not quantri.is_staff


def test_demo_password_is_long_enough():
    assert len(DEMO_PASSWORD) >= 12


def test_app_seeders_run_after_the_kernel(monkeypatch):
    calls = []

    def seeder(*, school, stdout, today):
        assert today == TODAY
        calls.append((school.abbreviation, Staff.objects.filter(school=school).count()))

    monkeypatch.setattr(registry, "demo_seeders", [seeder])
    seed()
    assert calls and calls[0][0] == "THCD" and calls[0][1] >= 38


def test_district_dataset():
    output = seed(schools=3, staff_per_school=8)
    assert "Đã tạo 3 trường" in output
    generated = School.objects.filter(name__startswith="Trường Tiểu học Số ")
    assert generated.count() == 3
    for school in generated:
        assert Staff.objects.filter(school=school).count() == 8
        assert Staff.objects.filter(school=school, role=Role.PRINCIPAL).count() == 1
        assert Team.objects.filter(school=school).count() == 4
        assert SchoolYear.objects.current(school).name == "2026-2027"
        assert Authority.objects.filter(school=school, is_parent=True).count() == 3
    assert not Staff.objects.filter(search_name="").exists()
    assert not Staff.objects.filter(sort_name="").exists()
    before = snapshot()
    assert "Đã tạo 0 trường" in seed(schools=3, staff_per_school=8)
    assert snapshot() == before


def test_demo_accounts_prints_usernames_roles_and_password():
    seed()
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for username in ["hieutruong", "phohieutruong", "totruong", "vanthu", "giaovien", "quantri", "sieuquantri"]:
        assert username in text
    assert "Hiệu trưởng" in text and DEMO_PASSWORD in text
    assert "chưa tạo" not in text


@pytest.mark.parametrize(
    ("today", "current", "years"),
    [
        (date(2026, 11, 27), "2026-2027", 5),
        (date(2026, 9, 5), "2026-2027", 5),  # the first day of the new year
        (date(2026, 8, 15), "2025-2026", 4),  # the summer still belongs to the year that ended on 31 May
        (date(2027, 1, 10), "2026-2027", 5),
    ],
)
def test_the_current_year_follows_today(today, current, years, monkeypatch):
    """The kernel's school years on four days. The apps' demo data is left out: four whole demos (certificates and
    minutes laid out by WeasyPrint) made this the longest test of the suite, minutes under load; the whole demo is
    seeded on 27/11/2026 by the other tests here, and on 15/08 and 10/09/2026 by the next one."""
    monkeypatch.setattr(registry, "demo_seeders", [])
    seed(today=today)
    school = School.objects.get(abbreviation="THCD")
    assert SchoolYear.objects.current(school).name == current
    assert school.years.count() == years
    assert school.years.order_by("start_date").first().name == "2022-2023"


def test_reseeding_in_a_new_school_year_moves_the_current_year_on():
    seed(today=date(2026, 8, 15))
    school = School.objects.get(abbreviation="THCD")
    assert SchoolYear.objects.current(school).name == "2025-2026"
    seed(today=date(2026, 9, 10))
    assert SchoolYear.objects.current(school).name == "2026-2027"
    assert SchoolYear.objects.filter(school=school, is_current=True).count() == 1


def test_the_demo_lives_today():
    """Pinned to 27/11/2026: the year under way is 2026-2027 with registrations open; the years before it hold
    evaluations, award history and initiatives; the plan 23/KH-THCD of 30/01/2023 stays as it was."""
    from awards.models import (
        AnnualEvaluation,
        AwardRecord,
        Initiative,
        Nomination,
        NominationStatus,
        Registration,
        RegistrationPeriod,
    )
    from campaigns.models import Campaign, CampaignStatus
    from thiduakhenthuong.documents.models import OfficialDocument

    seed()
    school = School.objects.get(abbreviation="THCD")
    current = SchoolYear.objects.current(school)
    assert current.name == "2026-2027"
    period = RegistrationPeriod.objects.get(school_year=current)
    assert period.is_open(TODAY) and period.deadline > TODAY
    assert Registration.objects.filter(school_year=current).count() > 40
    evaluated = set(AnnualEvaluation.objects.filter(school=school).values_list("school_year__name", flat=True))
    assert evaluated == {"2022-2023", "2023-2024", "2024-2025", "2025-2026"}
    # the history of the years before 2025-2026; 2025-2026 is carried through its review (its nominations wait in
    # the council's queue, or beyond when the later stages ran) and only a nomination's decision writes its awards
    awarded = AwardRecord.objects.filter(school=school)
    assert {"2022-2023", "2023-2024", "2024-2025"} <= set(awarded.values_list("school_year__name", flat=True))
    assert not awarded.filter(school_year__name="2025-2026", nomination__isnull=True).exists()
    past = SchoolYear.objects.get(school=school, name="2025-2026")
    nominations = Nomination.objects.filter(school_year=past, drive="yearly")  # the ad-hoc one: see below
    assert nominations.filter(staff__isnull=False).count() > 30 and nominations.filter(team__isnull=False).count() == 4
    assert nominations.filter(pupil__isnull=False).count() > 20
    assert nominations.filter(status=NominationStatus.WITHDRAWN).count() == 1
    assert not nominations.filter(status__in=[NominationStatus.DRAFT, NominationStatus.TEAM_PROPOSED]).exists()
    if not awarded.filter(school_year=past).exists():  # nothing decided yet: all wait in the council's queue or
        # carry its result (the council's stage votes on the staff's and teams' proposals, the pupils' lists wait)
        reviewed = ["in_council_review", "council_passed", "council_failed"]
        assert nominations.filter(status__in=reviewed).count() == nominations.count() - 1
    # the year under way has no yearly proposal yet; its one nomination is the principal's ad-hoc Giấy khen from a
    # verified good deed (exemplars), approved and waiting for its QĐ
    assert not Nomination.objects.filter(school_year=current, drive="yearly").exists()
    assert list(Nomination.objects.filter(school_year=current).values_list("drive", "status")) == [
        ("ad_hoc", "approved")
    ]
    assert Initiative.objects.filter(school=school, school_year__name="2025-2026", status="recognised").exists()
    assert Campaign.objects.filter(school_year=current, status=CampaignStatus.LAUNCHED).count() == 2
    plan = OfficialDocument.objects.get(school=school, symbol="23/KH-THCD")
    assert (plan.year, plan.document_date) == (2023, date(2023, 1, 30))
    # the past year's statistics BC is numbered in the register like its QĐ and TTr
    report = OfficialDocument.objects.get(school=school, summary="Kết quả thi đua, khen thưởng năm học 2025-2026")
    assert report.status == "issued" and report.symbol.endswith("/BC-THCD") and report.year == 2026
    assert report.content["stats"]["award_total"] == AwardRecord.objects.filter(school_year=past).count() > 0
    assert OfficialDocument.objects.filter(school=school, status="draft", document_date=TODAY).exists()


def test_the_principal_reads_the_demo_audit_log(client):
    """The demo loader's rows have no actor: the page shows them as "Hệ thống" (it used to answer 500), each seed
    run is one group, and the page and its export open."""
    seed()
    entries = AuditEntry.objects.all()
    # the loader's own work has no actor; the decisions stage acts in the names of the principal, the clerk and a
    # teacher (an objection, the approvals, the numbers) once the council's stage has left it results to decide on
    system = entries.filter(actor__isnull=True)
    assert system.exists() and not entries.filter(action__startswith="council.", actor__isnull=False).exists()
    assert entries.values("group").distinct().count() == 1
    principal = Staff.objects.get(user__username="hieutruong")
    client.force_login(principal.user)
    page = client.get("/audit/")
    assert page.status_code == 200
    shown = page.content.decode()
    assert "Hệ thống" in shown and f"<td>{entries.first().action_label}</td>" in shown
    assert system.count() <= entries.count()
    assert client.get("/audit/export.xlsx").status_code == 200


def test_the_past_years_ad_hoc_commendation_went_up_in_its_own_ttr(client):
    """The past year's notable act (``exemplars.demo.seed_past_commendation``, at the review stage): the verified
    deed, the principal's ad-hoc proposal of the commune's Giấy khen, its own TTr numbered first in that year's
    register within the week and naming the act, the commune's decision in the award history; the register and
    the papers page show the TTr, and the year's TTr to the commune is answered apart."""
    import pdfplumber
    from django.urls import reverse

    from awards.models import AwardRecord, Submission
    from exemplars.models import DeedStatus, GoodDeed
    from thiduakhenthuong.documents.rendering import render_document_pdf

    seed()
    school = School.objects.get(abbreviation="THCD")
    past = SchoolYear.objects.get(school=school, name="2025-2026")
    deed = GoodDeed.objects.select_related("commendation__title", "commendation__staff").get(
        school_year=past, title="Cứu em nhỏ đuối nước"
    )
    commendation = deed.commendation
    assert deed.status == DeedStatus.VERIFIED and deed.occurred_on == date(2026, 4, 1)
    assert (commendation.drive, commendation.status, commendation.title.name) == ("ad_hoc", "conferred", "Giấy khen")
    submission = Submission.objects.select_related("document").get(nominations=commendation)
    assert list(submission.nominations.all()) == [commendation]
    document, name = submission.document, commendation.staff.full_name
    assert (document.symbol, document.document_date, document.status) == ("01/TTr-THCD", date(2026, 4, 6), "issued")
    assert document.summary == f"Về việc đề nghị khen thưởng đột xuất cá nhân {name}"
    assert document.addressees == "Chủ tịch UBND xã Cao Dương"
    with pdfplumber.open(io.BytesIO(render_document_pdf(document))) as pdf:
        text = " ".join(" ".join((page.extract_text() or "") for page in pdf.pages).split())
    assert "Số: 01/TTr-THCD" in text and "Kính gửi: Chủ tịch UBND xã Cao Dương" in text
    assert (
        f"Thành tích “Có hành động đẹp: Cứu em nhỏ đuối nước (ngày 01/04/2026)” của cá nhân {name} là tấm gương "
        "sáng" in text
    )
    assert f"tặng Giấy khen (khen thưởng đột xuất) cho cá nhân {name}." in text
    award = AwardRecord.objects.get(nomination=commendation)
    assert (award.decision_number, award.issuer_name, award.school_year) == ("48/QĐ-UBND", "UBND xã Cao Dương", past)
    year_ttr = Submission.objects.exclude(pk=submission.pk).get(school_year=past, authority__level="commune")
    assert list(year_ttr.answers.values_list("number", flat=True)) == ["215/QĐ-UBND"]

    client.force_login(get_user_model().objects.get(username="vanthu"))
    register = client.get(reverse("documents:document_list"), {"year": 2026}).content.decode()
    assert "01/TTr-THCD" in register and document.summary in register
    papers = client.get(reverse("awards:papers"), {"year": past.pk}).content.decode()
    assert "Tờ trình số 01/TTr-THCD ngày 06/04/2026 – kính gửi Chủ tịch UBND xã Cao Dương" in papers
    assert document.summary in papers
