"""Nominations and team reviews through their services (awards.nominations): every verb, every guard."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from awards import nominations as svc
from awards.models import AwardRecord, Nomination, NominationStatus, Rating, TeamReviewStatus
from tests.factories import (
    AnnualEvaluationFactory,
    ClassGroupFactory,
    IssuerFactory,
    NominationFactory,
    OfficialDocumentFactory,
    PupilFactory,
    RegistrationFactory,
    StaffFactory,
    TeamFactory,
    title,
)
from thiduakhenthuong.core.models import AuditEntry
from thiduakhenthuong.documents import services as documents
from thiduakhenthuong.documents.models import DocumentType
from thiduakhenthuong.organization.models import Role, Staff

S = NominationStatus


@pytest.fixture
def head(make_staff):
    return make_staff(Role.TEAM_HEAD)


@pytest.fixture
def principal(make_staff):
    return make_staff(Role.PRINCIPAL, team=None)


@pytest.fixture
def vice(make_staff):
    return make_staff(Role.VICE_PRINCIPAL, team=None)


@pytest.fixture
def teacher(make_staff):
    """A member of the head's team, rated "hoàn thành tốt" this year: eligible for Lao động tiên tiến."""
    person = make_staff(Role.MEMBER, full_name="Trần Thị Lan")
    return person


@pytest.fixture
def review(head, year):
    return svc.open_team_review(actor=head.user, team=head.team, school_year=year)


def _meeting(review, head, *others, actor=None):
    return svc.record_team_meeting(
        actor=actor or head.user,
        review=review,
        meeting_date=date(2024, 5, 20),
        place="Phòng họp tổ 1",
        chair=head,
        secretary=others[0] if others else head,
        members_present=[head, *others],
        opinions="Tổ thống nhất đề nghị đồng chí Lan.",
    )


def _proposed(review, head, teacher, year, *, votes=(2, 0)):
    _meeting(review, head, teacher)
    nomination = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                                       team_review=review)  # fmt: skip
    svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=votes[0], votes_against=votes[1])
    return svc.propose_nomination(actor=head.user, nomination=nomination, today=date(2024, 5, 21))


def _codes(obj):
    rows = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
    return list(rows.order_by("pk").values_list("action", flat=True))


def test_a_team_proposal_goes_from_the_review_to_the_higher_authority_and_into_the_history(
    review, head, teacher, vice, principal, year
):
    AnnualEvaluationFactory(staff=teacher, school_year=year, rating=Rating.GOOD)
    RegistrationFactory(school_year=year, staff=teacher, title=title("LDTT"))
    nomination = _proposed(review, head, teacher, year)
    assert nomination.status == S.TEAM_PROPOSED
    assert nomination.proposed_by == head.user
    frozen = nomination.verdict_at_proposal
    assert frozen["outcome"] == "eligible" and frozen["label"] == "Đủ điều kiện"
    assert frozen["judged_on"] == "2024-05-21" and frozen["regime"] == "2024"
    assert any("hoàn thành tốt nhiệm vụ" in reason["text"] for reason in frozen["reasons"])

    nomination = svc.send_to_council(actor=vice.user, nomination=nomination)
    nomination = svc.record_council_result(actor=vice.user, nomination=nomination, passed=True, votes_for=9,
                                           members=11)  # fmt: skip
    assert (nomination.status, nomination.council_votes_for, nomination.council_members) == (S.COUNCIL_PASSED, 9, 11)
    nomination = svc.disclose_nomination(actor=vice.user, nomination=nomination)
    nomination = svc.approve_nomination(actor=principal.user, nomination=nomination)
    nomination = svc.submit_nomination(actor=principal.user, nomination=nomination)
    nomination = svc.record_higher_result(
        actor=principal.user, nomination=nomination, conferred=True, decision_number="512/QĐ-UBND",
        decision_date=date(2024, 6, 20), issuer_name="UBND huyện Thanh Oai",
    )  # fmt: skip
    assert nomination.status == S.CONFERRED
    award = AwardRecord.objects.get(staff=teacher, school_year=year, title=title("LDTT"))
    assert nomination.award == award and award.decision_symbol == "512/QĐ-UBND"
    assert _codes(nomination) == [
        "awards.nomination.create", "awards.nomination.record_vote", "awards.nomination.propose",
        "awards.nomination.send_to_council", "awards.nomination.council_pass", "awards.nomination.disclose",
        "awards.nomination.approve", "awards.nomination.submit", "awards.nomination.confer",
    ]  # fmt: skip
    entry = AuditEntry.objects.get(action="awards.nomination.approve")
    assert entry.data == {
        "before": {"status": "disclosed", "status_note": ""},
        "after": {"status": "approved", "status_note": ""},
    }


def test_the_frozen_verdict_stays_while_the_live_one_follows_the_data(review, head, teacher, year):
    evaluation = AnnualEvaluationFactory(staff=teacher, school_year=year, rating=Rating.GOOD)
    nomination = _proposed(review, head, teacher, year)
    evaluation.rating = Rating.NOT_COMPLETED
    evaluation.save()
    live = svc.judge_nominations(year, [nomination])[nomination.pk]
    assert live.outcome == "not_eligible"
    nomination.refresh_from_db()
    assert nomination.verdict_at_proposal["outcome"] == "eligible"


def test_pupils_are_proposed_by_their_homeroom_teacher_and_decided_by_the_school(make_staff, principal, year, school):
    homeroom = make_staff(Role.MEMBER)
    pupil = PupilFactory(school=school, class_group=ClassGroupFactory(school=school, school_year=year,
                                                                      homeroom_teacher=homeroom))  # fmt: skip
    other_teacher = make_staff(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        svc.create_nomination(actor=other_teacher.user, school_year=year, title=title("GK", "pupil"), pupil=pupil)
    nomination = svc.create_nomination(
        actor=homeroom.user, school_year=year, title=title("GK", "pupil"), pupil=pupil,
        achievements="Hoàn thành xuất sắc các nội dung học tập và rèn luyện",
    )  # fmt: skip
    nomination = svc.propose_nomination(actor=homeroom.user, nomination=nomination)
    assert nomination.verdict_at_proposal["outcome"] == "no_rule"
    for step in (svc.send_to_council, svc.disclose_nomination):
        if step is svc.disclose_nomination:
            nomination = svc.record_council_result(actor=principal.user, nomination=nomination, passed=True)
        nomination = step(actor=principal.user, nomination=nomination)
    nomination = svc.approve_nomination(actor=principal.user, nomination=nomination)
    with pytest.raises(ValidationError, match="trường tự quyết định"):
        svc.submit_nomination(actor=principal.user, nomination=nomination)
    decision = OfficialDocumentFactory(issuer=IssuerFactory(school=school), doc_type=DocumentType.DECISION,
                                       summary="Về việc khen thưởng học sinh")  # fmt: skip
    documents.issue_document(actor=principal.user, document=decision, issued_on=date(2024, 5, 28))
    nomination = svc.decide_nomination(actor=principal.user, nomination=nomination, decision=decision)
    assert nomination.status == S.DECIDED
    assert nomination.award.pupil == pupil and nomination.award.decision == decision


def test_a_title_the_school_does_not_confer_is_submitted_not_decided(principal, year, school):
    nomination = NominationFactory(school_year=year, status=S.APPROVED, proposed_at="2024-05-20T10:00Z")
    decision = OfficialDocumentFactory(issuer=IssuerFactory(school=school), doc_type=DocumentType.DECISION)
    with pytest.raises(ValidationError, match="Chủ tịch UBND cấp huyện quyết định: hãy trình cấp trên"):
        svc.decide_nomination(actor=principal.user, nomination=nomination, decision=decision)
    nomination.refresh_from_db()
    assert nomination.status == S.APPROVED and not AwardRecord.objects.exists()


# --- every verb from every state: legal moves move, the others say why and change nothing --------------------------

CALLS = {
    "propose": lambda n, a: svc.propose_nomination(actor=a, nomination=n),
    "withdraw": lambda n, a: svc.withdraw_nomination(actor=a, nomination=n, reason="Không đủ tiêu chuẩn"),
    "send_to_council": lambda n, a: svc.send_to_council(actor=a, nomination=n),
    "council_pass": lambda n, a: svc.record_council_result(actor=a, nomination=n, passed=True),
    "council_fail": lambda n, a: svc.record_council_result(actor=a, nomination=n, passed=False, note="Chưa đạt"),
    "disclose": lambda n, a: svc.disclose_nomination(actor=a, nomination=n),
    "approve": lambda n, a: svc.approve_nomination(actor=a, nomination=n),
    "reject": lambda n, a: svc.reject_nomination(actor=a, nomination=n, reason="Có đơn phản ánh đúng"),
    "submit": lambda n, a: svc.submit_nomination(actor=a, nomination=n),
    "refuse": lambda n, a: svc.record_higher_result(actor=a, nomination=n, conferred=False, note="Hết chỉ tiêu"),
}


@pytest.mark.parametrize("state", [s for s in S.values if s not in {S.DECIDED, S.CONFERRED}])
@pytest.mark.parametrize("verb", sorted(CALLS))
def test_no_step_is_skipped(verb, state, principal, year):
    nomination = NominationFactory(school_year=year, status=state,
                                   proposed_at=None if state == S.DRAFT else "2024-05-20T10:00Z")  # fmt: skip
    legal = state in Nomination.workflow.verb(verb).sources
    if legal:
        moved = CALLS[verb](nomination, principal.user)
        assert moved.status == Nomination.workflow.verb(verb).target
        assert _codes(nomination)[-1] == f"awards.nomination.{verb}"
    else:
        with pytest.raises(ValidationError, match="Không thể .* đang ở trạng thái") as error:
            CALLS[verb](nomination, principal.user)
        assert Nomination.workflow.label(state) in error.value.messages[0]
        nomination.refresh_from_db()
        assert nomination.status == state and _codes(nomination) == []


# --- permissions ------------------------------------------------------------------------------------------------------


def test_a_team_head_reviews_only_her_own_team(make_staff, head, year, school):
    other_team = TeamFactory(school=school)
    other_head = make_staff(Role.TEAM_HEAD, team=other_team)
    with pytest.raises(PermissionDenied):
        svc.open_team_review(actor=other_head.user, team=head.team, school_year=year)
    review = svc.open_team_review(actor=head.user, team=head.team, school_year=year)
    member = make_staff(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        svc.create_nomination(actor=other_head.user, school_year=year, title=title("LDTT"), staff=member,
                              team_review=review)  # fmt: skip
    with pytest.raises(PermissionDenied):
        _meeting(review, head, member, actor=other_head.user)
    nomination = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=member,
                                       team_review=review)  # fmt: skip
    with pytest.raises(PermissionDenied):
        svc.propose_nomination(actor=member.user, nomination=nomination)


@pytest.mark.parametrize("role", [Role.TEAM_HEAD, Role.MEMBER, Role.CLERK, Role.VICE_PRINCIPAL])
def test_only_the_principal_approves(role, make_staff, year):
    nomination = NominationFactory(school_year=year, status=S.DISCLOSED, proposed_at="2024-05-20T10:00Z")
    with pytest.raises(PermissionDenied):
        svc.approve_nomination(actor=make_staff(role).user, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == S.DISCLOSED


@pytest.mark.parametrize("role", [Role.TEAM_HEAD, Role.MEMBER, Role.CLERK])
def test_only_the_managers_send_to_the_council(role, make_staff, year):
    nomination = NominationFactory(school_year=year, status=S.TEAM_PROPOSED, proposed_at="2024-05-20T10:00Z")
    with pytest.raises(PermissionDenied):
        svc.send_to_council(actor=make_staff(role).user, nomination=nomination)


def test_another_schools_nomination_is_out_of_reach(principal, other_school):
    from tests.factories import SchoolYearFactory

    foreign = NominationFactory(school_year=SchoolYearFactory(school=other_school), status=S.TEAM_PROPOSED,
                                proposed_at="2024-05-20T10:00Z")  # fmt: skip
    with pytest.raises(PermissionDenied):
        svc.send_to_council(actor=principal.user, nomination=foreign)


# --- the team review's own guards -------------------------------------------------------------------------------------


def test_one_live_nomination_per_recipient_title_and_year(review, head, teacher, year):
    first = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                                  team_review=review)  # fmt: skip
    with pytest.raises(ValidationError, match="Đã có một đề nghị “Lao động tiên tiến” cho Trần Thị Lan"):
        svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                              team_review=review)  # fmt: skip
    svc.withdraw_nomination(actor=head.user, nomination=first, reason="Đồng chí xin rút")
    again = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                                  team_review=review)  # fmt: skip
    assert again.status == S.DRAFT and Nomination.objects.count() == 2


def test_the_database_keeps_one_live_nomination(year, teacher):
    NominationFactory(school_year=year, staff=teacher)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NominationFactory(school_year=year, staff=teacher)


def test_a_team_proposes_only_its_members_and_itself(review, head, year, school):
    stranger = StaffFactory(school=school, team=TeamFactory(school=school))
    with pytest.raises(ValidationError, match="không thuộc Tổ 1"):
        svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=stranger,
                              team_review=review)  # fmt: skip
    own = svc.create_nomination(actor=head.user, school_year=year, title=title("TTLDTT", "collective"),
                                team=head.team, team_review=review)  # fmt: skip
    assert own.recipient == head.team


def test_the_vote_needs_the_members_present_and_a_majority(review, head, teacher, make_staff, year):
    nomination = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                                       team_review=review)  # fmt: skip
    with pytest.raises(ValidationError, match="ghi thành viên có mặt"):
        svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=2, votes_against=0)
    third = make_staff(Role.MEMBER)
    _meeting(review, head, teacher, third)
    with pytest.raises(ValidationError, match=r"Số người biểu quyết \(4\) nhiều hơn số thành viên có mặt \(3\)"):
        svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=3, votes_against=1)
    with pytest.raises(ValidationError, match="chưa ghi biểu quyết của tổ"):
        svc.propose_nomination(actor=head.user, nomination=nomination)
    svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=1, votes_against=2)
    with pytest.raises(ValidationError, match=r"chỉ 1/3 thành viên có mặt đồng ý \(cần quá nửa\)"):
        svc.propose_nomination(actor=head.user, nomination=nomination)
    svc.record_team_vote(actor=head.user, nomination=nomination, votes_for=2, votes_against=1)
    assert svc.propose_nomination(actor=head.user, nomination=nomination).status == S.TEAM_PROPOSED


def test_the_meeting_lists_members_of_the_team_with_the_chair_and_secretary_present(review, head, school):
    stranger = StaffFactory(school=school, team=TeamFactory(school=school))
    with pytest.raises(ValidationError) as error:
        svc.record_team_meeting(actor=head.user, review=review, meeting_date=date(2024, 5, 20), place="",
                                chair=head, secretary=stranger, members_present=[head, stranger])  # fmt: skip
    assert error.value.messages == ["Thành viên có mặt phải là thành viên của Tổ 1.", "Hãy ghi địa điểm họp."]
    review.refresh_from_db()
    assert review.meeting_date is None


def test_the_team_sends_all_its_proposals_at_once_or_none(review, head, teacher, make_staff, year):
    third = make_staff(Role.MEMBER, full_name="Lê Văn Nam")
    _meeting(review, head, teacher, third)
    lan = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=teacher,
                                team_review=review)  # fmt: skip
    nam = svc.create_nomination(actor=head.user, school_year=year, title=title("LDTT"), staff=third,
                                team_review=review)  # fmt: skip
    own = svc.create_nomination(actor=head.user, school_year=year, title=title("TTLDTT", "collective"),
                                team=head.team, team_review=review)  # fmt: skip
    svc.record_team_vote(actor=head.user, nomination=lan, votes_for=3, votes_against=0)
    svc.record_team_vote(actor=head.user, nomination=own, votes_for=3, votes_against=0)
    with pytest.raises(ValidationError) as error:
        svc.submit_team_review(actor=head.user, review=review)
    assert error.value.messages == ["Lê Văn Nam – Lao động tiên tiến: chưa ghi biểu quyết của tổ"]
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.DRAFT}
    svc.record_team_vote(actor=head.user, nomination=nam, votes_for=2, votes_against=1)
    review = svc.submit_team_review(actor=head.user, review=review)
    assert review.status == TeamReviewStatus.SUBMITTED
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.TEAM_PROPOSED}
    assert all(n.verdict_at_proposal for n in Nomination.objects.all())
    with pytest.raises(ValidationError, match="đã gửi đề nghị"):
        svc.create_nomination(actor=head.user, school_year=year, title=title("CSTDCS"), staff=teacher,
                              team_review=review)  # fmt: skip
    with pytest.raises(ValidationError, match="Không thể ghi biên bản họp buổi bình xét"):
        _meeting(review, head, teacher)


def test_a_team_nomination_is_told_to_its_head_until_her_leaving_day(head, principal, year):
    """The team's head who has given a leaving day still to come hears about the team's nomination until then;
    from that day on, whoever proposed it does."""
    Staff.objects.filter(pk=head.pk).update(left_on=date.today() + timedelta(days=30))
    nomination = NominationFactory(school_year=year, staff=None, team=head.team, title=title("TTLDTT", "collective"),
                                   proposed_by=principal.user)  # fmt: skip
    assert svc.nominee_users(nomination) == [head.user]
    Staff.objects.filter(pk=head.pk).update(left_on=date.today())
    assert svc.nominee_users(nomination) == [principal.user]
