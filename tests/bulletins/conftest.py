"""Fixtures for the bulletin tests: the archive, opportunities to spotlight, a training module."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.bulletins.factories import BulletinIndexPageFactory
from cms.opportunities.factories import OpportunitiesIndexPageFactory, OpportunityPageFactory
from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory


@pytest.fixture
def bulletin_index(home_page, site):
    return BulletinIndexPageFactory(parent=home_page)


@pytest.fixture
def opportunities_index(home_page, site):
    return OpportunitiesIndexPageFactory(parent=home_page)


@pytest.fixture
def open_opportunity(opportunities_index):
    return OpportunityPageFactory(
        parent=opportunities_index,
        title="Help choose the new home care provider",
        summary="Read and score the bids from home care companies.",
        closing_date=timezone.localdate() + dt.timedelta(days=10),
        time_commitment="Two half days",
    )


@pytest.fixture
def closed_opportunity(opportunities_index):
    return OpportunityPageFactory(
        parent=opportunities_index,
        title="Carers' survey",
        summary="Tell us about your caring role.",
        closing_date=timezone.localdate() - dt.timedelta(days=3),
    )


@pytest.fixture
def training_module(home_page, site):
    index = TrainingIndexPageFactory(parent=home_page)
    return TrainingModulePageFactory(
        parent=index,
        title="Safeguarding adults",
        summary="How to spot harm and what to do.",
        duration="1 hour",
    )
