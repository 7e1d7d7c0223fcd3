"""Pages of the council: the school's councils and their composition, the chair's meeting page, the member's
ballot paper (phone first) and her list of seats. Each view authorizes, loads, runs a service, responds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.responses import message_errors, run_service
from thiduakhenthuong.documents.permissions import can_read_archive
from thiduakhenthuong.organization.permissions import anyone

from . import permissions, services
from .forms import (
    AttendanceForm,
    CouncilCreateForm,
    CouncilSettingsForm,
    MeetingForm,
    MemberAddForm,
    MemberRemoveForm,
    PaperForm,
    ProceedingsForm,
    ReasonForm,
    StepTimeForm,
    WrittenOpinionForm,
)
from .models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotRollEntry,
    BallotStatus,
    Council,
    CouncilMember,
    CouncilStatus,
    Meeting,
    MeetingStatus,
    Recusal,
)

# --------------------------------------------------------------------------------------------------
# Councils
# --------------------------------------------------------------------------------------------------


@staff_required(permissions.can_read_councils)
def council_list(request):
    staff = request.staff
    councils = (
        Council.objects.for_list().filter(school=staff.school_id).annotate(member_count=Count("members", distinct=True))
    )
    form = (
        CouncilCreateForm(request.POST or None, school=staff.school_id)
        if permissions.can_manage_councils(staff)
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            outcome = run_service(
                request,
                lambda: services.create_council(actor=request.user, school_year=form.cleaned_data["school_year"],
                                                kind=form.cleaned_data["kind"]),
                "Đã lập hội đồng: hãy thêm thành viên.", form=form,
            )  # fmt: skip
            if outcome:
                return redirect("council:council_detail", outcome.value.pk)
    return render(request, "council/council_list.html", {"councils": councils, "form": form})


@staff_required(anyone)
def council_detail(request, pk):
    staff = request.staff
    council = permissions.get_council_for_read(staff, pk)
    members = list(council.members.select_related("staff__team").order_by("position_order", "pk"))
    meetings = list(council.meetings.select_related("ballot").order_by("-held_on", "-pk"))
    can_edit = permissions.can_edit_council(staff, council) and council.can("edit")
    context = {
        "council": council,
        "members": members,
        "meetings": meetings,
        "problems": services.establishing_problems(council, members) if council.status == CouncilStatus.DRAFT else [],
        "can_edit": can_edit,
        "can_establish": permissions.can_establish_council(staff, council) and council.can("establish"),
        "can_reopen": permissions.can_establish_council(staff, council) and council.can("change_members"),
        "can_plan": permissions.can_plan_meeting(staff, council) and council.status == CouncilStatus.ESTABLISHED,
        "settings_form": CouncilSettingsForm(
            initial={
                "name": council.name,
                "quorum_numerator": council.quorum_numerator,
                "quorum_denominator": council.quorum_denominator,
                "recuse_own_team": council.recuse_own_team,
            }
        )
        if can_edit
        else None,  # fmt: skip
        "member_form": MemberAddForm(council=council) if can_edit else None,
        "meeting_form": MeetingForm.proposal(council.school_year, today=timezone.localdate()),
        "reason_form": ReasonForm(),
        "read_archive": can_read_archive(staff),
    }
    return render(request, "council/council_detail.html", context)


COUNCIL_VERBS = {"update", "add_member", "remove_member", "plan_meeting"}


@require_POST
@staff_required(permissions.can_manage_councils)
def council_act(request, pk, verb):
    """The composition's and the meetings' edits of the school's managers (each service checks the move)."""
    if verb not in COUNCIL_VERBS:
        raise Http404("Không có thao tác này.")
    council = permissions.get_council_for_edit(request.staff, pk)
    user, back = request.user, reverse("council:council_detail", args=[council.pk])
    if verb == "update":
        form = CouncilSettingsForm(request.POST)
        call = lambda: services.update_council(actor=user, council=council, **form.cleaned_data)  # noqa: E731
        done = "Đã lưu thông tin hội đồng."
    elif verb == "add_member":
        form = MemberAddForm(request.POST, council=council)
        call = lambda: services.add_member(actor=user, council=council, **form.cleaned_data)  # noqa: E731
        done = "Đã thêm thành viên."
    elif verb == "remove_member":
        form = MemberRemoveForm(request.POST, council=council)
        call = lambda: services.remove_member(actor=user, member=form.cleaned_data["member"])  # noqa: E731
        done = "Đã bớt thành viên."
    else:
        form = MeetingForm(request.POST)
        call = lambda: services.plan_meeting(actor=user, council=council, **form.cleaned_data)  # noqa: E731
        done = "Đã lên lịch phiên họp."
    if not form.is_valid():
        message_errors(request, form)
        return redirect(back)
    outcome = run_service(request, call, done)
    if outcome and verb == "plan_meeting":
        return redirect("council:meeting_detail", outcome.value.pk)
    return redirect(back)


@require_POST
@staff_required(permissions.can_read_councils)
def council_establish(request, pk):
    """The principal establishes the council: its QĐ is drafted and numbered at once."""
    council = permissions.get_council_for_establish(request.staff, pk)
    run_service(
        request,
        lambda: services.establish_council(actor=request.user, council=council),
        "Đã thành lập hội đồng: quyết định đã được cấp số.",
    )
    return redirect("council:council_detail", council.pk)


@require_POST
@staff_required(permissions.can_read_councils)
def council_reopen(request, pk):
    council = permissions.get_council_for_establish(request.staff, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_service(
        request,
        lambda: services.reopen_composition(actor=request.user, council=council, reason=reason),
        "Hội đồng trở lại lập thành phần: thành lập lại bằng quyết định mới.",
    )
    return redirect("council:council_detail", council.pk)


# --------------------------------------------------------------------------------------------------
# Meetings: the chair's page
# --------------------------------------------------------------------------------------------------


def _meeting_context(request, meeting: Meeting) -> dict:
    staff = request.staff
    council = meeting.council
    members = list(council.members.select_related("staff").order_by("position_order", "pk"))
    attendance = {row.member_id: row for row in Attendance.objects.filter(meeting=meeting)}
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("nomination__title", "nomination__staff", "nomination__team", "nomination__other_person",
                        "initiative__author")
        .prefetch_related(Prefetch("recusals", Recusal.objects.select_related("member__staff")))
    )  # fmt: skip
    ballot = Ballot.objects.filter(meeting=meeting).select_related("tally_minutes").first()
    voted = set(BallotRollEntry.objects.filter(ballot=ballot).values_list("member_id", flat=True)) if ballot else set()
    conduct = permissions.can_conduct_meeting(staff, meeting)
    seat = next((m for m in members if m.staff_id == staff.pk), None)
    present = [m for m in members if attendance.get(m.pk) and attendance[m.pk].present]
    absent_not_voted = [m for m in members if m.pk in attendance and not attendance[m.pk].present and m.pk not in voted]
    quorum = services.Quorum(len(members), len(present), council.quorum_needed(len(members)), council.quorum_text)
    open_ballot = ballot is not None and ballot.status == BallotStatus.OPEN
    return {
        "meeting": meeting,
        "council": council,
        "members": members,
        "rows": [(m, attendance.get(m.pk), m.pk in voted) for m in members],
        "items": items,
        "ballot": ballot,
        "voted_count": len(voted),
        "quorum": quorum,
        "attendance_taken": len(attendance) == len(members),
        "conduct": conduct,
        # the scoring's own page (council/scoring_views.py): members score there, those who conduct lead it
        "can_open_scoring": conduct or seat is not None,
        "read_archive": can_read_archive(staff),
        "can_close_ballot": open_ballot and permissions.can_close_ballot(staff, meeting),
        "can_vote": open_ballot and seat is not None and seat.pk not in voted and seat in present,
        "has_voted": seat is not None and seat.pk in voted,
        "queue_count": services.nomination_queue(council, meeting).count() if council.kind == "emulation"
        else services.initiative_queue(council, meeting).count(),
        "pupil_queue_count": services.pupil_list_queue(council).count()
        if conduct and council.kind == "emulation" and meeting.status != "closed" else 0,
        "attendance_form": AttendanceForm(members=members, attendance=list(attendance.values()))
        if conduct and meeting.can("take_attendance") and not ballot else None,
        # khai mạc, the ballot's opening and closing and bế mạc: with one click on the meeting's day (recorded now);
        # once its day has passed, with the time it really happened on that day (their services refuse any other
        # day); a meeting planned for a day to come may only have its day corrected
        "on_meeting_day": meeting.held_on == timezone.localdate(),
        "day_past": meeting.held_on < timezone.localdate(),
        "meeting_form": MeetingForm(initial={"held_on": meeting.held_on, "planned_time": meeting.planned_time,
                                             "place": meeting.place})
        if conduct and meeting.status == MeetingStatus.PLANNED else None,
        "proceedings_form": ProceedingsForm(initial={"proceedings": meeting.proceedings})
        if conduct and meeting.can("record_proceedings") and not meeting.minutes_id else None,
        "written_form": WrittenOpinionForm(
            items=items, absent=CouncilMember.objects.filter(pk__in=[m.pk for m in absent_not_voted])
        ) if conduct and open_ballot and absent_not_voted else None,
    }  # fmt: skip


@staff_required(anyone)
def meeting_detail(request, pk):
    meeting = permissions.get_meeting_for_read(request.staff, pk)
    return render(request, "council/meeting_detail.html", _meeting_context(request, meeting))


@staff_required(anyone)
def meeting_roll(request, pk):
    """The htmx fragment of the chair's page: who has voted (never what), refreshed while the ballot is open."""
    meeting = permissions.get_meeting_for_read(request.staff, pk)
    return render(request, "council/meeting_detail.html#roll", _meeting_context(request, meeting))


MEETING_VERBS = {
    "update",
    "set_agenda",
    "attendance",
    "open",
    "open_ballot",
    "proceedings",
    "close",
    "minutes",
    "written",
    "pupil_lists",
}


@sensitive_post_parameters()
@require_POST
@staff_required(anyone)
def meeting_act(request, pk, verb):
    """The chair's and the secretary's moves on a meeting (each service checks the move and the person)."""
    if verb not in MEETING_VERBS:
        raise Http404("Không có thao tác này.")
    meeting = permissions.get_meeting_for_conduct(request.staff, pk)
    user = request.user
    back = redirect("council:meeting_detail", meeting.pk)
    if verb == "attendance":
        members = list(meeting.council.members.select_related("staff"))
        form = AttendanceForm(request.POST, members=members, attendance=[])
        if not form.is_valid():
            messages.error(request, "Điểm danh chưa hợp lệ.")
            return back
        data = form.cleaned_data
        present = [m for m in members if data[f"present_{m.pk}"]]
        absences = {m.pk: services.Absence(data[f"reason_{m.pk}"], data[f"opinion_{m.pk}"]) for m in members}
        run_service(request, lambda: services.record_attendance(actor=user, meeting=meeting, present=present,
                                                                absences=absences), "Đã ghi điểm danh.")  # fmt: skip
    elif verb == "update":
        form = MeetingForm(request.POST)
        if not form.is_valid():
            message_errors(request, form)
            return back
        run_service(request, lambda: services.update_meeting(
            actor=user, meeting=meeting, chair=meeting.chair, secretary=meeting.secretary, **form.cleaned_data),
            "Đã lưu ngày, giờ và địa điểm họp.")  # fmt: skip
    elif verb == "proceedings":
        form = ProceedingsForm(request.POST)
        text = form.cleaned_data["proceedings"] if form.is_valid() else ""
        run_service(request, lambda: services.record_proceedings(actor=user, meeting=meeting, proceedings=text),
                    "Đã lưu diễn biến phiên họp.")  # fmt: skip
    elif verb == "written":
        ballot = Ballot.objects.filter(meeting=meeting).first()
        if ballot is None:
            raise Http404("Phiên họp chưa bỏ phiếu.")
        items = list(meeting.agenda.all())
        form = WrittenOpinionForm(request.POST, items=items, absent=meeting.council.members.all())
        if not form.is_valid():
            messages.error(request, "Hãy chọn thành viên và ghi đồng ý hoặc không đồng ý cho từng trường hợp.")
            return back
        run_service(request, lambda: services.cast_written_opinion(
            actor=user, ballot=ballot, member=form.cleaned_data["member"], choices=form.choices(),
            opinion=form.cleaned_data["opinion"]), "Đã đưa ý kiến bằng văn bản vào hòm phiếu.")  # fmt: skip
    else:
        # khai mạc, mở bỏ phiếu kín, bế mạc: the time posted once the day has passed (the other verbs post none)
        form = StepTimeForm(request.POST, day=meeting.held_on)
        if not form.is_valid():
            message_errors(request, form)
            return back
        at = form.cleaned_data["at"]
        calls = {
            "set_agenda": (lambda: services.set_agenda(actor=user, meeting=meeting),
                           "Đã lập chương trình từ danh sách chờ xét."),
            "open": (lambda: services.open_meeting(actor=user, meeting=meeting, started_at=at),
                     "Đã khai mạc phiên họp."),
            "open_ballot": (lambda: services.open_ballot(actor=user, meeting=meeting, opened_at=at),
                            "Đã mở bỏ phiếu kín."),
            "close": (lambda: services.close_meeting(actor=user, meeting=meeting, ended_at=at),
                      "Đã bế mạc phiên họp."),
            "pupil_lists": (lambda: services.pass_pupil_lists(actor=user, meeting=meeting),
                            "Hội đồng đã thông qua danh sách khen thưởng học sinh."),
            "minutes": (lambda: _issue_minutes(user, meeting), "Đã lập và cấp số biên bản."),
        }  # fmt: skip
        call, done = calls[verb]
        run_service(request, call, done)
    return back


def _issue_minutes(user, meeting: Meeting):
    """Both minutes at once, in one transaction each: the tally minutes first when the meeting voted."""
    ballot = Ballot.objects.filter(meeting=meeting).first()
    if ballot is not None and not ballot.tally_minutes_id:
        services.issue_tally_minutes(actor=user, meeting=meeting)
    return services.issue_minutes(actor=user, meeting=meeting)


@require_POST
@staff_required(permissions.can_manage_councils)
def ballot_close(request, pk):
    meeting = permissions.get_meeting_for_close_ballot(request.staff, pk)
    form = StepTimeForm(request.POST, day=meeting.held_on)
    if form.is_valid():
        run_service(request, lambda: services.close_ballot(actor=request.user, meeting=meeting,
                                                           closed_at=form.cleaned_data["at"]),
                    "Đã kết thúc bỏ phiếu và kiểm phiếu: kết quả đã ghi vào từng đề nghị.")  # fmt: skip
    else:
        message_errors(request, form)
    return redirect("council:meeting_detail", meeting.pk)


# --------------------------------------------------------------------------------------------------
# The member's paper and seats
# --------------------------------------------------------------------------------------------------


@sensitive_post_parameters()
@staff_required(anyone)
def ballot_vote(request, pk):
    """The member's ballot paper: one big agree / disagree toggle per nominee, sent once. Casting it answers with a
    redirect to her seats (a constant handful of queries: tests/council/test_pages.py pins them)."""
    ballot, seat = permissions.get_ballot_for_vote(request.staff, pk)
    meeting = ballot.meeting
    agenda = AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk")
    # a paper is checked against the items' ids; the nominees' names are read only to show the page
    form = PaperForm(request.POST or None, items=list(agenda.only("pk")))
    if request.method == "POST" and form.is_valid():
        outcome = run_service(
            request,
            lambda: services.cast_paper(actor=request.user, ballot=ballot, member=seat, choices=form.choices()),
            "Phiếu của bạn đã được bỏ vào hòm phiếu.",
        )
        if outcome:
            return redirect("council:my_councils")
    form.items = list(
        agenda.select_related(
            "nomination__title",
            "nomination__staff",
            "nomination__team",
            "nomination__other_person",
            "initiative__author",
        )
    )
    return render(request, "council/ballot_vote.html", {"meeting": meeting, "form": form})


@staff_required(anyone)
def my_councils(request):
    """The councils the person sits on and their meetings, with her open papers first."""
    seats = list(
        CouncilMember.objects.filter(staff=request.staff, council__school=request.staff.school_id)
        .select_related("council__school_year")
        .prefetch_related(Prefetch("council__meetings", Meeting.objects.select_related("ballot").order_by("-held_on")))
    )
    voted = set(BallotRollEntry.objects.filter(member__in=seats).values_list("ballot_id", flat=True))
    present = set(Attendance.objects.filter(member__in=seats, present=True).values_list("meeting_id", flat=True))
    rows = []
    for seat in seats:
        for meeting in seat.council.meetings.all():
            ballot = getattr(meeting, "ballot", None)
            can_vote = (ballot is not None and ballot.status == BallotStatus.OPEN and ballot.pk not in voted
                        and meeting.pk in present)  # fmt: skip
            rows.append((seat, meeting, can_vote, ballot is not None and ballot.pk in voted))
    return render(request, "council/my_councils.html", {"seats": seats, "rows": rows})
