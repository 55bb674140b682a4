"""The header's menu and the organisation's name and links are built once per publish, not
once per request, and change as soon as an editor changes them."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.core.models import OrganisationSettings
from cms.home.models import StandardPage
from cms.members.factories import ActiveMemberFactory

pytestmark = pytest.mark.django_db
# A signed-in page outside the page tree, so the visitors' page cache never serves it.
PAGE = "/members/pause/"


@pytest.fixture(autouse=True)
def caches_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed_in(client):
    client.force_login(ActiveMemberFactory().user)
    return client


def publish_child(home_page, title: str, *, in_menu=True, live=True) -> StandardPage:
    page = home_page.add_child(
        instance=StandardPage(title=title, show_in_menus=in_menu, live=False)
    )
    if live:
        page.save_revision().publish()
    return page


def test_after_the_first_request_no_query_goes_on_the_header_or_footer(signed_in, site):
    OrganisationSettings.for_site(site)  # made on first use, which forgets what is kept
    signed_in.get(PAGE)
    with CaptureQueriesContext(connection) as queries:
        page = signed_in.get(PAGE).content.decode()
    tables = " ".join(query["sql"] for query in queries)
    assert "core_organisationsettings" not in tables
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_page" not in tables
    assert "nhsuk-header__navigation-list" in page


def test_a_page_published_into_the_menu_shows_at_once(signed_in, home_page):
    signed_in.get(PAGE)
    publish_child(home_page, "Get involved")
    publish_child(home_page, "Not in the menu", in_menu=False)
    page = signed_in.get(PAGE).content.decode()
    assert "Get involved" in page
    assert "Not in the menu" not in page


def test_the_current_section_is_marked_for_each_request(client, home_page):
    publish_child(home_page, "About us")
    link = 'href="/about-us/" aria-current="page">About us</a>'
    client.get("/search/")  # builds and keeps the menu
    assert link in client.get("/about-us/").content.decode()
    assert link not in client.get("/search/").content.decode()


def test_the_organisations_settings_show_as_soon_as_they_are_saved(signed_in, site, home_page):
    signed_in.get(PAGE)
    settings = OrganisationSettings.for_site(site)
    settings.organisation_name = "Anytown Experts by Experience"
    settings.privacy_notice = publish_child(home_page, "Privacy notice", in_menu=False)
    settings.contact_page = publish_child(home_page, "Contact", in_menu=False, live=False)
    settings.save()
    page = signed_in.get(PAGE).content.decode()
    assert "Anytown Experts by Experience" in page
    assert 'href="/privacy-notice/">Privacy notice</a>' in page
    # A draft page is not linked: visitors would find nothing there.
    assert "Contact us" not in page
