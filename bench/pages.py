#!/usr/bin/env python
"""Benchmark the busiest pages (staff list, dashboard) of a district-sized site against a trivial view.

Builds the district dataset (80 schools × 50 staff plus the reference school) in a fresh SQLite file, or in the
PostgreSQL database named by DATABASE_URL; serves it with gunicorn on 127.0.0.1 (a free port, DEBUG=0, behind a
pretend TLS proxy: every request carries X-Forwarded-Proto: https); signs in one principal per client, each of a
different school; then for ``--duration`` seconds ``--clients`` threads request the staff list and the dashboard
in turn; then the same signed-in clients request ``/healthz``, a view that does nothing (so the comparison is
what the pages cost beyond what every signed-in request pays: session, account and staff lookups, middleware);
then anonymous clients request ``/healthz`` (no database at all), for information. It prints one figure per line
and always stops its server. Pages are counted together (the targets) and each on its own (staff_list_…, dashboard_…).

    python bench/pages.py [--duration 20] [--clients 20] [--workers 3] [--schools 80] [--staff-per-school 50]
"""

import argparse
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HEALTHZ, ROOT, Site, free_port, percentile, wait_until_up  # noqa: E402  (bench/common.py)

TARGET_P95_MS = 150
TARGET_RATIO = 0.40
PAGES = ["/organization/staff/", "/"]
#: The name each page's own figures are printed under.
PAGE_NAMES = {"/organization/staff/": "staff_list", "/": "dashboard"}

#: Run by ``manage.py shell``: one account per district school's principal, all with the benchmark password.
ACCOUNTS_CODE = """
import os
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from thiduakhenthuong.organization.demo import district_abbreviation
from thiduakhenthuong.organization.models import School, Staff

User = get_user_model()
password = make_password(os.environ["BENCH_PASSWORD"])
for number in range(1, int(os.environ["BENCH_ACCOUNTS"]) + 1):
    school = School.objects.get(abbreviation=district_abbreviation(number))
    principal = Staff.objects.principal_of(school)
    user, _ = User.objects.update_or_create(
        username=f"bench{number:03d}", defaults={"password": password, "first_name": principal.full_name}
    )
    if principal.user_id != user.pk:
        principal.user = user
        principal.save(update_fields=["user"])
"""


def drive(site: Site, sessions: list[dict | None], paths: list[str], duration: float) -> dict:
    """Each session in its own thread requests ``paths`` in turn until the time is up; returns the figures, overall
    and per path (``by_path``)."""
    latencies: dict[str, list[float]] = {path: [] for path in paths}
    errors = [0]
    lock = threading.Lock()
    start_line = threading.Barrier(len(sessions) + 1)
    deadline = [0.0]

    def client(index: int, cookies: dict | None):
        mine, failed, turn = {path: [] for path in paths}, 0, index
        start_line.wait()
        while time.monotonic() < deadline[0]:  # bounded by the duration
            path = paths[turn % len(paths)]
            turn += 1
            began = time.perf_counter()
            try:
                status, _, _ = site.request("GET", path, cookies=cookies)
            except OSError:
                status = 0
            mine[path].append(time.perf_counter() - began)
            failed += status != 200
        with lock:
            for path, times in mine.items():
                latencies[path].extend(times)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i, s), daemon=True) for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + duration
    start_line.wait()
    for thread in threads:
        thread.join(duration + 60)
    elapsed = time.monotonic() - began

    def figures(times: list[float]) -> dict:
        return {
            "requests": len(times), "rps": len(times) / elapsed,
            "p50": percentile(times, 0.50), "p95": percentile(times, 0.95),
        }  # fmt: skip

    overall = figures([t for times in latencies.values() for t in times])
    return {**overall, "errors": errors[0], "by_path": {path: figures(times) for path, times in latencies.items()}}


def run(args) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_PROXY_SSL_HEADER": "1",
        "LOG_LEVEL": "ERROR",
        "BENCH_PASSWORD": secrets.token_urlsafe(16),
        "BENCH_ACCOUNTS": str(args.clients),
        "PYTHONPATH": str(ROOT),
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    database = env["DATABASE_URL"].split(":", 1)[0]
    server = None
    load_before = os.getloadavg()
    try:
        manage = [sys.executable, str(ROOT / "manage.py")]
        began = time.monotonic()
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*manage, "seed_demo", "--schools", str(args.schools), "--staff-per-school", str(args.staff_per_school)],
            env=env,
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run([*manage, "shell", "-v0", "-c", ACCOUNTS_CODE], env=env, cwd=ROOT, check=True)
        print(f"dataset: {args.schools} schools x {args.staff_per_school} staff + the reference school ({database}), "
              f"built in {time.monotonic() - began:.1f} s")  # fmt: skip

        port = free_port()
        log = workdir / "gunicorn.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "thiduakhenthuong.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--error-logfile", str(log), "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        site = Site(port)
        wait_until_up(site, server, log)
        sessions = [site.login(f"bench{n:03d}", env["BENCH_PASSWORD"]) for n in range(1, args.clients + 1)]
        for cookies in sessions:  # the first page after sign-in starts the idle clock (a session write)
            site.request("GET", PAGES[1], cookies=cookies)

        pages = drive(site, sessions, PAGES, args.duration)
        trivial = drive(site, sessions, [HEALTHZ], args.duration)
        anonymous = drive(site, [None] * args.clients, [HEALTHZ], args.duration)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    load_after = os.getloadavg()
    print(f"server: gunicorn, {args.workers} sync workers, DEBUG=0, 127.0.0.1; {args.clients} clients, "
          f"{args.duration:g} s per phase")  # fmt: skip
    print(f"pages: GET {' and '.join(PAGES)} in turn, each client signed in as the principal of its own school")
    print(f"trivial: GET {HEALTHZ} (a view that does nothing) by the same signed-in clients on the same server")
    print(f"pages_requests: {pages['requests']}")
    print(f"pages_errors: {pages['errors']}")
    print(f"pages_rps: {pages['rps']:.1f}")
    print(f"pages_p50_ms: {pages['p50']:.1f}")
    print(f"pages_p95_ms: {pages['p95']:.1f}")
    for path in PAGES:
        page = pages["by_path"][path]
        name = PAGE_NAMES[path]
        print(f"{name}_requests: {page['requests']}")
        print(f"{name}_rps: {page['rps']:.1f}")
        print(f"{name}_p50_ms: {page['p50']:.1f}")
        print(f"{name}_p95_ms: {page['p95']:.1f}")
    print(f"trivial_requests: {trivial['requests']}")
    print(f"trivial_errors: {trivial['errors']}")
    print(f"trivial_rps: {trivial['rps']:.1f}")
    print(f"trivial_p50_ms: {trivial['p50']:.1f}")
    print(f"trivial_p95_ms: {trivial['p95']:.1f}")
    print(f"trivial_anonymous_rps: {anonymous['rps']:.1f}  (no session: no database query at all; for information)")
    print(f"trivial_anonymous_p95_ms: {anonymous['p95']:.1f}")
    print(
        "load_average: {} before, {} after  (1, 5, 15 min; the machine's other work weighs on every figure)".format(
            *(", ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
        )
    )
    ratio = pages["rps"] / trivial["rps"] if trivial["rps"] else float("nan")
    print(f"ratio: {ratio:.2f}")
    print(f"target_pages_p95_ms: <= {TARGET_P95_MS}  ({'met' if pages['p95'] <= TARGET_P95_MS else 'NOT met'})")
    print(f"target_ratio: >= {TARGET_RATIO:.2f}  ({'met' if ratio >= TARGET_RATIO else 'NOT met'}; "
          f"pages_rps / trivial_rps)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=20, help="seconds per phase (default 20)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent signed-in clients (default 20)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    parser.add_argument("--schools", type=int, default=80, help="generated schools (default 80)")
    parser.add_argument("--staff-per-school", type=int, default=50, help="staff per generated school (default 50)")
    args = parser.parse_args()
    if not 1 <= args.clients <= args.schools:
        parser.error("--clients must be between 1 and --schools (one principal per client)")
    if args.duration <= 0 or args.duration > 600:
        parser.error("--duration must be between 0 and 600 seconds")
    run(args)


if __name__ == "__main__":
    main()
