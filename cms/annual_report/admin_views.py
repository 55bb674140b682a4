"""The annual Experts Report in the Wagtail admin.

Editors and coordinators write each year's introduction (a model viewset, by model
permission). Only coordinators and administrators make the PDF and download it: those
views ask ``is_coordinator`` before anything is looked up.
"""

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from cms.core import uploads
from cms.users.access import CoordinatorRequiredMixin, is_coordinator

from . import services
from .models import AnnualReport

YEARS_OFFERED = 10


def year_choices(today=None) -> list[tuple[int, int]]:
    this_year = (today or timezone.localdate()).year
    years = set(range(this_year - YEARS_OFFERED + 1, this_year + 1))
    years.update(AnnualReport.objects.values_list("year", flat=True))
    return [(year, year) for year in sorted(years, reverse=True)]


def pdf_status(report: AnnualReport, *, can_download: bool) -> str:
    if report.is_ready:
        if not can_download:
            return "Ready"
        return format_html(
            '<a href="{}">Download the {} report (PDF)</a>',
            reverse("annual_report_admin:download", args=[report.year]),
            report.year,
        )
    if report.is_being_prepared:
        return "Being prepared"
    if report.last_error:
        return "Could not be made: try again"
    return "Not made yet"


class GenerateForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Year",
        coerce=int,
        help_text="The calendar year the report covers, 1 January to 31 December.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()


@method_decorator(never_cache, name="dispatch")
class GenerateView(CoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Choose a year and make its PDF; every year's PDF and whether it is ready."""

    template_name = "reports/annual_report_generate.html"
    page_title = "Make the annual Experts Report"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("annual-reports:index"), "label": "Annual Experts Report"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = list(AnnualReport.objects.select_related("requested_by"))
        context.update(
            form=kwargs.get("form")
            or GenerateForm(initial={"year": timezone.localdate().year - 1}),
            reports=[(report, pdf_status(report, can_download=True)) for report in reports],
            preparing=any(report.is_being_prepared for report in reports),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = GenerateForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        year = form.cleaned_data["year"]
        services.request_generation(year=year, by=request.user)
        messages.success(
            request,
            f"The {year} report is being prepared. Come back to this page to download it.",
        )
        return redirect("annual_report_admin:generate")


class DownloadView(CoordinatorRequiredMixin, View):
    """The PDF from private storage, to coordinators and administrators only."""

    def get(self, request, year):
        report = get_object_or_404(AnnualReport, year=year)
        if not report.is_ready:
            raise Http404("This report is not ready.")
        try:
            handle = report.file.open("rb")
        except (OSError, ValueError) as error:
            raise Http404("The file is missing.") from error
        response = FileResponse(
            handle, as_attachment=True, filename=report.filename, content_type="application/pdf"
        )
        return uploads.harden_file_response(response)


urlpatterns = [
    path("", GenerateView.as_view(), name="generate"),
    path("<int:year>/download/", DownloadView.as_view(), name="download"),
]


class AnnualReportIndexView(IndexView):
    """Each year's report: its introduction (to edit) and its PDF."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if is_coordinator(self.request.user):
            buttons.append(
                HeaderButton(
                    "Make a report (PDF)",
                    url=reverse("annual_report_admin:generate"),
                    icon_name="doc-full",
                )
            )
        return buttons

    @cached_property
    def columns(self):
        can_download = is_coordinator(self.request.user)
        return [
            TitleColumn(
                "year",
                label="Year",
                get_url=lambda report: self.get_edit_url(report),
                sort_key="year",
            ),
            Column(
                "introduction",
                label="Introduction",
                accessor=lambda report: "Written" if report.introduction else "Not written yet",
            ),
            Column(
                "pdf",
                label="PDF",
                accessor=lambda report: pdf_status(report, can_download=can_download),
            ),
        ]


class AnnualReportViewSet(ModelViewSet):
    model = AnnualReport
    name = "annual-reports"
    icon = "doc-full"
    menu_label = "Annual Experts Report"
    menu_order = 660
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = AnnualReportIndexView
    ordering = ["-year"]
    panels = [
        FieldPanel("year"),
        FieldPanel("introduction"),
        FieldPanel("outcomes", widget=forms.CheckboxSelectMultiple),
    ]
