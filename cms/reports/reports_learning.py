"""Learning and support: mandatory training, support reviews, and mentoring.

Training and reviews are worked out with the same rules members and coordinators see
elsewhere (``cms.training.selectors`` and ``cms.members.supervision``), as they stood on
the report's last day (or today, if that is later). Both load every active member in a
fixed number of queries, however many there are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from cms.members.models import MemberProfile, SupervisionReview
from cms.members.supervision import reviews_due
from cms.mentoring.models import MentoringPair, MentoringSession, PairStatus
from cms.training.selectors import active_members_training
from cms.training.services import ModuleStatus

from .base import Headline, Report, ReportFilter, ReportResult, Table, register
from .reports_feedback import month_label, percentage

# A review due within this many days is "due soon".
REVIEW_DUE_SOON_DAYS = 30

TRAINING_COLUMNS = [
    (ModuleStatus.DONE, "Done"),
    (ModuleStatus.EXPIRING, "Renew in the next 30 days"),
    (ModuleStatus.DUE, "To do"),
    (ModuleStatus.OVERDUE, "Overdue"),
]


def hours_text(minutes: int) -> str:
    hours = round(minutes / 60)
    return "1 hour" if hours == 1 else f"{hours} hours"


def as_of(report_filter: ReportFilter) -> dt.date:
    """The day training and reviews are judged on: the period's end, but never later
    than today (nobody can be overdue on a day that has not come)."""
    return min(report_filter.end, timezone.localdate())


def members_in_area(report_filter: ReportFilter):
    members = MemberProfile.objects.all()
    if report_filter.service_area_id is not None:
        members = members.filter(
            pk__in=MemberProfile.objects.filter(expertise=report_filter.service_area_id).values(
                "pk"
            )
        )
    return members


def training_counts(report_filter: ReportFilter) -> dict[str, Counter]:
    """For each module, how many active members' mandatory records are in each state."""
    by_module: dict[str, Counter] = {}
    for _member, records in active_members_training(
        today=as_of(report_filter), members=members_in_area(report_filter)
    ):
        for record in records:
            if record.mandatory:
                by_module.setdefault(record.module.title, Counter())[record.status] += 1
    return dict(sorted(by_module.items()))


def review_counts(report_filter: ReportFilter) -> Counter:
    """Active members' next support reviews: overdue, due soon, or not due yet."""
    today = as_of(report_filter)
    wanted = None
    if report_filter.service_area_id is not None:
        wanted = set(members_in_area(report_filter).values_list("pk", flat=True))
    counts = Counter({"overdue": 0, "soon": 0, "later": 0})
    for row in reviews_due(today=today):
        if wanted is not None and row.member.pk not in wanted:
            continue
        if row.is_overdue:
            counts["overdue"] += 1
        elif row.days_until_due <= REVIEW_DUE_SOON_DAYS:
            counts["soon"] += 1
        else:
            counts["later"] += 1
    return counts


def reviews_held(report_filter: ReportFilter) -> int:
    reviews = SupervisionReview.objects.filter(
        held_on__gte=report_filter.start, held_on__lte=report_filter.end
    )
    if report_filter.service_area_id is not None:
        reviews = reviews.filter(member__in=members_in_area(report_filter))
    return reviews.count()


def pairs_by_status(report_filter: ReportFilter) -> dict[str, int]:
    """Pairs proposed by the end of the period, by where they stand now."""
    end = timezone.make_aware(
        dt.datetime.combine(report_filter.end + dt.timedelta(days=1), dt.time.min)
    )
    rows = (
        MentoringPair.objects.filter(created_at__lt=end)
        .values("status")
        .annotate(pairs=Count("pk"))
        .order_by()
    )
    return {row["status"]: row["pairs"] for row in rows}


def sessions_by_month(report_filter: ReportFilter) -> list[dict]:
    return list(
        MentoringSession.objects.filter(
            held_on__gte=report_filter.start, held_on__lte=report_filter.end
        )
        .annotate(month=TruncMonth("held_on"))
        .values("month")
        .annotate(
            sessions=Count("pk"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            minutes=Sum("minutes"),
        )
        .order_by("month")
    )


@register
class LearningReport(Report):
    slug = "learning"
    title = "Learning and support"
    description = (
        "Whether active members are up to date with mandatory training and support reviews, "
        "and how mentoring is going. The service area picks members by their expertise; "
        "mentoring figures always cover every pair."
    )
    order = 30

    def build(self, report_filter: ReportFilter) -> ReportResult:
        training = training_counts(report_filter)
        reviews = review_counts(report_filter)
        held = reviews_held(report_filter)
        pairs = pairs_by_status(report_filter)
        sessions = sessions_by_month(report_filter)
        day = as_of(report_filter)

        records = sum(sum(counter.values()) for counter in training.values())
        in_date = sum(
            counter[ModuleStatus.DONE] + counter[ModuleStatus.EXPIRING]
            for counter in training.values()
        )
        total_sessions = sum(row["sessions"] for row in sessions)

        tables = [
            Table(
                slug="training",
                caption=f"Mandatory training for active members on {day:%-d %B %Y}, by module",
                columns=["Module", *(label for _status, label in TRAINING_COLUMNS)],
                rows=[
                    [title, *(counter[status] for status, _label in TRAINING_COLUMNS)]
                    for title, counter in training.items()
                ],
                chart="bar",
                note="Each number is a count of people who need that module for their role.",
            ),
            Table(
                slug="reviews",
                caption=f"Active members' next support review, as on {day:%-d %B %Y}",
                columns=["Support review", "People"],
                rows=[
                    ["Overdue", reviews["overdue"]],
                    [f"Due in the next {REVIEW_DUE_SOON_DAYS} days", reviews["soon"]],
                    ["Not due yet", reviews["later"]],
                ],
                chart="bar",
            ),
            Table(
                slug="mentoring-pairs",
                caption="Mentoring pairs by where they stand now",
                columns=["Status", "Pairs"],
                rows=[[status.label, pairs.get(status.value, 0)] for status in PairStatus],
                chart="bar",
                note="Pairs proposed by the end of the period.",
            ),
            Table(
                slug="mentoring-sessions",
                caption="Mentoring sessions held each month",
                columns=["Month", "Sessions", "Confirmed by both"],
                rows=[
                    [month_label(row["month"]), row["sessions"], row["confirmed"]]
                    for row in sessions
                ],
                chart="line",
                note="Months with no sessions are left out.",
            ),
        ]
        headlines = [
            Headline(
                "Mandatory training in date",
                percentage(in_date, records) or "No mandatory training",
                f"{in_date} of {records} modules that active members need for their roles.",
            ),
            Headline(
                "Support reviews overdue",
                reviews["overdue"],
                f"Support reviews held in the period: {held}.",
            ),
            Headline(
                "Mentoring pairs working together",
                pairs.get(PairStatus.ACTIVE.value, 0),
                "Pairs active now.",
            ),
            Headline(
                "Mentoring sessions held",
                total_sessions,
                f"Time together: {hours_text(sum(row['minutes'] or 0 for row in sessions))}.",
            ),
        ]
        return ReportResult(headlines=headlines, tables=tables)
