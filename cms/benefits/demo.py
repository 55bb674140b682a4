"""Demo earnings limit: one member whose payments come close to the limit they set.

Safe to run again: a limit is only added when the member has none, so a second run
changes nothing.
"""

from decimal import Decimal

from django.utils import timezone

from cms.members.models import MemberProfile

from .models import EarningsLimit
from .periods import month_containing
from .services import set_earnings_limit

DEMO_MEMBER_EMAIL = "member@example.org"
# What one more typical paid session adds: enough, with this month's payments, to come
# within 10% of the limit, so the demo member sees the warning before accepting.
HEADROOM = Decimal("30.00")
SMALLEST_LIMIT = Decimal("80.00")


def load_demo(*, today=None) -> EarningsLimit | None:
    """Give the demo member a monthly earnings limit near what they have been paid."""
    member = MemberProfile.objects.filter(user__email=DEMO_MEMBER_EMAIL).first()
    if member is None:
        return None
    existing = EarningsLimit.objects.filter(member=member).first()
    if existing is not None:
        return existing
    from cms.claims.selectors import involvement_payments_between

    start, end = month_containing(today or timezone.localdate())
    paid = involvement_payments_between(member, start, end)
    return set_earnings_limit(
        member=member,
        weekly_limit=None,
        monthly_limit=max(paid + HEADROOM, SMALLEST_LIMIT),
        reason=(
            "Permitted work: I get Employment and Support Allowance and can earn a "
            "limited amount each month without it being affected."
        ),
    )
