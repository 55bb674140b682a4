"""Matching: which members in the involvement bank fit an opportunity, and why.

:func:`rank_members` scores each member on shared expertise, the kind and level of
involvement they asked for, whether they are free when the sessions are, and whether
their checks are complete. People who took part in sessions recently score lower, so
invitations spread beyond the usual few. It reads but never writes.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from cms.members.admin_views import checks_complete
from cms.members.models import MemberProfile
from cms.opportunities.models import ChecksRequired, OpportunityPage
from cms.wellbeing.selectors import paused_member_ids

from .models import Attendance, Interest

RECENT_DAYS = 183  # about six months
POINTS_PER_SHARED_AREA = 3
POINTS_FOR_TYPE = 2
POINTS_FOR_LEVEL = 1
POINTS_FOR_AVAILABILITY = 4
POINTS_FOR_CHECKS = 2
POINTS_PER_RECENT_SESSION = 2
MOST_OFF_FOR_RECENT = 6


@dataclass
class Match:
    member: MemberProfile
    score: int
    reasons: list[str] = field(default_factory=list)
    recent_sessions: int = 0


def time_of_day(moment: dt.datetime) -> str:
    """'morning' before 12, 'afternoon' from 12 to before 17, 'evening' from 17, local time."""
    hour = timezone.localtime(moment).hour if timezone.is_aware(moment) else moment.hour
    if hour < 12:
        return "morning"
    if hour < 17:
        return "afternoon"
    return "evening"


def weekday(moment: dt.datetime) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.strftime("%A").lower()


def can_make(member: MemberProfile, session) -> bool:
    return weekday(session.starts_at) in (member.available_days or []) and time_of_day(
        session.starts_at
    ) in (member.available_times or [])


def recent_attendance(members, *, today: dt.date) -> Counter:
    """How many sessions each member attended in the last six months, by member id."""
    since = today - dt.timedelta(days=RECENT_DAYS)
    rows = Attendance.objects.filter(
        interest__member__in=[m.pk for m in members],
        attended=True,
        session__starts_at__date__gte=since,
        session__starts_at__date__lte=today,
    ).values_list("interest__member_id", flat=True)
    return Counter(rows)


def rank_members(opportunity: OpportunityPage, members, *, today: dt.date) -> list[Match]:
    """Score ``members`` for ``opportunity``, best first, each with reasons in plain words.

    Members who have already responded (interested, invited, selected or any other
    status) are left out, and so are members who have paused their involvement.
    """
    responding = set(
        Interest.objects.filter(opportunity=opportunity).values_list("member_id", flat=True)
    )
    paused = set(paused_member_ids(on=today).values_list("member_id", flat=True))
    members = [m for m in members if m.pk not in responding and m.pk not in paused]
    areas = {area.pk: area.name for area in opportunity.service_areas.all()}
    sessions = list(opportunity.sessions.all())
    recent = recent_attendance(members, today=today)

    matches = []
    for member in members:
        score = 0
        reasons = []
        shared = sorted(areas[a.pk] for a in member.expertise.all() if a.pk in areas)
        if shared:
            score += POINTS_PER_SHARED_AREA * len(shared)
            reasons.append("Expertise in " + ", ".join(shared))
        if opportunity.involvement_type in (member.involvement_types or []):
            score += POINTS_FOR_TYPE
            reasons.append(f"Would like: {opportunity.get_involvement_type_display()}")
        if opportunity.level_of_involvement in (member.involvement_levels or []):
            score += POINTS_FOR_LEVEL
            reasons.append(f"Level: {opportunity.get_level_of_involvement_display()}")
        if sessions:
            free_for = sum(1 for session in sessions if can_make(member, session))
            score += round(POINTS_FOR_AVAILABILITY * free_for / len(sessions))
            if free_for == len(sessions):
                reasons.append("Free when every session is")
            elif free_for:
                reasons.append(f"Free for {free_for} of {len(sessions)} sessions")
            else:
                reasons.append("Not usually free at these times")
        needs_dbs = opportunity.checks_required != ChecksRequired.NONE
        if needs_dbs and not member.dbs_checked_on:
            reasons.append(f"No {opportunity.get_checks_required_display()} yet")
        elif checks_complete(member):
            score += POINTS_FOR_CHECKS
            reasons.append("Checks complete")
        else:
            reasons.append("Checks not complete")
        count = recent[member.pk]
        if count:
            score -= min(POINTS_PER_RECENT_SESSION * count, MOST_OFF_FOR_RECENT)
            reasons.append(
                f"Took part in {count} session{'s' if count != 1 else ''} in the last 6 months"
            )
        else:
            reasons.append("Not involved in the last 6 months")
        matches.append(Match(member=member, score=score, reasons=reasons, recent_sessions=count))

    matches.sort(key=lambda m: (-m.score, m.recent_sessions, str(m.member).lower(), m.member.pk))
    return matches
