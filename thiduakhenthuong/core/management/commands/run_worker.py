"""``manage.py run_worker``: the background worker of whichever task backend is configured (``TASKS_BACKEND``).

The database backend (default) is worked by django-tasks-db's ``db_worker``; the Redis backend (``TASKS_BACKEND=rq``)
by django-rq's ``rqworker`` on the same queue. ``make run`` starts this beside the web server, so a developer never
has to know which one runs. ``--batch`` works the queue until it is empty and stops (tests, cron).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy tiến trình xử lý nền (hàng đợi công việc theo TASKS_BACKEND: database hoặc rq)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Xử lý hết hàng đợi rồi dừng.")
        parser.add_argument("--queue", default="default", help="Tên hàng đợi (mặc định: default).")

    def handle(self, *args, batch: bool, queue: str, verbosity: int, **options):
        if settings.TASKS_BACKEND == "rq":
            # RQ must build django-tasks-rq's job class, which calls the Task rather than the function it wraps.
            arguments = [queue, "--job-class", "django_tasks_rq.backend.Job"] + (["--burst"] if batch else [])
            call_command("rqworker", *arguments, verbosity=verbosity)
            return
        # One process, no autoreloader: Ctrl-C or SIGTERM from `make run` reaches the worker itself, which stops
        # after the job in hand.
        arguments = ["--queue-name", queue, "--no-startup-delay", "--no-reload"]
        if batch:
            arguments.append("--batch")
        call_command("db_worker", *arguments, verbosity=verbosity)
