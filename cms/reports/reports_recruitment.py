"""The recruitment funnel: applications received, how far they got and how long each step took."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from cms.members.choices import Status
from cms.members.models import MemberProfile, StatusChange

from .base import Headline, Report, ReportFilter, ReportResult, Table, register
from .periods import median_days, percent

# The steps an application goes through, in order, up to becoming an active member.
STAGES = [
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CONVERSATION_BOOKED,
    Status.CHECKS,
    Status.INDUCTION,
    Status.ACTIVE,
]
# States an application waits in; the time spent in each is what coordinators can shorten.
WAITING_STATES = [*STAGES[:-1], Status.ON_HOLD]
IN_PROGRESS = set(STAGES[:-1]) | {Status.ON_HOLD}


@register
class RecruitmentReport(Report):
    slug = "recruitment"
    title = "Recruitment funnel"
    description = (
        "How many applications came in, how far they have got, and how long people wait "
        "at each step, so you can see where applications stall."
    )
    order = 20

    def build(self, report_filter: ReportFilter) -> ReportResult:
        applications = MemberProfile.objects.filter(
            submitted_at__date__gte=report_filter.start,
            submitted_at__date__lte=report_filter.end,
        )
        if report_filter.service_area is not None:
            applications = applications.filter(expertise=report_filter.service_area)

        by_status = dict(applications.values_list("status").annotate(count=Count("pk")).order_by())
        received = sum(by_status.values())
        status_rows = [
            [status.label, by_status.get(status, 0)] for status in Status if status != Status.DRAFT
        ]

        # Every move of these applications, in order: one query, however many there are.
        moves = StatusChange.objects.filter(member__in=applications.values("pk")).order_by(
            "member_id", "changed_at", "pk"
        )
        stays: dict[str, list] = defaultdict(list)
        reached: dict[str, set] = defaultdict(set)
        to_active = []
        previous = None
        submitted_at = {}
        for member_id, to_status, changed_at in moves.values_list(
            "member_id", "to_status", "changed_at"
        ):
            reached[to_status].add(member_id)
            if to_status == Status.SUBMITTED:
                submitted_at.setdefault(member_id, changed_at)
            if previous and previous[0] == member_id:
                stays[previous[1]].append(changed_at - previous[2])
            if to_status == Status.ACTIVE and member_id in submitted_at:
                to_active.append(changed_at - submitted_at[member_id])
            previous = (member_id, to_status, changed_at)

        stage_rows = [[status.label, len(reached[status])] for status in STAGES]
        time_rows = [[status.label, median_days(stays[status])] for status in WAITING_STATES]
        in_progress = sum(by_status.get(status, 0) for status in IN_PROGRESS)
        became_active = len(reached[Status.ACTIVE])

        return ReportResult(
            headlines=[
                Headline("Applications received", received, "Sent in during this period."),
                Headline(
                    "Became active members",
                    became_active,
                    "Of the applications received in this period.",
                ),
                Headline(
                    "Conversion",
                    percent(became_active, received),
                    "The share of applications that became active members.",
                ),
                Headline("Still in progress", in_progress, "Including applications on hold."),
                Headline(
                    "Median days from application to active",
                    median_days(to_active),
                    "Half of new members took this long or less.",
                ),
            ],
            tables=[
                Table(
                    slug="by-state",
                    caption="Applications received in this period, by where they are now",
                    columns=["Where they are now", "Applications"],
                    rows=status_rows,
                ),
                Table(
                    slug="stages-reached",
                    caption="How far applications got: the number that reached each step",
                    columns=["Step", "Applications that reached it"],
                    rows=stage_rows,
                ),
                Table(
                    slug="time-in-state",
                    caption="Median days spent at each step",
                    columns=["Step", "Median days"],
                    rows=time_rows,
                    note=(
                        "Counts only people who have moved on from a step; someone still "
                        "waiting is not counted yet. 'None yet' means nobody has moved on from that step."
                    ),
                ),
            ],
        )
