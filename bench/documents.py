"""Benchmark of the one renderer: how much the app's code path costs over plain WeasyPrint, and whether it leaks.

Run from the repository root: ``python bench/documents.py``. It sets up its own temporary SQLite database (migrate),
builds the reference plan 23/KH-THCD (the campaigns' demo plan when ``seed_demo`` provides it, else the seed text
shipped in ``thiduakhenthuong/documents/samples/``), and prints one ``name: value`` per line:

- ``render_document_pdf_ms``: median of 20 warm renders through ``rendering.render_document_pdf`` (template,
  static-only URL fetcher, cached stylesheet and fonts);
- ``plain_weasyprint_ms``: median of 20 renders of the same HTML by plain WeasyPrint
  (``HTML(string=…, base_url=…).write_pdf()`` with the same stylesheet and fonts, prepared once);
- ``ratio``: the first over the second (target ≤ 1.15);
- ``plain_weasyprint_uncached_ms``: plain WeasyPrint loading the stylesheet and fonts on every render (what the
  renderer's caches save);
- ``rss_growth_mb``: growth of resident memory over 200 renders through ``render_document_pdf`` (target ≤ 50).
"""

import gc
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import rss_mb, setup_django  # noqa: E402  (bench/common.py)

RENDERS = 20
LEAK_RENDERS = 200


def reference_document():
    """The demo plan 23/KH-THCD if the demo seeders create it, else the same plan built from the shipped seed text."""
    from io import StringIO

    from django.core.management import call_command

    from thiduakhenthuong.documents import services
    from thiduakhenthuong.documents.models import Issuer, OfficialDocument
    from thiduakhenthuong.documents.samples import reference_plan
    from thiduakhenthuong.organization.models import School

    try:
        call_command("seed_demo", stdout=StringIO(), stderr=StringIO())
        demo = OfficialDocument.objects.filter(symbol="23/KH-THCD", year=2023).first()
        if demo is not None:
            return demo, "demo plan (seed_demo)"
    except Exception as error:  # no seed_demo on this checkout, or it failed: the seed copy does the same job
        print(f"# seed_demo unavailable ({type(error).__name__}); using the shipped seed text", file=sys.stderr)
    school, _ = School.objects.get_or_create(
        abbreviation="THCD",
        defaults={
            "name": "Trường Tiểu học Cao Dương",
            "parent_agency": "UBND huyện Thanh Oai",
            "place_name": "Cao Dương",
        },
    )
    issuer = Issuer.for_school(school)
    existing = OfficialDocument.objects.filter(issuer=issuer, symbol="23/KH-THCD", year=2023).first()
    if existing is not None:
        return existing, "seed text (existing row)"
    draft = services.create_draft(actor=None, issuer=issuer, signer_name="Nguyễn Thị Minh", **reference_plan())
    document = services.register_historical(actor=None, document=draft, number=23, issued_on=date(2023, 1, 30))
    return document, "seed text (thiduakhenthuong/documents/samples)"


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        setup_django(Path(tmp), keep_database_url=False)
        import pypdf
        from django.conf import settings
        from django.contrib.staticfiles import finders
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        from thiduakhenthuong.documents import rendering

        document, source = reference_document()
        html = rendering.render_document_html(document)
        stylesheet_path = finders.find(rendering.PRINT_STYLESHEET)
        static_root = str(Path(stylesheet_path).parent.parent) + "/"
        # plain WeasyPrint reads the same files straight from static/: the page's "/static/…" links made relative
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        plain_html = html.replace(f'"{static_prefix}', '"')
        plain_fonts = FontConfiguration()
        plain_css = CSS(filename=stylesheet_path, font_config=plain_fonts)

        def ours():
            return rendering.render_document_pdf(document)

        def plain():
            return HTML(string=plain_html, base_url=static_root).write_pdf(
                stylesheets=[plain_css], font_config=plain_fonts
            )

        def plain_uncached():
            fonts = FontConfiguration()
            css = CSS(filename=stylesheet_path, font_config=fonts)
            return HTML(string=plain_html, base_url=static_root).write_pdf(stylesheets=[css], font_config=fonts)

        pdf = ours()
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        for _ in range(2):  # warm both paths
            ours()
            plain()
        ours_ms, plain_ms = [], []
        for _ in range(RENDERS):  # alternate, so that a busy neighbour slows both alike
            ours_ms.append(timed(ours))
            plain_ms.append(timed(plain))
        uncached_ms = [timed(plain_uncached) for _ in range(3)]

        gc.collect()
        before = rss_mb()
        for _ in range(LEAK_RENDERS):
            ours()
        gc.collect()
        growth = rss_mb() - before

        ours_median, plain_median = statistics.median(ours_ms), statistics.median(plain_ms)
        print(f"document: {document.symbol} ({source}, {len(pdf) // 1024} KiB, pages: {pages})")
        print(f"renders: {RENDERS}")
        print(f"render_document_pdf_ms: {ours_median:.1f}")
        print(f"plain_weasyprint_ms: {plain_median:.1f}")
        print(f"ratio: {ours_median / plain_median:.3f} (target <= 1.15; render_document_pdf over plain WeasyPrint)")
        print(f"plain_weasyprint_uncached_ms: {statistics.median(uncached_ms):.1f} (stylesheet and fonts every render)")
        print(f"rss_growth_mb: {growth:.1f} (over {LEAK_RENDERS} renders, target <= 50)")


if __name__ == "__main__":
    main()
