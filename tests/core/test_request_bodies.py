"""Bodies no form sends (too large, not a form's encoding, broken) get a Vietnamese 413/400 page, never a 500.

Every form route is covered by the fuzz suite (tests/fuzz: ``HOSTILE_BODIES``); these pin the pages themselves.
"""

import pytest
from django.urls import reverse

from thiduakhenthuong.organization.models import Role, Staff

pytestmark = pytest.mark.django_db


def test_an_11_mb_body_is_refused_by_its_length_with_a_vietnamese_413(client_for):
    client = client_for(Role.PRINCIPAL)
    response = client.generic(
        "POST",
        reverse("organization:staff_create"),
        b"full_name=" + b"a" * (11 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in page and "11,0\xa0MB" in page and "10,5\xa0MB" in page
    assert 'name="viewport"' in page  # the site's own page, with its menu
    assert Staff.objects.count() == 1


def test_a_body_within_the_length_but_over_django_s_field_cap_is_a_413_too(client_for, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = client_for(Role.PRINCIPAL)
    response = client.post(reverse("organization:staff_create"), {"full_name": "a" * 2000})
    assert response.status_code == 413 and "Dữ liệu gửi lên quá lớn" in response.content.decode()


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", '{"full_name": "Lê An"}'.encode()),
        ("text/plain", b"full_name=L\xc3\xaa An"),
        ("multipart/form-data", b"--x\r\n\r\n"),
        ("application/x-www-form-urlencoded; charset=x-unknown-9", b"full_name=%FF"),
    ],
)
def test_a_body_that_is_not_a_form_s_gets_a_vietnamese_400(client_for, content_type, body):
    client = client_for(Role.PRINCIPAL)
    response = client.generic("POST", reverse("organization:staff_create"), body, content_type=content_type)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.content.decode()
    assert Staff.objects.count() == 1


def test_forms_still_post_as_forms(client_for):
    client = client_for(Role.PRINCIPAL)
    response = client.post(reverse("organization:staff_create"), {"full_name": ""})
    assert response.status_code == 200 and "Yêu cầu không hợp lệ" not in response.content.decode()
