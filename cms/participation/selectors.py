"""Reads for the members' side of taking part: each a fixed number of queries.

The dashboard calls these; none of them costs more as a member's history grows.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Prefetch, Q, Sum
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.opportunities.models import OpportunityPage, OpportunitySession

from .models import Attendance, Feedback, Interest, InterestStatus, SessionPaper

TAKING_PART = [InterestStatus.SELECTED, InterestStatus.CONFIRMED]


def open_opportunity(*, page_id: int) -> OpportunityPage | None:
    """A live opportunity that is open for interest, or None. The id finds nothing else."""
    page = OpportunityPage.objects.live().filter(pk=page_id).prefetch_related("sessions").first()
    if page is None or not page.is_open:
        return None
    return page


def interests_of(*, member: MemberProfile):
    """A member's own interests, newest first, with their opportunities."""
    return (
        Interest.objects.filter(member=member)
        .select_related("opportunity")
        .order_by("-created_at", "-pk")
    )


def upcoming_sessions(*, member: MemberProfile, now=None, limit: int = 10) -> list:
    """Sessions still to come for opportunities the member is selected or confirmed for,
    each with its published papers and the member's interest status."""
    now = now or timezone.now()
    published = SessionPaper.objects.filter(published_at__lte=now).order_by("published_at", "pk")
    sessions = list(
        OpportunitySession.objects.filter(
            page__interests__member=member,
            page__interests__status__in=TAKING_PART,
            ends_at__gte=now,
        )
        .select_related("page")
        .prefetch_related(Prefetch("papers", queryset=published, to_attr="published_papers"))
        .order_by("starts_at", "pk")[:limit]
    )
    return sessions


def confirmed_sessions(*, member: MemberProfile):
    """Every session (past and future) of opportunities the member has confirmed."""
    return (
        OpportunitySession.objects.filter(
            page__interests__member=member,
            page__interests__status=InterestStatus.CONFIRMED,
        )
        .select_related("page")
        .order_by("starts_at", "pk")
    )


def feedback_to_give(*, member: MemberProfile, limit: int = 10) -> list[Attendance]:
    """Sessions the member came to and has not yet given feedback on, newest first."""
    return list(
        Attendance.objects.filter(interest__member=member, attended=True, feedback__isnull=True)
        .select_related("session__page")
        .order_by("-session__starts_at", "-pk")[:limit]
    )


def tax_year_start(today: dt.date) -> dt.date:
    """The UK tax year starts on 6 April."""
    start = dt.date(today.year, 4, 6)
    return start if today >= start else dt.date(today.year - 1, 4, 6)


def hours_this_tax_year(*, member: MemberProfile, today: dt.date | None = None) -> Decimal:
    """Hours of sessions attended since 6 April, from the attendance record."""
    today = today or timezone.localdate()
    start = tax_year_start(today)
    start_at = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    total = Attendance.objects.filter(
        interest__member=member, attended=True, session__starts_at__gte=start_at
    ).aggregate(total=Sum("hours"))["total"]
    return total or Decimal(0)


def opportunities_matching(*, member: MemberProfile, limit: int = 5, today=None) -> list:
    """Open opportunities in the member's areas of expertise that they have not yet
    answered, closing soonest first."""
    today = today or timezone.localdate()
    members_areas = MemberProfile.expertise.through.objects.filter(memberprofile=member)
    # A subquery rather than a join and DISTINCT: the database need not sort every
    # column of every open opportunity to drop the ones in two of the member's areas.
    in_members_areas = OpportunityPage.service_areas.through.objects.filter(
        servicearea__in=members_areas.values("servicearea")
    ).values("opportunitypage")
    return list(
        OpportunityPage.objects.live()
        .filter(closing_date__gte=today, pk__in=in_members_areas)
        .exclude(interests__member=member)
        .order_by("closing_date", "title")[:limit]
    )


def feedback_replies(*, member: MemberProfile, limit: int = 5) -> list:
    """The member's feedback that the involvement team has answered, newest reply first."""
    return list(
        Feedback.objects.filter(attendance__interest__member=member, replied_at__isnull=False)
        .select_related("attendance__session__page")
        .order_by("-replied_at", "-pk")[:limit]
    )


def outcomes_for(*, member: MemberProfile, limit: int = 5, today=None) -> list:
    """Published outcomes of opportunities the member took part in, newest first."""
    today = today or timezone.localdate()
    took_part = Interest.objects.filter(member=member).filter(
        Q(status__in=[InterestStatus.SELECTED, InterestStatus.CONFIRMED])
        | Q(attendance__attended=True)
    )
    return list(
        OpportunityPage.objects.live()
        .filter(pk__in=took_part.values("opportunity"), outcome_published_on__lte=today)
        .order_by("-outcome_published_on", "title")[:limit]
    )
