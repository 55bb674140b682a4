"""Searching the audit log, for administrators."""

import datetime as dt

from django.db.models import Q

from .models import AuditEvent


def _words_match(prefix: str, text: str) -> Q:
    # Every word must match the first name, last name or email: "Chris Evans" works.
    query = Q()
    for word in text.split():
        query &= (
            Q(**{f"{prefix}first_name__icontains": word})
            | Q(**{f"{prefix}last_name__icontains": word})
            | Q(**{f"{prefix}email__icontains": word})
        )
    return query


def search_events(
    *,
    person: str = "",
    actor: str = "",
    action: str = "",
    subject_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
):
    """Audit events, newest first, matching every filter given (each one optional).

    ``person`` matches the member the event concerns by name or email; ``actor`` the
    person who did it. Dates are inclusive, in local time.
    """
    events = AuditEvent.objects.select_related("actor", "member__user")
    if person.strip():
        events = events.filter(_words_match("member__user__", person))
    if actor.strip():
        events = events.filter(_words_match("actor__", actor))
    if action:
        events = events.filter(action=action)
    if subject_type:
        events = events.filter(subject_type=subject_type)
    if date_from:
        events = events.filter(occurred_at__date__gte=date_from)
    if date_to:
        events = events.filter(occurred_at__date__lte=date_to)
    return events.order_by("-occurred_at", "-pk")
