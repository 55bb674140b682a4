"""Involvement: what we offered, who came, and whether the same few people are always chosen."""

from __future__ import annotations

import math
from decimal import Decimal

from django.db.models import Count, Q, Sum

from cms.members.choices import Status
from cms.members.models import MemberProfile
from cms.opportunities.models import (
    InvolvementLevel,
    InvolvementType,
    OpportunityPage,
    OpportunitySession,
)
from cms.participation.models import Attendance, Interest

from .base import Headline, Report, ReportFilter, ReportResult, Table, register
from .periods import NOTHING_YET, percent

# How often someone took part, grouped so a long tail does not hide the people left out.
FREQUENCY_BANDS = [
    ("Not at all", 0, 0),
    ("Once", 1, 1),
    ("2 or 3 times", 2, 3),
    ("4 or 5 times", 4, 5),
    ("6 times or more", 6, None),
]
TOP_SHARE = Decimal("0.1")


def frequency_rows(times: list[int]) -> list[list[object]]:
    """How many people took part 0, 1, 2-3, 4-5 and 6 or more times."""
    rows = []
    for label, low, high in FREQUENCY_BANDS:
        count = sum(1 for t in times if t >= low and (high is None or t <= high))
        rows.append([label, count])
    return rows


def top_share(times: list[int]) -> str:
    """The share of all involvement taken by the busiest tenth of members (at least one)."""
    total = sum(times)
    if not total:
        return NOTHING_YET
    busiest = max(1, math.ceil(len(times) * TOP_SHARE))
    return percent(sum(sorted(times, reverse=True)[:busiest]), total)


@register
class InvolvementReport(Report):
    slug = "involvement"
    title = "Involvement"
    description = (
        "What we offered (by type and level of involvement), places filled, who came and "
        "for how long, and how evenly involvement is shared: are the same few people "
        "always chosen?"
    )
    order = 30

    def build(self, report_filter: ReportFilter) -> ReportResult:
        sessions = OpportunitySession.objects.filter(
            starts_at__date__gte=report_filter.start,
            starts_at__date__lte=report_filter.end,
        )
        if report_filter.service_area is not None:
            sessions = sessions.filter(page__service_areas=report_filter.service_area)
        # Opportunities count once however many sessions they had in the period.
        opportunities = OpportunityPage.objects.filter(pk__in=sessions.values("page_id"))

        by_type = dict(
            opportunities.values_list("involvement_type").annotate(count=Count("pk")).order_by()
        )
        by_level = dict(
            opportunities.values_list("level_of_involvement").annotate(count=Count("pk")).order_by()
        )
        type_rows = [[kind.label, by_type[kind]] for kind in InvolvementType if kind in by_type]
        level_rows = [[level.label, by_level.get(level, 0)] for level in InvolvementLevel]
        opportunity_count = sum(by_type.values())

        session_count = sessions.count()
        places = opportunities.aggregate(offered=Sum("places"))["offered"] or 0
        filled = Interest.objects.taking_part().filter(opportunity__in=opportunities).count()
        attendance = Attendance.objects.filter(session__in=sessions).aggregate(
            came=Count("pk", filter=Q(attended=True)),
            missed=Count("pk", filter=Q(attended=False)),
            hours=Sum("hours", filter=Q(attended=True)),
        )
        hours = (attendance["hours"] or Decimal(0)).quantize(Decimal("0.1"))

        # Everyone who could have been involved (the bank) and anyone who was.
        involved = Q(
            interests__attendance__attended=True,
            interests__attendance__session__in=sessions,
        )
        people = MemberProfile.objects.annotate(
            times=Count("interests__attendance", filter=involved)
        )
        population = Q(status=Status.ACTIVE)
        if report_filter.service_area is not None:
            population &= Q(
                pk__in=MemberProfile.objects.filter(expertise=report_filter.service_area).values(
                    "pk"
                )
            )
        times = list(people.filter(population | Q(times__gt=0)).values_list("times", flat=True))

        return ReportResult(
            headlines=[
                Headline("Opportunities", opportunity_count, "With a session in this period."),
                Headline("Sessions", session_count, "Meetings, events and interviews held."),
                Headline(
                    "Places filled",
                    f"{filled} of {places}" if places else filled,
                    "People selected, against the places we asked for.",
                ),
                Headline(
                    "Attendance",
                    percent(attendance["came"], attendance["came"] + attendance["missed"]),
                    "Of the people expected at a session, the share who came.",
                ),
                Headline("Hours of involvement", hours, "Added up over everyone who came."),
                Headline(
                    "Involvement taken by the busiest 10% of members",
                    top_share(times),
                    "Near 10% means involvement is shared evenly; much higher means the "
                    "same few people take part again and again.",
                ),
            ],
            tables=[
                Table(
                    slug="by-type",
                    caption="Opportunities by type of involvement",
                    columns=["Type of involvement", "Opportunities"],
                    rows=type_rows,
                ),
                Table(
                    slug="by-level",
                    caption="Opportunities by level of involvement",
                    columns=["Level of involvement", "Opportunities"],
                    rows=level_rows,
                ),
                Table(
                    slug="places-and-attendance",
                    caption="Places, selection and attendance",
                    columns=["Measure", "Number"],
                    rows=[
                        ["Places offered", places],
                        ["People selected", filled],
                        ["Times people came to a session", attendance["came"]],
                        ["Times people did not come", attendance["missed"]],
                    ],
                    note="Opportunities with no limit on places, such as surveys, add no places.",
                ),
                Table(
                    slug="how-often",
                    caption="How often each member took part",
                    columns=["Sessions attended", "Members"],
                    rows=frequency_rows(times),
                    note=(
                        "Counts active members and anyone else who came to a session in this "
                        "period. Many people at 'Not at all' while a few are at '6 times or "
                        "more' means the same few people are being chosen."
                    ),
                ),
            ],
        )
