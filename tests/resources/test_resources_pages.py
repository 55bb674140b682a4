"""The Resources page, grouped by category, and each resource with its Easy Read link."""

import itertools

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from cms.resources.factories import ResourcePageFactory
from cms.resources.models import ResourceCategory, ResourceIndexPage, ResourcePage


def heading_levels(html: str) -> list[int]:
    main = BeautifulSoup(html, "html.parser").find("main")
    return [int(tag.name[1]) for tag in main.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_headings_in_order(html: str) -> None:
    levels = heading_levels(html)
    assert levels[0] == 1
    assert levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_resources_are_grouped_by_category_in_order(client, resource_index):
    ResourcePageFactory(
        parent=resource_index, title="Preparing for a meeting", category="support_sheets"
    )
    ResourcePageFactory(parent=resource_index, title="Confidentiality", category="policies")
    ResourcePageFactory(parent=resource_index, title="What to expect", category="welcome_pack")
    ResourcePageFactory(parent=resource_index, title="Safeguarding", category="policies")
    ResourcePageFactory(
        parent=resource_index, title="Draft sheet", category="support_sheets", live=False
    )

    response = client.get("/resources/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [group["label"] for group in groups] == ["Welcome pack", "Policies", "Support sheets"]
    assert [entry["resource"].title for entry in groups[1]["entries"]] == [
        "Confidentiality",
        "Safeguarding",
    ]
    html = response.content.decode()
    assert (
        html.index('<h2 id="welcome-pack">Welcome pack</h2>')
        < html.index("What to expect")
        < html.index('<h2 id="policies">Policies</h2>')
        < html.index("Confidentiality")
        < html.index("Safeguarding")
        < html.index('<h2 id="support-sheets">Support sheets</h2>')
        < html.index("Preparing for a meeting")
    )
    assert '<a href="#policies">Policies</a>' in html
    assert "Draft sheet" not in html
    assert "Guides" not in html  # an empty category is not shown
    assert_headings_in_order(html)


def test_easy_read_is_listed_with_its_standard_version(client, expenses_guide, expenses_easy_read):
    response = client.get("/resources/")
    [group] = response.context["groups"]
    assert [(e["resource"], e["easy_read"]) for e in group["entries"]] == [
        (expenses_guide, expenses_easy_read)
    ]
    html = response.content.decode()
    assert f'<a href="{expenses_easy_read.url}">Read this in Easy Read' in html


def test_easy_read_without_a_published_standard_version_is_listed_alone(
    client, expenses_guide, expenses_easy_read
):
    expenses_guide.unpublish()
    response = client.get("/resources/")
    [group] = response.context["groups"]
    assert [(e["resource"], e["easy_read"]) for e in group["entries"]] == [
        (expenses_easy_read, None)
    ]
    html = client.get(expenses_easy_read.url).content.decode()
    assert "Read the standard version" not in html


def test_standard_and_easy_read_link_to_each_other(client, expenses_guide, expenses_easy_read):
    assert not expenses_guide.is_easy_read
    assert expenses_easy_read.is_easy_read
    assert expenses_guide.easy_read_version == expenses_easy_read
    assert expenses_easy_read.standard_version == expenses_guide

    standard_html = client.get(expenses_guide.url).content.decode()
    assert f'<a href="{expenses_easy_read.url}">Read this in Easy Read' in standard_html
    assert "Read the standard version" not in standard_html
    assert_headings_in_order(standard_html)

    easy_read_html = client.get(expenses_easy_read.url).content.decode()
    assert (
        f'<a href="{expenses_guide.url}?version=standard">Read the standard version'
        in easy_read_html
    )
    assert "Read this in Easy Read" not in easy_read_html


def test_unpublished_easy_read_is_not_linked(client, expenses_guide, expenses_easy_read):
    expenses_easy_read.unpublish()
    assert "Read this in Easy Read" not in client.get(expenses_guide.url).content.decode()


def test_resource_page_shows_body_document_and_review_date(client, resource_index):
    document = wagtail_factories.DocumentFactory(title="Expenses policy")
    resource = ResourcePageFactory(
        parent=resource_index,
        title="Payment and expenses policy",
        category=ResourceCategory.POLICIES,
        summary="When we pay, and which costs we pay back.",
        body=[("text", "<h2>Our promise</h2><p>Nobody should be out of pocket.</p>")],
        document=document,
        last_reviewed="2026-04-01",
    )
    response = client.get(resource.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        'Policies<span class="nhsuk-u-visually-hidden">: </span></span>Payment and expenses policy</h1>',
        "When we pay, and which costs we pay back.",
        "<h2>Our promise</h2>",
        "Nobody should be out of pocket.",
        "<h2>Download</h2>",
        f'<a href="{document.url}" download>Download Payment and expenses policy',
        'Last reviewed: <time datetime="2026-04-01">1 April 2026</time>',
    ]:
        assert text in html, text
    assert_headings_in_order(html)
    listing = client.get("/resources/").content.decode()
    assert f'<a href="{document.url}" download>Download' in listing


def test_index_without_resources(client, resource_index):
    assert "There are no resources here yet" in client.get("/resources/").content.decode()


def test_a_resource_cannot_be_its_own_easy_read_version(expenses_guide):
    expenses_guide.easy_read_of = expenses_guide
    with pytest.raises(ValidationError, match="itself"):
        expenses_guide.full_clean()


def test_an_easy_read_version_cannot_have_its_own_easy_read_version(
    resource_index, expenses_easy_read
):
    page = ResourcePageFactory.build(easy_read_of=expenses_easy_read)
    with pytest.raises(ValidationError, match="is itself an Easy Read version"):
        page.full_clean()


def test_a_resource_with_easy_read_versions_cannot_become_one(
    resource_index, expenses_guide, expenses_easy_read
):
    other = ResourcePageFactory(parent=resource_index, title="Other")
    expenses_guide.easy_read_of = other
    with pytest.raises(ValidationError, match="Other resources are Easy Read versions"):
        expenses_guide.full_clean()


def test_only_one_easy_read_version_per_resource(
    resource_index, expenses_guide, expenses_easy_read
):
    second = ResourcePageFactory.build(
        title="Second Easy Read", slug="second", easy_read_of=expenses_guide
    )
    with pytest.raises(ValidationError, match="already the Easy Read version"):
        second.full_clean()
    expenses_easy_read.full_clean()  # the existing one is still valid


def test_page_tree_rules(home_page, resource_index):
    assert not ResourceIndexPage.can_create_at(home_page)
    assert ResourcePage.can_create_at(resource_index)
    assert not ResourcePage.can_create_at(home_page)
