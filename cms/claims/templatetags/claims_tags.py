"""The rates in force for an opportunity, for its public page."""

from django import template
from django.utils import timezone

from ..models import ExpenseType
from ..selectors import expense_caps_in_force, mileage_rate_in_force, payment_rate_in_force

register = template.Library()


@register.simple_tag
def opportunity_rates(page) -> dict:
    """The payment rate for the page's level of involvement, the mileage rate and expense
    limits, in force on its next session's date (or today when none is coming)."""
    today = timezone.localdate()
    upcoming = [
        timezone.localdate(session.starts_at)
        for session in page.sessions.all()
        if timezone.localdate(session.starts_at) >= today
    ]
    day = min(upcoming) if upcoming else today
    return {
        "day": day,
        "payment_rate": (
            payment_rate_in_force(level=page.level_of_involvement, day=day)
            if page.is_paid
            else None
        ),
        "mileage_rate": mileage_rate_in_force(day),
        "caps": [
            (ExpenseType(expense_type).label.lower(), amount)
            for expense_type, amount in sorted(expense_caps_in_force(day).items())
        ],
    }
