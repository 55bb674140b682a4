"""Editors' screens for service areas and opportunities, and dates in words."""

import datetime as dt
import zoneinfo

import pytest

from cms.opportunities.wording import describe_time_range
from cms.taxonomy.models import ServiceArea

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture
def admin_client(client, administrator, settings):
    # The admin's widgets need Django's own form renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    client.force_login(administrator)
    return client


def test_service_areas_are_snippets_ordered_by_name(admin_client, dementia, carers):
    response = admin_client.get("/admin/snippets/taxonomy/servicearea/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Carers") < html.index("Dementia")
    assert list(ServiceArea.objects.values_list("name", flat=True)) == ["Carers", "Dementia"]


def test_service_areas_are_listed_with_the_snippets(admin_client):
    html = admin_client.get("/admin/snippets/").content.decode()
    assert "Service areas" in html


def test_editors_can_add_an_opportunity_under_the_index(admin_client, opportunities_index):
    response = admin_client.get(
        f"/admin/pages/add/opportunities/opportunitypage/{opportunities_index.pk}/"
    )
    assert response.status_code == 200
    html = response.content.decode()
    for label in ["Sessions", "You said, we did", "Who makes the final decision"]:
        assert label in html


def test_only_one_index_under_the_home_page(opportunities_index):
    from cms.opportunities.models import OpportunitiesIndexPage

    assert not OpportunitiesIndexPage.can_create_at(opportunities_index.get_parent())


@pytest.mark.parametrize(
    ("starts", "ends", "words"),
    [
        ((2030, 10, 15, 10, 0), (2030, 10, 15, 12, 30), "Tuesday 15 October 2030, 10am to 12:30pm"),
        ((2030, 10, 15, 9, 30), (2030, 10, 15, 12, 0), "Tuesday 15 October 2030, 9:30am to midday"),
        (
            (2030, 10, 15, 18, 0),
            (2030, 10, 16, 9, 0),
            "Tuesday 15 October 2030, 6pm to Wednesday 16 October 2030, 9am",
        ),
    ],
)
def test_session_times_in_words(starts, ends, words):
    start = dt.datetime(*starts, tzinfo=LONDON)
    end = dt.datetime(*ends, tzinfo=LONDON)
    assert describe_time_range(start, end) == words
