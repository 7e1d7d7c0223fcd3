"""Request middleware of the kernel: idle-session timeout and the signed-in person's staff record."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

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
