"""Demo data of the certificates: the past school year's decisions (2025-2026 on the demo's today) have their
certificates printed, one finished batch per decision that conferred Chiến sĩ thi đua cơ sở or Giấy khen.

Registered at ``DemoStage.DECISIONS`` after every other seeder of that stage (the decisions are issued and the higher
authority's decisions recorded first). Tolerates none: without such awards it does nothing. Idempotent: a decision
whose batch is done is left as it is.
"""

from datetime import date

from django.utils import timezone

from thiduakhenthuong.organization.models import School, SchoolYear

from . import certificates
from .models import BatchStatus, CertificateBatch


def seed_demo(*, school: School, stdout=None, today: date | None = None) -> None:
    years = list(SchoolYear.objects.filter(school=school).order_by("-start_date")[:2])
    current = SchoolYear.objects.current(school)
    if len(years) < 2 or current is None or years[0] != current:
        return
    past = years[1]
    rows = (
        certificates.certificate_awards(school)
        .filter(school_year=past)
        .values_list("decision_id", "decision_number", "decision_date", "issuer_name")
        .distinct()
    )
    keys = {
        certificates.DecisionKey(decision_id) if decision_id else certificates.DecisionKey(None, number, day, issuer)
        for decision_id, number, day, issuer in rows
    }
    printed = 0
    for key in sorted(keys, key=lambda k: (k.decision_id or 0, k.number)):
        batch = CertificateBatch.objects.filter(key.q(), school=school).first()
        if batch is not None and batch.status == BatchStatus.DONE:
            continue
        if batch is None:
            total = certificates.certificate_awards(school).filter(key.q()).count()
            batch = CertificateBatch.objects.create(
                school=school, requested_at=timezone.now(), total=total, **key.fields()
            )
        else:
            CertificateBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.QUEUED, done=0)
        printed += certificates.run_certificate_batch(batch.pk)
    if stdout is not None and printed:
        stdout.write(f"Giấy khen năm học {past}: {printed} giấy của {len(keys)} quyết định đã in thành tệp.")
