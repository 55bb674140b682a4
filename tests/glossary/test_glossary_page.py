"""The jargon buster page (A to Z and search), and terms explained on other pages."""

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from cms.glossary.factories import GlossaryTermFactory, JargonBusterPageFactory
from cms.glossary.models import JargonBusterPage
from cms.home.models import StandardPage


def get_soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_the_a_to_z_links_letters_with_terms_and_shows_the_others(
    client, jargon_buster, co_production, dbs_check
):
    soup = get_soup(client, "/jargon-buster/")

    nav = soup.find("nav", attrs={"aria-label": "Terms by letter"})
    letters = nav.find_all("li")
    assert len(letters) == 26
    assert [a.get_text() for a in nav.find_all("a")] == ["C", "D"]
    assert nav.find("a", string="C")["href"] == "#letter-c"
    assert letters[1].get_text() == "B (no terms)"
    assert soup.find("h2", id="letter-c").get_text() == "C"
    assert not soup.find(id="letter-b")


def test_each_term_has_an_anchor_its_other_names_and_easy_read(
    client, jargon_buster, co_production, dbs_check
):
    co_production.related_terms.add(dbs_check)

    soup = get_soup(client, "/jargon-buster/")

    entry = soup.find(id="term-co-production")
    assert entry.find("h3").get_text() == "Co-production"
    text = entry.get_text(" ", strip=True)
    assert "Also called: coproduction, co-produce" in text
    assert "Working together as equals from the start." in text
    assert "In Easy Read: Working together." in text
    assert entry.find("a", string="DBS check")["href"] == "/jargon-buster/#term-dbs-check"
    assert "In Easy Read" not in soup.find(id="term-dbs-check").get_text()


def test_terms_are_in_a_to_z_order_whatever_their_case(client, jargon_buster):
    for term in ["tender", "Agenda", "advocacy", "4Pi standards"]:
        GlossaryTermFactory(term=term)

    soup = get_soup(client, "/jargon-buster/")

    assert [h.get_text() for h in soup.select("h3")] == [
        "advocacy",
        "Agenda",
        "tender",
        "4Pi standards",
    ]
    assert soup.find("h2", id="letter-0-9").get_text() == "0–9"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("co-prod", ["Co-production"]),
        ("dbs", ["DBS check"]),  # the term, ignoring case
        ("barring", ["DBS check"]),  # an other name
        ("CRIMINAL RECORD", ["DBS check"]),  # the meaning
        # "DBS check" has an "e" in its name, so comes before a match on other names
        ("e", ["DBS check", "Co-production"]),
    ],
)
def test_search_finds_terms_by_name_other_names_and_meaning(
    client, jargon_buster, co_production, dbs_check, query, found
):
    soup = get_soup(client, f"/jargon-buster/?q={query}")

    assert [h.get_text() for h in soup.select("h3")] == found
    plural = "s" if len(found) > 1 else ""
    assert soup.find("h2").get_text() == f"{len(found)} term{plural} found for ‘{query}’"
    assert soup.find("input", id="glossary-search")["value"] == query
    assert soup.title.get_text().startswith(f"{len(found)} result{plural} for ‘{query}’")


def test_search_lists_terms_matching_by_name_before_those_matching_by_meaning(
    client, jargon_buster
):
    GlossaryTermFactory(term="Agenda", meaning="A list of what a meeting will talk about.")
    GlossaryTermFactory(term="Minutes", meaning="A record of a meeting.")
    GlossaryTermFactory(term="Meeting", meaning="People getting together.")

    soup = get_soup(client, "/jargon-buster/?q=meeting")

    assert [h.get_text() for h in soup.select("h3")] == ["Meeting", "Agenda", "Minutes"]


def test_a_search_with_no_results_says_so(client, jargon_buster, co_production):
    soup = get_soup(client, "/jargon-buster/?q=zebra")

    assert soup.find("h2").get_text() == "No terms found for ‘zebra’"
    assert "Check the spelling" in soup.find("main").get_text()
    assert soup.find("a", string="Show every term from A to Z")["href"] == "/jargon-buster/"
    assert not soup.select("h3")


def test_the_page_query_count_stays_flat_as_terms_grow(
    client, jargon_buster, django_assert_max_num_queries
):
    for number in range(30):
        GlossaryTermFactory(term=f"Term {number}", related_terms=[])
    client.get("/jargon-buster/")  # warm Wagtail's site caches

    with django_assert_max_num_queries(12):
        client.get("/jargon-buster/")


def test_the_jargon_buster_is_a_single_page_under_home(home_page, jargon_buster):
    assert JargonBusterPage.can_create_at(home_page) is False
    assert JargonBusterPage.parent_page_types == ["home.HomePage"]


def test_the_jargon_buster_only_answers_get(client, jargon_buster):
    assert client.post("/jargon-buster/").status_code == 405


def test_a_page_explains_a_term_where_it_first_appears_across_blocks(
    client, home_page, co_production, dbs_check
):
    JargonBusterPageFactory(parent=home_page)
    page = StandardPage(
        title="Get involved",
        slug="get-involved",
        body=[
            ("text", RichText("<h2>About co-production</h2><p>We believe in co-production.</p>")),
            ("text", RichText("<p>Co-production again. Do you need a DBS?</p>")),
        ],
    )
    home_page.add_child(instance=page)

    soup = get_soup(client, "/get-involved/")

    main = soup.find("main")
    terms = main.select("dfn.involve-term")
    assert [dfn["id"] for dfn in terms] == ["explained-co-production", "explained-dbs-check"]
    assert terms[0].find("a")["href"] == "/jargon-buster/#term-co-production"
    meanings = [span.get_text() for span in main.select(".involve-term__meaning")]
    assert meanings == [
        "(meaning: Working together as equals from the start)",
        "(meaning: A check of someone's criminal record)",
    ]
    assert main.find("h2").get_text() == "About co-production"
