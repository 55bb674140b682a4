"""Reads for the supporters pages and for showing who did what."""

from .models import ArrangementStatus, SupportArrangement


def arrangements_of(member):
    """A member's supporters, current ones first, with who ended each."""
    return (
        SupportArrangement.objects.of_member(member)
        .select_related("supporter", "ended_by")
        .order_by("status", "-invited_at", "-pk")
    )


def people_supported_by(user):
    """The active arrangements in which ``user`` is the supporter, with each member."""
    return (
        SupportArrangement.objects.for_supporter(user)
        .filter(status=ArrangementStatus.ACTIVE)
        .select_related("member__user")
        .order_by("accepted_at", "pk")
    )


def supporter_periods(member_ids) -> dict[tuple[int, int], list]:
    """(member id, supporter user id) -> [(accepted, ended or None)], in one query, so a
    list can say "(supporter)" after a name without a query per row."""
    periods: dict[tuple[int, int], list] = {}
    rows = (
        SupportArrangement.objects.filter(member_id__in=member_ids, accepted_at__isnull=False)
        .exclude(supporter=None)
        .values_list("member_id", "supporter_id", "accepted_at", "ended_at")
    )
    for member_id, supporter_id, accepted_at, ended_at in rows:
        periods.setdefault((member_id, supporter_id), []).append((accepted_at, ended_at))
    return periods


def was_supporter_at(periods, *, member_id, user_id, when) -> bool:
    return any(
        accepted <= when and (ended is None or when <= ended)
        for accepted, ended in periods.get((member_id, user_id), ())
    )
