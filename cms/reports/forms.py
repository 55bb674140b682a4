"""The filter every report shares: a date range and, optionally, a service area."""

from __future__ import annotations

from django import forms

from cms.core.forms import DATE_FORMATS
from cms.taxonomy.models import ServiceArea

from .base import ReportFilter
from .periods import default_period


class DateInput(forms.DateInput):
    """The browser's own date field: typed or picked, and sent as 2026-11-26."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportFilterForm(forms.Form):
    start = forms.DateField(
        label="From",
        input_formats=DATE_FORMATS,
        widget=DateInput(attrs={"aria-describedby": "id_start_hint"}),
        help_text="The first day to count.",
        error_messages={
            "required": "Enter the first day to count",
            "invalid": "Enter a real date for 'From', like 1 4 2026",
        },
    )
    end = forms.DateField(
        label="To",
        input_formats=DATE_FORMATS,
        widget=DateInput(attrs={"aria-describedby": "id_end_hint"}),
        help_text="The last day to count. This day is included.",
        error_messages={
            "required": "Enter the last day to count",
            "invalid": "Enter a real date for 'To', like 31 3 2027",
        },
    )
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        empty_label="All service areas",
        to_field_name="slug",
        widget=forms.Select(attrs={"aria-describedby": "id_service_area_hint"}),
        help_text="Only count people and opportunities linked to this area.",
    )

    def __init__(self, data=None, **kwargs):
        start, end = default_period()
        if data is not None and not any(data.get(name) for name in self.base_fields):
            data = None  # a first visit: show the last 12 months
        super().__init__(data, initial={"start": start, "end": end}, **kwargs)
        self.default = ReportFilter(start=start, end=end)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The 'To' date must be the same as or after the 'From' date")
        return cleaned

    def report_filter(self) -> ReportFilter | None:
        """The filter asked for, the last 12 months when nothing was, or None if invalid."""
        if not self.is_bound:
            return self.default
        if not self.is_valid():
            # Screen readers read the error with the field, not only in the summary.
            for name in self.errors:
                if name in self.fields:
                    attrs = self.fields[name].widget.attrs
                    attrs["aria-invalid"] = "true"
                    attrs["aria-describedby"] = f"id_{name}_hint id_{name}_error"
            return None
        return ReportFilter(
            start=self.cleaned_data["start"],
            end=self.cleaned_data["end"],
            service_area=self.cleaned_data["service_area"],
        )

    def query_string(self) -> str:
        """The filter as it goes in a link, such as the CSV download."""
        report_filter = self.report_filter() or self.default
        parts = [f"start={report_filter.start:%Y-%m-%d}", f"end={report_filter.end:%Y-%m-%d}"]
        if report_filter.service_area is not None:
            parts.append(f"service_area={report_filter.service_area.slug}")
        return "&".join(parts)
