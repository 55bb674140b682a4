"""Writing help in the page editor, its endpoint, and the "Pages above the reading age" report."""

import json
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.rich_text import RichText

from cms.glossary.factories import GlossaryTermFactory

pytestmark = pytest.mark.django_db

DENSE = (
    "The organisation's strategic commissioning framework necessitates comprehensive "
    "stakeholder consultation."
)


def test_the_endpoint_gives_an_editor_the_figures_for_the_text_posted(client, editor):
    GlossaryTermFactory(term="Commissioning")
    client.force_login(editor)
    response = client.post(
        reverse("easyread_writing_help"), {"text": f"The cat sat on the mat.\n{DENSE}"}
    )
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["target"] == 9
    assert data["above_target"] is True
    assert data["longest_sentences"][0] == {"text": DENSE, "words": 9}
    assert [term["term"] for term in data["jargon"]] == ["Commissioning"]


def test_the_endpoint_refuses_everyone_but_editors(client, coordinator, member):
    url = reverse("easyread_writing_help")
    assert client.post(url, {"text": "Hello."}).status_code == 302
    for user in (coordinator, member):
        client.force_login(user)
        response = client.post(url, {"text": "Hello."})
        assert response.status_code in (302, 403)
        assert b"reading_age" not in response.content


def test_the_endpoint_only_takes_posts(client, editor):
    client.force_login(editor)
    assert client.get(reverse("easyread_writing_help")).status_code == 405


def test_the_page_editor_shows_writing_help_for_the_saved_page(client, editor, make_opportunity):
    GlossaryTermFactory(term="Tender panel")
    page = make_opportunity(
        title="Join our tender panel",
        summary=DENSE,
        body=[("text", RichText("<p>You read the bids.</p>"))],
    )
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-writing-help" in html
    assert "involve/js/writing-help.js" in html
    assert escape(f"{DENSE} (9 words)") in html
    assert "<strong>Tender panel</strong>" in html
    # The Easy Read tab is there too.
    assert "Easy Read" in html


def _report_url():
    return reverse("easyread_reading_age_report")


def test_the_report_lists_published_pages_above_the_target_hardest_first(
    client, editor, make_opportunity
):
    make_opportunity(title="Plain", summary="We pay you. You tell us.")
    make_opportunity(title="Dense", summary=DENSE)
    make_opportunity(title="Draft", summary=DENSE, live=False)
    client.force_login(editor)
    response = client.get(_report_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pages above the reading age" in html
    assert ">Dense</a>" in html
    assert ">Plain</a>" not in html
    assert ">Draft</a>" not in html


def test_coordinators_see_the_report_and_members_and_visitors_do_not(client, coordinator, member):
    response = client.get(_report_url())
    assert response.status_code == 302
    client.force_login(member)
    response = client.get(_report_url())
    assert response.status_code in (302, 403)
    assert b"Pages above the reading age" not in response.content
    client.force_login(coordinator)
    assert client.get(_report_url()).status_code == 200


def test_the_report_takes_the_same_queries_for_few_and_many_pages(client, editor, make_opportunity):
    client.force_login(editor)
    for number in range(3):
        make_opportunity(title=f"Dense {number}", summary=DENSE)
    client.get(_report_url())  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_report_url()).status_code == 200
    for number in range(3, 15):
        make_opportunity(title=f"Dense {number}", summary=DENSE)
    with CaptureQueriesContext(connection) as many:
        assert client.get(_report_url()).status_code == 200
    assert len(many) == len(few)
