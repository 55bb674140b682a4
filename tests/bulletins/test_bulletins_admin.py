"""Editors create the archive and issues; a new spotlight must be on an open opportunity."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.bulletins.blocks import spotlight_problem
from cms.bulletins.factories import BulletinPageFactory, spotlight
from cms.bulletins.models import BulletinIndexPage, BulletinPage


@pytest.fixture
def editor_client(client, editor, settings):
    # The admin's widgets need Django's own form renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    client.force_login(editor)
    return client


def issue_form_data(items, **fields) -> dict:
    data = {
        "title": "Winter 2026 to 2027",
        "slug": "winter-2026-to-2027",
        "issue_date": "2026-12-01",
        "summary": "News for the winter.",
        "items": streamfield(items),
        "easy_read": streamfield([]),
    }
    data.update(fields)
    return nested_form_data(data)


def spotlight_form_value(opportunity, note=""):
    return ("opportunity_spotlight", {"opportunity": str(opportunity.pk), "editors_note": note})


def news_form_value():
    return ("news", {"heading": "Hello", "body": rich_text("<p>Some news.</p>")})


def test_editor_can_add_the_archive_under_the_home_page(editor_client, home_page):
    response = editor_client.get(f"/admin/pages/add/bulletins/bulletinindexpage/{home_page.pk}/")
    assert response.status_code == 200
    response = editor_client.post(
        f"/admin/pages/add/bulletins/bulletinindexpage/{home_page.pk}/",
        nested_form_data(
            {"title": "Bulletins", "slug": "bulletins", "introduction": "Our e-bulletin."}
        ),
    )
    assert response.status_code == 302
    assert BulletinIndexPage.objects.child_of(home_page).filter(slug="bulletins").exists()


def test_editor_sees_help_for_every_field(editor_client, bulletin_index):
    html = editor_client.get(
        f"/admin/pages/add/bulletins/bulletinpage/{bulletin_index.pk}/"
    ).content.decode()
    for text in [
        "The date this issue goes out.",
        "One or two sentences on what is in this issue",
        "A spotlight must be on a published opportunity that is still open.",
        "Plain-text version",
    ]:
        assert text in html, text


def test_editor_can_add_an_issue_spotlighting_an_open_opportunity(
    editor_client, bulletin_index, open_opportunity
):
    response = editor_client.post(
        f"/admin/pages/add/bulletins/bulletinpage/{bulletin_index.pk}/",
        issue_form_data([news_form_value(), spotlight_form_value(open_opportunity, "Do join.")]),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    issue = BulletinPage.objects.get(slug="winter-2026-to-2027")
    assert issue.issue_date == dt.date(2026, 12, 1)
    kinds = [child.block_type for child in issue.get_latest_revision_as_object().items]
    assert kinds == ["news", "opportunity_spotlight"]


def test_a_new_spotlight_on_a_closed_opportunity_is_refused(
    editor_client, bulletin_index, closed_opportunity
):
    response = editor_client.post(
        f"/admin/pages/add/bulletins/bulletinpage/{bulletin_index.pk}/",
        issue_form_data([news_form_value(), spotlight_form_value(closed_opportunity)]),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose an opportunity that people can still say they are interested in." in html
    assert not BulletinPage.objects.filter(slug="winter-2026-to-2027").exists()


def test_a_new_spotlight_on_an_unpublished_opportunity_is_refused(
    editor_client, bulletin_index, open_opportunity
):
    open_opportunity.unpublish()
    response = editor_client.post(
        f"/admin/pages/add/bulletins/bulletinpage/{bulletin_index.pk}/",
        issue_form_data([spotlight_form_value(open_opportunity)]),
    )
    assert response.status_code == 200
    assert "is not published" in response.content.decode()
    assert not BulletinPage.objects.filter(slug="winter-2026-to-2027").exists()


def test_an_old_issue_can_still_be_edited_once_its_spotlight_has_closed(
    editor_client, bulletin_index, closed_opportunity
):
    # The opportunity was open when the issue went out; it has closed since.
    issue = BulletinPageFactory(
        parent=bulletin_index,
        title="Spring 2026",
        slug="spring-2026",
        items=[spotlight(closed_opportunity)],
    )
    response = editor_client.post(
        f"/admin/pages/{issue.pk}/edit/",
        issue_form_data(
            [spotlight_form_value(closed_opportunity), news_form_value()],
            title="Spring 2026",
            slug="spring-2026",
            summary="Corrected summary.",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    issue.refresh_from_db()
    assert issue.get_latest_revision_as_object().summary == "Corrected summary."


def test_spotlight_problem(open_opportunity, closed_opportunity):
    assert spotlight_problem(open_opportunity) == ""
    assert "closed on" in spotlight_problem(closed_opportunity)
    PageViewRestriction.objects.create(
        page=open_opportunity, restriction_type=PageViewRestriction.LOGIN
    )
    assert "can only be seen by some people" in spotlight_problem(open_opportunity)


def test_an_opportunity_is_open_to_the_end_of_its_closing_date(open_opportunity):
    open_opportunity.closing_date = timezone.localdate()
    assert spotlight_problem(open_opportunity) == ""
