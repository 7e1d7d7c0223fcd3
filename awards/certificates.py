"""Certificates (giấy chứng nhận, giấy khen): who gets one, what it says, and the services that print a decision's
certificates in the background.

Which titles carry a certificate is data of the catalog (``Title.certificate``: Chiến sĩ thi đua cơ sở and Giấy
khen; Lao động tiên tiến has none, its decision is the proof). The recipients come from the award history
(``AwardRecord``), grouped by the decision behind each award: the school's own issued QĐ, or another authority's
decision kept as number, date and issuer.

Printing goes through the one renderer (``documents.rendering``) with ``awards/pdf/certificates.html``: one
certificate alone, or a decision's certificates in parts of ``PART_SIZE`` pages joined into one PDF by the
background job (``awards.jobs``), whose progress the page polls.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from thiduakhenthuong.core import audit
from thiduakhenthuong.core.text import fold
from thiduakhenthuong.documents import formatting
from thiduakhenthuong.documents.rendering import render_pdf, render_pdf_in_parts
from thiduakhenthuong.organization.models import Authority, Gender, School

from .models import AwardRecord, BatchStatus, CertificateBatch, TitleKind

logger = logging.getLogger(__name__)

TEMPLATE = "awards/pdf/certificates.html"
#: Certificates laid out together in one part of a batch: the progress bar moves once per part.
PART_SIZE = 25
#: A batch still waiting or running after this long is taken to have lost its worker and may be asked again.
STALE_AFTER = timedelta(minutes=15)


@dataclass(frozen=True)
class DecisionKey:
    """The decision a group of awards hangs on: the school's QĐ (``decision_id``), or another authority's."""

    decision_id: int | None
    number: str = ""
    day: date | None = None
    issuer: str = ""

    @classmethod
    def of(cls, row) -> "DecisionKey":
        """The key of an award or a batch."""
        if row.decision_id:
            return cls(row.decision_id)
        return cls(None, row.decision_number, row.decision_date, row.issuer_name)

    def q(self) -> Q:
        if self.decision_id:
            return Q(decision_id=self.decision_id)
        return Q(decision__isnull=True, decision_number=self.number, decision_date=self.day, issuer_name=self.issuer)

    def fields(self) -> dict:
        if self.decision_id:
            return {"decision_id": self.decision_id, "decision_number": "", "decision_date": None, "issuer_name": ""}
        return {"decision": None, "decision_number": self.number, "decision_date": self.day, "issuer_name": self.issuer}


def certificate_awards(school: School) -> QuerySet:
    """The school's awards that carry a certificate, in the order a decision's list prints them."""
    return (
        AwardRecord.objects.filter(school=school, title__certificate=True)
        .for_list()
        .select_related("school", "nomination", "decision__issuer__school")
        .order_by("title__sort_order", "title__scope", "pk")
    )


@dataclass(frozen=True)
class DecisionGroup:
    key: DecisionKey
    symbol: str
    day: date | None
    issuer: str
    school_year: str
    count: int
    first_award_id: int
    batch: CertificateBatch | None


def decision_groups(school: School, *, decisions: Iterable[int] | None = None) -> list[DecisionGroup]:
    """Every decision of the school's award history that conferred a certificate, newest first, with the number
    of certificates and its batch (three queries, whatever the number of decisions); with ``decisions``
    (``OfficialDocument`` ids), only those of the school's own QĐ among them."""
    awards = certificate_awards(school)
    if decisions is not None:
        awards = awards.filter(decision_id__in=list(decisions))
    rows = (
        awards.order_by()
        .values("decision_id", "decision_number", "decision_date", "issuer_name")
        .annotate(count=Count("pk"), first=Max("pk"), year=Max("school_year__name"))
    )
    rows = list(rows)
    documents = {
        award.decision_id: award.decision
        for award in AwardRecord.objects.filter(pk__in=[r["first"] for r in rows if r["decision_id"]]).select_related(
            "decision__issuer"
        )
    }
    batches = {DecisionKey.of(b): b for b in CertificateBatch.objects.filter(school=school).select_related("decision")}
    groups = []
    for row in rows:
        key = (
            DecisionKey(row["decision_id"])
            if row["decision_id"]
            else DecisionKey(None, row["decision_number"], row["decision_date"], row["issuer_name"])
        )
        document = documents.get(row["decision_id"])
        groups.append(
            DecisionGroup(
                key=key,
                symbol=document.symbol if document else row["decision_number"],
                day=document.document_date if document else row["decision_date"],
                issuer=document.header_issuer_name if document else row["issuer_name"],
                school_year=row["year"],
                count=row["count"],
                first_award_id=row["first"],
                batch=batches.get(key),
            )
        )
    groups.sort(key=lambda g: (g.day or date.min, g.symbol), reverse=True)
    return groups


# --------------------------------------------------------------------------------------------------
# What a certificate says
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Certificate:
    """The text of one certificate, as plain strings (the template escapes them)."""

    authority: str
    verb: str
    award_name: str
    recipient: str
    details: tuple[str, ...]
    achievement: str
    decision_symbol: str
    decision_date: str
    ledger_number: str
    place_date: str
    signer_lines: tuple[str, ...]
    signer_name: str


def _expand(name: str) -> str:
    """An authority's name as a certificate prints it in full ("UBND xã Cao Dương" → "Ủy ban nhân dân xã …")."""
    return name.replace("UBND", "Ủy ban nhân dân").replace("HĐND", "Hội đồng nhân dân")


def _recipient(award: AwardRecord) -> tuple[str, tuple[str, ...]]:
    field = award.recipient_field
    school_name = award.school.name
    if field == "staff":
        staff = award.staff
        honorific = "Bà" if staff.gender == Gender.FEMALE else "Ông"
        position = ", ".join(part for part in (staff.position, staff.team.name if staff.team_id else "") if part)
        return f"{honorific} {staff.full_name}", (position, school_name)
    if field == "pupil":
        pupil = award.pupil
        return f"Em {pupil.full_name}", (f"Học sinh lớp {pupil.class_group.name}", school_name)
    if field == "class_group":
        return f"Tập thể lớp {award.class_group.name}", (school_name,)
    if field == "team":
        return award.team.name, (school_name,)
    person = award.other_person
    return str(person), (person.relation_text,)


def _achievement(award: AwardRecord) -> str:
    nomination = getattr(award, "nomination", None)
    text = " ".join(((nomination.achievements if nomination else "") or award.note or "").split())
    if text:
        return text if fold(text).startswith("da ") else f"Đã có thành tích: {text}"
    if award.title.kind == TitleKind.COMMENDATION:
        return f"Đã có thành tích xuất sắc trong năm học {award.school_year.name}"
    return ""


class _Authorities:
    """The heads of the authorities a school's history names (one query per school)."""

    def __init__(self):
        self._by_school: dict[int, dict[str, str]] = {}

    def head_of(self, school_id: int, name: str) -> str:
        if school_id not in self._by_school:
            self._by_school[school_id] = {
                fold(authority.name): authority.head_title for authority in Authority.objects.filter(school=school_id)
            }
        return self._by_school[school_id].get(fold(name), "")


def build_certificate(
    award: AwardRecord, *, ledger_number: int, authorities: _Authorities | None = None
) -> Certificate:
    authorities = authorities or _Authorities()
    recipient, details = _recipient(award)
    day = award.decided_on
    if award.decision_id:
        document = award.decision
        authority = f"{document.signer_authority or 'Hiệu trưởng'} {document.header_issuer_name}"
        place = document.header_place_name
        signer_lines = tuple(line for line in (document.signer_title, document.signer_position.upper()) if line)
        signer_name = document.signer_name
    else:
        head = authorities.head_of(award.school_id, award.issuer_name)
        authority = " ".join(part for part in (head, _expand(award.issuer_name)) if part)
        place = award.school.place_name
        signer_lines = (head.upper(),) if head else ()
        signer_name = ""
    is_title = award.title.kind == TitleKind.TITLE
    if is_title:
        details = (*details, f"Năm học {award.school_year.name}")
    return Certificate(
        authority=authority.upper(),
        verb="CÔNG NHẬN DANH HIỆU" if is_title else "TẶNG",
        award_name=award.title.name,
        recipient=recipient,
        details=tuple(line for line in details if line),
        achievement=_achievement(award),
        decision_symbol=award.decision_symbol,
        decision_date=f"{day:%d/%m/%Y}" if day else "",
        ledger_number=f"{ledger_number:02d}",
        place_date=formatting.place_and_date(place, day),
        signer_lines=signer_lines,
        signer_name=signer_name,
    )


def build_certificates(awards: Iterable[AwardRecord]) -> list[Certificate]:
    """Certificates of a decision's awards, numbered in the golden book in the order given (from 01)."""
    authorities = _Authorities()
    return [
        build_certificate(award, ledger_number=index, authorities=authorities)
        for index, award in enumerate(awards, start=1)
    ]


def render_certificate(award: AwardRecord) -> bytes:
    """One certificate, numbered as it stands in its decision's list."""
    siblings = list(certificate_awards(award.school).filter(DecisionKey.of(award).q()).values_list("pk", flat=True))
    number = siblings.index(award.pk) + 1 if award.pk in siblings else 1
    return render_pdf(TEMPLATE, {"certificates": [build_certificate(award, ledger_number=number)]})


def render_certificates(awards: list[AwardRecord], *, progress=None) -> bytes:
    """A decision's certificates as one PDF, laid out ``PART_SIZE`` at a time (``progress(done)`` after each)."""
    certificates = build_certificates(awards)
    parts = [certificates[start : start + PART_SIZE] for start in range(0, len(certificates), PART_SIZE)]

    def report(laid_out_parts: int) -> None:
        if progress is not None:
            progress(min(len(certificates), laid_out_parts * PART_SIZE))

    return render_pdf_in_parts(TEMPLATE, ({"certificates": part} for part in parts), progress=report)


# --------------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------------


def is_stale(batch: CertificateBatch, now=None) -> bool:
    now = now or timezone.now()
    waiting = batch.status in {BatchStatus.QUEUED, BatchStatus.RUNNING}
    return waiting and (batch.started_at or batch.requested_at) < now - STALE_AFTER


def can_request_again(batch: CertificateBatch | None) -> bool:
    return batch is None or batch.status in {BatchStatus.DONE, BatchStatus.FAILED} or is_stale(batch)


def _enqueue(batch_id: int) -> None:
    from .jobs import render_certificate_batch

    result = render_certificate_batch.enqueue(batch_id)
    CertificateBatch.objects.filter(pk=batch_id).update(task_id=str(result.id)[:64])


@transaction.atomic
def request_certificate_batch(*, actor, school: School, key: DecisionKey) -> CertificateBatch:
    """Ask the background worker for all certificates of one decision as one PDF.

    Guarantees: one batch row per decision (its previous file is replaced when the new one is ready); a batch that
    is waiting or running is not asked twice (unless stale: its worker is gone); the job is queued only once the
    request has committed, so the worker always finds the row; the audit row is written in the same transaction.
    """
    total = certificate_awards(school).filter(key.q()).count()
    if not total:
        raise ValidationError("Quyết định này không có giấy khen, giấy chứng nhận nào để in.")
    now = timezone.now()
    batch = CertificateBatch.objects.select_for_update(of=("self",)).filter(key.q(), school=school).first()
    if batch is None:
        batch = CertificateBatch(school=school, requested_at=now, **key.fields())
    elif not can_request_again(batch):
        raise ValidationError("Tệp giấy khen của quyết định này đang được tạo; hãy chờ xong.")
    else:
        batch.check_transition("render")
    batch.status = BatchStatus.QUEUED
    batch.total, batch.done, batch.error = total, 0, ""
    batch.requested_by = actor if getattr(actor, "is_authenticated", False) else None
    batch.requested_at, batch.started_at, batch.finished_at = now, None, None
    try:
        with transaction.atomic():
            batch.save()
    except IntegrityError as error:  # someone asked for the same decision a moment ago
        raise ValidationError("Tệp giấy khen của quyết định này đang được tạo; hãy chờ xong.") from error
    audit.record(actor=actor, action="awards.certificates.request", obj=batch, data={"after": {"total": total}})
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def run_certificate_batch(batch_id: int) -> int:
    """The background job's work: render every certificate of the batch's decision into its PDF.

    A batch that is no longer waiting (done, or taken by another worker) is left alone, so a job run twice does
    the work once. Progress is committed after each part, so the page sees it while the job runs. When the batch
    was asked again while this job ran, its result is dropped: the newer job renders the history as it is now.
    Returns the number of certificates rendered.
    """
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update(of=("self",)).filter(pk=batch_id).first()
        if batch is None or batch.status != BatchStatus.QUEUED:
            return 0
        batch.check_transition("start")
        awards = list(certificate_awards(batch.school).filter(DecisionKey.of(batch).q()))
        batch.status, batch.total, batch.done, batch.started_at = BatchStatus.RUNNING, len(awards), 0, timezone.now()
        batch.save(update_fields=["status", "total", "done", "started_at"])
        requested_at = batch.requested_at

    def progress(done: int) -> None:
        CertificateBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING, requested_at=requested_at).update(
            done=done
        )

    try:
        if not awards:
            raise ValidationError("Quyết định không còn giấy khen nào để in.")
        pdf = render_certificates(awards, progress=progress)
    except Exception as error:
        logger.exception("Certificate batch %s failed", batch_id)
        _finish(batch_id, requested_at, error=str(error)[:2000] or error.__class__.__name__)
        raise
    _finish(batch_id, requested_at, pdf=pdf)
    return len(awards)


@transaction.atomic
def _finish(batch_id: int, requested_at, *, pdf: bytes | None = None, error: str = "") -> None:
    batch = CertificateBatch.objects.select_for_update(of=("self",)).filter(pk=batch_id).first()
    if batch is None or batch.status != BatchStatus.RUNNING or batch.requested_at != requested_at:
        return  # asked again meanwhile: the newer job's result is the one kept
    if pdf is None:
        batch.check_transition("fail")
        batch.status, batch.error, batch.finished_at = BatchStatus.FAILED, error, timezone.now()
        batch.save(update_fields=["status", "error", "finished_at"])
        audit.record(actor=None, action="awards.certificates.fail", obj=batch, reason=error[:300])
        return
    batch.check_transition("finish")
    if batch.file:
        batch.file.delete(save=False)
    batch.file.save(f"{batch.pk}.pdf", ContentFile(pdf), save=False)
    batch.status, batch.done, batch.finished_at = BatchStatus.DONE, batch.total, timezone.now()
    batch.save(update_fields=["status", "done", "finished_at", "file"])
    audit.record(actor=None, action="awards.certificates.finish", obj=batch, data={"after": {"total": batch.total}})
