"""Glossary terms: their fields, validation and admin."""

import pytest
from django.core.exceptions import ValidationError

from cms.glossary.factories import GlossaryTermFactory
from cms.glossary.models import GlossaryTerm, split_other_names


def test_other_names_are_split_on_lines_and_commas():
    assert split_other_names(
        " DBS \nDisclosure and Barring Service check, criminal  record check\n\ndbs"
    ) == [
        "DBS",
        "Disclosure and Barring Service check",
        "criminal record check",
    ]


def test_an_empty_slug_is_made_from_the_term(db):
    term = GlossaryTerm(term="  Carer's   assessment ", meaning="A talk about caring.")

    term.full_clean()

    assert term.term == "Carer's assessment"
    assert term.slug == "carers-assessment"


def test_two_terms_cannot_share_a_name_whatever_the_case(db):
    GlossaryTermFactory(term="Tender")
    duplicate = GlossaryTerm(term="tender", slug="tender-2", meaning="Buying a service.")

    with pytest.raises(ValidationError, match=r"There is already a term with this name\."):
        duplicate.full_clean()


def test_other_names_must_not_repeat_the_term(db):
    term = GlossaryTerm(term="Quorum", other_names="quorate\nQUORUM", meaning="Enough people.")

    with pytest.raises(ValidationError) as error:
        term.full_clean()

    assert "other_names" in error.value.message_dict


def test_has_easy_read(db):
    assert GlossaryTermFactory(easy_read_meaning="Short words.").has_easy_read
    assert not GlossaryTermFactory(easy_read_meaning="  ").has_easy_read


def test_editors_find_terms_under_jargon_buster_in_the_admin(
    admin_client, co_production, dbs_check
):
    menu = admin_client.get("/admin/").content.decode()
    listing = admin_client.get("/admin/snippets/glossary/glossaryterm/?q=coproduction")

    assert "Jargon buster" in menu
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Co-production" in html
    assert "DBS check" not in html
    assert "Easy Read" in html
