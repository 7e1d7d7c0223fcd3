"""Every page a role can reach is sound: signed in as each demo account over the demo data, follow every same-site
link the pages show, from the dashboard on, and find no server error and no link that the role may not open.

GET only, bounded: a few pages per URL shape (``/staff/<id>/`` is one shape, however many staff), at most
``MAX_PAGES`` pages per account. A link that answers 403 or 404 to the person it was shown to is a broken promise;
a response ≥ 500 is a bug wherever it comes from.
"""

import functools
import re
from collections import deque
from dataclasses import dataclass
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from thiduakhenthuong.documents import rendering
from thiduakhenthuong.organization.demo import demo_accounts

pytestmark = pytest.mark.django_db

MAX_PAGES = 400
#: Pages visited per URL shape (ids replaced, query values dropped); printed documents are slow, one of each.
PER_SHAPE, PER_PRINT_SHAPE = 3, 1
#: Links that end a session or belong to the test client's own machinery rather than to a page.
SKIPPED = re.compile(r"^/(accounts/logout|static/|__debug__/)")
ID_PARTS = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?=/|$)")
PRINTED = re.compile(r"(pdf|xlsx|docx|download|print|export)", re.IGNORECASE)


class LinkParser(HTMLParser):
    """The targets a page offers to follow by GET: ``<a href>`` and htmx ``hx-get``."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hx-get"):
            self.links.append(attrs["hx-get"])


def same_site(link: str, base: str) -> str | None:
    """``link`` as an absolute path with its query, or None when it leaves the site or is no page."""
    link, _ = urldefrag(link.strip())
    if not link or link.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(link)
    if (parts.scheme or parts.netloc) and parts.netloc not in {"testserver", ""}:
        return None
    path = parts.path
    if not path:
        path = urlsplit(base).path
    elif not path.startswith("/"):
        path = urlsplit(base).path.rsplit("/", 1)[0] + "/" + path
    return path + (f"?{parts.query}" if parts.query else "")


def shape(url: str) -> str:
    """``/awards/registrations/12/?team=3&page=2`` → ``/awards/registrations/<id>/?page&team``."""
    parts = urlsplit(url)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return ID_PARTS.sub("/<id>", parts.path) + ("?" + urlencode([(k, "") for k in keys]) if keys else "")


@dataclass
class Problem:
    username: str
    url: str
    status: int
    shown_on: str

    def __str__(self):
        return f"{self.username}: {self.url} → {self.status} (liên kết trên {self.shown_on})"


def crawl(client: Client, username: str, start: str = "/") -> tuple[list[Problem], int]:
    """Breadth-first from ``start`` (the dashboard); returns the problems found and how many pages were opened."""
    queue: deque[tuple[str, str]] = deque([(start, "(trang đầu)")])
    seen: set[str] = {start}
    per_shape: dict[str, int] = {}
    problems: list[Problem] = []
    opened = 0
    while queue and opened < MAX_PAGES:
        url, shown_on = queue.popleft()
        response = client.get(url)
        opened += 1
        status = response.status_code
        if status >= 500 or status in {403, 404}:
            problems.append(Problem(username, url, status, shown_on))
            continue
        if status in {301, 302}:
            target = same_site(response["Location"], url)
            if target and target.startswith("/accounts/login"):
                problems.append(Problem(username, url, status, shown_on))
            found = [target] if target else []
        elif "text/html" in response.get("Content-Type", ""):
            parser = LinkParser()
            parser.feed(response.content.decode())
            found = [same_site(link, url) for link in parser.links]
        else:
            found = []
        for link in found:
            if link is None or link in seen or SKIPPED.match(link):
                continue
            seen.add(link)
            key = shape(link)
            limit = PER_PRINT_SHAPE if PRINTED.search(link) else PER_SHAPE
            if per_shape.get(key, 0) >= limit:
                continue
            per_shape[key] = per_shape.get(key, 0) + 1
            queue.append((link, url))
    return problems, opened


@pytest.fixture
def demo_site(db, monkeypatch):
    """The demo as ``make run`` loads it. The same printed page is laid out once for all accounts: each account's
    request still runs its view, permission checks and template; only WeasyPrint's identical work is shared."""
    call_command("seed_demo", stdout=StringIO())
    monkeypatch.setattr(rendering, "html_to_pdf", functools.cache(rendering.html_to_pdf))


def test_every_link_a_demo_account_is_shown_answers(demo_site):
    usernames = [person.username for person in demo_accounts()]
    assert len(usernames) >= 6
    problems, opened = [], {}
    for username in usernames:
        client = Client(raise_request_exception=False)  # a 500 is recorded, not raised
        client.force_login(get_user_model().objects.get(username=username))
        found, opened[username] = crawl(client, username)
        problems += found
    assert not problems, "\n".join(map(str, problems))
    # the crawl reached past the dashboard for everyone: menus, lists and the pages they lead to
    assert all(count >= 15 for count in opened.values()), opened


def test_the_public_page_crawled_anonymously(demo_site):
    """The school's public page of good deeds opens without login and links only to what an anonymous visitor may
    open (its feed, its pages; never a page that sends to the login)."""
    client = Client(raise_request_exception=False)
    start = reverse("exemplars:public_deeds", args=["thcd"])
    assert "Nhặt được ví tiền" in client.get(start).content.decode()
    problems, opened = crawl(client, "(khách)", start=start)
    assert not problems, "\n".join(map(str, problems))
    assert opened >= 2, opened
