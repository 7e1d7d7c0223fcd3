from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tests.factories import IssuerFactory, OfficialDocumentFactory
from thiduakhenthuong.documents import services

pytestmark = pytest.mark.django_db


def test_render_document_by_symbol_and_year(make_document, tmp_path, other_school):
    plan = make_document(doc_type="KH", summary="Công tác Thi đua - Khen thưởng năm 2023")
    services.register_historical(actor=None, document=plan, number=23, issued_on=date(2023, 1, 30))
    # Another school's council with the same abbreviation does not get in the way of THCD's symbol.
    council = IssuerFactory(school=other_school, council=True)
    services.issue_document(actor=None, document=OfficialDocumentFactory(issuer=council), issued_on=date(2023, 3, 1))

    output = tmp_path / "kh.pdf"
    call_command("render_document", "23/KH-THCD", "--year", "2023", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    call_command("render_document", "23 /KH-THCD", "--year", "2023", "--output", str(output))

    with pytest.raises(CommandError, match="Không có văn bản"):
        call_command("render_document", "23/KH-THCD", "--year", "2024", "--output", str(output))
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("render_document", "KH-THCD", "--year", "2023")


def test_an_ambiguous_council_symbol_needs_the_school(school, other_school, tmp_path):
    for owner in (school, other_school):
        council = IssuerFactory(school=owner, council=True)
        draft = OfficialDocumentFactory(issuer=council, doc_type="BB")
        services.issue_document(actor=None, document=draft, issued_on=date(2023, 5, 20))
    output = tmp_path / "bb.pdf"
    with pytest.raises(CommandError, match="--school"):
        call_command("render_document", "01/BB-HĐTĐKT", "--year", "2023", "--output", str(output))
    call_command("render_document", "1/BB-HĐTĐKT", "--year", "2023", "--school", "THBH", "--output", str(output))
    assert output.exists()


def test_a_draft_is_not_rendered_by_the_command(make_document, tmp_path):
    make_document()
    with pytest.raises(CommandError):
        call_command("render_document", "/TB-THCD", "--year", "2023", "--output", str(tmp_path / "x.pdf"))
