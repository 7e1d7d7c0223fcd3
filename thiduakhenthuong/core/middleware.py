"""Request middleware of the kernel: idle-session timeout, the signed-in person's staff record, hostile bodies."""

import codecs
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render

from thiduakhenthuong.organization.permissions import load_staff

_LAST_SEEN = "last_seen"
_TOUCH_EVERY = 60  # seconds: refresh the idle clock at most once a minute, so most requests write nothing


class IdleTimeoutMiddleware:
    """Signs a person out after ``SESSION_IDLE_TIMEOUT`` seconds without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(_LAST_SEEN, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, "Phiên làm việc đã hết hạn do lâu không thao tác. Vui lòng đăng nhập lại.")
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= _TOUCH_EVERY or _LAST_SEEN not in request.session:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


class CurrentStaffMiddleware:
    """Sets ``request.staff`` (the user's Staff row or None) and ``request.school``.

    One query for a signed-in person (staff with school and team); none for anonymous requests.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.staff = load_staff(request.user)
        request.school = request.staff.school if request.staff else None
        return self.get_response(request)


#: What a form may send: the two encodings of an HTML form.
FORM_CONTENT_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RequestBodyGuardMiddleware:
    """Refuses, with a Vietnamese page, a request body that no form of the site can have sent.

    - larger than ``REQUEST_BODY_MAX_BYTES`` (the largest file a form takes plus room for its fields): 413, by the
      announced length before anything is read, or when Django's own caps trip while reading;
    - not a form's encoding (JSON, plain text, XML…), or a form body that cannot be parsed (a multipart body without
      its boundary, a broken part, an unknown charset, too many fields): 400.

    It parses the body once, before any view or the CSRF check (which would parse it anyway), so that a hostile body
    is answered here and never as a server error deep in a view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in _BODY_METHODS:
            refusal = self._check(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _check(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return body_refused(request, 400)
        if length > settings.REQUEST_BODY_MAX_BYTES:
            return body_refused(request, 413, size=length)
        if length == 0:
            return None
        if request.content_type not in FORM_CONTENT_TYPES:
            return body_refused(request, 400)
        charset = request.content_params.get("charset")
        if charset:
            try:
                codecs.lookup(charset)
            except LookupError:
                return body_refused(request, 400)
        try:
            request.POST  # noqa: B018 -- parse now, where its errors are answered
            request.FILES  # noqa: B018
        except RequestDataTooBig:
            return body_refused(request, 413, size=length)
        except (MultiPartParserError, SuspiciousOperation, UnicodeError, LookupError, ValueError):
            return body_refused(request, 400)
        return None


def body_refused(request, status: int, *, size: int = 0):
    """The page for a refused body: 413 (too large) or 400 (not a form's data), in Vietnamese."""
    response = render(
        request,
        "413.html" if status == 413 else "400.html",
        {"size": size, "limit": settings.REQUEST_BODY_MAX_BYTES},
        status=status,
    )
    response["Connection"] = "close"  # the rest of a refused body is not read
    return response
