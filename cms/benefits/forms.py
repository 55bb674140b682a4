"""The member's earnings limit form and the letter's period."""

import datetime as dt
from decimal import Decimal

from django import forms

from cms.core.forms import NHSUKForm, PlainDateField

MONEY_ATTRS = {"inputmode": "decimal", "class": "nhsuk-input--width-10", "spellcheck": "false"}


class MoneyField(forms.DecimalField):
    """Pounds and pence, typed with or without a £ sign or commas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0.01"))
        kwargs.setdefault("widget", forms.TextInput(attrs=MONEY_ATTRS))
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": "Enter an amount in pounds, like 195 or 195.50",
                "min_value": "Enter an amount more than £0",
                "max_decimal_places": "Enter the amount in pounds and pence, like 195.50",
                "max_digits": "Enter an amount less than £1,000,000",
            },
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        return super().to_python(value)


class EarningsLimitForm(NHSUKForm):
    weekly_limit = MoneyField(
        label="Weekly limit in pounds (optional)",
        help_text="The most you want to be paid in one week, Monday to Sunday. For example, 195.",
        required=False,
    )
    monthly_limit = MoneyField(
        label="Monthly limit in pounds (optional)",
        help_text="The most you want to be paid in one calendar month. For example, 411.",
        required=False,
    )
    reason = forms.CharField(
        label="What is the limit for? (optional)",
        help_text=(
            "For example, 'permitted work while I get ESA'. This is only for you. "
            "The involvement team does not see it."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LetterPeriodForm(NHSUKForm):
    start = PlainDateField(
        label="From",
        help_text="The first day of the period, for example 6 4 2026.",
        error_messages={"required": "Enter the first day of the period"},
    )
    end = PlainDateField(
        label="To",
        help_text="The last day of the period, for example 5 4 2027.",
        error_messages={"required": "Enter the last day of the period"},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day must be the same as or after the first day")
            elif end - start > dt.timedelta(days=366 * 6):
                self.add_error("end", "Choose a period of six years or less")
        return cleaned
