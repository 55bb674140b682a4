"""Fixtures for the resources tests."""

import pytest

from cms.resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from cms.resources.models import ResourceCategory


@pytest.fixture
def resource_index(home_page, site):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def expenses_guide(resource_index):
    return ResourcePageFactory(
        parent=resource_index,
        title="How payment and expenses work",
        category=ResourceCategory.WELCOME_PACK,
        summary="What we pay for and how to claim.",
    )


@pytest.fixture
def expenses_easy_read(resource_index, expenses_guide):
    return ResourcePageFactory(
        parent=resource_index,
        title="How payment and expenses work (Easy Read)",
        category=ResourceCategory.WELCOME_PACK,
        summary="How we pay you back.",
        easy_read_of=expenses_guide,
    )
