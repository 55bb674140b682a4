"""Fixtures for the jargon buster tests."""

import pytest

from cms.glossary.factories import GlossaryTermFactory, JargonBusterPageFactory


@pytest.fixture
def jargon_buster(home_page, site):
    return JargonBusterPageFactory(parent=home_page)


@pytest.fixture
def co_production(db):
    return GlossaryTermFactory(
        term="Co-production",
        other_names="coproduction\nco-produce",
        meaning="Working together as equals from the start.",
        easy_read_meaning="Working together.",
    )


@pytest.fixture
def dbs_check(db):
    return GlossaryTermFactory(
        term="DBS check",
        other_names="DBS, Disclosure and Barring Service check",
        meaning="A check of someone's criminal record.",
    )
