"""Browser journeys in Debian's Chromium through Playwright's sync API, against pytest-django's live server.

Fixtures other apps reuse: ``browser`` (one Chromium for the session), ``page`` (a fresh desktop context per test,
its base URL the live server, so ``page.goto("/organization/staff/")`` works), ``mobile_page`` (390×844), and
``console_errors`` (what the page logged as errors: CSP violations show up there). ``login(page, username,
password)`` signs in through the login form.
"""

import os

import pytest
from playwright.sync_api import Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django refuses database calls from a thread with a
# running loop unless told that this is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "mat-khau-du-dai-123"  # the password of every UserFactory account
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _page(browser, live_server, viewport, **options):
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="vi-VN", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server):
    context, page = _page(browser, live_server, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def mobile_page(browser, live_server):
    context, page = _page(browser, live_server, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def console_errors():
    """Collect a page's console errors: ``errors = console_errors(page)``, then assert ``errors == []``."""

    def watch(page: Page) -> list[str]:
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return errors

    return watch


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form and wait until the browser has left the login page."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
