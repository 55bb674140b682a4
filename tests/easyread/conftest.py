"""Fixtures for the Easy Read tests: pages with an Easy Read version, and pictures."""

import pytest
from wagtail.images import get_image_model

from cms.bulletins.factories import BulletinIndexPageFactory, BulletinPageFactory
from cms.easyread.pictures import picture_file
from cms.members.choices import Format
from cms.members.factories import MemberProfileFactory
from cms.resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory


@pytest.fixture
def picture(db):
    return get_image_model().objects.create(title="People", file=picture_file("people"))


@pytest.fixture
def easy_read_points(picture):
    return [
        ("heading", "What this is about"),
        ("point", {"text": "We want you to help us choose.", "image": picture, "alt_text": ""}),
        (
            "point",
            {"text": "We pay you for your time.", "image": picture, "alt_text": "Two people"},
        ),
    ]


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def easy_read_opportunity(make_opportunity, easy_read_points, site):
    page = make_opportunity(title="Help choose the home care provider")
    return publish(page, easy_read=easy_read_points)


@pytest.fixture
def easy_read_module(home_page, site, easy_read_points):
    index = TrainingIndexPageFactory(parent=home_page)
    module = TrainingModulePageFactory(parent=index, title="Safeguarding adults")
    return publish(module, easy_read=easy_read_points)


@pytest.fixture
def easy_read_bulletin(home_page, site, easy_read_points):
    index = BulletinIndexPageFactory(parent=home_page)
    issue = BulletinPageFactory(parent=index, title="Autumn 2026")
    return publish(issue, easy_read=easy_read_points)


@pytest.fixture
def resource_pair(home_page, site, easy_read_points):
    """A standard resource and its Easy Read version (a page of its own)."""
    index = ResourceIndexPageFactory(parent=home_page)
    standard = ResourcePageFactory(parent=index, title="How payment works")
    easy = ResourcePageFactory(
        parent=index, title="How payment works (Easy Read)", easy_read_of=standard
    )
    publish(standard)
    publish(easy, easy_read=easy_read_points)
    return standard, easy


@pytest.fixture
def easy_read_member(db):
    return MemberProfileFactory(formats=[Format.EASY_READ]).user


@pytest.fixture
def large_print_member(db):
    return MemberProfileFactory(formats=[Format.LARGE_PRINT]).user
