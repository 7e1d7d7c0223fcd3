"""Printed papers of the awards app that more than one page needs: a nominee's achievement report (its own page,
and the dossier sent upward)."""

from django.utils import timezone

from thiduakhenthuong.documents.rendering import render_pdf
from thiduakhenthuong.organization.models import Staff

from . import services
from .models import AchievementReport, TitleKind


def report_award_tables(report: AchievementReport) -> tuple[list[dict], list[dict]]:
    """Part III as two tables (titles, then forms of commendation): frozen when submitted, live while written."""
    rows = report.awards_snapshot
    if rows is None:
        rows = services.award_history_rows(staff=report.staff, team=report.team)
    return [r for r in rows if r["kind"] == TitleKind.TITLE], [r for r in rows if r["kind"] != TitleKind.TITLE]


def report_confirmer(report: AchievementReport) -> Staff | None:
    """Whom the confirmation block (XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ) names. Once the report is confirmed: the principal
    who confirmed it, still after she has left or handed over (the principal in office on the day of the
    confirmation when the system confirmed it, as the demo does). Until then: the principal in office today, who is
    to confirm it."""
    if report.confirmed_at is None:
        return Staff.objects.principal_of(report.school_id)
    confirmer = report.confirmed_by_id and Staff.objects.filter(user_id=report.confirmed_by_id).first()
    return confirmer or Staff.objects.principal_of(report.school_id, on=timezone.localdate(report.confirmed_at))


def achievement_report_pdf(report: AchievementReport) -> bytes:
    """The report in the decree's layout: the nominee's signature and the principal's confirmation. A team's report
    is signed by its head (TỔ TRƯỞNG): once handed in, the head in office on the day it was handed in, the day it
    prints, still after a handover; until then, today's."""
    titles, commendations = report_award_tables(report)
    submitted_on = timezone.localdate(report.submitted_at) if report.submitted_at else None
    context = {
        "report": report,
        "school": report.school,
        "titles": titles,
        "commendations": commendations,
        "principal": report_confirmer(report),
        "team_head": Staff.objects.team_head_of(report.team_id, on=submitted_on) if report.is_collective else None,
        "today": submitted_on,
    }
    return render_pdf("awards/pdf/achievement_report.html", context)
