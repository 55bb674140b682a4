"""Experts: how many people we have, where they are, and who joined or left."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from cms.members.choices import RolePreference, Status
from cms.members.models import MemberProfile, StatusChange
from cms.taxonomy.models import ServiceArea

from .base import Headline, Report, ReportFilter, ReportResult, Table, register, suppress_small
from .periods import month_key, month_label, months_between

# A joiner finished induction in the period; a leaver withdrew while active. Someone
# coming back from a break is neither, as is someone put on hold.
JOINED = Q(from_status=Status.INDUCTION, to_status=Status.ACTIVE)
LEFT = Q(from_status=Status.ACTIVE, to_status=Status.WITHDRAWN)


@register
class ExpertsReport(Report):
    slug = "experts"
    title = "Experts"
    description = (
        "How many experts by experience we have, where each person is in the process, "
        "whether they want paid or voluntary roles, their areas of expertise, and who "
        "joined or left each month."
    )
    order = 10

    def build(self, report_filter: ReportFilter) -> ReportResult:
        area = report_filter.service_area
        members = MemberProfile.objects.exclude(status=Status.DRAFT)
        if area is not None:
            members = members.filter(expertise=area)

        by_status = dict(members.values_list("status").annotate(count=Count("pk")).order_by())
        states = [status for status in Status if status != Status.DRAFT]
        state_rows = [[status.label, by_status.get(status, 0)] for status in states]

        preferences = dict(
            members.filter(status=Status.ACTIVE)
            .values_list("role_preference")
            .annotate(count=Count("pk"))
            .order_by()
        )
        preference_rows = [[choice.label, preferences.get(choice, 0)] for choice in RolePreference]
        preference_rows.append(["Not said", preferences.get("", 0)])

        active_expert = Q(experts__status=Status.ACTIVE)
        if area is not None:
            active_expert &= Q(experts__expertise=area)
        expertise = ServiceArea.objects.annotate(
            active=Count("experts", filter=active_expert, distinct=True)
        ).order_by("name")
        expertise_rows = [
            [service_area.name, suppress_small(service_area.active)] for service_area in expertise
        ]

        changes = StatusChange.objects.filter(
            changed_at__date__gte=report_filter.start,
            changed_at__date__lte=report_filter.end,
        ).filter(JOINED | LEFT)
        if area is not None:
            changes = changes.filter(member__expertise=area)
        monthly = {
            month_key(row["month"]): row
            for row in changes.annotate(month=TruncMonth("changed_at"))
            .values("month")
            .annotate(joined=Count("pk", filter=JOINED), left=Count("pk", filter=LEFT))
            .order_by("month")
        }
        month_rows = []
        for month in months_between(report_filter.start, report_filter.end):
            row = monthly.get(month, {})
            month_rows.append([month_label(month), row.get("joined", 0), row.get("left", 0)])
        joined = sum(row[1] for row in month_rows)
        left = sum(row[2] for row in month_rows)

        return ReportResult(
            headlines=[
                Headline(
                    "Active members now",
                    by_status.get(Status.ACTIVE, 0),
                    "People in the involvement bank today.",
                ),
                Headline("Joined in this period", joined, "Finished induction and became active."),
                Headline("Left in this period", left, "Withdrew while they were active."),
                Headline(
                    "Applications in progress now",
                    sum(
                        by_status.get(status, 0)
                        for status in (
                            Status.SUBMITTED,
                            Status.IN_REVIEW,
                            Status.CONVERSATION_BOOKED,
                            Status.CHECKS,
                            Status.INDUCTION,
                        )
                    ),
                    "Sent in, and not yet active, declined or withdrawn.",
                ),
            ],
            tables=[
                Table(
                    slug="by-state",
                    caption="Everyone who has applied, by where they are now",
                    columns=["Where they are now", "People"],
                    rows=state_rows,
                    note="As things stand today, whatever dates you chose.",
                ),
                Table(
                    slug="paid-or-voluntary",
                    caption="Active members, by whether they want paid or voluntary roles",
                    columns=["They would like", "Active members"],
                    rows=preference_rows,
                    note="As things stand today. Taken from what each person told us.",
                ),
                Table(
                    slug="expertise",
                    caption="Active members, by area of expertise",
                    columns=["Area of expertise", "Active members"],
                    rows=expertise_rows,
                    note=(
                        "Someone can have more than one area, so these add up to more than "
                        "the number of members. Lived experience is health information: "
                        "counts from 1 to 4 show as 'fewer than 5' so nobody can be picked out."
                    ),
                ),
                Table(
                    slug="joiners-and-leavers",
                    caption="Members who joined and left, month by month",
                    columns=["Month", "Joined", "Left"],
                    rows=month_rows,
                    chart="line",
                ),
            ],
        )
