"""A coordinator tours Insight on the demo site: every registered report shows the same
headline figures as the report itself works out, each CSV matches its table, and axe
finds nothing on any page."""

import csv
import html
import io
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template import Context, Template
from playwright.sync_api import expect

from cms.reports.base import ReportFilter, all_reports
from cms.reports.periods import default_period

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-demo-password"


def as_shown(value) -> str:
    """A figure as the admin template writes it (localised, escaped), read back as text."""
    return html.unescape(Template("{{ value }}").render(Context({"value": value}))).strip()


@pytest.fixture
def demo_site(home_page):
    call_command("load_demo_data", password=PASSWORD, stdout=StringIO())


def test_a_coordinator_reads_every_report_on_the_demo_site(
    page, visit, axe, sign_in, with_two_factor, demo_site
):
    with_two_factor(get_user_model().objects.get(email="coordinator@example.org"))
    sign_in("coordinator@example.org", password=PASSWORD, two_factor=True)

    visit("/admin/insight/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Insight")
    reports = all_reports()
    for report in reports:
        expect(page.get_by_role("link", name=report.title, exact=True)).to_be_visible()
    page.reload()
    axe.assert_clean(page)

    start, end = default_period()
    for report in reports:
        visit("/admin/insight/")
        page.get_by_role("link", name=report.title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(report.title)
        expected = report.build(ReportFilter(start=start, end=end))
        assert expected.headlines, report.slug
        for index, headline in enumerate(expected.headlines):
            card = page.locator(f'[data-headline="{index}"]')
            expect(card.locator(".insight-headline__label")).to_have_text(headline.label)
            expect(card.locator(".insight-headline__value")).to_have_text(as_shown(headline.value))
        for table in expected.tables:
            block = page.locator(f'[data-table="{table.slug}"]')
            expect(block.get_by_role("heading", level=2)).to_have_text(table.caption)
            expect(block.locator("table tbody tr")).to_have_count(len(table.rows) or 1)
            if table.chart and table.rows:
                expect(block.get_by_role("img", name=table.caption)).to_be_visible()
        # The first table's CSV, fetched as the coordinator, is that table.
        first = expected.tables[0]
        href = (
            page.locator(f'[data-table="{first.slug}"]')
            .get_by_role("link", name="Download CSV")
            .get_attribute("href")
        )
        response = page.request.get(page.url.split("?")[0] + href)
        assert response.ok
        rows = list(csv.reader(io.StringIO(response.text())))
        assert rows == [first.columns] + [[str(cell) for cell in row] for row in first.rows]
        page.reload()
        axe.assert_clean(page)

    # The filter: one service area, and the figures follow it.
    page.get_by_label("Service area").select_option(label="Dementia")
    page.get_by_role("button", name="Show").click()
    expect(page.locator(".insight-period")).to_contain_text("Dementia only")
    axe.assert_clean(page)
