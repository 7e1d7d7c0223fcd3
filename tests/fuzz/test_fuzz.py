"""Every form and query parameter of the app, fed generated and hostile values as a role allowed to use it.

The forms are found by ``discovery`` (no list kept by hand). For each, hypothesis mutates a few fields of the form as
the page rendered it: empty, 10,000 characters, NUL, invalid UTF-8, emoji, HTML and formula payloads, huge and
negative numbers, impossible dates, ids of another school, a field missing or sent twice, broken uploads. Each
request runs in a savepoint rolled back afterwards, so every example starts from the same data.

Asserted: no response is a server error (≥ 500, or an exception), and a refused input (4xx, the form shown again
with errors, or a redirect carrying an error message) changed no row of any table.
"""

import io
import zipfile

import pytest
from django.apps import apps
from django.contrib.messages import constants
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.factories import SchoolYearFactory, StaffFactory, TeamFactory
from tests.test_permissions import ROLES, World, _people
from thiduakhenthuong.core.spreadsheets import MAX_INFLATED_BYTES

from .discovery import discover, pages

#: Tables a refused request may still touch: the session and the login-attempt log.
NOT_COUNTED = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
ERROR_MARKERS = ("invalid-feedback", "errorlist", "alert-danger", "is-invalid", "text-danger")

HOSTILE_TEXT = [
    "",
    " ",
    "x" * 10_000,
    "\x00",
    "abc\x00def",
    "\ud800".encode("utf-8", "surrogatepass"),  # a lone surrogate, as the invalid UTF-8 a client could send
    b"\xff\xfe\xfa",
    "😀👍🏽‍🔥",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\t=1+1",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\r\n",
    "²",
    "١٢",
    "-1",
    "0",
    str(2**70),
    str(-(2**70)),
    "1e309",
    "NaN",
    "31/02/2024",
    "00/00/0000",
    "99/99/99999",
    "2024-02-30",
    "true",
    "[]",
]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with zipfile.ZipFile(io.BytesIO(_xlsx([["a"]]))) as source:
            for info in source.infolist():
                archive.writestr(info, source.read(info))
        archive.writestr("xl/worksheets/sheet2.xml", b" " * (MAX_INFLATED_BYTES + 1))
    return buffer.getvalue()


def _uploads():
    damaged = _xlsx([["Họ và tên"], ["A"]]).replace(b"worksheet", b"worksheeX")
    return [
        ("rong.pdf", b""),
        ("ngau-nhien.bin", bytes(range(256)) * 8),
        ("hong.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100),
        ("bang.xlsx", _xlsx([["Họ và tên", "Năm học"], ['=HYPERLINK("x")', "²"]])),
        ("hong.xlsx", damaged),
        ("bom.xlsx", _bomb()),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("../../../etc/passwd", b"%PDF-1.4\n%%EOF\n"),
        ("a" * 300 + ".pdf", b"%PDF-1.4\n%%EOF\n"),
    ]


UPLOADS = _uploads()


def _fresh_upload(choice):
    name, content = choice
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_COUNTED and model._meta.managed
    }


def _refused(response) -> bool:
    if response.status_code >= 400:
        return True
    if response.status_code in (301, 302, 303):
        queued = getattr(getattr(response.wsgi_request, "_messages", None), "_queued_messages", [])
        return any(message.level >= constants.ERROR for message in queued)
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        return any(marker in response.content.decode(errors="replace") for marker in ERROR_MARKERS)
    return False


def _values(shape, other_ids):
    """For each field, the strategy of what to send in its place."""
    strategies = {}
    for name, field in shape.fields.items():
        offered = [value for value in field.values if isinstance(value, str)] or [""]
        if field.kind == "file":
            strategies[name] = st.sampled_from(UPLOADS).map(_fresh_upload)
            continue
        choices = st.one_of(
            st.sampled_from(HOSTILE_TEXT + other_ids),
            st.text(max_size=40),
            st.integers(min_value=-(2**80), max_value=2**80).map(str),
        )
        strategies[name] = st.one_of(
            choices,
            st.lists(st.sampled_from(offered) | choices, min_size=2, max_size=3),  # the field sent more than once
            st.just(None),  # the field missing
        )
    return strategies


def _baseline(shape) -> dict:
    """The form as the page rendered it (a choice field takes its first non-empty option)."""
    data = {}
    for name, field in shape.fields.items():
        if field.kind == "file":
            data[name] = _fresh_upload(UPLOADS[3])
        elif field.kind in ("checkbox", "radio", "select"):
            chosen = [value for value in field.values if value] or field.values[:1]
            data[name] = chosen[: 2 if field.multiple else 1] if field.multiple else (chosen[0] if chosen else "")
        else:
            data[name] = field.values[0] if field.values else ""
    return data


def _send(client: Client, shape, data: dict):
    payload = {key: value for key, value in data.items() if value is not None}
    if shape.method == "post":
        return client.post(shape.action, payload)
    for key, value in payload.items():
        if hasattr(value, "read"):
            payload[key] = value.name
    return client.get(shape.action, payload)


def _check_one(client: Client, shape, data: dict, before: dict[str, int]) -> None:
    """One request in a savepoint rolled back afterwards; raise AssertionError for what the suite forbids.

    ``before`` are the row counts every example starts from (each one is rolled back).
    """
    with transaction.atomic():
        try:
            response = _send(client, shape, data)
        except Exception as error:  # the test client re-raises a view's exception: a 500 for a user
            raise AssertionError(f"{shape}: server error {type(error).__name__}: {error}") from error
        assert response.status_code < 500, f"{shape}: HTTP {response.status_code}"
        if _refused(response):
            after = _row_counts()
            changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
            assert not changed, f"{shape}: refused (HTTP {response.status_code}) yet rows changed: {changed}"
        transaction.set_rollback(True)


#: Bodies no form of the site sends, with the status and the Vietnamese page title each must get (never a 500).
_BIG = b"ghi_chu=" + b"a" * (11 * 1024 * 1024)
HOSTILE_BODIES = [
    ("11 MB", "application/x-www-form-urlencoded", _BIG, 413, "Dữ liệu gửi lên quá lớn"),
    ("JSON", "application/json", b'{"full_name": "x"}', 400, "Yêu cầu không hợp lệ"),
    ("XML", "text/xml", b"<a>x</a>", 400, "Yêu cầu không hợp lệ"),
    ("multipart without boundary", "multipart/form-data", b"--x\r\n\r\n", 400, "Yêu cầu không hợp lệ"),
    ("unknown charset", "application/x-www-form-urlencoded; charset=x-unknown-9", b"a=%FF", 400, "Yêu cầu không"),
]


def _hostile_bodies(client: Client, shape, before) -> list[str]:
    """The whole body hostile (too large, not a form's encoding, broken): a Vietnamese 413/400, nothing written."""
    failures = []
    for label, content_type, body, status, title in HOSTILE_BODIES:
        with transaction.atomic():
            try:
                response = client.generic("POST", shape.action, body, content_type=content_type)
            except Exception as error:
                failures.append(f"{shape}: {label} body: server error {type(error).__name__}: {error}")
                continue
            page = response.content.decode(errors="replace")
            if response.status_code != status or title not in page:
                failures.append(f"{shape}: {label} body: HTTP {response.status_code}, expected {status} “{title}”")
            after = _row_counts()
            if any(before[label_] != after[label_] for label_ in before):
                failures.append(f"{shape}: {label} body refused yet rows changed")
            transaction.set_rollback(True)
    return failures


def _fuzz_form(client: Client, shape, other_ids, before) -> None:
    strategies = _values(shape, other_ids)
    names = sorted(strategies)

    @given(
        mutated=st.sets(st.sampled_from(names), min_size=1, max_size=min(3, len(names))) if names else st.just(set()),
        data=st.data(),
    )
    def run(mutated, data):
        sent = _baseline(shape)
        for name in sorted(mutated):
            sent[name] = data.draw(strategies[name], label=name)
        _check_one(client, shape, sent, before)

    run()


@pytest.fixture
def worlds(school, team, other_school):
    """School A with one person per role and the objects the permission matrix builds; school B's ids to steal."""
    world = World(school, team, _people(school, team))  # discovery builds the matrix's object for each id route
    other_team = TeamFactory(school=other_school, name="Tổ 1")
    stranger = StaffFactory(school=other_school, team=other_team)
    other_year = SchoolYearFactory(school=other_school)
    return world, [str(stranger.pk), str(other_team.pk), str(other_year.pk)]


def _clients(world) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        clients[role].force_login(world.people[role].user)
    return clients


@pytest.mark.django_db
def test_every_form_and_query_parameter_survives_hostile_input(worlds, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world, other_ids = worlds
    clients = _clients(world)
    failures, fuzzed = [], set()
    for route, make_url, roles in pages(world):
        with transaction.atomic():  # each page's objects live only while its forms are fuzzed
            shapes = [shape for shape in discover(route, make_url(), roles, clients) if shape.key not in fuzzed]
            before = _row_counts() if shapes else {}
            for shape in shapes:
                fuzzed.add(shape.key)
                if shape.method == "post":
                    failures.extend(_hostile_bodies(clients[shape.role], shape, before))
                try:
                    _fuzz_form(clients[shape.role], shape, other_ids, before)
                except Exception as error:  # every form is fuzzed; all failures are reported together
                    failures.append(f"{error}".splitlines()[0][:500])
            transaction.set_rollback(True)
    # discovery itself is checked: it must find the app's forms, not an empty page
    routes = {key[0] for key in fuzzed}
    for expected in ("organization:staff_import", "awards:initiative_create", "documents:document_create"):
        assert expected in routes, f"discovery lost {expected}: {sorted(routes)}"
    assert not failures, f"{len(failures)} of {len(fuzzed)} forms fail:\n" + "\n".join(failures)
