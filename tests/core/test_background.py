"""Background work goes through Django's task API (django-tasks): the database backend by default, worked by
``manage.py run_worker``; the Redis backend (django-tasks-rq) by configuration alone."""

import pytest
from django.conf import settings
from django_tasks import TaskResultStatus, task, task_backends

from thiduakhenthuong.core.models import AuditEntry


@task()
def count_audit_rows(label: str) -> str:
    """A job whose result depends on the database the worker reads."""
    return f"{label}: {AuditEntry.objects.count()}"


def test_the_database_backend_is_the_default():
    assert settings.TASKS_BACKEND == "database"
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"


@pytest.mark.django_db
def test_a_job_waits_in_the_database_until_the_worker_runs_it(db_worker):
    result = count_audit_rows.enqueue("hàng đợi")
    result.refresh()
    assert result.status == TaskResultStatus.READY  # nothing runs in the web process

    db_worker()

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "hàng đợi: 0"


@pytest.mark.django_db
def test_the_redis_backend_runs_the_same_job(rq_tasks):
    queue_name, work = rq_tasks
    backend = task_backends["default"]
    assert type(backend).__name__ == "RQBackend"
    result = count_audit_rows.using(queue_name=queue_name).enqueue("redis")
    assert result.status == TaskResultStatus.READY

    work()

    result = backend.get_result(result.id)
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "redis: 0"
