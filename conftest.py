"""Shared pytest fixtures: a school with one signed-in client per role, and a second school."""

import pytest

from tests.data_migrations import replay as replay_data_migrations
from tests.factories import SchoolFactory, StaffFactory, TeamFactory, UserFactory
from thiduakhenthuong.organization.models import Role


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _is_transactional(request) -> bool:
    """Whether the test runs outside a rolled-back transaction (its tables are flushed when it ends)."""
    marker = request.node.get_closest_marker("django_db")
    return (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction", False))
    )


@pytest.fixture(autouse=True)
def _data_migrations_rows(request):
    """A transactional test starts with the rows ``migrate`` seeded (regimes, the awards catalog, its rules), which
    an earlier transactional test's flush removed: every data migration's ``seed`` runs again
    (``tests/data_migrations.py``)."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        replay_data_migrations()


@pytest.fixture
def school(db):
    return SchoolFactory(name="Trường Tiểu học Cao Dương", abbreviation="THCD")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Trường Tiểu học Bích Hòa", abbreviation="THBH", place_name="Bích Hòa")


@pytest.fixture
def team(school):
    return TeamFactory(school=school, name="Tổ 1")


@pytest.fixture
def make_staff(school, team):
    """Create a staff member of ``school`` with a user account, holding ``role``."""

    def make(role=Role.MEMBER, *, school=school, team=team, superuser=False, **extra):
        user = UserFactory(is_superuser=superuser)
        return StaffFactory(
            school=school, role=role, team=team if team and team.school == school else None, user=user, **extra
        )

    return make


ROLES = [Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.TEAM_HEAD, Role.CLERK, Role.MEMBER, Role.ADMINISTRATOR]


@pytest.fixture
def client_for(client, make_staff):
    """A test client signed in as a new staff member holding ``role`` (returns the client; staff at ``.staff``)."""

    def login(role=Role.MEMBER, **extra):
        staff = make_staff(role, **extra)
        client.force_login(staff.user)
        client.staff = staff
        return client

    return login


@pytest.fixture
def assert_constant_queries(django_assert_max_num_queries):
    """Check that a list page costs as many queries with 50 rows as with 1, and at most ``max_queries``.

    ``add_rows(n)`` must add n rows the page shows; a list that then overflows its first page may cost the one
    COUNT that core.pagination saves a list fitting its first page. A first request warms the session and caches,
    so that both measured requests do the same work. Returns the two responses (1 row, 50 rows) for further checks.
    """

    def check(client, url, add_rows, *, max_queries, rows=50):
        assert client.get(url).status_code == 200
        add_rows(1)
        with django_assert_max_num_queries(max_queries) as one:
            first = client.get(url)
        add_rows(rows - 1)
        with django_assert_max_num_queries(max_queries) as many:  # noqa
            last = client.get(url)
        assert first.status_code == last.status_code == 200
        # the paginator counts a list only when it overflows its first page: one COUNT more, whatever the rows
        counted = len(many) == len(one) + 1 and any(
            q["sql"].startswith("SELECT COUNT(*)") for q in many.captured_queries
        )
        assert len(many) == len(one) or counted, "queries at 1 row:\n{}\nat {} rows:\n{}".format(
            "\n".join(q["sql"] for q in one.captured_queries),
            rows,
            "\n".join(q["sql"] for q in many.captured_queries),
        )
        return first, last

    return check


# --- background work ---------------------------------------------------------------------------------------------
REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def db_worker(monkeypatch):
    """Returns ``work()``: the database queue worked once (``manage.py run_worker --batch``) in this process and
    inside the test's transaction. The worker calls ``close_old_connections()`` between jobs, which drops any
    connection not in autocommit mode, as a test's is: the test's connection would be gone (PostgreSQL). Django's
    test client disconnects the same call from its request signals for the same reason."""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker as worker_module

    monkeypatch.setattr(worker_module, "close_old_connections", lambda: None)

    def work():
        call_command("run_worker", "--batch", verbosity=0)

    return work


@pytest.fixture
def rq_tasks(settings):
    """Switch the task API to the Redis backend (django-tasks-rq) on the machine's Redis server, with a queue of
    this test's own. Returns ``(queue_name, work)``: enqueue with ``task.using(queue_name=queue_name)``, then
    ``work()`` runs an RQ worker in this process until the queue is empty. Skipped when Redis is absent, except
    under CI (CI=true), where it fails."""
    import os
    import uuid

    import redis

    connection = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("Redis không chạy ở 127.0.0.1:6379 (make redis khởi động nó).")
    queue_name = f"test-{uuid.uuid4().hex[:12]}"
    settings.RQ_QUEUES = {"default": {"URL": REDIS_TEST_URL}, queue_name: {"URL": REDIS_TEST_URL}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue_name]}}

    def work():
        import django_rq
        from django_tasks_rq.backend import Job
        from rq import SimpleWorker

        django_rq.get_worker(queue_name, worker_class=SimpleWorker, job_class=Job).work(burst=True)

    yield queue_name, work
    for key in connection.scan_iter(f"rq:*{queue_name}*"):
        connection.delete(key)


@pytest.fixture(autouse=True)
def _media_outside_the_tree(settings, tmp_path_factory):
    """Files a test stores (scans, certificates made by the worker, attachments) never land in the working tree."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
