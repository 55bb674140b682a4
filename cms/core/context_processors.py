"""What every page's header and footer show, kept in the cache between requests.

The header's menu, the organisation's name and logo and the footer's links are the same on
every page until an editor publishes something or changes the organisation settings, both
of which move the visitors' page cache on to a new generation (cms/core/page_cache.py).
So they are built once per site and generation and shared by every request, signed in or
not, instead of costing a site lookup and three queries on each.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .page_cache import lookup_with_generation

CHROME_SECONDS = 60 * 60


def _build_chrome(request, site: Site) -> dict:
    from .models import OrganisationSettings

    organisation = OrganisationSettings.for_site(site)
    logo_url = ""
    if organisation.logo_id:
        logo_url = organisation.logo.get_rendition("height-80").url
    footer_links = [
        (label, page.get_url(request=request, current_site=site))
        for label, page in (
            ("Accessibility statement", organisation.accessibility_statement),
            ("Privacy notice", organisation.privacy_notice),
            ("Contact us", organisation.contact_page),
        )
        if page is not None and page.live
    ]
    menu = [
        (page.get_url(request=request, current_site=site), page.title)
        for page in site.root_page.get_children().live().in_menu().only("url_path", "title")
    ]
    return {
        "organisation": organisation,
        "logo_url": logo_url,
        "footer_links": [(label, url) for label, url in footer_links if url],
        "menu": [(url, label) for url, label in menu if url],
    }


def _chrome_for(request) -> dict:
    """The kept chrome, looked up once per request however many templates ask."""
    if hasattr(request, "_site_chrome"):
        return request._site_chrome
    key = f"site-chrome:{request.get_host()}"
    generation, stored = lookup_with_generation(key)
    if stored is not None and stored[0] == generation:
        chrome = stored[1]
    else:
        site = Site.find_for_request(request)
        if site is None:
            chrome = {"organisation": None, "logo_url": "", "footer_links": [], "menu": []}
        else:
            chrome = _build_chrome(request, site)
            if getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0:
                cache.set(key, (generation, chrome), CHROME_SECONDS)
    request._site_chrome = chrome
    return chrome


def _primary_links(request) -> list[dict]:
    current_path = request.path
    return [
        {
            "url": url,
            "label": label,
            "current": current_path == url,
            "active": current_path.startswith(url) and current_path != url,
        }
        for url, label in _chrome_for(request)["menu"]
    ]


def site_chrome(request) -> dict:
    """``organisation`` (the settings), ``logo_url``, ``footer_links`` and ``primary_links``
    (the home page's children shown in menus, in tree order, marked current or active).

    Lazy, so templates that show none of them (the Wagtail admin's) cost nothing.
    """
    return {
        "organisation": SimpleLazyObject(lambda: _chrome_for(request)["organisation"]),
        "logo_url": SimpleLazyObject(lambda: _chrome_for(request)["logo_url"]),
        "footer_links": SimpleLazyObject(lambda: _chrome_for(request)["footer_links"]),
        "primary_links": SimpleLazyObject(lambda: _primary_links(request)),
    }
