#!/usr/bin/env python
"""Benchmark the secret ballot: ``--members`` council members submit their papers at the same instant over HTTP.

Creates a fresh PostgreSQL database (on the server of DATABASE_URL, default postgres://postgres@127.0.0.1:5432/),
migrates it and builds one school whose council has ``--members`` + 1 members (an odd count; the principal chairs
it), a meeting in session over ``--nominees`` nominations, and an open ballot. It serves the app with gunicorn on
127.0.0.1 (a free port, DEBUG=0, behind a pretend TLS proxy), signs every member in and opens her paper, then all
send their papers at once (POST /council/meetings/<id>/vote/) and, at once again, a second paper each (which must
be refused). The principal then closes the ballot over HTTP (the tally, the results written on the nominations).

It prints, one per line: ``p50_ms:`` and ``p95_ms:`` of the papers (target p95 ≤ 200), ``tally_ms:`` (the close
request), ``lost:`` (papers accepted by the server but missing from the box) and ``duplicated:`` (papers beyond one
per member), targets 0; and what they compare against: the same clients requesting the signed-in ``/healthz`` (a
view that does nothing) at the same instant, which is what any request pays on this server and machine. The server
is always stopped and the database dropped.

    python bench/ballots.py [--members 50] [--nominees 5] [--workers 3]
"""

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import HEALTHZ, ROOT, Site, free_port, percentile, wait_until_up  # noqa: E402  (bench/common.py)

TARGET_P95_MS = 200

#: Run by ``manage.py shell``: the school, the council, the meeting with its open ballot; prints the meeting id.
SETUP_CODE = """
import os
from datetime import date
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from awards.models import Nomination, NominationStatus, Title
from council import services
from council.models import CouncilMember, MemberRole
from thiduakhenthuong.organization.models import Gender, Role, School, SchoolYear, Staff, StaffKind

members, nominees = int(os.environ["BENCH_MEMBERS"]), int(os.environ["BENCH_NOMINEES"])
password = make_password(os.environ["BENCH_PASSWORD"])
User = get_user_model()
school = School.objects.create(name="Trường Tiểu học Bỏ Phiếu", abbreviation="THBP", parent_agency="UBND xã Cao Dương",
                               place_name="Cao Dương")
# the school year under way today (from mid-August, so that every day falls in one): a meeting is opened, its
# ballot opened and closed on its own day, which is today
today = timezone.localdate()
first = today.year if today.month >= 8 else today.year - 1
year = SchoolYear.objects.create(school=school, name=f"{first}-{first + 1}", start_date=date(first, 8, 15),
                                 end_date=date(first + 1, 7, 31))

def person(number, role=Role.MEMBER):
    user = User.objects.create(username=f"ballot{number:03d}", password=password)
    return Staff.objects.create(school=school, full_name=f"Thành viên {number:03d}", gender=Gender.FEMALE,
                                position="Giáo viên", kind=StaffKind.TEACHER, role=role, user=user)

principal = person(0, Role.PRINCIPAL)
council = services.create_council(actor=None, school_year=year)
CouncilMember.objects.create(council=council, staff=principal, role=MemberRole.CHAIR, position="Hiệu trưởng")
for number in range(1, members + 1):
    role = MemberRole.SECRETARY if number == 1 else MemberRole.MEMBER
    CouncilMember.objects.create(council=council, staff=person(number), role=role, position="Giáo viên",
                                 position_order=number)
council = services.establish_council(actor=None, council=council, issued_on=year.start_date)
titles = list(Title.objects.filter(code__in=["CSTDCS", "LDTT"], scope="individual"))
for number in range(nominees):
    nominee = Staff.objects.create(school=school, full_name=f"Người được đề nghị {number}", gender=Gender.FEMALE,
                                   position="Giáo viên", kind=StaffKind.TEACHER)
    Nomination.objects.create(school=school, school_year=year, title=titles[number % len(titles)], staff=nominee,
                              status=NominationStatus.IN_COUNCIL_REVIEW, proposed_at=timezone.now())
meeting = services.plan_meeting(actor=None, council=council, held_on=today, place="Phòng họp")
services.set_agenda(actor=None, meeting=meeting)
services.record_attendance(actor=None, meeting=meeting, present=list(council.members.all()))
services.open_meeting(actor=None, meeting=meeting)
services.open_ballot(actor=None, meeting=meeting)
print(f"MEETING={meeting.pk}")
"""

#: Run by ``manage.py shell`` after the vote: the box against the roll.
COUNT_CODE = """
import os
from council.models import Ballot, BallotPaper, BallotRollEntry
ballot = Ballot.objects.get(meeting_id=int(os.environ["BENCH_MEETING"]))
roll = BallotRollEntry.objects.filter(ballot=ballot)
print(f"PAPERS={BallotPaper.objects.filter(ballot=ballot).count()}")
print(f"ROLL={roll.count()}")
print(f"VOTERS={roll.values('member').distinct().count()}")
print(f"STATUS={ballot.status}")
print(f"RECEIVED={ballot.papers_received}")
"""


def burst(calls) -> list[tuple[float, object]]:
    """Run every call at the same instant in its own thread; (seconds, result) of each."""
    start, results, lock = threading.Barrier(len(calls)), [], threading.Lock()

    def worker(call):
        start.wait(timeout=60)
        began = time.perf_counter()
        try:
            result = call()
        except OSError as error:
            result = error
        with lock:
            results.append((time.perf_counter() - began, result))

    threads = [threading.Thread(target=worker, args=(call,), daemon=True) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def paper_body(page: bytes) -> str:
    """The paper as a member fills it: agree on every nominee (the form's own CSRF token and field names)."""
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    fields = sorted(set(re.findall(rb'name="(item_\d+)"', page)))
    return urlencode({"csrfmiddlewaretoken": token, **{name.decode(): "agree" for name in fields}})


def shell(manage, env, code: str) -> dict:
    output = subprocess.run([*manage, "shell", "-v0", "-c", code], env=env, cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout  # fmt: skip
    return dict(line.split("=", 1) for line in output.splitlines() if "=" in line)


def database_urls(base: str) -> tuple[str, str, str]:
    """(admin URL, bench URL, bench database name) on the server of ``base``."""
    parts = urlsplit(base)
    name = f"bench_ballots_{secrets.token_hex(4)}"
    return urlunsplit(parts._replace(path="/postgres")), urlunsplit(parts._replace(path=f"/{name}")), name


def _admin(url: str, statement: str) -> None:
    import psycopg  # the project's PostgreSQL driver

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def run(args) -> None:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/ballots.py runs on PostgreSQL: set DATABASE_URL to a postgres:// URL")
    admin_url, url, name = database_urls(base)
    workdir = Path(tempfile.mkdtemp(prefix="bench-ballots-"))
    env = {
        **os.environ, "DATABASE_URL": url, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1", "SECURE_PROXY_SSL_HEADER": "1", "LOG_LEVEL": "ERROR",
        "BENCH_PASSWORD": secrets.token_urlsafe(16), "BENCH_MEMBERS": str(args.members),
        "BENCH_NOMINEES": str(args.nominees), "PYTHONPATH": str(ROOT), "AXES_FAILURE_LIMIT": "1000",
    }  # fmt: skip
    manage = [sys.executable, str(ROOT / "manage.py")]
    server = None
    load_before = os.getloadavg()
    _admin(admin_url, f'CREATE DATABASE "{name}"')
    try:
        began = time.monotonic()
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        meeting = shell(manage, env, SETUP_CODE)["MEETING"]
        env["BENCH_MEETING"] = meeting
        print(f"dataset: one council of {args.members + 1} members, {args.nominees} nominees, an open ballot "
              f"(PostgreSQL), built in {time.monotonic() - began:.1f} s")  # fmt: skip

        port = free_port()
        log = workdir / "gunicorn.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "thiduakhenthuong.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--error-logfile", str(log), "--log-level", "warning"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        site = Site(port)
        wait_until_up(site, server, log)
        vote = f"/council/meetings/{meeting}/vote/"
        sessions, bodies = [], []
        for number in range(1, args.members + 1):
            cookies = site.login(f"ballot{number:03d}", env["BENCH_PASSWORD"])
            status, page, new_cookies = site.request("GET", vote, cookies=cookies)
            if status != 200:
                raise RuntimeError(f"ballot paper of member {number}: HTTP {status}")
            cookies.update(new_cookies)
            sessions.append(cookies)
            bodies.append(paper_body(page))

        trivial = burst([lambda c=c: site.request("GET", HEALTHZ, cookies=c)[0] for c in sessions])
        papers = burst([lambda c=c, b=b: site.request("POST", vote, cookies=c, body=b)[0]
                        for c, b in zip(sessions, bodies, strict=True)])  # fmt: skip
        again = burst([lambda c=c, b=b: site.request("POST", vote, cookies=c, body=b)[0]
                       for c, b in zip(sessions, bodies, strict=True)])  # fmt: skip
        accepted = sum(1 for _, status in papers if status == 302)
        counted = shell(manage, env, COUNT_CODE)

        chair = site.login("ballot000", env["BENCH_PASSWORD"])
        status, page, new_cookies = site.request("GET", f"/council/meetings/{meeting}/", cookies=chair)
        chair.update(new_cookies)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        began = time.perf_counter()
        status, _, _ = site.request("POST", f"/council/meetings/{meeting}/close-ballot/", cookies=chair,
                                    body=urlencode({"csrfmiddlewaretoken": token}))  # fmt: skip
        tally_ms = (time.perf_counter() - began) * 1000
        closed = shell(manage, env, COUNT_CODE)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(workdir, ignore_errors=True)
        _admin(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    paper_times = [seconds for seconds, _ in papers]
    trivial_times = [seconds for seconds, _ in trivial]
    lost = max(0, accepted - int(counted["PAPERS"]))
    duplicated = max(0, int(counted["PAPERS"]) - int(counted["VOTERS"])) + max(
        0, int(counted["ROLL"]) - int(counted["VOTERS"])
    )
    refused_again = sum(1 for _, status in again if status == 200)  # the paper page again, with the refusal
    load_after = os.getloadavg()
    print(f"server: gunicorn, {args.workers} sync workers, DEBUG=0, 127.0.0.1, PostgreSQL; {args.members} members "
          f"send their papers at the same instant")  # fmt: skip
    print(f"papers_accepted: {accepted}/{args.members}")
    print(f"second_papers_refused: {args.members - sum(1 for _, s in again if s == 302)}/{args.members} "
          f"({refused_again} answered with the page, the others 403: the roll says she voted)")  # fmt: skip
    print(f"p50_ms: {percentile(paper_times, 0.50):.1f}")
    print(f"p95_ms: {percentile(paper_times, 0.95):.1f}")
    print(f"tally_ms: {tally_ms:.1f}  (close: count, {args.nominees} results through the awards services, reshuffle; "
          f"HTTP {status}, {closed['RECEIVED']} papers counted)")  # fmt: skip
    print(f"lost: {lost}")
    print(f"duplicated: {duplicated}")
    print(f"compared_with: signed-in /healthz by the same {args.members} clients at the same instant: "
          f"p50 {percentile(trivial_times, 0.50):.1f} ms, p95 {percentile(trivial_times, 0.95):.1f} ms "
          f"(what any request costs on this server and machine)")  # fmt: skip
    print(
        "load_average: {} before, {} after  (1, 5, 15 min; the machine's other work weighs on every figure)".format(
            *(", ".join(f"{x:.2f}" for x in load) for load in (load_before, load_after))
        )
    )
    print(
        f"target_p95_ms: <= {TARGET_P95_MS}  ({'met' if percentile(paper_times, 0.95) <= TARGET_P95_MS else 'NOT met'})"
    )
    print(f"target_lost_duplicated: 0  ({'met' if lost == duplicated == 0 else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=50, help="members sending their papers at once (default 50)")
    parser.add_argument("--nominees", type=int, default=5, help="nominations on the paper (default 5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    args = parser.parse_args()
    if not 2 <= args.members <= 200 or args.members % 2:
        parser.error("--members must be even, between 2 and 200 (with the chair the council is odd)")
    run(args)


if __name__ == "__main__":
    main()
