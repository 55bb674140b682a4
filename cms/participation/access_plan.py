"""The access plan for a session: what the venue must provide, counted, with no names.

It covers exactly the people selected or confirmed who can come to that session: those
who chose it, or who chose no sessions (meaning any).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from cms.members.choices import Format
from cms.opportunities.models import OpportunitySession

from .models import Interest

FORMAT_LABELS = dict(Format.choices)


@dataclass
class AccessPlan:
    session: OpportunitySession
    people: int = 0
    formats: list[tuple[str, int]] = field(default_factory=list)
    replacement_care: int = 0
    venue_features: list[str] = field(default_factory=list)
    adjustments: list[str] = field(default_factory=list)


def people_for_session(session: OpportunitySession):
    """Selected and confirmed interests for the session's opportunity who can come to it."""
    return (
        Interest.objects.taking_part()
        .filter(opportunity_id=session.page_id)
        .filter(Q(sessions=session) | Q(sessions__isnull=True))
        .distinct()
        .select_related("member")
    )


def access_plan(session: OpportunitySession) -> AccessPlan:
    """Count formats, replacement care and adjustments for the people coming; no names."""
    interests = list(people_for_session(session))
    formats = Counter()
    adjustments = []
    care = 0
    for interest in interests:
        member = interest.member
        for value in set(member.formats or []) | set(interest.formats or []):
            formats[value] += 1
        if member.needs_replacement_care:
            care += 1
        for text in (interest.adjustments, member.reasonable_adjustments, member.meeting_support):
            if text and text.strip():
                adjustments.append(text.strip())
    return AccessPlan(
        session=session,
        people=len(interests),
        formats=sorted(
            ((str(FORMAT_LABELS.get(value, value)), count) for value, count in formats.items()),
            key=lambda item: (-item[1], item[0]),
        ),
        replacement_care=care,
        venue_features=list(session.access_features),
        # Sorted, not in the order of the people, so the list says nothing about who.
        adjustments=sorted(adjustments, key=str.lower),
    )
