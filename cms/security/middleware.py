"""Session lifetime, staff two-factor and the admin's content security policy.

Order in ``MIDDLEWARE``: after authentication and messages (both are used here), and the
CSP middleware in place of django-csp's own.
"""

import time
from urllib.parse import urlencode

from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse

ADMIN_URL_PREFIX = "/admin/"
# Wagtail's editor pings this every few seconds while a page is open.
EDITING_SESSIONS_PREFIX = "/admin/editing-sessions/"
LAST_ACTIVITY_KEY = "security_last_activity"
# Activity is recorded to the minute: saving the session on every page would cost a
# database write per page. A session can so end up to a minute early, never late.
ACTIVITY_RESOLUTION_SECONDS = 60
SIGNED_IN_AT_KEY = "security_signed_in_at"

IDLE_MESSAGE = (
    "You were signed out because you had not done anything for {minutes} minutes. "
    "Sign in again to carry on."
)
ABSOLUTE_MESSAGE = (
    "You were signed out because you had been signed in for {hours} hours. "
    "Sign in again to carry on."
)


def _is_background_request(request) -> bool:
    """Requests a page makes by itself (not the person): they must not keep a session alive.

    Wagtail's editor pings its editing-sessions endpoint every few seconds while a page is
    open, and our own warning asks how long is left; neither means someone is there.
    """
    path = request.path_info
    return path.startswith(EDITING_SESSIONS_PREFIX) or path == reverse("security:session_status")


def seconds_left(request, now: float | None = None) -> int:
    """Seconds until this signed-in session ends, whichever limit comes first."""
    now = time.time() if now is None else now
    last = request.session.get(LAST_ACTIVITY_KEY, now)
    started = request.session.get(SIGNED_IN_AT_KEY, now)
    return int(
        min(
            last + settings.SESSION_IDLE_TIMEOUT - now,
            started + settings.SESSION_ABSOLUTE_TIMEOUT - now,
        )
    )


def stamp_sign_in(sender, request, user, **kwargs):
    """Start both session clocks at sign-in, so the first page after it has nothing new
    to save (activity is then recorded at most once a minute)."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT_KEY] = now
    request.session[LAST_ACTIVITY_KEY] = now


class SessionTimeoutMiddleware:
    """Sign people out after 30 minutes without activity, and 12 hours after sign-in.

    The timestamps live in the session (seconds since the epoch), so a test moves time
    by moving them back rather than by waiting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = time.time()
        if request.user.is_authenticated:
            reason = self._expired(request, now)
            if reason:
                return self._sign_out(request, reason)
        response = self.get_response(request)
        # After the view: a sign-in in this request has just made a new session.
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            session = request.session
            session.setdefault(SIGNED_IN_AT_KEY, now)
            last = session.get(LAST_ACTIVITY_KEY)
            if last is None or (
                now - last >= ACTIVITY_RESOLUTION_SECONDS and not _is_background_request(request)
            ):
                session[LAST_ACTIVITY_KEY] = now
        return response

    def _expired(self, request, now: float) -> str:
        session = request.session
        last = session.get(LAST_ACTIVITY_KEY)
        started = session.get(SIGNED_IN_AT_KEY)
        if started is not None and now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
            return ABSOLUTE_MESSAGE.format(hours=settings.SESSION_ABSOLUTE_TIMEOUT // 3600)
        if last is not None and now - last > settings.SESSION_IDLE_TIMEOUT:
            return IDLE_MESSAGE.format(minutes=settings.SESSION_IDLE_TIMEOUT // 60)
        return ""

    def _sign_out(self, request, reason: str):
        logout(request)
        # Kept for the next page shown, whichever asked: the warning's script reloads the
        # page when the session has ended.
        messages.warning(request, reason)
        if _is_background_request(request) or request.headers.get("Accept", "").startswith(
            "application/json"
        ):
            return JsonResponse({"signed_in": False, "seconds_left": 0}, status=401)
        url = reverse("account_login")
        if request.method == "GET":
            url += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return HttpResponseRedirect(url)


def needs_two_factor(user) -> bool:
    """Anyone who can use the Wagtail admin (every staff role, administrators) must use an
    authenticator app."""
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        and not is_mfa_enabled(user)
    )


class StaffTwoFactorMiddleware:
    """Send staff without two-factor to set it up before any admin page works."""

    MESSAGE = "Set up two-factor authentication before you use the admin."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.STAFF_TWO_FACTOR_REQUIRED
            and request.path_info.startswith(ADMIN_URL_PREFIX)
            and request.path_info != reverse("admin_login_redirect")
            and needs_two_factor(request.user)
        ):
            messages.warning(request, self.MESSAGE)
            return HttpResponseRedirect(
                reverse("mfa_activate_totp")
                + "?"
                + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
            )
        return self.get_response(request)


class AdminAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under ``ADMIN_URL_PREFIX``.

    The admin's policy allows inline script and style, which a nonce in the same header
    would switch off, so no nonce is sent there (decision 0003).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(ADMIN_URL_PREFIX):
            if parts.config is None:
                parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
            parts.nonce = None
        return parts
