"""The annual Experts Report as a PDF: cover, introduction, every registered report's
headline figures and charts for the calendar year, and "You said, we did" outcomes."""

import importlib

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site

from cms.core.models import OrganisationSettings
from cms.core.pdf import logo_data_uri, render_pdf
from cms.opportunities.models import OpportunityPage
from cms.reports.base import ReportFilter, all_reports

from .models import AnnualReport


def _chart_function():
    """``cms.reports.charts.chart_svg`` when it exists; charts are left out otherwise."""
    try:
        return importlib.import_module("cms.reports.charts").chart_svg
    except (ImportError, AttributeError):
        return None


def report_sections(report: AnnualReport) -> list[dict]:
    """Each registered report for the year: its title, headlines and tables with charts."""
    report_filter = ReportFilter(start=report.start, end=report.end)
    chart_svg = _chart_function()
    sections = []
    for each in all_reports():
        result = each.build(report_filter)
        tables = [
            {"table": table, "chart": chart_svg(table) if chart_svg and table.chart else ""}
            for table in result.tables
        ]
        sections.append(
            {
                "title": each.title,
                "description": each.description,
                "headlines": result.headlines,
                "tables": tables,
            }
        )
    return sections


def outcomes_for(report: AnnualReport) -> list[OpportunityPage]:
    """The outcomes chosen for the report, or else every one published in its year."""
    pages = OpportunityPage.objects.live().filter(outcome_published_on__isnull=False)
    chosen = report.outcomes.all()
    if chosen.exists():
        pages = pages.filter(pk__in=chosen.values("pk"))
    else:
        pages = pages.filter(outcome_published_on__range=(report.start, report.end))
    return list(pages.order_by("outcome_published_on", "title"))


def _organisation():
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return OrganisationSettings.for_site(site) if site else None


def annual_report_html(report: AnnualReport) -> str:
    organisation = _organisation()
    return render_to_string(
        "reports/annual_report_pdf.html",
        {
            "report": report,
            "organisation_name": getattr(organisation, "organisation_name", "") or "Involve",
            "logo": logo_data_uri(organisation) if organisation else None,
            "sections": report_sections(report),
            "outcomes": outcomes_for(report),
            "made_on": timezone.localdate(),
        },
    )


def render_annual_report_pdf(report: AnnualReport) -> bytes:
    return render_pdf(annual_report_html(report))
