"""Background jobs of the awards app, run by the worker through Django's task API (django-tasks).

Not to be confused with ``awards/tasks.py``, the dashboard's to-do providers. A job takes only ids: everything it
needs is read from the database when it runs, so it survives a restart of the web process, and it runs the same on
the database backend and on Redis (``TASKS_BACKEND``).
"""

from django_tasks import task

from . import certificates


@task()
def render_certificate_batch(batch_id: int) -> int:
    """All certificates of one decision as one PDF (``certificates.run_certificate_batch``)."""
    return certificates.run_certificate_batch(batch_id)
