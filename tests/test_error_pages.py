"""Refused and missing pages are the app's own: Vietnamese, with the menu, and sized for a phone."""

import pytest
from django.urls import reverse

from thiduakhenthuong.organization.models import Role

pytestmark = pytest.mark.django_db


def test_forbidden_page_says_why_in_vietnamese(client_for):
    response = client_for(Role.MEMBER).get(reverse("awards:evaluation_list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không có quyền mở trang này" in page
    assert "Bạn không có quyền thực hiện chức năng này." in page  # the reason given by the view
    assert 'name="viewport"' in page and "Về trang chính" in page


def test_missing_page(client_for, settings):
    settings.DEBUG = False
    response = client_for(Role.MEMBER).get(reverse("awards:initiative_detail", args=[999999]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
