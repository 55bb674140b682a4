"""The demo content loads once and only once; the home page block shows open opportunities."""

import datetime as dt

from django.utils import timezone

from cms.opportunities import demo as opportunities_demo
from cms.opportunities.models import OpportunitiesIndexPage, OpportunityPage, OpportunitySession
from cms.opportunities.status import Status
from cms.taxonomy import demo as taxonomy_demo
from cms.taxonomy.models import ServiceArea


def counts() -> dict[str, int]:
    through = OpportunityPage.service_areas.through
    return {
        "service areas": ServiceArea.objects.count(),
        "indexes": OpportunitiesIndexPage.objects.count(),
        "opportunities": OpportunityPage.objects.count(),
        "sessions": OpportunitySession.objects.count(),
        "links to service areas": through.objects.count(),
        "revisions": sum(page.revisions.count() for page in OpportunityPage.objects.all()),
    }


def test_demo_load_is_idempotent(home_page):
    taxonomy_demo.load_demo()
    index = opportunities_demo.load_demo(home_page=home_page)
    first = counts()
    taxonomy_demo.load_demo()
    again = opportunities_demo.load_demo(home_page=home_page)
    assert counts() == first
    assert again.pk == index.pk


def test_demo_has_every_kind_of_opportunity(home_page, client):
    taxonomy_demo.load_demo()
    index = opportunities_demo.load_demo(home_page=home_page)
    assert index.slug == "opportunities"
    assert index.title == "Opportunities"
    assert index.show_in_menus
    assert index.live

    pages = list(OpportunityPage.objects.live().child_of(index))
    assert len(pages) >= 12
    statuses = [page.status for page in pages]
    for status in Status:
        assert status in statuses, status
    published_outcomes = [
        page for page in pages if page.status == Status.COMPLETED and page.has_published_outcome
    ]
    assert len(published_outcomes) >= 3
    assert {page.payment_type for page in pages} == {"paid", "expenses"}
    assert len({page.involvement_type for page in pages}) >= 10
    assert all(page.service_areas.exists() for page in pages)
    assert all(page.sessions.exists() for page in pages)

    response = client.get("/opportunities/")
    assert response.status_code == 200
    assert response.context["result_count"] == len(pages)
    for page in pages:
        assert client.get(page.url).status_code == 200


def test_home_page_block_shows_open_opportunities(home_page, client, make_opportunity):
    today = timezone.localdate()
    make_opportunity(title="Closes next month", closing_date=today + dt.timedelta(days=30))
    make_opportunity(title="Closes tomorrow", closing_date=today + dt.timedelta(days=1))
    make_opportunity(title="Closed last week", closing_date=today - dt.timedelta(days=7))
    make_opportunity(title="Closes in a fortnight", closing_date=today + dt.timedelta(days=14))
    make_opportunity(title="Unpublished", closing_date=today + dt.timedelta(days=2), live=False)
    home_page.body = [("latest_opportunities", {"heading": "Opportunities open now", "count": 2})]
    home_page.save_revision().publish()

    html = client.get("/").content.decode()
    assert "<h2>Opportunities open now</h2>" in html
    assert html.index("Closes tomorrow") < html.index("Closes in a fortnight")
    assert "Closes next month" not in html  # only the 2 soonest
    assert "Closed last week" not in html
    assert "Unpublished" not in html
    assert '<a href="/opportunities/">See all opportunities</a>' in html


def test_home_page_block_with_nothing_open(home_page, client, opportunities_index):
    home_page.body = [("latest_opportunities", {"heading": "Opportunities open now", "count": 3})]
    home_page.save_revision().publish()
    html = client.get("/").content.decode()
    assert "There are no open opportunities right now." in html
