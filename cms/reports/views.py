"""Insight in the Wagtail admin, for coordinators and administrators: the list of reports,
each report with its charts and tables, and each table as a CSV download.

Every view refuses anyone who is not a coordinator before building anything: visitors
are sent to sign in, editors, finance staff and members get "permission denied".
"""

from __future__ import annotations

import csv

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from cms.core import uploads
from cms.users.access import CoordinatorRequiredMixin

from .base import REGISTRY, Report, Table, all_reports, get_report
from .charts import chart_svg
from .forms import ReportFilterForm

# Spreadsheets run a cell that starts like a formula; such cells are kept as text.
CSV_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(CSV_RISKY_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def table_csv(table: Table, *, filename: str) -> HttpResponse:
    """The table's columns, then exactly its rows, as a CSV download."""
    response = uploads.harden_file_response(HttpResponse(content_type="text/csv; charset=utf-8"))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([csv_cell(column) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return response


class InsightView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


class ReportIndexView(InsightView):
    template_name = "reports/admin/index.html"
    page_title = "Insight"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = [
            {"report": report, "url": reverse("insight:report", args=[report.slug])}
            for report in all_reports()
        ]
        return context


class ReportDetailView(InsightView):
    template_name = "reports/admin/report.html"

    def dispatch(self, request, *args, **kwargs):
        # Who may look comes first, so nobody learns from a 404 which reports exist.
        refusal = self.refuse_unless_coordinator(request)
        if refusal:
            return refusal
        if kwargs["slug"] not in REGISTRY:
            raise Http404("No such report")
        self.report: Report = get_report(kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.report.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("insight:index"), "label": "Insight"},
            {"url": "", "label": self.report.title},
        ]

    def get(self, request, *args, **kwargs):
        self.form = ReportFilterForm(request.GET)
        report_filter = self.form.report_filter()
        self.result = self.report.build(report_filter) if report_filter else None
        if request.GET.get("format") == "csv":
            if self.result is None:
                raise Http404("The dates are not valid")
            try:
                table = self.result.table(request.GET.get("table", ""))
            except KeyError:
                raise Http404("No such table") from None
            period = f"{report_filter.start:%Y-%m-%d}-to-{report_filter.end:%Y-%m-%d}"
            return table_csv(table, filename=f"{self.report.slug}-{table.slug}-{period}.csv")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.form.query_string()
        tables = []
        if self.result is not None:
            tables = [
                {
                    "table": table,
                    "chart": chart_svg(table),
                    "csv_url": f"?{query}&format=csv&table={table.slug}",
                }
                for table in self.result.tables
            ]
        context.update(
            report=self.report,
            form=self.form,
            result=self.result,
            tables=tables,
            report_filter=self.form.report_filter(),
        )
        return context
