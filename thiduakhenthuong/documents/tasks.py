"""Dashboard tasks of the clerk: documents waiting for a number, and numbered ones waiting for their signed scan."""

from django.db.models import Count, Q
from django.urls import reverse

from thiduakhenthuong.core.compiled import CompiledQuery
from thiduakhenthuong.core.registry import Task

from .models import DocumentStatus, OfficialDocument
from .permissions import can_number_documents, can_upload_scans

#: (drafts, issued) of the school, one row (none while the school has no document).
_WAITING = CompiledQuery(
    lambda school: (
        OfficialDocument.objects.filter(school=school)
        .order_by()
        .values("school")
        .annotate(
            drafts=Count("pk", filter=Q(status=DocumentStatus.DRAFT)),
            issued=Count("pk", filter=Q(status=DocumentStatus.ISSUED)),
        )
        .values_list("drafts", "issued")
    )
)


def clerk_tasks(staff):
    numbers, scans = can_number_documents(staff), can_upload_scans(staff)
    if not (numbers or scans):
        return []
    (waiting,) = yield (_WAITING.question("rows", school=staff.school_id),)
    drafts, issued = next(iter(waiting), (0, 0))
    url = reverse("documents:document_list")
    tasks = []
    if drafts and numbers:
        tasks.append(
            Task(
                "Văn bản chờ cấp số",
                f"{url}?status={DocumentStatus.DRAFT}",
                "Dự thảo đã soạn: kiểm tra, cấp số theo sổ đăng ký văn bản đi.",
                count=drafts,
            )
        )
    if issued and scans:
        tasks.append(
            Task(
                "Văn bản chờ bản ký",
                f"{url}?status={DocumentStatus.ISSUED}",
                "Đã cấp số nhưng chưa đính kèm bản quét có chữ ký và con dấu.",
                count=issued,
            )
        )
    return tasks
