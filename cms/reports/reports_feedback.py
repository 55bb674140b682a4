"""Feedback scores over time: how members rated the sessions they came to, month by month.

Also holds the small date helpers the other report modules share, so every report turns
a :class:`ReportFilter` into the same day boundaries and month labels.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.participation.models import Feedback

from .base import Headline, Report, ReportFilter, ReportResult, Table, register


def day_bounds(report_filter: ReportFilter) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the start day and the first moment after the end day, in local
    time: filter with ``__gte`` the first and ``__lt`` the second so both days count."""
    start = timezone.make_aware(dt.datetime.combine(report_filter.start, dt.time.min))
    after = timezone.make_aware(
        dt.datetime.combine(report_filter.end + dt.timedelta(days=1), dt.time.min)
    )
    return start, after


def month_label(value: dt.date | dt.datetime) -> str:
    """'2026-03': the period label line charts expect in their first column."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.year:04d}-{value.month:02d}"


def percentage(part: int, whole: int) -> str:
    """'83%', rounded half up; an empty string when there is nothing to divide by."""
    if not whole:
        return ""
    return f"{(200 * part + whole) // (2 * whole)}%"


def whole_percent(part: int, whole: int) -> int | None:
    """The percentage as a whole number for charts, or None when ``whole`` is 0."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)


# The feedback questions, in the order members answer them, with the words reports use.
QUESTIONS = [
    ("felt_valued", "Felt valued"),
    ("papers_in_time", "Papers in time"),
    ("adjustments_met", "Adjustments met"),
    ("knows_what_happens_next", "Knew what happens next"),
]
ANSWERS = [Feedback.Answer.YES, Feedback.Answer.PARTLY, Feedback.Answer.NO]


def feedback_in_period(report_filter: ReportFilter):
    """Feedback given in the period, on sessions of opportunities in the service area."""
    start, after = day_bounds(report_filter)
    feedback = Feedback.objects.filter(given_at__gte=start, given_at__lt=after)
    if report_filter.service_area_id is not None:
        feedback = feedback.filter(
            attendance__session__page__service_areas=report_filter.service_area_id
        )
    return feedback


def answer_counts_by_month(report_filter: ReportFilter) -> list[dict]:
    """One row a month: how many gave feedback and how many gave each answer to each
    question (keys like ``felt_valued_yes``), counted by the database in one query."""
    counts = {"responses": Count("pk")}
    for field, _label in QUESTIONS:
        for answer in ANSWERS:
            counts[f"{field}_{answer}"] = Count("pk", filter=Q(**{field: answer}))
    return list(
        feedback_in_period(report_filter)
        .annotate(month=TruncMonth("given_at"))
        .values("month")
        .annotate(**counts)
        .order_by("month")
    )


@register
class FeedbackScoresReport(Report):
    slug = "feedback-scores"
    title = "Feedback scores over time"
    description = (
        "How members rated the sessions they came to, month by month: whether they felt "
        "valued, got papers in time, had their adjustments met and knew what happens next."
    )
    order = 20

    def build(self, report_filter: ReportFilter) -> ReportResult:
        months = answer_counts_by_month(report_filter)
        keys = [key for key in (months[0] if months else {}) if key != "month"]
        totals = {key: sum(row[key] for row in months) for key in keys}
        responses = totals.get("responses", 0)

        def yes(field: str) -> int:
            return totals.get(f"{field}_{Feedback.Answer.YES}", 0)

        by_month = Table(
            slug="scores-by-month",
            caption="Percentage of people answering 'yes' to each question, by month",
            columns=["Month", *(label for _field, label in QUESTIONS)],
            rows=[
                [
                    month_label(row["month"]),
                    *(
                        whole_percent(row[f"{field}_{Feedback.Answer.YES}"], row["responses"])
                        for field, _label in QUESTIONS
                    ),
                ]
                for row in months
            ],
            chart="line",
            note="Months with no feedback are left out. Percentages are rounded.",
        )
        answers = Table(
            slug="answers",
            caption="How people answered each question over the whole period",
            columns=["Question", "Yes", "Partly", "No"],
            rows=[
                [label, *(totals.get(f"{field}_{answer}", 0) for answer in ANSWERS)]
                for field, label in QUESTIONS
            ],
            chart="bar",
        )
        headlines = [
            Headline("Feedback received", responses, "Forms members filled in after a session."),
            Headline(
                "Felt valued",
                percentage(yes("felt_valued"), responses) or "No feedback yet",
                "Share of people who answered 'yes'.",
            ),
            Headline(
                "Knew what happens next",
                percentage(yes("knows_what_happens_next"), responses) or "No feedback yet",
                "Share of people who answered 'yes'.",
            ),
        ]
        return ReportResult(headlines=headlines, tables=[by_month, answers])
