"""Visitors' published pages come from the cache until something is published."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.page_cache import HIT_HEADER
from cms.glossary.factories import GlossaryTermFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_second_visitor_gets_the_page_from_the_cache_without_the_page_tree(
    client, make_opportunity
):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get("/")  # the first page ever shown creates the organisation's settings

    first = client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(page.url)

    assert first[HIT_HEADER] == "miss" and second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert len(queries) == 0  # the local-memory cache in tests; Redis or one query in production
    # The cached copy still leaves with this request's security headers.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_hit_costs_one_cache_round_trip_and_no_session_work(
    client, make_opportunity, monkeypatch
):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get("/")
    first = client.get(page.url)
    lookups = []
    get_many = cache.get_many

    def counted_get_many(keys, *args, **kwargs):
        lookups.append(keys)
        return get_many(keys, *args, **kwargs)

    def refuse(*args, **kwargs):
        raise AssertionError("a cache hit did session work")

    monkeypatch.setattr(cache, "get_many", counted_get_many)
    monkeypatch.setattr(
        "django.contrib.sessions.middleware.SessionMiddleware.process_request", refuse
    )
    second = client.get(page.url)

    assert second[HIT_HEADER] == "hit" and len(lookups) == 1
    # The headers the skipped middleware added when the page was built come back with it.
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Vary"):
        assert second[header] == first[header], header


def test_a_page_whose_scripts_carry_a_nonce_is_not_kept(home_page, rf):
    from django.http import HttpResponse

    from cms.core.page_cache import AnonymousPageCacheMiddleware

    def page_with_a_nonce(request):
        response = HttpResponse("<script nonce='abc'></script>")
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
        return response

    middleware = AnonymousPageCacheMiddleware(page_with_a_nonce)
    middleware(rf.get("/a-page/"))
    assert HIT_HEADER not in middleware(rf.get("/a-page/"))


def test_publishing_a_change_is_seen_at_once(client, make_opportunity):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get(page.url)

    page.summary = "Now with an evening session for people who work."
    page.save_revision().publish()

    response = client.get(page.url)
    assert response[HIT_HEADER] == "miss"
    assert "evening session" in response.content.decode()


def test_unpublishing_forgets_the_page(client, make_opportunity):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get(page.url)

    page.unpublish()

    assert client.get(page.url).status_code == 404


def test_a_new_jargon_term_reaches_pages_at_once(client, make_opportunity):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get(page.url)

    GlossaryTermFactory(term="Commissioning")

    assert client.get(page.url)[HIT_HEADER] == "miss"


def test_someone_signed_in_never_gets_or_fills_the_cache(client, member, make_opportunity):
    page = make_opportunity(title="Help us design the carers' hub")
    client.force_login(member)

    first = client.get(page.url)
    second = client.get(page.url)

    assert HIT_HEADER not in first and HIT_HEADER not in second
    client.logout()
    assert client.get(page.url)[HIT_HEADER] == "miss"


def test_pages_with_a_form_or_a_cookie_are_not_kept(client, home_page, rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cms.core.page_cache import AnonymousPageCacheMiddleware

    def page_with_a_form(request):
        get_token(request)
        return HttpResponse("<form>...</form>")

    def page_setting_a_cookie(request):
        response = HttpResponse("hello")
        response.set_cookie("seen", "1")
        return response

    # "/a-page/" resolves to Wagtail's page view, as any page address does.
    for view in (page_with_a_form, page_setting_a_cookie):
        middleware = AnonymousPageCacheMiddleware(view)
        middleware(rf.get("/a-page/"))
        response = middleware(rf.get("/a-page/"))
        assert HIT_HEADER not in response, view.__name__


def test_display_settings_get_their_own_copy(client, make_opportunity):
    page = make_opportunity(title="Help us design the carers' hub")
    client.get(page.url)

    client.cookies["involve_display"] = "large"
    assert client.get(page.url)[HIT_HEADER] == "miss"


def test_other_views_are_never_cached_nor_looked_up(client, home_page, monkeypatch):
    def no_lookup(*args):
        raise AssertionError("a view that is not a page cost a cache lookup")

    monkeypatch.setattr("cms.core.page_cache.lookup_with_generation", no_lookup)
    client.get("/you-said-we-did/")
    response = client.get("/you-said-we-did/")
    assert response.status_code == 200
    assert HIT_HEADER not in response
