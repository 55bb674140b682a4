"""An opportunity's page explains jargon and links the training it needs."""

import pytest
from bs4 import BeautifulSoup
from wagtail.rich_text import RichText

from cms.glossary.factories import GlossaryTermFactory, JargonBusterPageFactory
from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory


@pytest.fixture
def jargon_buster(home_page, site):
    return JargonBusterPageFactory(parent=home_page)


def main_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_a_glossary_term_in_an_opportunitys_text_is_explained_where_it_first_appears(
    client, make_opportunity, jargon_buster
):
    GlossaryTermFactory(
        term="Commissioning",
        other_names="commissioner",
        meaning="Planning and buying services for local people.",
    )
    page = make_opportunity(
        title="Help choose the new day service",
        body=[
            ("text", RichText("<p>The council is commissioning a new day service.</p>")),
            ("text", RichText("<p>Commissioning takes about a year.</p>")),
        ],
    )

    main = main_of(client, page.url)

    terms = main.select("dfn.involve-term")
    assert len(terms) == 1, "a term is explained once, where it first appears"
    assert terms[0].get_text() == "commissioning"
    assert terms[0].find("a")["href"] == "/jargon-buster/#term-commissioning"
    meaning = terms[0].find_next_sibling("span", class_="involve-term__meaning")
    assert meaning.get_text() == "(meaning: Planning and buying services for local people)"


def test_an_opportunity_links_the_training_it_needs(client, home_page, make_opportunity):
    training = TrainingIndexPageFactory(parent=home_page)
    safeguarding = TrainingModulePageFactory(
        parent=training, title="Safeguarding adults", duration="45 minutes"
    )
    draft = TrainingModulePageFactory(parent=training, title="Not ready yet", live=False)
    page = make_opportunity(title="Peer research")
    page.required_training = [safeguarding, draft]
    page.save_revision().publish()

    main = main_of(client, page.url)

    links = {link.get_text(): link["href"] for link in main.select("a")}
    assert links["Safeguarding adults"] == safeguarding.url
    assert "Not ready yet" not in links, "an unpublished module is not offered"
    assert "45 minutes" in main.get_text()
