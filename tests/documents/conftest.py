import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import IssuerFactory, OfficialDocumentFactory
from thiduakhenthuong.organization.models import Role


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Scans go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def issuer(school):
    return IssuerFactory(school=school)


@pytest.fixture
def clerk(make_staff):
    return make_staff(Role.CLERK, full_name="Trần Thị Ánh", position="Văn thư")


@pytest.fixture
def make_document(issuer):
    def make(**fields):
        fields.setdefault("issuer", issuer)
        return OfficialDocumentFactory(**fields)

    return make


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def scan_file():
    def make(content: bytes | None = None, name: str = "ban-ky.pdf", content_type: str = "application/pdf"):
        return SimpleUploadedFile(name, pdf_bytes() if content is None else content, content_type=content_type)

    return make
