"""Read-side questions for the benefits pages and the member's dashboard."""

from cms.members.models import MemberProfile

from .models import EarningsLimit


def own_earnings_limit(user) -> EarningsLimit | None:
    return EarningsLimit.objects.for_user(user).first()


def benefits_dashboard_panel(member: MemberProfile) -> dict:
    """For the member's dashboard: whether they have set an earnings limit.

    Only a yes or no: the dashboard links to the benefits page rather than repeating
    the amounts.
    """
    limit = EarningsLimit.objects.filter(member=member).first()
    return {"has_earnings_limit": bool(limit and limit.is_set)}


def members_with_earnings_limits(member_ids) -> set[int]:
    """Which of these members have set a limit, in one query, so a list of many people
    only asks the guard about those few (and its query count stays flat)."""
    return set(
        EarningsLimit.objects.filter(member_id__in=list(member_ids))
        .exclude(weekly_limit__isnull=True, monthly_limit__isnull=True)
        .values_list("member_id", flat=True)
    )
