"""Per-address rate limits for public forms and pages, counted in the cache.

A fixed window: each address may make ``limit`` requests to a ``scope`` in each window of
``seconds``; the count resets when the window ends. Simple, cheap, and enough to stop a
script flooding a form or guessing badge codes, while a person (or a shared computer in a
library) never notices it. The address comes from allauth's adapter, so the trusted-proxy
settings that protect sign-in decide it here too.

Public forms also have a honeypot (``cms.formpages.forms.HoneypotMixin``) rather than a
CAPTCHA, which would shut out many disabled people.
"""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.shortcuts import render


def client_address(request) -> str:
    return get_adapter(request).get_client_ip(request) or "unknown"


def _key(request, scope: str, seconds: int) -> str:
    window = int(time.time() // seconds)
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{window}:{address}"


def over_limit(request, *, scope: str, limit: int, seconds: int) -> bool:
    """Count this request; True once this address has gone over ``limit`` in the window."""
    key = _key(request, scope, seconds)
    # add() is a no-op when the key exists, so two requests at once never reset the count.
    cache.add(key, 0, timeout=seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(): this is the window's first request.
        cache.set(key, 1, timeout=seconds + 5)
        count = 1
    return count > limit


def too_many_requests(request, *, minutes: int):
    """The polite page shown to an address over its limit (status 429)."""
    response = render(
        request,
        "includes/too_many_requests.html",
        {"page_title": "Too many requests", "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
