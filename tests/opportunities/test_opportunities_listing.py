"""Finding opportunities: filters in the query string, counts, paging, flat query counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.opportunities.models import InvolvementType, PaymentType
from cms.opportunities.selectors import ListingFilters, opportunities_for_listing

# Far from any boundary, so the tests do not depend on the time they run.
SOON = timezone.localdate() + dt.timedelta(days=10)
LONG_AGO = timezone.localdate() - dt.timedelta(days=60)


def in_days(days: int, hour: int = 10) -> dt.datetime:
    return (timezone.localtime() + dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


NEXT_WEEK = (in_days(7), in_days(7, 12))


@pytest.fixture
def catalogue(make_opportunity, dementia, carers):
    """Five opportunities that differ in one thing each."""
    return {
        "dementia_group": make_opportunity(
            title="Dementia focus group",
            service_areas=[dementia],
            involvement_type=InvolvementType.FOCUS_GROUP,
            closing_date=SOON,
            sessions=[(*NEXT_WEEK, False)],
        ),
        "carers_survey": make_opportunity(
            title="Carers survey",
            service_areas=[carers],
            involvement_type=InvolvementType.SURVEY,
            closing_date=SOON,
            sessions=[(*NEXT_WEEK, True)],
        ),
        "both_panel": make_opportunity(
            title="Carers and dementia interview panel",
            service_areas=[dementia, carers],
            involvement_type=InvolvementType.INTERVIEW_PANEL,
            paid=True,
            closing_date=SOON,
            sessions=[(*NEXT_WEEK, False), (in_days(8), in_days(8, 12), True)],
        ),
        "old_dementia_group": make_opportunity(
            title="Old dementia focus group",
            service_areas=[dementia],
            involvement_type=InvolvementType.FOCUS_GROUP,
            closing_date=LONG_AGO,
            sessions=[(in_days(-50), in_days(-50, 12), False)],
        ),
        "draft": make_opportunity(
            title="Draft dementia focus group",
            service_areas=[dementia],
            closing_date=SOON,
            live=False,
        ),
    }


def titles(response) -> set[str]:
    return {page.title for page in response.context["opportunities"]}


def test_everything_live_is_listed_open_first(client, catalogue):
    response = client.get("/opportunities/")
    assert response.status_code == 200
    listed = [page.title for page in response.context["opportunities"]]
    assert set(listed) == {
        "Dementia focus group",
        "Carers survey",
        "Carers and dementia interview panel",
        "Old dementia focus group",
    }
    assert listed[-1] == "Old dementia focus group"
    assert "4 opportunities" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "service_area=dementia",
            {
                "Dementia focus group",
                "Carers and dementia interview panel",
                "Old dementia focus group",
            },
        ),
        (
            "service_area=dementia&service_area=carers",
            {
                "Dementia focus group",
                "Carers survey",
                "Carers and dementia interview panel",
                "Old dementia focus group",
            },
        ),
        ("type=survey", {"Carers survey"}),
        (
            "type=survey&type=interview_panel",
            {"Carers survey", "Carers and dementia interview panel"},
        ),
        ("payment=paid", {"Carers and dementia interview panel"}),
        (
            "payment=expenses",
            {"Dementia focus group", "Carers survey", "Old dementia focus group"},
        ),
        ("attend=online", {"Carers survey", "Carers and dementia interview panel"}),
        (
            "attend=in_person",
            {
                "Dementia focus group",
                "Carers and dementia interview panel",
                "Old dementia focus group",
            },
        ),
        (
            "open=1",
            {"Dementia focus group", "Carers survey", "Carers and dementia interview panel"},
        ),
        ("service_area=dementia&type=focus_group&open=1", {"Dementia focus group"}),
        ("service_area=carers&attend=in_person", {"Carers and dementia interview panel"}),
        (
            "service_area=dementia&payment=paid&attend=online&open=1",
            {"Carers and dementia interview panel"},
        ),
        ("payment=&attend=&page=1", None),  # empty choices mean "any"
    ],
)
def test_filters_from_the_query_string(client, catalogue, query, expected):
    if expected is None:
        expected = {page.title for key, page in catalogue.items() if key != "draft"}
    response = client.get(f"/opportunities/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_a_page_in_two_chosen_areas_is_listed_once(client, catalogue):
    response = client.get("/opportunities/?service_area=dementia&service_area=carers")
    listed = [page.title for page in response.context["opportunities"]]
    assert listed.count("Carers and dementia interview panel") == 1


def test_filter_form_shows_what_was_chosen(client, catalogue):
    html = client.get("/opportunities/?service_area=dementia&type=focus_group&open=1").content
    html = html.decode()
    assert 'method="get"' in html
    assert re.search(r'<input[^>]*name="service_area" value="dementia"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="type" value="focus_group"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="open" value="1"[^>]*checked', html)
    assert re.search(r'<input[^>]*name="payment" value=""[^>]*checked', html)
    assert not re.search(r'<input[^>]*name="service_area" value="carers"[^>]*checked', html)


def test_unknown_values_in_a_shared_link_are_ignored(client, catalogue):
    response = client.get("/opportunities/?service_area=no-such-area&type=juggling")
    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_no_results_says_so_and_offers_to_clear_filters(client, catalogue):
    response = client.get("/opportunities/?type=mystery_shopping")
    html = response.content.decode()
    assert "0 opportunities" in html
    assert "No opportunities match what you chose." in html
    assert 'href="/opportunities/">Clear your filters and see every opportunity</a>' in html


def test_each_result_shows_its_details(client, catalogue):
    html = client.get("/opportunities/?type=interview_panel").content.decode()
    assert 'href="/opportunities/carers-and-dementia-interview-panel/"' in html
    assert "Interview panel" in html
    assert "Consult" in html
    assert "Carers, Dementia" in html
    assert '<strong class="nhsuk-tag nhsuk-tag--green">Open</strong>' in html
    assert SOON.strftime("%B %Y") in html
    assert "Paid role" in html
    assert "Online and in person" in html
    assert "1 opportunity<" in html


def test_pages_of_twenty_keep_the_filters(client, bulk_opportunities, carers):
    bulk_opportunities(45, service_areas=[carers])
    response = client.get("/opportunities/?service_area=carers&open=1")
    assert len(response.context["opportunities"]) == 20
    html = response.content.decode()
    assert "45 opportunities" in html
    assert 'href="?service_area=carers&amp;open=1&amp;page=2"' in html
    third = client.get("/opportunities/?service_area=carers&open=1&page=3")
    assert len(third.context["opportunities"]) == 5


def test_selector_filters_in_the_database(catalogue):
    filters = ListingFilters(
        types=(InvolvementType.FOCUS_GROUP,), payment=PaymentType.EXPENSES_ONLY
    )
    queryset = opportunities_for_listing(filters=filters, today=timezone.localdate())
    assert "WHERE" in str(queryset.query)
    assert {page.title for page in queryset} == {
        "Dementia focus group",
        "Old dementia focus group",
    }


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["/opportunities/", "/opportunities/?service_area=carers&open=1"])
def test_query_count_is_the_same_for_10_and_1000_opportunities(
    client, bulk_opportunities, carers, dementia, path
):
    bulk_opportunities(10, service_areas=[carers, dementia])
    count_queries(client, path)  # the first request warms the site and settings caches
    with_ten = count_queries(client, path)

    bulk_opportunities(990, service_areas=[carers, dementia])
    assert client.get(path).context["result_count"] == 1000
    with_a_thousand = count_queries(client, path)

    assert with_ten == with_a_thousand
