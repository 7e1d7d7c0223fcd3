"""Kernel pages: the dashboard, notifications and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe

from thiduakhenthuong.organization.permissions import can_read_audit

from .access import staff_required
from .forms import AuditFilterForm
from .models import AuditEntry, Notification
from .registry import registry


def dashboard(request):
    """What the signed-in person has to do next, gathered from every app's task providers."""
    tasks = registry.tasks_for(request.staff) if request.staff else []
    return render(request, "core/dashboard.html", {"tasks": tasks})


def notification_list(request):
    notifications = Paginator(Notification.objects.filter(recipient=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/notification_list.html", {"page": notifications})


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "notification_list")


@require_POST
def notification_read_all(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, "Đã đánh dấu tất cả thông báo là đã đọc.")
    return redirect("notification_list")


@staff_required(can_read_audit)
def audit_log(request):
    """The principal reads what was changed in her school, filtered by object or by person."""
    entries = AuditEntry.objects.filter(school=request.school).select_related("actor", "content_type")
    form = AuditFilterForm(request.GET or None, school=request.school)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("actor"):
            entries = entries.filter(actor=data["actor"])
        if data.get("content_type"):
            entries = entries.filter(content_type=data["content_type"])
        if data.get("object_id"):
            entries = entries.filter(object_id=data["object_id"])
        if data.get("text"):
            entries = entries.filter(object_repr__icontains=data["text"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"page": page, "form": form})


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """For monitoring (and the benchmark's baseline): the app answers. Public; touches no database."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


#: A gold star on red: browsers ask for /favicon.ico on every first visit, and a 404 there is noise in the logs.
_FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#c8102e"/>'
    b'<path fill="#ffcd00" d="M16 5l3.1 9.5H29l-8 5.9 3.1 9.6-8.1-5.9-8.1 5.9 3.1-9.6-8-5.9h9.9z"/></svg>'
)


@login_not_required
@cache_control(max_age=7 * 24 * 3600, public=True)
@require_safe
def favicon(request):
    return HttpResponse(_FAVICON, content_type="image/svg+xml")
