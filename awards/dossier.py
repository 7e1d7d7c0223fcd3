"""The dossier a submission sends upward, as ONE PDF (Nghị định 152/2025 and 98/2023: hồ sơ đề nghị khen thưởng):
the submission with its list, the council's minutes and tally minutes found in the documents register, each
nominee's achievement report, and the proof of the initiatives the nominees rely on (a page per initiative with
its recognition, then the PDF files attached to it); an ad-hoc commendation's submission with its list alone. Each
part is rendered by the one renderer; the parts are joined with pypdf. A file that cannot be read as a PDF is named
on the proof page instead of breaking the dossier."""

import io

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from thiduakhenthuong.documents.rendering import html_to_pdf, render_document_pdf

from . import papers
from .models import AchievementReport, Initiative, InitiativeStatus, Submission
from .printing import achievement_report_pdf


def dossier_parts(submission: Submission) -> dict:
    """What the dossier holds after the TTr, in order: the minutes (documents), the reports, the initiatives with
    their files. An ad-hoc commendation's TTr (``papers.ad_hoc_of``) stands alone: no council reviewed it, and the
    year's reports and initiatives are not what it proposes."""
    year = submission.school_year
    chosen = list(submission.nominations.for_list())
    if papers.ad_hoc_of(chosen):
        return {"minutes": [], "reports": [], "initiatives": []}
    staff_ids = [n.staff_id for n in chosen if n.staff_id]
    team_ids = [n.team_id for n in chosen if n.team_id]
    reports = list(
        AchievementReport.objects.for_list().filter(school_year=year).filter(staff__in=staff_ids)
        | AchievementReport.objects.for_list().filter(school_year=year, team__in=team_ids)
    )
    initiatives = list(
        Initiative.objects.filter(school_year=year, status=InitiativeStatus.RECOGNISED, author__in=staff_ids)
        .select_related("author", "decision")
        .prefetch_related("attachments")
        .order_by("author__full_name", "pk")
    )
    return {"minutes": papers.council_minutes(year), "reports": reports, "initiatives": initiatives}


def _append(writer: PdfWriter, content: bytes) -> bool:
    try:
        writer.append(PdfReader(io.BytesIO(content)))
    except (PdfReadError, ValueError, OSError, KeyError, TypeError):
        return False
    return True


def submission_dossier_pdf(submission: Submission) -> bytes:
    parts = dossier_parts(submission)
    writer = PdfWriter()
    _append(writer, render_document_pdf(submission.document))
    for document in parts["minutes"]:
        _append(writer, render_document_pdf(document))
    for report in parts["reports"]:
        _append(writer, achievement_report_pdf(report))
    for initiative in parts["initiatives"]:
        files = [a for a in initiative.attachments.all() if a.original_name.lower().endswith(".pdf")]
        proof = render_to_string(
            "awards/pdf/initiative_proof.html",
            {"initiative": initiative, "school": submission.school, "files": initiative.attachments.all()},
        )
        _append(writer, html_to_pdf(proof))
        for attachment in files:
            try:
                with attachment.file.open("rb") as handle:
                    _append(writer, handle.read())
            except OSError:
                continue
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
