"""The one renderer of printed documents: a Django template to HTML, and HTML to PDF with WeasyPrint.

Every app prints through here: its template under ``templates/<app>/pdf/`` extends ``documents/base.html``
and is given to ``render_pdf`` (or, for an ``OfficialDocument``, ``render_document_pdf``).

Safety: the URL fetcher answers only URLs of the app's own static files (``/static/...``, read through Django's
staticfiles finders); every other URL (file:, http(s):, data:, anything else) is refused without being opened,
so no user text can make a render read a local file or reach the network. User text is escaped by the
templates (nothing is marked safe).

Speed: the font configuration and the parsed print stylesheet are built once per process and reused (the
stylesheet is re-read when its file changes), so a render costs the layout of the document itself.
"""

import mimetypes
import posixpath
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from thiduakhenthuong.core.text import fold

#: Documents are rendered as if they lived on this origin, which exists nowhere (.invalid is reserved):
#: "/static/…" in a template resolves to it, and the fetcher answers it from the staticfiles finders.
INTERNAL_ORIGIN = "https://static.documents.invalid"
BASE_URL = f"{INTERNAL_ORIGIN}/"
PRINT_STYLESHEET = "css/print.css"


class FetchRefused(ValueError):
    """A renderer asked for a URL that is not one of the app's static files."""


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
_HEAD = re.compile(r"<head[^>]*>(.*)</head>", re.DOTALL | re.IGNORECASE)
_STYLESHEET_LINK = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
#: A run of up to 30 non-blank characters with a slash or a hyphen inside it: a symbol (124-KH/TU), a date or a
#: range (11/6/1948-11/6/2023). Longer runs (a web address) keep the engines' own break points, so they never run
#: past the margin.
_JOINED = re.compile(r"(?<!\S)(?=\S{0,29}\S[-/]\S)\S{3,30}(?!\S)")


def static_path_of(url: str) -> str | None:
    """The staticfiles path of ``url`` when it is one of ours (``https://static.documents.invalid/static/x``)."""
    parts = urlsplit(url)
    static_prefix = urlsplit(settings.STATIC_URL).path
    static_prefix = "/" + static_prefix.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}" != INTERNAL_ORIGIN or not parts.path.startswith(static_prefix):
        return None
    relative = unquote(parts.path[len(static_prefix) :])
    normalized = posixpath.normpath(relative)
    if normalized.startswith(("/", "..")) or "\\" in normalized or "\x00" in normalized:
        return None
    return normalized


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the app's static files to WeasyPrint and refuses every other URL without opening it."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)

    def fetch(self, url, headers=None):
        path = static_path_of(url)
        if path is None:
            raise FetchRefused(f"Không tải tài nguyên ngoài tệp tĩnh của ứng dụng: {url[:200]}")
        try:
            absolute = finders.find(path)
        except SuspiciousFileOperation as error:
            raise FetchRefused(f"Đường dẫn tệp tĩnh không hợp lệ: {path}") from error
        if not absolute:
            raise FileNotFoundError(f"Không có tệp tĩnh: {path}")
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(absolute).read_bytes(), {"Content-Type": content_type})


_fetcher = StaticOnlyURLFetcher()
# WeasyPrint's font configuration (fontconfig, Pango) is shared state; renders in one process take turns.
_lock = threading.RLock()
_assets: dict[str, object] = {}


def _print_assets() -> tuple[CSS, FontConfiguration]:
    """The parsed print stylesheet and the font configuration holding its fonts, built once per process."""
    source = finders.find(PRINT_STYLESHEET)
    stamp = Path(source).stat().st_mtime_ns if source else None
    if _assets.get("stamp") != stamp or "css" not in _assets:
        font_config = _assets.get("font_config") or FontConfiguration()
        _assets["css"] = CSS(
            url=f"{BASE_URL}{settings.STATIC_URL.strip('/')}/{PRINT_STYLESHEET}",
            url_fetcher=_fetcher,
            font_config=font_config,
        )
        _assets["font_config"] = font_config
        _assets["stamp"] = stamp
    return _assets["css"], _assets["font_config"]


def keep_joined_words_whole(html: str) -> str:
    """Wrap each symbol, date or range of the body's text (``_JOINED``) in ``<span class="nobr">`` (print.css:
    no line break inside).

    Browsers and WeasyPrint (Pango) disagree on breaking inside such runs: Pango breaks after a slash before a letter
    ("124-KH/" | "TU"), Chromium after a hyphen before a digit ("1948-" | "11/6/2023"). Kept whole, they break only
    at spaces in both, so an on-screen preview breaks its lines where the PDF does, and a document symbol is never
    split across lines in print. Only text between tags is touched (the templates escape ``<`` and ``>`` in user
    text, so every ``<…>`` is markup); the head (the PDF's title) is left as it is.
    """
    start = html.find("<body")
    if start < 0:
        return html
    parts = _TAG.split(html[start:])
    parts[::2] = [_JOINED.sub(r'<span class="nobr">\g<0></span>', text) for text in parts[::2]]
    return html[:start] + "".join(parts)


def render_html(template_name: str, context: dict) -> str:
    """Render a printed document's template to HTML (autoescaped, no request), symbols kept whole on their line."""
    return keep_joined_words_whole(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` with the print stylesheet and the embedded fonts, fetching only static files."""
    with _lock:
        stylesheet, font_config = _print_assets()
        return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher).write_pdf(
            stylesheets=[stylesheet], font_config=font_config
        )


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a printed document's template straight to PDF bytes."""
    return html_to_pdf(render_html(template_name, context))


def render_pdf_in_parts(
    template_name: str, contexts: Iterable[dict], *, progress: Callable[[int], None] | None = None
) -> bytes:
    """One PDF of many pages from one template rendered once per context (a decision's certificates, a few dozen
    pages each), for background work that shows its progress.

    Each part is laid out by WeasyPrint as one HTML document and the parts' pages are joined into one document
    before a single ``write_pdf``: no PDF is merged, fonts are embedded once, and the cost per page stays that of
    one layout of many pages. ``progress(n)`` is called after each part with the number of parts laid out so far.
    """
    with _lock:
        stylesheet, font_config = _print_assets()
        documents = []
        for index, context in enumerate(contexts, start=1):
            html = render_html(template_name, context)
            documents.append(
                HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher).render(
                    stylesheets=[stylesheet], font_config=font_config
                )
            )
            if progress is not None:
                progress(index)
        if not documents:
            raise ValueError("Không có trang nào để in.")
        pages = [page for document in documents for page in document.pages]
        return documents[0].copy(pages).write_pdf()


def document_context(document) -> dict:
    """What an OfficialDocument's template receives: the keys of ``document.content``, and ``document`` itself."""
    return {**(document.content or {}), "document": document}


def render_document_html(document) -> str:
    return render_html(document.template_name, document_context(document))


def render_document_preview(document) -> SafeString:
    """The document's printed HTML inside ``<body>``, for a page to show the text as printed (same templates and
    print stylesheet as the PDF), after the links to the template's own stylesheets (``{% block stylesheets %}``).
    The page links print.css itself (templates/components/document_preview.html). The templates escape every user
    text, so the fragment is safe to embed."""
    html = render_document_html(document)
    head, body = _HEAD.search(html), _BODY.search(html)
    links = "".join(_STYLESHEET_LINK.findall(head.group(1))) if head else ""
    return mark_safe(links + (body.group(1) if body else html))  # noqa: S308 -- rendered by autoescaping templates


def render_document_pdf(document) -> bytes:
    return render_pdf(document.template_name, document_context(document))


def pdf_filename(document) -> str:
    """A download name such as "23-kh-thcd-2023.pdf", and "du-thao-tb-thcd.pdf" for a draft (ASCII, no slashes,
    never starting with a hyphen: a draft's symbol "/TB-THCD" has no number before its slash)."""
    stem = fold(document.symbol or document.get_doc_type_display()).replace("/", "-").replace(" ", "-")
    stem = "-".join(part for part in "".join(ch for ch in stem if ch.isalnum() or ch in "-_").split("-") if part)
    stem = stem or "van-ban"
    return f"{stem}-{document.year}.pdf" if document.number else f"du-thao-{stem}.pdf"
