"""axe-core (WCAG 2.2 A and AA) on every kind of opportunities page: filters, statuses, outcomes."""

import pytest

from cms.opportunities import demo as opportunities_demo
from cms.taxonomy import demo as taxonomy_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PATHS = [
    "/opportunities/",
    "/opportunities/?service_area=dementia&type=focus_group&open=1",
    "/opportunities/?type=other",
    "/opportunities/dementia-day-services-focus-group/",
    "/opportunities/peer-research-homelessness/",
    "/opportunities/carers-forum/",
    "/",
]


@pytest.fixture
def opportunities_site(home_page, site):
    taxonomy_demo.load_demo()
    opportunities_demo.load_demo(home_page=home_page)
    home_page.body = [("latest_opportunities", {"heading": "Opportunities open now", "count": 3})]
    home_page.save_revision().publish()


def test_opportunities_pages_have_no_axe_violations(page, visit, axe, opportunities_site):
    # One test visits every page: the live server's database is emptied after each test.
    found = {}
    for path in PATHS:
        visit(path)
        if violations := axe.violations(page):
            found[path] = [violation["id"] for violation in violations]
    assert found == {}
