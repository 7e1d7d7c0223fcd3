"""The council's tables: what the database itself refuses, and that nothing in a ballot paper leads to a voter."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from council.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotChoice,
    BallotPaper,
    BallotRollEntry,
    CouncilKind,
    MemberRole,
    passes,
    percent,
    tally_text,
)
from tests.factories import (
    CouncilFactory,
    CouncilMemberFactory,
    InitiativeFactory,
    MeetingFactory,
    NominationFactory,
    council_with_members,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_one_council_per_school_year_and_kind():
    council = CouncilFactory()
    refused(lambda: CouncilFactory(school_year=council.school_year))
    other = CouncilFactory(school_year=council.school_year, kind=CouncilKind.INITIATIVE, name="Hội đồng Sáng kiến")
    assert other.pk


@pytest.mark.parametrize("numerator,denominator", [(0, 3), (4, 3), (2, 0)])
def test_quorum_is_a_fraction_of_at_most_one(numerator, denominator):
    refused(lambda: CouncilFactory(quorum_numerator=numerator, quorum_denominator=denominator))


def test_an_established_council_names_its_decision():
    refused(lambda: CouncilFactory(status="established"))


def test_quorum_needed_rounds_up():
    council = CouncilFactory.build()
    assert [council.quorum_needed(n) for n in (9, 31, 3)] == [6, 21, 2]
    council.quorum_numerator, council.quorum_denominator = 1, 2
    assert council.quorum_needed(9) == 5


def test_a_member_sits_once_and_there_is_one_chair_and_one_secretary():
    member = CouncilMemberFactory(role=MemberRole.CHAIR)
    council = member.council
    refused(lambda: CouncilMemberFactory(council=council, staff=member.staff))
    refused(lambda: CouncilMemberFactory(council=council, role=MemberRole.CHAIR))
    CouncilMemberFactory(council=council, role=MemberRole.SECRETARY)
    refused(lambda: CouncilMemberFactory(council=council, role=MemberRole.SECRETARY))
    CouncilMemberFactory(council=council, role=MemberRole.VICE_CHAIR)
    CouncilMemberFactory(council=council, role=MemberRole.VICE_CHAIR)
    assert council.members.count() == 4


def test_meeting_times_follow_its_status():
    refused(lambda: MeetingFactory(status="in_session"))
    refused(lambda: MeetingFactory(status="closed", started_at=timezone.now()))


def test_attendance_once_per_member_and_opinions_only_from_the_absent():
    council = council_with_members(3)
    meeting = MeetingFactory(council=council)
    member = council.members.first()
    Attendance.objects.create(meeting=meeting, member=member, present=True)
    refused(lambda: Attendance.objects.create(meeting=meeting, member=member, present=False))
    other = council.members.last()
    refused(lambda: Attendance.objects.create(meeting=meeting, member=other, present=True, written_opinion="Đồng ý"))
    Attendance.objects.create(meeting=meeting, member=other, present=False, written_opinion="Đồng ý cả danh sách")


def test_an_agenda_item_is_exactly_one_nomination_or_one_initiative_once():
    meeting = MeetingFactory()
    year = meeting.council.school_year
    nomination = NominationFactory(school_year=year)
    initiative = InitiativeFactory(school=year.school, school_year=year)
    refused(lambda: AgendaItem.objects.create(meeting=meeting, position=1))
    refused(
        lambda: AgendaItem.objects.create(meeting=meeting, position=1, nomination=nomination, initiative=initiative)
    )
    AgendaItem.objects.create(meeting=meeting, position=1, nomination=nomination)
    refused(lambda: AgendaItem.objects.create(meeting=meeting, position=2, nomination=nomination))
    refused(lambda: AgendaItem.objects.create(meeting=meeting, position=1, initiative=initiative))
    AgendaItem.objects.create(meeting=meeting, position=2, initiative=initiative)
    refused(lambda: AgendaItem.objects.create(meeting=meeting, position=3, initiative=initiative))


def _ballot():
    council = council_with_members(3)
    meeting = MeetingFactory(council=council, status="voting", started_at=timezone.now())
    item = AgendaItem.objects.create(meeting=meeting, position=1, nomination=NominationFactory(
        school_year=council.school_year))  # fmt: skip
    return Ballot.objects.create(meeting=meeting, opened_at=timezone.now()), item


def test_the_roll_refuses_a_second_paper_of_the_same_member():
    ballot, item = _ballot()
    member = ballot.meeting.council.members.first()
    BallotRollEntry.objects.create(ballot=ballot, member=member)
    refused(lambda: BallotRollEntry.objects.create(ballot=ballot, member=member))


def test_a_paper_answers_each_item_once():
    ballot, item = _ballot()
    paper = BallotPaper.objects.create(ballot=ballot)
    BallotChoice.objects.create(paper=paper, agenda_item=item, agree=True)
    refused(lambda: BallotChoice.objects.create(paper=paper, agenda_item=item, agree=False))


def test_a_closed_ballot_keeps_its_count():
    ballot, _ = _ballot()
    refused(lambda: Ballot.objects.filter(pk=ballot.pk).update(status="closed", closed_at=timezone.now()))


# --- secrecy: nothing in a paper leads to a voter --------------------------------------------------------------------

PERSON_MODELS = {"organization.staff", "council.councilmember", "council.attendance", "council.ballotrollentry",
                 "auth.user", "sessions.session"}  # fmt: skip


@pytest.mark.parametrize("model,expected", [(BallotPaper, {"id", "ballot"}),
                                            (BallotChoice, {"id", "paper", "agenda_item", "agree"})])  # fmt: skip
def test_no_column_of_a_paper_or_a_choice_can_lead_to_a_voter(model, expected):
    fields = {field.name: field for field in model._meta.concrete_fields}
    assert set(fields) == expected
    assert isinstance(model._meta.pk, models.UUIDField) and model._meta.pk.default is not None
    for field in fields.values():
        assert not isinstance(field, (models.DateField, models.TimeField, models.AutoField, models.BigAutoField))
        if field.is_relation:
            assert field.related_model._meta.label_lower not in PERSON_MODELS
    # the columns of the table as the database has them, not only as Django declares them
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}
    assert columns == {fields[name].column for name in expected}


def test_paper_keys_are_random_not_ordered():
    ballot, item = _ballot()
    keys = [BallotPaper.objects.create(ballot=ballot).pk for _ in range(20)]
    assert {key.version for key in keys} == {4}  # random, not time-based (uuid1/uuid7 would give the order)
    assert keys != sorted(keys)


def test_the_roll_has_no_time_of_its_own():
    names = {field.name for field in BallotRollEntry._meta.concrete_fields}
    assert names == {"id", "ballot", "member", "in_writing"}
    assert not any(isinstance(f, models.DateTimeField) for f in BallotRollEntry._meta.concrete_fields)
    assert str(BallotPaper()) == "Phiếu bầu" and str(BallotChoice()) == "Lựa chọn trên phiếu"


# --- the threshold against the total membership ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "votes,members,threshold,ok,text",
    [
        (25, 31, Decimal("0.80"), True, "25/31 = 80,6% ≥ 80%"),
        (24, 31, Decimal("0.80"), False, "24/31 = 77,4% < 80%"),
        (28, 31, Decimal("0.90"), True, "28/31 = 90,3% ≥ 90%"),
        (27, 31, Decimal("0.90"), False, "27/31 = 87,1% < 90%"),
        (8, 10, Decimal("0.80"), True, "8/10 = 80% ≥ 80%"),
        (16, 31, None, True, "16/31 = 51,6% > 50%"),
        (5, 10, None, False, "5/10 = 50% ≤ 50%"),
    ],
)
def test_threshold_edges_and_their_printed_denominator(votes, members, threshold, ok, text):
    assert passes(votes, members, threshold) is ok
    assert tally_text(votes, members, threshold) == text


def test_percent_format():
    assert percent(Decimal("80.645")) == "80,6%" and percent(Decimal(90)) == "90%"
