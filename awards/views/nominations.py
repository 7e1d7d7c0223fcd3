"""The year-end review's pages: a team's review (bình xét) run by its head, its printed minutes (Biên bản họp tổ),
and the principal's board of every nomination of the year. Every change goes through ``awards.nominations``."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from thiduakhenthuong.core.access import staff_required
from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.core.responses import pdf_response, run_service
from thiduakhenthuong.core.spreadsheets import xlsx_response
from thiduakhenthuong.core.workflow import actions_for
from thiduakhenthuong.documents.rendering import render_pdf
from thiduakhenthuong.organization.models import Staff

from .. import nominations as services
from ..eligibility import OUTCOME_STYLES
from ..forms import NominationCreateForm, NominationFilterForm, NominationReasonForm, TeamMeetingForm, TeamVoteForm
from ..models import Nomination, NominationStatus, TeamReview, Title, TitleScope
from ..permissions import (
    can_open_team_reviews,
    can_read_nominations,
    can_take_nomination_verb,
    get_nomination_for,
    get_team_for_review,
    teams_to_review,
)
from .common import selected_year, selected_year_or_404

#: Verbs the board and the review page offer as buttons (the council's result, the disclosure of the list with its
#: period, the school's decision, the submission upward and the higher authority's answer are taken by the council
#: and decisions pages through the same services).
PAGE_VERBS = ("propose", "withdraw", "send_to_council", "approve", "reject")
#: Verbs that need a reason written with them.
REASON_VERBS = frozenset({"withdraw", "reject"})
BOARD_PAGE_SIZE = 50


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _permitted(staff: Staff, rows) -> dict:
    """The page verbs' predicates for ``rows``: the person's right, and no approval or rejection of a nomination
    that its disclosure still holds (the service would refuse it)."""
    holds = services.disclosure_holds([n for n in rows if n.status == NominationStatus.DISCLOSED],
                                      timezone.localdate())  # fmt: skip
    return {
        verb: (lambda obj, verb=verb: not (verb in services.HELD_BY_DISCLOSURE and obj.pk in holds)
               and can_take_nomination_verb(staff, obj, verb))
        for verb in PAGE_VERBS
    }  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Team reviews
# --------------------------------------------------------------------------------------------------


@staff_required(can_open_team_reviews)
def review_list(request):
    """The teams whose review the person runs (her own for a team head), with where each review stands."""
    year, year_form = selected_year(request)
    teams = teams_to_review(request.staff)
    reviews = {r.team_id: r for r in TeamReview.objects.filter(school_year=year, team__in=teams)} if year else {}
    counts = dict(
        Nomination.objects.filter(team_review__in=reviews.values())
        .values_list("team_review__team_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [(team, reviews.get(team.pk), counts.get(team.pk, 0)) for team in teams]
    return render(request, "awards/review_list.html", {"year": year, "year_form": year_form, "rows": rows})


@staff_required(can_open_team_reviews)
def team_review(request, team_pk):
    """The team's review of the year: open it, record the meeting, propose members and the team, send."""
    team = get_team_for_review(request.staff, team_pk)
    year, year_form = selected_year_or_404(request)
    if request.method == "POST":
        done = run_service(
            request,
            lambda: services.open_team_review(actor=request.user, team=team, school_year=year),
            f"Đã mở bình xét thi đua của {team} năm học {year}.",
        )
        return redirect(f"{request.path}?year={year.pk}") if done else redirect(request.get_full_path())
    review = TeamReview.objects.for_page().filter(team=team, school_year=year).first()
    nominations = list(Nomination.objects.for_list().filter(team_review=review)) if review else []
    sheets = services.review_sheets(team, year, nominations)
    members = Staff.objects.filter(pk__in=[s.subject.pk for s in sheets if not s.is_team])
    meeting_form = None
    if review is not None:
        meeting_form = TeamMeetingForm(
            initial={
                "meeting_date": review.meeting_date, "meeting_time": review.meeting_time, "place": review.place,
                "chair": review.chair_id or request.staff.pk, "secretary": review.secretary_id,
                "members_present": [p.pk for p in review.members_present.all()] or [p.pk for p in members],
                "opinions": review.opinions,
            },
            members=members,
        )  # fmt: skip
    permitted = _permitted(request.staff, nominations)
    return render(
        request,
        "awards/team_review.html",
        {
            "team": team,
            "year": year,
            "year_form": year_form,
            "review": review,
            "editable": review is not None and review.can("record_meeting"),
            "meeting_form": meeting_form,
            "present_count": len(review.members_present.all()) if review else 0,
            "sheets": [
                (sheet, [(n, row, actions_for(n, permitted)) for n, row in sheet.nominations]) for sheet in sheets
            ],
            "person_titles": Title.objects.filter(scope=TitleScope.INDIVIDUAL, is_active=True),
            "team_titles": Title.objects.filter(scope=TitleScope.COLLECTIVE, is_active=True),
            "vote_form": TeamVoteForm(),
            "reason_verbs": REASON_VERBS,
            "outcome_styles": OUTCOME_STYLES,
        },
    )


def _review_for(request, pk) -> TeamReview:
    """A team review of the person's school that she may run (404 / 403 otherwise)."""
    review = get_object_or_404(TeamReview.objects.for_page(), pk=pk, school_id=request.staff.school_id)
    get_team_for_review(request.staff, review.team_id)
    return review


def _review_url(review: TeamReview) -> str:
    return f"{reverse('awards:team_review', args=[review.team_id])}?year={review.school_year_id}"


@require_POST
@staff_required(can_open_team_reviews)
def team_review_meeting(request, pk):
    review = _review_for(request, pk)
    members = Staff.objects.filter(school_id=review.school_id, team_id=review.team_id)
    members = members.active(review.school_year.end_date)
    form = TeamMeetingForm(request.POST, members=members)
    if form.is_valid():
        run_service(
            request,
            lambda: services.record_team_meeting(actor=request.user, review=review, **form.cleaned_data),
            "Đã ghi biên bản họp tổ.",
        )
    else:
        _form_errors(request, form)
    return redirect(_review_url(review))


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@require_POST
@staff_required(can_open_team_reviews)
def team_review_propose(request, pk):
    """A draft proposal for a member of the team (``subject`` is her id) or for the team itself (``team``)."""
    review = _review_for(request, pk)
    subject = request.POST.get("subject", "")
    scope = TitleScope.COLLECTIVE if subject == "team" else TitleScope.INDIVIDUAL
    form = NominationCreateForm(request.POST, titles=Title.objects.filter(scope=scope, is_active=True))
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(_review_url(review))
    recipient = {"team": review.team}
    if subject != "team":
        if not subject.isdigit():
            raise Http404("Không có cán bộ này.")
        recipient = {"staff": get_object_or_404(Staff, pk=int(subject), school_id=review.school_id)}
    title = form.cleaned_data["title"]
    run_service(
        request,
        lambda: services.create_nomination(
            actor=request.user, school_year=review.school_year, title=title, team_review=review,
            achievements=form.cleaned_data["achievements"], **recipient,
        ),
        f"Đã thêm dự kiến đề nghị “{title}” cho {next(iter(recipient.values()))}.",
    )  # fmt: skip
    return redirect(_review_url(review))


@require_POST
@staff_required(can_open_team_reviews)
def team_review_submit(request, pk):
    review = _review_for(request, pk)
    run_service(
        request,
        lambda: services.submit_team_review(actor=request.user, review=review),
        f"{review.team} đã gửi đề nghị khen thưởng năm học {review.school_year}.",
    )
    return redirect(_review_url(review))


@staff_required(can_open_team_reviews)
def team_review_minutes(request, pk):
    """Biên bản họp tổ: the meeting, the discussion and the team's vote on each proposal, national format."""
    review = _review_for(request, pk)
    if review.meeting_missing:
        raise Http404("Chưa ghi biên bản họp tổ.")
    proposals = [
        n
        for n in Nomination.objects.for_list().filter(team_review=review).exclude(status=NominationStatus.WITHDRAWN)
        if n.vote_recorded
    ]
    present = list(review.members_present.all())
    members = Staff.objects.filter(team_id=review.team_id).active(review.meeting_date).count()
    context = {
        "review": review,
        "school": review.school,
        "present": present,
        "members": members,
        "absent": max(members - len(present), 0),
        "people": [n for n in proposals if n.staff_id],
        "own": [n for n in proposals if n.team_id],
        "today": timezone.localdate(),
    }
    return pdf_response(
        render_pdf("awards/pdf/team_minutes.html", context),
        f"Biên bản bình xét {review.team} năm học {review.school_year}.pdf",
    )


# --------------------------------------------------------------------------------------------------
# One nomination: the team's vote, the verbs of the pages
# --------------------------------------------------------------------------------------------------


@require_POST
@staff_required()
def nomination_vote(request, pk):
    nomination = get_nomination_for(request.staff, pk, "record_vote")
    form = TeamVoteForm(request.POST)
    back = _back(request, reverse("awards:nomination_board"))
    if form.is_valid():
        run_service(
            request,
            lambda: services.record_team_vote(actor=request.user, nomination=nomination, **form.cleaned_data),
            f"Đã ghi biểu quyết của tổ về {nomination.recipient}.",
        )
    else:
        _form_errors(request, form)
    return redirect(back)


@require_POST
@staff_required()
def nomination_act(request, pk, verb):
    """Take one of the pages' verbs on a nomination (its service checks the move; the reason when one is needed)."""
    if verb not in PAGE_VERBS:
        raise Http404("Không có thao tác này.")
    nomination = get_nomination_for(request.staff, pk, verb)
    form = NominationReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    calls = {
        "propose": lambda: services.propose_nomination(actor=request.user, nomination=nomination),
        "withdraw": lambda: services.withdraw_nomination(actor=request.user, nomination=nomination, reason=reason),
        "send_to_council": lambda: services.send_to_council(actor=request.user, nomination=nomination),
        "approve": lambda: services.approve_nomination(actor=request.user, nomination=nomination, note=reason),
        "reject": lambda: services.reject_nomination(actor=request.user, nomination=nomination, reason=reason),
    }
    label = nomination.workflow.verb(verb).label
    run_service(request, calls[verb], f"{label}: “{nomination.title}” cho {nomination.recipient}.")
    return redirect(_back(request, reverse("awards:nomination_board")))


# --------------------------------------------------------------------------------------------------
# The principal's board
# --------------------------------------------------------------------------------------------------


def _board_rows(request):
    """The year, the filter form and the filtered nominations (not yet evaluated)."""
    year, year_form = selected_year(request)
    form = NominationFilterForm(request.GET or None, school=request.school)
    queryset = Nomination.objects.for_list().filter(school_year=year) if year else Nomination.objects.none()
    if form.is_valid():
        if team := form.cleaned_data["team"]:
            queryset = queryset.filter(Q(staff__team=team) | Q(team=team))
        if title := form.cleaned_data["title"]:
            queryset = queryset.filter(title=title)
        if status := form.cleaned_data["status"]:
            queryset = queryset.filter(status=status)
    return year, year_form, form, queryset.order_by("title__sort_order", "status", "pk")


@staff_required(can_read_nominations)
def nomination_board(request):
    """Every nomination of the year by status, with the verdict frozen at proposal, the live one, what is missing
    and the verbs the person may take; a constant number of queries whatever the rows."""
    year, year_form, form, queryset = _board_rows(request)
    page = Paginator(queryset, BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    live = services.judge_nominations(year, rows) if year else {}
    gaps = services.nomination_gaps(year, rows, live) if year else {}
    permitted = _permitted(request.staff, rows)
    counts = (
        dict(Nomination.objects.filter(school_year=year).values_list("status").annotate(n=Count("pk")).order_by())
        if year
        else {}
    )
    return render(
        request,
        "awards/nomination_board.html",
        {
            "year": year,
            "year_form": year_form,
            "form": form,
            "page": page,
            "rows": [(n, live.get(n.pk), gaps.get(n.pk, []), actions_for(n, permitted)) for n in rows],
            "counts": [(label, counts.get(value, 0), value) for value, label in NominationStatus.choices],
            "reason_verbs": REASON_VERBS,
            "outcome_styles": OUTCOME_STYLES,
        },
    )


EXPORT_HEADERS = [
    "STT", "Họ và tên / tập thể", "Tổ, đơn vị", "Danh hiệu, hình thức", "Trạng thái", "Biểu quyết của tổ",
    "Kết quả xét khi đề nghị", "Kết quả xét hiện tại", "Còn thiếu",
]  # fmt: skip


@staff_required(can_read_nominations)
def nomination_export(request):
    """The board's rows (every page, same filters) as an .xlsx workbook."""
    year, _, _, queryset = _board_rows(request)
    if year is None:
        raise Http404("Chưa có năm học.")
    rows = list(queryset)
    live = services.judge_nominations(year, rows)
    gaps = services.nomination_gaps(year, rows, live)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "De nghi khen thuong"
    sheet.append(EXPORT_HEADERS)
    for number, nomination in enumerate(rows, start=1):
        frozen = nomination.verdict_at_proposal or {}
        row = live.get(nomination.pk)
        vote = f"{nomination.votes_for}/{nomination.votes_against}" if nomination.vote_recorded else ""
        sheet.append([
            number, str(nomination.recipient), nomination.recipient_detail, str(nomination.title),
            nomination.get_status_display(), vote, frozen.get("label", ""), row.label if row else "",
            "; ".join(gaps[nomination.pk]),
        ])  # fmt: skip
    return xlsx_response(workbook, f"de-nghi-khen-thuong-{year.name}.xlsx")
