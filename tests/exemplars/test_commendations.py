"""An ad-hoc commendation (khen thưởng đột xuất) from a verified deed: the principal's own proposal through the awards
services, decided like any nomination, and never grounds for a yearly title."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards import nominations as awards
from awards.decisions import split_approved
from awards.eligibility import load_facts
from awards.models import AwardRecord, DriveKind, Nomination, NominationStatus
from exemplars import services
from tests.factories import IssuerFactory, NominationFactory, OfficialDocumentFactory, title
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(report, people):
    def make(**overrides):
        return services.verify_deed(actor=people[Role.VICE_PRINCIPAL].user, deed=report(**overrides))

    return make


def test_the_principal_proposes_a_pupils_giay_khen_decided_by_the_school(verified, people, pupil, school, year):
    principal = people[Role.PRINCIPAL]
    deed = verified()
    deed = services.commend_deed(actor=principal.user, deed=deed, title=title("GK", "pupil"))
    nomination = deed.commendation
    assert nomination.pupil == pupil and nomination.school_year == year and nomination.drive == DriveKind.AD_HOC
    assert nomination.status == NominationStatus.APPROVED and nomination.proposed_by == principal.user
    assert nomination.team_review is None and "Nhặt được ví" in nomination.achievements
    assert [
        e.action
        for e in AuditEntry.objects.filter(object_id=str(nomination.pk), action__startswith="awards.").order_by("pk")
    ] == [
        "awards.nomination.create",
        "awards.nomination.propose_ad_hoc",
    ]
    assert AuditEntry.objects.filter(action="exemplars.deed.commend", object_id=str(deed.pk)).exists()
    # the decisions' flow picks it up like any approved nomination within the school's authority
    own, upward = split_approved(year)
    assert own == [nomination] and not upward
    decision = OfficialDocumentFactory(issuer=IssuerFactory(school=school), doc_type=DocumentType.DECISION,
                                       summary="Về việc khen thưởng đột xuất học sinh")  # fmt: skip
    documents.issue_document(actor=principal.user, document=decision, issued_on=date(2026, 11, 25))
    nomination = awards.decide_nomination(actor=principal.user, nomination=nomination, decision=decision)
    assert nomination.status == NominationStatus.DECIDED
    assert nomination.award.drive == DriveKind.AD_HOC and nomination.award.pupil == pupil
    # the pupil may still be proposed for the yearly Giấy khen of the same year
    yearly = Nomination.objects.create(school=school, school_year=year, title=title("GK", "pupil"), pupil=pupil)
    yearly.full_clean()


def test_only_the_principal_from_a_verified_deed_once(report, verified, people):
    gk = title("GK", "pupil")
    deed = verified()
    with pytest.raises(PermissionDenied):
        services.commend_deed(actor=people[Role.VICE_PRINCIPAL].user, deed=deed, title=gk)
    with pytest.raises(ValidationError, match="việc tốt đã xác minh"):
        services.commend_deed(actor=people[Role.PRINCIPAL].user, deed=report(title="Chưa xác minh"), title=gk)
    principal = people[Role.PRINCIPAL].user
    with pytest.raises(ValidationError, match="không dành cho"):
        services.commend_deed(actor=principal, deed=deed, title=title("GK"))
    services.commend_deed(actor=principal, deed=deed, title=gk)
    deed.refresh_from_db()
    with pytest.raises(ValidationError, match="đã có đề nghị"):  # one commendation under way per deed
        services.commend_deed(actor=principal, deed=deed, title=gk)
    assert Nomination.objects.filter(drive=DriveKind.AD_HOC).count() == 1


def test_an_ad_hoc_award_never_grounds_a_yearly_title(verified, people, school, year, past_year):
    """A staff member's ad-hoc Bằng khen cấp tỉnh of last year: in the eligibility engine it is a thematic/ad-hoc
    award, so the Prime Minister's Bằng khen (which needs a yearly provincial one first) is not grounded on it."""
    principal = people[Role.PRINCIPAL].user
    teacher = people[Role.TEAM_HEAD]
    deed = verified(staff=teacher, title="Cứu người đuối nước", occurred_on=date(2026, 3, 8))
    assert deed.school_year == past_year
    deed = services.commend_deed(actor=principal, deed=deed, title=title("BKTP"))
    nomination = awards.submit_nomination(actor=principal, nomination=deed.commendation)
    nomination = awards.record_higher_result(
        actor=principal, nomination=nomination, conferred=True, decision_number="123/QĐ-UBND",
        decision_date=date(2026, 4, 1), issuer_name="UBND thành phố Hà Nội",
    )  # fmt: skip
    award = AwardRecord.objects.get(pk=nomination.award_id)
    assert award.drive == DriveKind.AD_HOC and award.staff == teacher
    facts = load_facts(school, year)
    person = facts.people[teacher.pk]
    last = next(record for record in person.history if record.year == 2025)
    assert "BKTP" in last.thematic_titles and "BKTP" not in last.titles
    candidate = NominationFactory(school_year=year, staff=teacher, title=title("BKTTG"))
    row = awards.judge_nominations(year, [candidate])[candidate.pk]
    texts = [reason.text for reason in row.verdict.reasons]
    assert any("là khen thưởng chuyên đề/đột xuất" in text for text in texts), texts
    assert any(
        "Chưa được tặng" in text and not reason.passed for text, reason in zip(texts, row.verdict.reasons, strict=True)
    )


def test_ad_hoc_is_a_commendation_and_no_team_proposes_it(school, year, people):
    nomination = Nomination(
        school=school, school_year=year, title=title("LDTT"), staff=people[Role.MEMBER], drive=DriveKind.AD_HOC
    )
    with pytest.raises(ValidationError, match="hình thức khen thưởng"):
        nomination.full_clean()
