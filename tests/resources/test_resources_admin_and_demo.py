"""Editors create resources; the demo resources load once and only once."""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.glossary import demo as glossary_demo
from cms.resources import demo as resources_demo
from cms.resources.models import ResourceCategory, ResourceIndexPage, ResourcePage


@pytest.fixture
def editor_client(client, editor, settings):
    # The admin's widgets need Django's own form renderer; the NHS.UK one is for public forms.
    settings.FORM_RENDERER = "django.forms.renderers.DjangoTemplates"
    client.force_login(editor)
    return client


def test_editor_can_add_the_index_and_an_easy_read_resource(editor_client, home_page, site):
    response = editor_client.post(
        f"/admin/pages/add/resources/resourceindexpage/{home_page.pk}/",
        nested_form_data({"title": "Resources", "slug": "resources", "introduction": "All."}),
    )
    assert response.status_code == 302
    index = ResourceIndexPage.objects.get(slug="resources")
    add_url = f"/admin/pages/add/resources/resourcepage/{index.pk}/"
    html = editor_client.get(add_url).content.decode()
    for text in ["Easy Read version of", "Which group this resource is listed in.", "Download"]:
        assert text in html, text

    def post(**fields):
        data = {
            "title": "Confidentiality",
            "slug": "confidentiality",
            "category": ResourceCategory.POLICIES,
            "summary": "What you can talk about.",
            "body": streamfield([]),
            "easy_read": streamfield([]),
        }
        data.update(fields)
        return editor_client.post(add_url, nested_form_data(data))

    assert post().status_code == 302
    standard = ResourcePage.objects.get(slug="confidentiality")
    response = post(
        title="Confidentiality (Easy Read)",
        slug="confidentiality-easy-read",
        easy_read_of=str(standard.pk),
    )
    assert response.status_code == 302
    easy_read = ResourcePage.objects.get(slug="confidentiality-easy-read")
    assert easy_read.easy_read_of == standard
    # A second Easy Read version of the same resource is refused.
    response = post(title="Another", slug="another", easy_read_of=str(standard.pk))
    assert response.status_code == 200
    assert "already the Easy Read version" in response.content.decode()


def counts() -> dict[str, int]:
    return {
        "indexes": ResourceIndexPage.objects.count(),
        "resources": ResourcePage.objects.count(),
        "revisions": Revision.page_revisions.count(),
    }


def test_demo_load_is_idempotent(home_page, site):
    index = resources_demo.load_demo(home_page=home_page)
    first = counts()
    again = resources_demo.load_demo(home_page=home_page)
    assert counts() == first
    assert again.pk == index.pk


def test_demo_resources(home_page, site, client):
    glossary_demo.load_demo(home_page=home_page)
    index = resources_demo.load_demo(home_page=home_page)
    assert (index.slug, index.title, index.show_in_menus, index.live) == (
        "resources",
        "Resources",
        True,
        True,
    )
    slugs = set(index.get_children().values_list("slug", flat=True))
    assert {
        "what-to-expect",
        "how-payment-and-expenses-work",
        "code-of-practice",
        "payment-and-expenses-policy",
        "confidentiality",
        "safeguarding",
        "preparing-for-a-meeting",
        "what-the-jargon-means",
    } <= slugs
    easy_read = ResourcePage.objects.get(slug="how-payment-and-expenses-work-easy-read")
    standard = ResourcePage.objects.get(slug="how-payment-and-expenses-work")
    assert easy_read.standard_version == standard
    assert standard.easy_read_version == easy_read

    response = client.get("/resources/")
    assert [group["label"] for group in response.context["groups"]] == [
        "Welcome pack",
        "Policies",
        "Support sheets",
    ]
    for page in ResourcePage.objects.live():
        assert client.get(page.url).status_code == 200, page.url
    jargon = client.get("/resources/what-the-jargon-means/").content.decode()
    assert '<a href="/jargon-buster/">jargon buster</a>' in jargon
