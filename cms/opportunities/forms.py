"""The public filter form on the Opportunities list. It is sent with GET, so a filtered list
is a link people can share, and it works without JavaScript."""

from django import forms

from cms.core.forms import NHSUKFormMixin
from cms.taxonomy.models import ServiceArea

from .models import InvolvementType, PaymentType
from .selectors import IN_PERSON, ONLINE, ListingFilters


class OpportunityFilterForm(NHSUKFormMixin, forms.Form):
    service_area = forms.MultipleChoiceField(
        label="Service area",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose as many as you like.",
    )
    type = forms.MultipleChoiceField(
        label="Type of involvement",
        required=False,
        choices=InvolvementType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose as many as you like.",
    )
    payment = forms.ChoiceField(
        label="Payment",
        required=False,
        choices=[
            ("", "Any"),
            (PaymentType.PAID.value, "Paid"),
            (PaymentType.EXPENSES_ONLY.value, "Voluntary (expenses only)"),
        ],
        widget=forms.RadioSelect,
    )
    attend = forms.ChoiceField(
        label="Online or in person",
        required=False,
        choices=[("", "Any"), (ONLINE, "Online"), (IN_PERSON, "In person")],
        widget=forms.RadioSelect,
    )
    open = forms.BooleanField(
        label="Open opportunities only",
        required=False,
        # "1" rather than the browser's "on", so shared links read ?open=1.
        widget=forms.CheckboxInput(attrs={"value": "1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = list(
            ServiceArea.objects.order_by("name").values_list("slug", "name")
        )

    def cleaned_filters(self) -> ListingFilters:
        """The valid choices as filters. An unknown value in a shared link is left out of the
        filtering, and the form says so beside the field."""
        if not self.is_bound:
            return ListingFilters()
        self.is_valid()
        data = self.cleaned_data
        return ListingFilters(
            service_areas=tuple(data.get("service_area") or ()),
            types=tuple(data.get("type") or ()),
            payment=data.get("payment") or "",
            attendance=data.get("attend") or "",
            open_only=bool(data.get("open")),
        )
