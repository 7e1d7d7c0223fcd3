"""The one helper for calling a service from a view, and the one PDF response."""

from urllib.parse import unquote

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from thiduakhenthuong.core.responses import content_disposition, download_name, pdf_response, run_service


class NameForm(forms.Form):
    name = forms.CharField()


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request):
    return [(message.level_tag, message.message) for message in get_messages(request)]


def test_success_returns_the_value_and_says_so():
    request = _request()
    outcome = run_service(request, lambda: 42, "Đã lưu.")
    assert outcome and outcome.value == 42
    assert _messages(request) == [("success", "Đã lưu.")]


def test_a_refusal_without_a_form_becomes_error_messages():
    request = _request()

    def refuse():
        raise ValidationError(["Không thể cấp số.", "Thiếu trích yếu."])

    outcome = run_service(request, refuse, "Không bao giờ hiện")
    assert not outcome and outcome.value is None
    assert _messages(request) == [("error", "Không thể cấp số."), ("error", "Thiếu trích yếu.")]


def test_a_refusal_with_a_form_goes_to_its_fields_and_on_top():
    request = _request()
    form = NameForm({"name": "x"})
    assert form.is_valid()

    def refuse():
        raise ValidationError({"name": "Tên đã được dùng.", "school": "Sai đơn vị."})

    assert not run_service(request, refuse, "Đã lưu.", form=form)
    assert form.errors == {"name": ["Tên đã được dùng."], "__all__": ["Sai đơn vị."]}
    assert _messages(request) == []


def test_other_errors_are_bugs_and_propagate():
    with pytest.raises(ZeroDivisionError):
        run_service(_request(), lambda: 1 / 0)


@pytest.mark.parametrize(
    ("given", "ascii_name"),
    [
        ("-tb-thcd-du-thao.pdf", "tb-thcd-du-thao.pdf"),
        ("Danh sách đăng ký thi đua 2025-2026.pdf", "danh-sach-dang-ky-thi-dua-2025-2026.pdf"),
        ("23/KH-THCD.pdf", "23-kh-thcd.pdf"),
        ("../../etc/passwd", "etc-passwd"),
        ("---.pdf", "tai-lieu.pdf"),
        ('Đ"ơn; x\r\n.pdf', "d-on-x.pdf"),
    ],
)
def test_download_names_are_plain_ascii_and_never_start_with_a_hyphen(given, ascii_name):
    assert download_name(given) == ascii_name


def test_content_disposition_carries_both_names():
    header = content_disposition("Kế hoạch 02/KH-THCD.pdf", inline=False)
    assert header.startswith("attachment; filename=\"ke-hoach-02-kh-thcd.pdf\"; filename*=UTF-8''")
    assert unquote(header.split("UTF-8''")[1]) == "Kế hoạch 02-KH-THCD.pdf"
    assert "\n" not in content_disposition("a\nb.pdf", inline=True)


def test_pdf_response():
    response = pdf_response(b"%PDF-1.7", "-tb-thcd-du-thao.pdf")
    assert response["Content-Type"] == "application/pdf" and response.content == b"%PDF-1.7"
    assert response["Content-Disposition"].startswith('inline; filename="tb-thcd-du-thao.pdf"; filename*=')
    assert "filename*=UTF-8''tb-thcd-du-thao.pdf" in response["Content-Disposition"]
