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


def _name(user) -> str:
    return user.get_full_name() or user.email


def done_by_label(change, member, periods) -> str:
    """Who made ``change`` (an ``InterestChange`` to ``member``'s interest), with
    "(supporter)" when they were the member's supporter then. ``periods`` comes from
    ``supporter_periods`` for the whole list, so this costs no query."""
    if change.changed_by_id is None:
        return "Unknown"
    name = _name(change.changed_by)
    if change.changed_by_id != member.user_id and was_supporter_at(
        periods, member_id=member.pk, user_id=change.changed_by_id, when=change.changed_at
    ):
        return f"{name} (supporter)"
    return name


def supporter_labels_for(interests) -> dict[int, str]:
    """interest id -> "Name (supporter)" for each interest a supporter last said yes to
    (or confirmed, or withdrew) for the member, while they were the member's supporter.
    Two queries at most, however many interests and members."""
    from cms.participation.models import InterestChange

    member_ids = {interest.member_id for interest in interests}
    if not member_ids:
        return {}
    periods = supporter_periods(member_ids)
    supporter_ids = {user_id for (_, user_id) in periods}
    if not supporter_ids:
        return {}
    changes = (
        InterestChange.objects.filter(
            interest__in=[interest.pk for interest in interests],
            changed_by_id__in=supporter_ids,
        )
        .select_related("changed_by", "interest")
        .order_by("changed_at", "pk")
    )
    labels = {}
    for change in changes:
        if was_supporter_at(
            periods,
            member_id=change.interest.member_id,
            user_id=change.changed_by_id,
            when=change.changed_at,
        ):
            labels[change.interest_id] = f"{_name(change.changed_by)} (supporter)"
    return labels
