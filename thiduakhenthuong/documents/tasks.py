"""Dashboard tasks of the clerk: documents waiting for a number, and numbered ones waiting for their signed scan."""

from django.db.models import Count, Q
from django.urls import reverse

from thiduakhenthuong.core.registry import Task

from .models import DocumentStatus, OfficialDocument
from .permissions import ISSUERS, SCAN_UPLOADERS


def clerk_tasks(request):
    roles = request.roles
    if not roles & (ISSUERS | SCAN_UPLOADERS):
        return []
    counts = OfficialDocument.objects.filter(school=request.school).aggregate(
        drafts=Count("pk", filter=Q(status=DocumentStatus.DRAFT)),
        issued=Count("pk", filter=Q(status=DocumentStatus.ISSUED)),
    )
    url = reverse("documents:document_list")
    tasks = []
    if counts["drafts"] and roles & ISSUERS:
        tasks.append(
            Task(
                "Văn bản chờ cấp số",
                f"{url}?status={DocumentStatus.DRAFT}",
                "Dự thảo đã soạn: kiểm tra, cấp số theo sổ đăng ký văn bản đi.",
                count=counts["drafts"],
            )
        )
    if counts["issued"] and roles & SCAN_UPLOADERS:
        tasks.append(
            Task(
                "Văn bản chờ bản ký",
                f"{url}?status={DocumentStatus.ISSUED}",
                "Đã cấp số nhưng chưa đính kèm bản quét có chữ ký và con dấu.",
                count=counts["issued"],
            )
        )
    return tasks
