"""Whole published pages cached for visitors, and forgotten the moment anything is published.

Most of the site's traffic is visitors reading published pages, which are the same for
every visitor. ``AnonymousPageCacheMiddleware`` keeps the HTML of such pages in the
shared cache (Redis in production, so every web server sees the same entries) and serves
it without touching the page tree.

What is never cached:
- anything for someone with a session cookie (signed in, or part-way through something),
  so a member's or editor's page is never shown to anyone else;
- anything but a Wagtail page served with status 200 (the admin, the members area,
  sign-in, downloads, rate-limited pages are other views);
- a page that set a cookie or used a CSRF token (it has a form), or that says it is
  private.

Every entry carries the generation number it was built in; publishing, unpublishing,
moving or deleting a page, or changing a snippet pages show, moves the generation on, so
every server stops using every old entry at once. Entries also expire after
``PAGE_CACHE_SECONDS``, which bounds how stale a page's counts of places left can be.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
HIT_HEADER = "X-Involve-Cache"
# Cookies that change what a visitor's page looks like, so they are part of the key.
VARYING_COOKIES = ("involve_display",)


def bump_generation(**kwargs) -> None:
    """Forget every cached page: called whenever published content changes."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # The first publish since the generation was lost: start a new one.
        cache.set(GENERATION_KEY, _fresh_generation(), timeout=None)


def _fresh_generation() -> int:
    """A generation no stored entry can have used, even if the cache lost the generation
    but kept some entries: the clock in milliseconds, which only moves forward."""
    return int(time.time() * 1000)


def _start_generation() -> int:
    """The generation when none is stored yet (the cache was cleared or never used)."""
    fresh = _fresh_generation()
    cache.add(GENERATION_KEY, fresh, timeout=None)
    return cache.get(GENERATION_KEY, fresh)


def _cache_key(request) -> str:
    variants = ",".join(request.COOKIES.get(name, "") for name in VARYING_COOKIES)
    return f"page-cache:{request.get_host()}:{variants}:{request.get_full_path()}"


def lookup_with_generation(key: str) -> tuple[int, object]:
    """The current generation and the entry stored under ``key``, in one cache round trip
    (a single query on the database cache, a single MGET on Redis)."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _start_generation()
    return generation, found.get(key)


def _serves_a_wagtail_page(request) -> bool:
    """Whether the URL goes to Wagtail's page view: decided before the view runs, so other
    views (the members area, downloads, the admin) never cost a cache lookup."""
    from wagtail.views import serve

    try:
        return resolve(request.path_info).func is serve
    except Resolver404:
        return False


def _may_use_cache(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and _serves_a_wagtail_page(request)
    )


def _may_store(request, response) -> bool:
    cache_control = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
        # A nonce is for one response only: a page whose scripts carry one is never replayed.
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


# Headers a stored page is never replayed with: they belong to one response.
NOT_REPLAYED = {"set-cookie", HIT_HEADER.lower()}


# Models shown on published pages outside the page tree: changing one forgets every page.
SHOWN_ON_PAGES = (
    "glossary.glossaryterm",
    "taxonomy.servicearea",
    "core.organisationsettings",
    "claims.paymentrate",
    "formpages.chartersignature",
    "images.customimage",
    "wagtailcore.site",
)


def forget_pages_when_content_changes() -> None:
    """Connect the signals after which no cached page can be trusted (from AppConfig.ready)."""
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"page-cache-{id(signal)}")

    def page_deleted(sender, instance, **kwargs):
        if isinstance(instance, Page):
            bump_generation()

    post_delete.connect(page_deleted, weak=False, dispatch_uid="page-cache-page-deleted")
    for label in SHOWN_ON_PAGES:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                bump_generation,
                sender=model,
                weak=False,
                dispatch_uid=f"page-cache-{label}-{id(signal)}",
            )


class AnonymousPageCacheMiddleware:
    """Serves visitors' published pages from the shared cache (see the module docstring).

    It sits near the top of ``MIDDLEWARE`` (after the security and static-file middleware
    only), so a hit costs one cache round trip and nothing else: no session, user, messages
    or CSRF work. The headers the middleware below it added to the page when it was built
    (the content security policy, X-Frame-Options, Vary) are stored with it and replayed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _cache_key(request)
        generation, stored = lookup_with_generation(key)
        if stored is not None and stored[0] == generation:
            _, content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _may_store(request, response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_REPLAYED
            ]
            cache.set(key, (generation, response.content, headers), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
