"""Filters for the coordinators' admin listings: applications and the involvement bank."""

import django_filters
from django import forms
from django.db.models import Q
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect

from cms.taxonomy.models import ServiceArea

from .choices import Day, Format, RolePreference, Status, TimeOfDay
from .models import MemberProfile


def _json_list_contains_any(queryset, field_name: str, values) -> "django_filters.QuerySet":
    """Records whose JSON list ``field_name`` holds any of ``values``.

    ``icontains`` on the quoted value works the same on SQLite and PostgreSQL.
    """
    if not values:
        return queryset
    query = Q()
    for value in values:
        query |= Q(**{f"{field_name}__icontains": f'"{value}"'})
    return queryset.filter(query)


def checks_complete_q() -> Q:
    """References received, induction done and, where a role needs one, a DBS check dated."""
    needs_dbs = MemberProfile.objects.filter(roles__needs_dbs_check=True).values("pk")
    return (
        Q(references_received_on__isnull=False)
        & Q(induction_completed_on__isnull=False)
        & (~Q(pk__in=needs_dbs) | Q(dbs_checked_on__isnull=False))
    )


class ApplicationFilterSet(WagtailFilterSet):
    """Applications: by status, expertise and when they were sent. Drafts only when asked."""

    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Applications not sent yet are left out unless you choose them.",
    )
    expertise = django_filters.ModelMultipleChoiceFilter(
        queryset=ServiceArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Area of expertise",
        distinct=True,
    )
    submitted_at = django_filters.DateFromToRangeFilter(
        label="Sent between", widget=DateRangePickerWidget
    )

    class Meta:
        model = MemberProfile
        fields = ["status", "expertise", "submitted_at"]


class BankFilterSet(WagtailFilterSet):
    """The involvement bank: who fits, by expertise, availability, formats, role and checks."""

    expertise = django_filters.ModelMultipleChoiceFilter(
        queryset=ServiceArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Area of expertise",
        distinct=True,
    )
    available_days = django_filters.MultipleChoiceFilter(
        choices=Day.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Available on",
        method="filter_json_list",
    )
    available_times = django_filters.MultipleChoiceFilter(
        choices=TimeOfDay.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Available in the",
        method="filter_json_list",
    )
    formats = django_filters.MultipleChoiceFilter(
        choices=Format.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Needs papers in",
        method="filter_json_list",
    )
    role_preference = django_filters.ChoiceFilter(
        choices=[
            (RolePreference.PAID.value, "Paid roles"),
            (RolePreference.VOLUNTARY.value, "Voluntary roles"),
        ],
        widget=forms.RadioSelect,
        empty_label="All",
        label="Open to",
        method="filter_role_preference",
        help_text="People happy with either are included.",
    )
    checks_complete = django_filters.BooleanFilter(
        label="Checks complete", widget=BooleanRadioSelect, method="filter_checks_complete"
    )

    class Meta:
        model = MemberProfile
        fields = [
            "expertise",
            "available_days",
            "available_times",
            "formats",
            "role_preference",
            "checks_complete",
        ]

    def filter_json_list(self, queryset, name, value):
        return _json_list_contains_any(queryset, name, value)

    def filter_role_preference(self, queryset, name, value):
        return queryset.filter(role_preference__in=[value, RolePreference.EITHER])

    def filter_checks_complete(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(checks_complete_q() if value else ~checks_complete_q())
