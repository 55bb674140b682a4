"""Fixtures for the opportunities tests: a fixed clock, the index page, fast bulk pages."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms.opportunities.factories import (
    OpportunityPageFactory,
    ServiceAreaFactory,
)
from cms.opportunities.models import OpportunityPage, OpportunitySession


@pytest.fixture
def dementia(db):
    return ServiceAreaFactory(name="Dementia", slug="dementia")


@pytest.fixture
def carers(db):
    return ServiceAreaFactory(name="Carers", slug="carers")


@pytest.fixture
def bulk_opportunities(opportunities_index):
    """Create ``count`` real, live opportunity pages with sessions and service areas, fast.

    Adding pages one by one through treebeard costs a dozen queries each. Here the tree paths
    are worked out directly (the index has no other children) and rows are inserted in bulk:
    the pages are still ordinary live pages under the index, found by every page query.
    """

    def _bulk(count: int, *, service_areas, closing_date=None, now=None):
        now = now or timezone.now()
        closing_date = closing_date or (timezone.localdate(now) + dt.timedelta(days=10))
        index = Page.objects.get(pk=opportunities_index.pk)
        start = index.numchild
        template = OpportunityPageFactory.build(closing_date=closing_date)
        base_pages = []
        for number in range(start + 1, start + count + 1):
            slug = f"bulk-opportunity-{number}"
            base_pages.append(
                Page(
                    title=f"Bulk opportunity {number}",
                    draft_title=f"Bulk opportunity {number}",
                    slug=slug,
                    content_type=template.content_type,
                    path=Page._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    locale_id=index.locale_id,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        created = Page.objects.bulk_create(base_pages)
        page_fields = {
            f.attname: getattr(template, f.attname)
            for f in OpportunityPage._meta.local_concrete_fields
            if f.attname != "page_ptr_id"
        }
        for base in created:
            specific = OpportunityPage(page_ptr_id=base.pk, **page_fields)
            # Insert only this model's own row: the page row above is its parent.
            specific.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=index.pk).update(numchild=start + count)
        through = OpportunityPage.service_areas.through
        through.objects.bulk_create(
            through(opportunitypage_id=base.pk, servicearea_id=area.pk)
            for base in created
            for area in service_areas
        )
        OpportunitySession.objects.bulk_create(
            OpportunitySession(
                page_id=base.pk,
                sort_order=0,
                title="Meeting",
                starts_at=now + dt.timedelta(days=20),
                ends_at=now + dt.timedelta(days=20, hours=2),
                is_online=bool(i % 2),
                venue_name="" if i % 2 else "Civic Centre",
            )
            for i, base in enumerate(created)
        )
        return [base.pk for base in created]

    return _bulk
