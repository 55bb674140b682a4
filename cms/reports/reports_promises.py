"""Promises kept: what the programme promises members, and how often it kept its word.

Four promises: papers go out at least a week before a session; the adjustments people
need are made (as they told us in feedback); every finished opportunity publishes its
outcome ("You said, we did"), and how long that took; and feedback gets an answer.
"""

from __future__ import annotations

import datetime as dt
import statistics

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils import timezone

from cms.opportunities.models import OpportunityPage, OpportunitySession
from cms.participation.models import Feedback, SessionPaper

from .base import Headline, Report, ReportFilter, ReportResult, Table, register
from .reports_feedback import day_bounds, feedback_in_period, percentage

PAPERS_NOTICE = dt.timedelta(days=7)


def papers_counts(report_filter: ReportFilter, *, now: dt.datetime) -> dict[str, int]:
    """Sessions in the period that have papers (or were due to), and how many of them had
    a paper out at least a week before they started.

    Only sessions whose week's notice has already begun are counted: papers for a session
    next month are not late yet.
    """
    start, after = day_bounds(report_filter)
    sessions = OpportunitySession.objects.filter(
        page__live=True,
        starts_at__gte=start,
        starts_at__lt=after,
        starts_at__lte=now + PAPERS_NOTICE,
    ).filter(Q(papers_published_on__isnull=False) | Q(papers__isnull=False))
    if report_filter.service_area_id is not None:
        sessions = sessions.filter(page__service_areas=report_filter.service_area_id)
    in_time = SessionPaper.objects.filter(
        session=OuterRef("pk"), published_at__lte=OuterRef("starts_at") - PAPERS_NOTICE
    )
    # Filter by id so the joins above cannot count a session twice.
    return (
        OpportunitySession.objects.filter(pk__in=sessions.values("pk"))
        .annotate(in_time=Exists(in_time))
        .aggregate(sessions=Count("pk"), kept=Count("pk", filter=Q(in_time=True)))
    )


def feedback_counts(report_filter: ReportFilter) -> dict[str, int]:
    """Feedback in the period: how many said their adjustments were met, and how many
    have had a reply."""
    return feedback_in_period(report_filter).aggregate(
        responses=Count("pk"),
        adjustments_yes=Count("pk", filter=Q(adjustments_met=Feedback.Answer.YES)),
        replied=Count("pk", filter=Q(replied_at__isnull=False)),
    )


def finished_opportunities(report_filter: ReportFilter, *, now: dt.datetime) -> list[dict]:
    """Live opportunities whose last session ended in the period (and before now), with
    that end and the day their outcome was, or will be, published."""
    start, after = day_bounds(report_filter)
    pages = OpportunityPage.objects.live()
    if report_filter.service_area_id is not None:
        # By id, so the service areas join cannot repeat sessions in the Max below.
        pages = pages.filter(
            pk__in=OpportunityPage.objects.filter(
                service_areas=report_filter.service_area_id
            ).values("pk")
        )
    return list(
        pages.annotate(finished_at=Max("sessions__ends_at"))
        .filter(finished_at__gte=start, finished_at__lt=after, finished_at__lte=now)
        .values("pk", "title", "finished_at", "outcome_published_on")
        .order_by("finished_at", "pk")
    )


@register
class PromisesKeptReport(Report):
    slug = "promises-kept"
    title = "Promises kept"
    description = (
        "How often we kept our promises to members: papers at least 7 days before a "
        "session, adjustments met, outcomes published after an opportunity finishes, "
        "and feedback answered."
    )
    order = 10

    def build(self, report_filter: ReportFilter) -> ReportResult:
        now = timezone.now()
        today = timezone.localdate()
        papers = papers_counts(report_filter, now=now)
        feedback = feedback_counts(report_filter)
        finished = finished_opportunities(report_filter, now=now)

        published = [
            row
            for row in finished
            if row["outcome_published_on"] is not None and row["outcome_published_on"] <= today
        ]
        days_taken = [
            max(
                (row["outcome_published_on"] - timezone.localdate(row["finished_at"])).days,
                0,
            )
            for row in published
        ]

        promises = Table(
            slug="promises",
            caption="Each promise: how many times we kept it and how many times we did not",
            columns=["Promise", "Kept", "Not kept"],
            rows=[
                [
                    "Papers sent at least 7 days before",
                    papers["kept"],
                    papers["sessions"] - papers["kept"],
                ],
                [
                    "Adjustments met (from feedback)",
                    feedback["adjustments_yes"],
                    feedback["responses"] - feedback["adjustments_yes"],
                ],
                [
                    "Outcome published after finishing",
                    len(published),
                    len(finished) - len(published),
                ],
                [
                    "Feedback answered",
                    feedback["replied"],
                    feedback["responses"] - feedback["replied"],
                ],
            ],
            chart="bar",
            note=(
                "Papers count sessions in the period that have papers, once the week before "
                "them has begun. 'Adjustments met' counts people who answered 'yes'; 'partly' "
                "and 'no' count as not kept. Outcomes count opportunities whose last session "
                "ended in the period."
            ),
        )
        outcomes = Table(
            slug="outcome-days",
            caption="Days from an opportunity's last session to publishing its outcome",
            columns=["Opportunity", "Days taken"],
            rows=[[row["title"], days] for row, days in zip(published, days_taken, strict=True)],
            chart="bar",
            note="Only opportunities that finished in the period and have published an outcome.",
        )
        headlines = [
            Headline(
                "Papers sent at least 7 days before",
                percentage(papers["kept"], papers["sessions"]) or "No sessions with papers",
                f"{papers['kept']} of {papers['sessions']} sessions with papers.",
            ),
            Headline(
                "Adjustments met",
                percentage(feedback["adjustments_yes"], feedback["responses"]) or "No feedback yet",
                "Share of people who said 'yes' in their feedback.",
            ),
            Headline(
                "Outcomes published",
                f"{len(published)} of {len(finished)}",
                (
                    f"Typically {round(statistics.median(days_taken))} days after the last session."
                    if days_taken
                    else "Opportunities that finished in the period."
                ),
            ),
            Headline(
                "Feedback answered",
                percentage(feedback["replied"], feedback["responses"]) or "No feedback yet",
                f"{feedback['replied']} of {feedback['responses']} have had a reply.",
            ),
        ]
        return ReportResult(headlines=headlines, tables=[promises, outcomes])
