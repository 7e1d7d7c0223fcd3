"""Benchmark of a decision's certificates printed in one batch, against one certificate printed alone.

Run from the repository root: ``python bench/certificates.py [--count 200]``. It sets up its own temporary SQLite
database (migrate; or the database named by ``DATABASE_URL``), creates a school, an issued decision and ``--count``
pupils' Giấy khen under it, then prints one ``name: value`` per line:

- ``total_seconds``: the whole batch through the background job's own code (``certificates.run_certificate_batch``:
  load, build, lay out in parts, write the PDF, store it), target <= 15 on two cores;
- ``cpu_seconds``: the processor time of that batch (the wall time above includes waiting on a shared machine);
- ``per_certificate_ms``: total over the number of certificates;
- ``single_ms``: one certificate alone through ``certificates.render_certificate`` (the download of one row),
  median of 10 warm renders;
- ``ratio``: per_certificate_ms over single_ms (target <= 1.0: a certificate costs no more in a batch);
- ``rss_growth_mb``: growth of resident memory over the batch, measured after a first warm batch (target <= 50).
"""

import argparse
import gc
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import rss_mb, setup_django  # noqa: E402  (bench/common.py)

SINGLE_RENDERS = 10


def build_decision(count: int):
    """A school with ``count`` pupils commended by one issued decision of the principal."""
    from awards.models import AwardRecord, Title, TitleScope
    from thiduakhenthuong.documents import services
    from thiduakhenthuong.documents.models import DocumentType, Issuer
    from thiduakhenthuong.organization.models import ClassGroup, Gender, Pupil, School, SchoolYear

    school = School.objects.create(
        name="Trường Tiểu học Đo Hiệu Năng", abbreviation="THDHN", parent_agency="UBND xã Cao Dương",
        place_name="Cao Dương",
    )  # fmt: skip
    year = SchoolYear.objects.create(
        school=school, name="2025-2026", start_date=date(2025, 9, 5), end_date=date(2026, 5, 31)
    )
    draft = services.create_draft(
        actor=None,
        issuer=Issuer.for_school(school),
        doc_type=DocumentType.DECISION,
        summary="Về việc khen thưởng học sinh năm học 2025-2026",
        document_date=date(2026, 6, 20),
        body="Điều 1. Tặng Giấy khen cho các học sinh có tên trong danh sách kèm theo.",
        signer_authority="Hiệu trưởng",
        signer_name="Đỗ Thị Thanh Huyền",
    )
    decision = services.register_historical(actor=None, document=draft, number=7, issued_on=date(2026, 6, 20))
    title = Title.objects.get(code="GK", scope=TitleScope.PUPIL)
    groups = [
        ClassGroup.objects.create(school=school, school_year=year, name=f"{grade}{letter}", grade=grade)
        for grade in range(1, 6)
        for letter in "ABCD"
    ]
    pupils = Pupil.objects.bulk_create(
        Pupil(school=school, class_group=groups[n % len(groups)], full_name=f"Nguyễn Thị Học Sinh {n + 1:03d}",
              gender=Gender.FEMALE)
        for n in range(count)
    )  # fmt: skip
    AwardRecord.objects.bulk_create(
        AwardRecord(school=school, school_year=year, title=title, pupil=pupil, decision=decision,
                    note="Hoàn thành xuất sắc các nội dung học tập và rèn luyện")
        for pupil in pupils
    )  # fmt: skip
    return school, decision


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="certificates in the batch (default 200)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-certificates-") as tmp:
        setup_django(Path(tmp))
        from awards import certificates
        from awards.models import BatchStatus, CertificateBatch

        school, decision = build_decision(options.count)
        key = certificates.DecisionKey(decision.pk)

        def batch() -> CertificateBatch:
            # the request queues a job as the page does; the bench runs the job's code here rather than in a worker
            requested = certificates.request_certificate_batch(actor=None, school=school, key=key)
            certificates.run_certificate_batch(requested.pk)
            requested.refresh_from_db()
            assert requested.status == BatchStatus.DONE and requested.done == options.count, requested.error
            return requested

        single_award = certificates.certificate_awards(school).filter(key.q()).last()
        for _ in range(2):  # warm: fonts, stylesheets, templates
            certificates.render_certificate(single_award)
        single = []
        for _ in range(SINGLE_RENDERS):
            start = time.perf_counter()
            certificates.render_certificate(single_award)
            single.append((time.perf_counter() - start) * 1000)
        single_ms = statistics.median(single)

        batch()  # a first batch warms what a batch alone uses (the parts' documents, the PDF writer)
        gc.collect()
        before = rss_mb()
        start, cpu_start = time.perf_counter(), time.process_time()
        done = batch()
        total, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        gc.collect()
        growth = rss_mb() - before

        per_certificate = total * 1000 / options.count
        print(f"certificates: {options.count} (one decision, {done.file.size // 1024} KiB PDF)")
        print(f"total_seconds: {total:.2f} (target <= 15 on two cores; the whole batch job)")
        print(f"cpu_seconds: {cpu:.2f} (processor time of the batch: wall time minus waiting for a busy machine)")
        print(f"per_certificate_ms: {per_certificate:.1f} (total over {options.count})")
        print(f"single_ms: {single_ms:.1f} (one certificate alone, warm, median of {SINGLE_RENDERS})")
        print(f"ratio: {per_certificate / single_ms:.3f} (target <= 1.0; per certificate in the batch over one alone)")
        print(f"rss_growth_mb: {growth:.1f} (over one warm batch of {options.count}, target <= 50)")


if __name__ == "__main__":
    main()
