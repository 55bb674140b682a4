import pytest

from cms.home.models import StandardPage


@pytest.fixture
def pages(home_page):
    published = StandardPage(
        title="Parking at the Civic Centre", slug="parking", introduction="Where to park."
    )
    home_page.add_child(instance=published)
    draft = StandardPage(title="Parking draft notes", slug="parking-draft", live=False)
    home_page.add_child(instance=draft)
    return published, draft


@pytest.mark.django_db
def test_search_finds_live_pages_only(client, pages):
    response = client.get("/search/", {"q": "parking"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Parking at the Civic Centre" in html
    assert "Parking draft notes" not in html
    assert "1 result for" in html


@pytest.mark.django_db
def test_search_without_a_query_shows_the_form(client, home_page):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


@pytest.mark.django_db
def test_search_says_when_nothing_matches(client, pages):
    response = client.get("/search/", {"q": "zzzz-nothing"})
    assert "0 results for" in response.content.decode()
    assert "Check the spelling" in response.content.decode()


@pytest.mark.django_db
def test_an_out_of_range_results_page_shows_the_last_page(client, pages):
    response = client.get("/search/", {"q": "parking", "page": "99"})
    assert response.status_code == 200
    assert "Parking at the Civic Centre" in response.content.decode()
