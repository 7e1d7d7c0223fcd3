"""The one renderer: only the app's static files are fetched, user text is escaped and shows as text."""

import io
import socket
import unicodedata
import urllib.request
from datetime import date

import pdfplumber
import pytest

from thiduakhenthuong.documents import rendering, services
from thiduakhenthuong.documents.rendering import BASE_URL, FetchRefused, StaticOnlyURLFetcher

HOSTILE = [
    "file:///etc/passwd",
    "http://127.0.0.1:9/steal.png",
    "https://example.com/x.css",
    "data:text/plain;base64,SGVsbG8=",
    "ftp://example.com/a",
    f"{BASE_URL}etc/passwd",
    f"{BASE_URL}static/../../../../etc/passwd",
    f"{BASE_URL}static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "https://static.documents.invalid.evil.example/static/css/print.css",
]


@pytest.fixture
def fetch_log(monkeypatch):
    """Every URL the renderer's fetcher is asked for; and any real network or urllib access fails the test."""
    calls = []
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):
        calls.append(url)
        return original(self, url, headers)

    def no_network(*args, **kwargs):
        raise AssertionError("the renderer tried to reach the network")

    def no_urllib(*args, **kwargs):
        raise AssertionError("the renderer opened a URL with urllib")

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_urllib)
    # Start from a cold cache so that the stylesheet and the fonts are fetched through the spy too.
    monkeypatch.setattr(rendering, "_assets", {})
    return calls


@pytest.mark.parametrize("url", HOSTILE)
def test_fetcher_refuses_everything_but_static_files(url, monkeypatch):
    opened = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a) or pytest.fail("a file was opened"))
    with pytest.raises((FetchRefused, FileNotFoundError)):
        StaticOnlyURLFetcher().fetch(url)
    assert opened == []


def test_fetcher_serves_the_static_stylesheet_and_fonts():
    css = StaticOnlyURLFetcher().fetch(f"{BASE_URL}static/css/print.css")
    assert css.content_type == "text/css" and b"@page" in css.read()
    font = StaticOnlyURLFetcher().fetch(f"{BASE_URL}static/fonts/LiberationSerif-Bold.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"


@pytest.mark.django_db
def test_hostile_user_text_is_shown_as_text_and_fetches_nothing(issuer, fetch_log):
    hostile = (
        'Xem <img src="file:///etc/passwd"> và <link rel="stylesheet" href="http://127.0.0.1:9/x.css"> '
        '<p style="background: url(file:///etc/passwd)">file:///etc/passwd</p> http://127.0.0.1:9/y.png'
    )
    draft = services.create_draft(
        actor=None,
        issuer=issuer,
        doc_type="TB",
        summary='<style>@import "http://127.0.0.1:9/z.css";</style>Thông báo',
        body=hostile,
        grounds="<script>alert(1)</script>",
        signer_name="Nguyễn Thị Minh",
    )
    document = services.issue_document(actor=None, document=draft, issued_on=date(2023, 5, 4))

    html = rendering.render_document_html(document)
    assert "<img" not in html and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "<script>" not in html and "<style>" not in html

    pdf = rendering.render_document_pdf(document)
    assert fetch_log, "the stylesheet's fonts should have been fetched through the fetcher"
    assert all(rendering.static_path_of(url) for url in fetch_log), fetch_log
    with pdfplumber.open(io.BytesIO(pdf)) as reader:
        text = unicodedata.normalize("NFC", " ".join(page.extract_text() for page in reader.pages))
    assert '<img src="file:///etc/passwd">' in text
    assert "http://127.0.0.1:9/y.png" in text
    assert "root:x:0:0" not in text


@pytest.mark.django_db
def test_even_a_careless_template_cannot_fetch_files_or_the_network(fetch_log):
    """Markup that did reach the renderer (a template author's mistake) still fetches nothing but static files."""
    html = (
        '<div class="document"><p>Trước</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/a.png">'
        '<img src="data:image/png;base64,iVBORw0KGgo="><link rel="stylesheet" href="https://example.com/b.css">'
        '<p style="background: url(file:///etc/passwd)">Sau</p><img src="/static/../../etc/passwd"></div>'
    )
    pdf = rendering.html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    refused = [url for url in fetch_log if not rendering.static_path_of(url)]
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/a.png" in refused
    assert "https://example.com/b.css" in refused
    assert b"root:x:0:0" not in pdf


@pytest.mark.django_db
def test_render_document_passes_content_to_the_template(issuer):
    draft = services.create_draft(
        actor=None,
        issuer=issuer,
        doc_type="BC",
        summary="Báo cáo",
        content={"document": "không được che", "rows": [1, 2]},
        addressees="Phòng Giáo dục và Đào tạo huyện Thanh Oai",
    )
    context = rendering.document_context(draft)
    assert context["document"] == draft and context["rows"] == [1, 2]
    html = rendering.render_document_html(draft)
    assert "Kính gửi: Phòng Giáo dục và Đào tạo huyện Thanh Oai" in html
    assert "DỰ THẢO" in html  # an unnumbered draft says so
    assert "Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-THCD" in html


def test_pdf_filename_is_ascii():
    from thiduakhenthuong.documents.models import OfficialDocument

    document = OfficialDocument(doc_type="QĐ", symbol="05/QĐ-THCD", year=2023, number=5)
    assert rendering.pdf_filename(document) == "05-qd-thcd-2023.pdf"


@pytest.mark.parametrize(
    ("symbol", "doc_type", "name"),
    [
        ("/TB-THCD", "TB", "du-thao-tb-thcd.pdf"),  # a draft: no number before the slash, no leading hyphen
        ("/KH-THCD", "KH", "du-thao-kh-thcd.pdf"),
        ("", "TB", "du-thao-thong-bao.pdf"),
    ],
)
def test_a_drafts_file_name_says_draft_first(symbol, doc_type, name):
    from thiduakhenthuong.documents.models import OfficialDocument

    assert rendering.pdf_filename(OfficialDocument(doc_type=doc_type, symbol=symbol)) == name


def test_symbols_dates_and_ranges_are_kept_on_one_line():
    """The renderer marks what browsers and WeasyPrint would break differently (after a slash, after a hyphen before
    a digit), so the preview and the PDF break only at spaces there; spaced dashes, long addresses and markup are
    left alone, and the text reads the same."""
    html = (
        '<html><head><title>Kế hoạch 124-KH/TU</title></head><body><div class="doc-header">'
        "<p>Kế hoạch số 124-KH/TU ngày 26/6/2014 (11/6/1948-11/6/2023). Tình thương - Trách nhiệm; 2021 - 2025; "
        "GD&amp;ĐT; https://thcaoduong.edu.vn/tin-tuc/guong-nguoi-tot-viec-tot</p></div></body></html>"
    )
    marked = rendering.keep_joined_words_whole(html)
    assert marked.startswith("<html><head><title>Kế hoạch 124-KH/TU</title></head>")
    assert '<div class="doc-header">' in marked
    assert (
        '<p>Kế hoạch số <span class="nobr">124-KH/TU</span> ngày <span class="nobr">26/6/2014</span> '
        '<span class="nobr">(11/6/1948-11/6/2023).</span> Tình thương - Trách nhiệm; 2021 - 2025; GD&amp;ĐT; '
        "https://thcaoduong.edu.vn/tin-tuc/guong-nguoi-tot-viec-tot</p>"
    ) in marked
    with pdfplumber.open(io.BytesIO(rendering.html_to_pdf(marked))) as reader:
        text = reader.pages[0].extract_text()
    assert "124-KH/TU ngày 26/6/2014 (11/6/1948-11/6/2023)" in " ".join(text.split())
