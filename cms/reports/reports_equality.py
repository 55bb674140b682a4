"""Equality monitoring, in aggregate only.

Answers live apart from names (``EqualityMonitoring``) and are only ever counted here:
no row is about a person. Any count from 1 to 4 is shown as "fewer than 5". If that
hides only one number in a column, the next smallest is hidden too, so the hidden one
cannot be worked out by taking the others from the group's size, which is shown.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from cms.members.application import forms as application_forms
from cms.members.choices import PREFER_NOT_TO_SAY, Status
from cms.members.models import MemberProfile

from .base import (
    SMALL_NUMBER_THRESHOLD,
    SUPPRESSED,
    Headline,
    Report,
    ReportFilter,
    ReportResult,
    Table,
    register,
    suppress_small,
)
from .reports_feedback import day_bounds

# Each question: the model field, the table's caption and the answers people can give.
QUESTIONS = [
    ("age_band", "Age", application_forms.AGE_BANDS),
    ("sex", "Sex", application_forms.SEX),
    (
        "gender_same_as_at_birth",
        "Gender the same as sex registered at birth",
        application_forms.YES_NO,
    ),
    ("sexual_orientation", "Sexual orientation", application_forms.SEXUAL_ORIENTATION),
    ("ethnicity", "Ethnic group", application_forms.ETHNICITY),
    ("religion", "Religion", application_forms.RELIGION),
    ("disability", "Disability", application_forms.DISABILITY),
]
NOT_ANSWERED = "Not answered"
OTHER_ANSWER = "Another answer"
FIELDS = [field for field, _caption, _choices in QUESTIONS]

NOTE = (
    f"To protect people's privacy, any number from 1 to {SMALL_NUMBER_THRESHOLD - 1} is shown "
    f"as '{SUPPRESSED}'. Where that hid only one number in a column, the next smallest number "
    "is hidden too, so the hidden one cannot be worked out from the group's size."
)


def suppress_column(counts: list[int]) -> list[object]:
    """Counts of one group, safe to show: small numbers hidden, and a second number
    hidden when only one was, so subtracting from the total gives nothing away."""
    shown: list[object] = [suppress_small(count) for count in counts]
    hidden = [index for index, value in enumerate(shown) if value == SUPPRESSED]
    if len(hidden) == 1:
        visible = [
            index for index, count in enumerate(counts) if shown[index] != SUPPRESSED and count
        ]
        if visible:
            shown[min(visible, key=lambda index: (counts[index], index))] = SUPPRESSED
    return shown


def answer_counts(members) -> tuple[int, int, dict[str, Counter]]:
    """How many members there are, how many gave no answer at all and, for each question,
    how many gave each answer (an empty string for none), counted by the database in
    one query."""
    lookups = [f"user__equality_monitoring__{field}" for field in FIELDS]
    rows = members.values(*lookups).annotate(people=Count("pk")).order_by()
    total = unanswered = 0
    counts: dict[str, Counter] = {field: Counter() for field in FIELDS}
    for row in rows:
        total += row["people"]
        if not any(row[lookup] for lookup in lookups):
            unanswered += row["people"]
        for field, lookup in zip(FIELDS, lookups, strict=True):
            counts[field][row[lookup] or ""] += row["people"]
    return total, unanswered, counts


def answer_labels(counts_by_group: list[Counter], choices) -> list[tuple[str, set[str]]]:
    """Each row of a question's table: its label and the stored values it counts. The
    answers in the order the form asks them, then 'prefer not to say', anything else
    (only if someone gave it) and no answer."""
    known = [*choices, PREFER_NOT_TO_SAY]
    rows = [(label, {value}) for value, label in known]
    others = {
        value
        for counts in counts_by_group
        for value, count in counts.items()
        if value and count and value not in dict(known)
    }
    if others:
        rows.append((OTHER_ANSWER, others))
    rows.append((NOT_ANSWERED, {""}))
    return rows


def answered_share(total: int, unanswered: int) -> object:
    answered = total - unanswered
    if not total:
        return "Nobody yet"
    if total < SMALL_NUMBER_THRESHOLD or 0 < answered < SMALL_NUMBER_THRESHOLD:
        return SUPPRESSED
    return f"{(200 * answered + total) // (2 * total)}%"


@register
class EqualityReport(Report):
    slug = "equality"
    title = "Equality monitoring"
    description = (
        "Who applied in the period and who is in the involvement bank now, by the equality "
        "monitoring answers they chose to give; counted only, never shown against a name. "
        "The service area picks people by their expertise."
    )
    order = 50

    def groups(self, report_filter: ReportFilter) -> list[tuple[str, object]]:
        members = MemberProfile.objects.all()
        if report_filter.service_area_id is not None:
            members = members.filter(
                pk__in=MemberProfile.objects.filter(expertise=report_filter.service_area_id).values(
                    "pk"
                )
            )
        start, after = day_bounds(report_filter)
        return [
            (
                "Applied in the period",
                members.filter(submitted_at__gte=start, submitted_at__lt=after),
            ),
            ("Active members now", members.filter(status=Status.ACTIVE)),
        ]

    def build(self, report_filter: ReportFilter) -> ReportResult:
        groups = [(name, *answer_counts(members)) for name, members in self.groups(report_filter)]
        tables = []
        for field, caption, choices in QUESTIONS:
            labels = answer_labels([counts[field] for *_rest, counts in groups], choices)
            columns = [
                suppress_column(
                    [sum(counts[field][value] for value in values) for _label, values in labels]
                )
                for *_rest, counts in groups
            ]
            tables.append(
                Table(
                    slug=field.replace("_", "-"),
                    caption=f"{caption}: number of people giving each answer",
                    columns=["Answer", *(name for name, *_rest in groups)],
                    rows=[
                        [label, *(column[index] for column in columns)]
                        for index, (label, _values) in enumerate(labels)
                    ],
                    chart="bar",
                    note=NOTE,
                )
            )
        headlines = [
            Headline(name, suppress_small(total), "People in this group.")
            for name, total, _unanswered, _counts in groups
        ]
        _name, active_total, active_unanswered, _counts = groups[1]
        headlines.append(
            Headline(
                "Active members who answered",
                answered_share(active_total, active_unanswered),
                "Gave at least one answer, counting 'prefer not to say'.",
            )
        )
        return ReportResult(headlines=headlines, tables=tables)
