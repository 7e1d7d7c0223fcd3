"""Decisions by link: an award or an initiative's recognition that the school decided points to its issued QĐ; the
decisions of other authorities stay as text (number, date, issuer). One or the other."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from awards import eligibility, services
from awards.forms import AwardRecordForm
from awards.models import AwardRecord, InitiativeStatus
from tests.factories import (
    AwardRecordFactory,
    InitiativeFactory,
    OfficialDocumentFactory,
    SchoolFactory,
    SchoolYearFactory,
    title,
)
from thiduakhenthuong.core.models import Notification
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def _decision(school, *, issued=True, doc_type=DocumentType.DECISION, day=date(2024, 5, 20)):
    draft = OfficialDocumentFactory(
        issuer__school=school, doc_type=doc_type, document_date=day, summary="Về việc khen thưởng năm học 2023-2024"
    )
    return documents.issue_document(actor=None, document=draft, issued_on=day) if issued else draft


def _award(year, person, **decision):
    return AwardRecord(school=year.school, school_year=year, title=title("GK"), staff=person, **decision)


def test_an_award_of_the_school_points_to_its_issued_decision(year, make_staff):
    person = make_staff()
    decision = _decision(year.school)
    award = services.record_award(actor=None, award=_award(year, person, decision=decision))
    assert award.decision_symbol == decision.symbol and decision.symbol.endswith("/QĐ-" + year.school.abbreviation)
    assert award.decided_on == date(2024, 5, 20)
    assert award.decided_by == year.school.name
    other = AwardRecordFactory(school_year=year, staff=person, title=title("LDTT"))
    assert (other.decision_symbol, other.decided_by) == (other.decision_number, "UBND huyện Thanh Oai")


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("both", "không cả hai"),
        ("neither", "Chọn quyết định của trường hoặc ghi số"),
        ("draft", "đã cấp số của trường"),
        ("notice", "đã cấp số của trường"),
        ("other school", "đã cấp số của trường"),
        ("number only", "Ghi cả số và ngày"),
        ("link and issuer", "không ghi cơ quan"),
    ],
)
def test_one_decision_or_the_other(year, make_staff, what, message):
    school = year.school
    text = {"decision_number": "12/QĐ-UBND", "decision_date": date(2024, 6, 1), "issuer_name": "UBND xã"}
    decision = {
        "both": {"decision": _decision(school), **text},
        "neither": {},
        "draft": {"decision": _decision(school, issued=False)},
        "notice": {"decision": _decision(school, doc_type=DocumentType.NOTICE)},
        "other school": {"decision": _decision(SchoolFactory(abbreviation="THKH"))},
        "number only": {"decision_number": "12/QĐ-UBND", "issuer_name": "UBND xã"},
        "link and issuer": {"decision": _decision(school), "issuer_name": "UBND xã"},
    }[what]
    with pytest.raises(ValidationError, match=message):
        services.record_award(actor=None, award=_award(year, make_staff(), **decision))
    assert not AwardRecord.objects.exists()


def test_the_database_refuses_both_or_neither(year, make_staff):
    decision = _decision(year.school)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecordFactory(school_year=year, staff=make_staff(), decision=decision)  # and the factory's text
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRecordFactory(school_year=year, staff=make_staff(), decision_number="", decision_date=None, issuer_name="")
    AwardRecordFactory(
        school_year=year, staff=make_staff(), decision=decision, decision_number="", decision_date=None, issuer_name=""
    )


def test_the_award_form_offers_the_schools_issued_decisions_only(client_for, year, make_staff):
    school = year.school
    issued, draft = _decision(school), _decision(school, issued=False)
    elsewhere = _decision(SchoolFactory(abbreviation="THKH"))
    form = AwardRecordForm(school=school)
    offered = list(form.fields["decision"].queryset)
    assert offered == [issued] and draft not in offered and elsewhere not in offered
    person = make_staff()
    client = client_for(Role.CLERK)
    response = client.post(
        reverse("awards:award_create"),
        {"school_year": year.pk, "staff": person.pk, "title": title("GK").pk, "drive": "yearly", "decision": issued.pk},
    )
    assert response.status_code == 302
    award = AwardRecord.objects.get(staff=person)
    assert award.decision == issued and award.decision_number == "" and award.issuer_name == ""
    page = client.get(reverse("awards:award_list"), {"year": year.pk}).content.decode()
    assert issued.symbol in page and "20/05/2024" in page


def test_an_initiative_recognised_by_the_schools_decision(client_for, year, make_staff):
    author = make_staff()
    decision = _decision(year.school, day=date(2024, 5, 10))
    initiative = InitiativeFactory(author=author, school_year=year, status=InitiativeStatus.UNDER_REVIEW)
    client = client_for(Role.VICE_PRINCIPAL)
    page = client.get(reverse("awards:initiative_detail", args=[initiative.pk])).content.decode()
    assert decision.symbol in page  # offered in the recognition form
    both = {"scope": "school", "decision": decision.pk, "decision_number": "3/QĐ-PGD", "decision_date": "10/05/2024"}
    page = client.post(reverse("awards:initiative_recognise", args=[initiative.pk]), both, follow=True)
    assert "không cả hai" in page.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.UNDER_REVIEW
    recognise = reverse("awards:initiative_recognise", args=[initiative.pk])
    client.post(recognise, {"scope": "school", "decision": decision.pk})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED and initiative.decision == decision
    assert (initiative.decision_symbol, initiative.decided_on) == (decision.symbol, date(2024, 5, 10))
    told = Notification.objects.filter(recipient=author.user).latest("pk")
    assert told.body == f"Phạm vi: Cấp cơ sở; QĐ {decision.symbol} ngày 10/05/2024"
    page = client.get(reverse("awards:initiative_detail", args=[initiative.pk])).content.decode()
    assert f"Số {decision.symbol} ngày 10/05/2024" in page
    # the rules see the decision's date as the day of recognition
    facts = eligibility.load_facts(year.school, year)
    (fact,) = facts.people[author.pk].current.initiatives
    assert fact.recognised_on == date(2024, 5, 10)


def test_recognition_needs_a_decision_one_way_or_the_other(make_staff):
    year = SchoolYearFactory(start_date=date(2023, 9, 5), end_date=date(2024, 5, 31))
    initiative = InitiativeFactory(
        author=make_staff(school=year.school), school_year=year, status=InitiativeStatus.UNDER_REVIEW
    )
    with pytest.raises(ValidationError, match="Hãy chọn quyết định"):
        services.recognise_initiative(actor=None, initiative=initiative, scope="school")
    with pytest.raises(ValidationError, match="không cả hai"):
        services.recognise_initiative(
            actor=None, initiative=initiative, scope="school", decision=_decision(year.school),
            decision_number="3/QĐ-PGD", decision_date=date(2024, 5, 1),
        )  # fmt: skip
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.UNDER_REVIEW
