"""Forms for the personal development plan: one thing a page, a label and hint on each field."""

from django import forms

from cms.core.forms import NHSUKForm, PlainDateField

from .models import ActionStatus, PlanReview


class GoalForm(NHSUKForm):
    what = forms.CharField(
        label="What do you want to learn or do?",
        help_text="For example, 'chair a meeting' or 'sit on an interview panel'.",
        max_length=200,
        error_messages={"required": "Enter what you want to learn or do"},
    )
    why = forms.CharField(
        label="Why does it matter to you?",
        help_text="A sentence or two is enough.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    by_when = PlainDateField(
        label="By when would you like to do it?",
        help_text="For example, 27 3 2027. Leave it blank if there is no date.",
        required=False,
    )


class ActionForm(NHSUKForm):
    description = forms.CharField(
        label="What is the next step?",
        help_text="Something small you can do, for example 'watch a panel as an observer'.",
        max_length=300,
        error_messages={"required": "Enter the next step"},
    )
    due_on = PlainDateField(
        label="When would you like to do it by?",
        help_text="For example, 27 3 2027. Leave it blank if there is no date.",
        required=False,
    )


class ActionStatusForm(NHSUKForm):
    status = forms.ChoiceField(
        label="Where is this step up to?",
        help_text="Choose one.",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where this step is up to"},
    )


class ReflectionForm(NHSUKForm):
    text = forms.CharField(
        label="Your reflection",
        help_text="What happened, what went well, what you learned or would do differently.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write your reflection"},
    )


class ReviewForm(NHSUKForm):
    held_on = PlainDateField(
        label="When was the review?",
        help_text="For example, 27 3 2027.",
        error_messages={"required": "Enter the date of the review"},
    )
    held_with = forms.ChoiceField(
        label="Who was the review with?",
        help_text="Choose one.",
        choices=PlanReview.With.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the review was with"},
    )
    reviewer_name = forms.CharField(
        label="Their name",
        help_text="The name of your supervisor or mentor.",
        max_length=200,
        error_messages={"required": "Enter their name"},
    )
    agreed = forms.CharField(
        label="What did you agree?",
        help_text="For example, new goals, steps to take or support you will get.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what you agreed"},
    )
