"""The demo's decisions stage: the past year's council results carried to the award history through the services
(disclosure with one objection answered, approval, the school's QĐ, the TTr, the commune's decision), idempotent,
and doing nothing but the calendar when the council's stage is absent."""

from datetime import date

import pytest

from awards import seed_decisions
from awards.models import (
    AwardDecision,
    AwardRecord,
    Disclosure,
    HigherDecision,
    NominationStatus,
    Objection,
    PublicHoliday,
    Submission,
)
from tests.factories import (
    ClassGroupFactory,
    NominationFactory,
    PupilFactory,
    SchoolYearFactory,
    StaffFactory,
    UserFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents.models import DocumentType, OfficialDocument
from thiduakhenthuong.organization.demo import authority_rows
from thiduakhenthuong.organization.models import Authority, Role, Staff

S = NominationStatus
TODAY = date(2026, 11, 27)


@pytest.fixture
def past_year(school, team, make_staff):
    Authority.objects.bulk_create(authority_rows(school, "Cao Dương"))
    SchoolYearFactory(school=school, start_date=date(2026, 9, 5), end_date=date(2027, 5, 31), is_current=True)
    make_staff(Role.PRINCIPAL, team=None, full_name="Đỗ Thị Thanh Huyền", position="Hiệu trưởng")
    make_staff(Role.CLERK, team=None, full_name="Nguyễn Thị Ánh", position="Văn thư")
    StaffFactory(school=school, team=team, full_name="Trần Thị Mai", user=UserFactory(username="giaovien"))
    return SchoolYearFactory(school=school, start_date=date(2025, 9, 5), end_date=date(2026, 5, 31))


def _passed(year, **kwargs):
    return NominationFactory(school_year=year, status=S.COUNCIL_PASSED, proposed_at="2026-05-25T10:00Z", **kwargs)


def test_without_the_councils_results_only_the_calendar_is_seeded(school, past_year):
    seed_decisions.seed_demo(school=school, today=TODAY)
    assert PublicHoliday.objects.filter(school=school, day=date(2026, 9, 2)).exists()
    assert not Disclosure.objects.exists() and not AuditEntry.objects.exists()


def test_the_principal_in_office_acts_never_a_former_one_with_an_account(school, past_year, make_staff):
    """Regression: the demo acted as any principal with an account, a former one too (the first by name)."""
    make_staff(Role.PRINCIPAL, team=None, full_name="Nguyễn Thị An", left_on=date(2024, 8, 1))
    _passed(past_year, staff=make_staff(Role.MEMBER))

    seed_decisions.seed_demo(school=school, today=TODAY)

    in_office = Staff.objects.get(full_name="Đỗ Thị Thanh Huyền")
    assert AuditEntry.objects.get(action="awards.disclosure.publish").actor == in_office.user
    assert AuditEntry.objects.get(action="awards.objection.answer").actor == in_office.user


def test_a_clerk_who_has_left_numbers_no_paper(school, past_year, make_staff):
    """Regression: the demo's papers were drafted and numbered by the first clerk with an account, one who had left
    included."""
    Staff.objects.filter(full_name="Nguyễn Thị Ánh").update(left_on=date(2025, 8, 1))
    successor = make_staff(Role.CLERK, team=None, full_name="Lê Thị Thu", position="Văn thư")
    group = ClassGroupFactory(school=school, school_year=past_year, name="5A", grade=5)
    _passed(past_year, staff=None, pupil=PupilFactory(school=school, class_group=group), title=title("GK", "pupil"))

    seed_decisions.seed_demo(school=school, today=TODAY)

    assert AuditEntry.objects.get(action="awards.decision.issue").actor == successor.user


def test_the_past_year_is_carried_to_the_award_history(school, past_year, team, make_staff):
    group = ClassGroupFactory(school=school, school_year=past_year, name="5A", grade=5)
    pupils = [_passed(past_year, staff=None, pupil=PupilFactory(school=school, class_group=group),
                      title=title("GK", "pupil")) for _ in range(2)]  # fmt: skip
    staff = [_passed(past_year, staff=make_staff(Role.MEMBER)) for _ in range(2)]
    own_team = _passed(past_year, staff=None, team=team, title=title("TTLDTT", "collective"))
    excellent = _passed(past_year, staff=None, team=make_staff(Role.MEMBER).team, title=title("TTLDXS", "collective"))

    seed_decisions.seed_demo(school=school, today=TODAY)

    disclosure = Disclosure.objects.get()
    assert (disclosure.starts_on, disclosure.ends_on) == (date(2026, 6, 1), date(2026, 6, 5))
    objection = Objection.objects.get()
    assert objection.status == "answered" and objection.filed_by.user.username == "giaovien"
    decision = AwardDecision.objects.get()
    assert decision.document.symbol.endswith("/QĐ-" + school.abbreviation)
    assert decision.document.document_date == date(2026, 6, 10)
    for nomination in pupils:
        nomination.refresh_from_db()
        assert nomination.status == S.DECIDED and nomination.award.decision == decision.document
    submissions = {s.authority.level: s for s in Submission.objects.select_related("authority")}
    assert set(submissions) == {"commune", "province"}
    assert submissions["commune"].document.addressees == "Chủ tịch UBND xã Cao Dương"
    for nomination in (*staff, own_team):
        nomination.refresh_from_db()
        assert nomination.status == S.CONFERRED
        assert nomination.award.issuer_name == "UBND xã Cao Dương" and nomination.award.decision_number == "215/QĐ-UBND"
    excellent.refresh_from_db()
    assert excellent.status == S.SUBMITTED  # the province's answer is awaited
    assert HigherDecision.objects.count() == 1
    assert AwardRecord.objects.filter(school_year=past_year).count() == 5  # 2 pupils, 2 staff, a team
    # the year's statistics BC, drafted once the commune's answer (24/06) is in and numbered in the register
    report = OfficialDocument.objects.get(school=school, doc_type=DocumentType.REPORT)
    assert report.summary == "Kết quả thi đua, khen thưởng năm học 2025-2026"
    assert report.status == "issued" and report.symbol.endswith("/BC-" + school.abbreviation)
    assert report.document_date == date(2026, 6, 25)
    assert report.content["stats"]["award_total"] == 5
    assert AuditEntry.objects.filter(action="awards.statistics_report.draft").count() == 1

    rows = AuditEntry.objects.count()
    seed_decisions.seed_demo(school=school, today=TODAY)  # idempotent
    assert AuditEntry.objects.count() == rows and AwardRecord.objects.count() == 5
    assert Disclosure.objects.count() == 1 and Submission.objects.count() == 2
    assert OfficialDocument.objects.filter(doc_type=DocumentType.REPORT).get() == report
