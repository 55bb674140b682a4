"""Recording a member's own earnings limit. Views and demo data call these."""

from decimal import Decimal

from cms.members.models import MemberProfile

from .models import EarningsLimit


def set_earnings_limit(
    *,
    member: MemberProfile,
    weekly_limit: Decimal | None,
    monthly_limit: Decimal | None,
    reason: str = "",
) -> EarningsLimit | None:
    """Record the member's limits; with neither a weekly nor a monthly amount, remove them.

    Returns the saved limit, or None when it was removed.
    """
    if weekly_limit is None and monthly_limit is None:
        remove_earnings_limit(member=member)
        return None
    limit, _ = EarningsLimit.objects.update_or_create(
        member=member,
        defaults={
            "weekly_limit": weekly_limit,
            "monthly_limit": monthly_limit,
            "reason": reason.strip(),
        },
    )
    return limit


def remove_earnings_limit(*, member: MemberProfile) -> None:
    """Forget the member's earnings limit and its reason; the guard stops warning."""
    EarningsLimit.objects.filter(member=member).delete()
