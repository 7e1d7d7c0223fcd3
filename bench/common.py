"""What the benchmark scripts share: the repository's root, Django set up in the script's own process, its resident
memory, percentiles of timings, and the HTTP client and server helpers of the scripts that drive gunicorn.

Each script puts this folder on ``sys.path`` and imports from ``common``; nothing here measures or prints.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
#: The view that does nothing: what every request pays on the server, and its sign of life.
HEALTHZ = "/healthz"


def setup_django(workdir: Path | None = None, *, keep_database_url: bool = True) -> None:
    """Django in this process with the repository's settings and quiet logs. With ``workdir``: the media go there,
    the database is a fresh SQLite file there (unless DATABASE_URL names one and ``keep_database_url``), migrated."""
    if workdir is not None:
        sqlite = f"sqlite:///{workdir / 'bench.sqlite3'}"
        if keep_database_url:
            os.environ.setdefault("DATABASE_URL", sqlite)
        else:
            os.environ["DATABASE_URL"] = sqlite
        os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thiduakhenthuong.settings")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if workdir is not None:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def rss_mb() -> float:
    """Resident memory of this process in MB (its peak where /proc is missing)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(times: list[float], p: float) -> float:
    """The ``p`` percentile of ``times`` (seconds) in milliseconds; NaN when there is none."""
    times = sorted(times)
    return times[min(len(times) - 1, int(p * len(times)))] * 1000 if times else float("nan")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Site:
    """Requests to the benchmark server as through a TLS proxy, with an optional session cookie."""

    def __init__(self, port: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method: str, path: str, *, cookies: dict | None = None, body: str | None = None):
        # gunicorn's sync workers close every connection after the response: one connection per request.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "Referer": f"{self.origin}{path}",
                }
            )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            set_cookies = {
                header.split(";", 1)[0].split("=", 1)[0]: header.split(";", 1)[0].split("=", 1)[1]
                for header in response.headers.get_all("Set-Cookie") or []
            }
            return response.status, content, set_cookies
        finally:
            connection.close()

    def login(self, username: str, password: str) -> dict:
        status, content, cookies = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: HTTP {status}")
        body = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "username": username, "password": password})
        status, _, new_cookies = self.request("POST", "/accounts/login/", cookies=cookies, body=body)
        cookies.update(new_cookies)
        if status != 302 or "sessionid" not in new_cookies:
            raise RuntimeError(f"login of {username} failed: HTTP {status}")
        return cookies


def wait_until_up(site: Site, server: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()[-2000:]}")
        try:
            if site.request("GET", HEALTHZ)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 30 s")
