"""Kernel pages: the dashboard, notifications and the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST, require_safe
from openpyxl import Workbook

from thiduakhenthuong.core.pagination import Paginator
from thiduakhenthuong.organization.permissions import can_read_audit

from . import audit
from .access import staff_required
from .forms import AuditFilterForm
from .models import AuditEntry, Notification
from .registry import registry
from .spreadsheets import inert_row, xlsx_response


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


def _audit_entries(request):
    entries = AuditEntry.objects.filter(school=request.school).select_related("actor__staff", "content_type")
    form = AuditFilterForm(request.GET or None, school=request.school)
    return form, form.filter(entries)


def actor_name(entry: AuditEntry) -> str:
    """Who acted, by name; "Hệ thống" for system work (the demo loader, a command)."""
    if entry.actor is None:
        return "Hệ thống"
    staff = getattr(entry.actor, "staff", None)
    return staff.full_name if staff else entry.actor.get_full_name() or entry.actor.username


@staff_required(can_read_audit)
def audit_log(request):
    """The principal reads what was changed in her school, filtered by action, person, object and dates."""
    form, entries = _audit_entries(request)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [(entry, actor_name(entry), audit.describe(entry)) for entry in page.object_list]
    export = f"{reverse('audit_export')}?{request.GET.urlencode()}" if request.GET else reverse("audit_export")
    return render(request, "core/audit_log.html", {"page": page, "rows": rows, "form": form, "export_url": export})


@staff_required(can_read_audit)
@require_safe
def audit_export(request):
    """The filtered audit log as an .xlsx file, every row (not one page)."""
    _, entries = _audit_entries(request)
    rows = (
        [
            timezone.localtime(entry.created_at).strftime("%H:%M %d/%m/%Y"),
            actor_name(entry),
            entry.action_label,
            str(entry.content_type.model_class()._meta.verbose_name).capitalize(),
            entry.object_repr,
            "\n".join(
                f"{line.label}: {line.before or '—'} → {line.after or '—'}"
                if line.before
                else f"{line.label}: {line.after}"
                for line in audit.describe(entry)
            ),
            entry.reason,
            str(entry.group),
        ]
        for entry in entries.iterator(chunk_size=500)
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhật ký")
    sheet.append(
        ["Thời điểm", "Người thực hiện", "Thao tác", "Loại đối tượng", "Đối tượng", "Thay đổi", "Lý do", "Lượt"]
    )
    for row in rows:
        sheet.append(inert_row(sheet, row))
    return xlsx_response(workbook, f"nhat-ky-thao-tac-{request.school.abbreviation}.xlsx")


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
