"""Browser tests: Playwright driving Chromium against a live server, with axe-core.

Chromium is Debian's (`/usr/bin/chromium`) where present; `bin/ensure-browser`
installs it or falls back to Playwright's own download.
"""

import os
import shutil
import tempfile
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("INVOLVE_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")  # None: Playwright's own browser


# A browser test that fails is run again, at most twice, and the run reports it ("R"),
# so a real failure still fails. Why: a headless Chromium on a loaded 2-core CI machine
# now and then misses a click or an animation frame, and one such miss used to refuse
# a whole day's work (docs/decisions/0008-browser-test-reruns.md).
# INVOLVE_BROWSER_RERUNS=0 shows every flaky failure when hunting one down.
BROWSER_RERUNS = int(os.environ.get("INVOLVE_BROWSER_RERUNS", "2"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.flaky(reruns=BROWSER_RERUNS, reruns_delay=1))


@pytest.fixture(autouse=True)
def no_autosave_in_the_page_editor(settings):
    """Wagtail 8 saves a draft every half second while an editor types. In a test that
    then presses Publish, a draft saved in between makes the editor refuse the publish as
    a conflicting revision, so these tests turn autosave off; editors keep it."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture(autouse=True)
def staff_two_factor(settings):
    """As in production: staff reach the admin only with an authenticator app (the test
    settings turn this off for tests that sign staff in with force_login)."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture(autouse=True)
def personal_fragments_kept(settings):
    """As in production: a member's dashboard is kept for them between requests, so every
    journey here also checks that what a person or staff just did shows at once."""
    settings.PERSONAL_FRAGMENT_SECONDS = 60


@pytest.fixture(scope="session")
def browser_context():
    profile = tempfile.mkdtemp(prefix="involve-chromium-")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=_chromium_path(),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context, live_server):
    browser_context.clear_cookies()
    tab = browser_context.new_page()
    tab.base_url = live_server.url
    yield tab
    tab.close()


class AxeChecker:
    def __init__(self):
        self._axe = Axe()

    def violations(self, page) -> list[dict]:
        results = self._axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        return results.response["violations"]

    def assert_clean(self, page):
        violations = self.violations(page)
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in violations
        ]
        assert not violations, f"axe found problems on {page.url}:\n" + "\n".join(summary)


@pytest.fixture(scope="session")
def axe():
    return AxeChecker()


@pytest.fixture
def visit(page):
    """Open a path on the live server and return the page, failing on any non-2xx answer."""

    def _visit(path: str):
        response = page.goto(page.base_url + path)
        assert response is not None and response.ok, (
            f"{path} answered {response and response.status}"
        )
        return page

    return _visit


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


# The last time step whose code each person used: allauth refuses a code twice for the
# same authenticator, but another person may use the same code at once.
_last_totp_counter: dict[str, int] = {}


def current_totp_code(secret: str = TOTP_SECRET, *, who: str = "") -> str:
    """The authenticator app's code now: never one about to expire before the server
    checks it, and never one ``who`` has already used."""

    def seconds_left() -> float:
        return mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD

    def counter() -> int:
        return int(time.time()) // mfa_settings.TOTP_PERIOD

    if seconds_left() < 3 or counter() == _last_totp_counter.get(who):
        time.sleep(seconds_left() + 0.1)
    _last_totp_counter[who] = counter()
    return format_hotp_value(hotp_value(secret, counter()))


@pytest.fixture
def sign_in(page, visit):
    """Sign in through allauth as ``email``, entering an authenticator code if they use one."""

    def _sign_in(email: str, *, password: str = "a-long-test-password", two_factor=False):  # noqa: S107
        page.context.clear_cookies()
        visit("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        if two_factor:
            page.wait_for_url("**/2fa/authenticate/**")
            code_field = page.locator("input[name=code]")
            code_field.fill(current_totp_code(who=email))
            code_field.press("Enter")
        page.wait_for_load_state()

    return _sign_in


@pytest.fixture
def with_two_factor():
    """Turn on authenticator-app sign-in for a user, with the shared test secret."""

    def _activate(user):
        TOTP.activate(user, TOTP_SECRET)
        return user

    return _activate
