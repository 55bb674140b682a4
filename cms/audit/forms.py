from django import forms

from .models import Action, SubjectType


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label="Member",
        required=False,
        help_text="Part of the name or email address of the member the event is about.",
    )
    actor = forms.CharField(
        label="Done by",
        required=False,
        help_text="Part of the name or email address of the person who looked or changed.",
    )
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any action"), *Action.choices]
    )
    subject_type = forms.ChoiceField(
        label="About",
        required=False,
        choices=[("", "Anything"), *SubjectType.choices],
        help_text="The kind of record.",
    )
    date_from = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The first day to include, for example 2026-01-31.",
    )
    date_to = forms.DateField(
        label="To",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The last day to include.",
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The last day must be on or after the first day.")
        return cleaned
