"""Months and shares: small helpers the reports share."""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from cms.core.dates import add_months

# Shown instead of a share or a median when there is nothing yet to work it out from.
NOTHING_YET = "None yet"


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The last 12 months up to and including today: what a report shows at first."""
    today = today or timezone.localdate()
    return add_months(today, -12) + dt.timedelta(days=1), today


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month that the period touches, in order."""
    month = start.replace(day=1)
    months = []
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_label(month: dt.date) -> str:
    return month.strftime("%b %Y")


def month_key(moment) -> dt.date:
    """The first day of the month a date or datetime falls in (datetimes in local time)."""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        moment = moment.date()
    return moment.replace(day=1)


def percent(part, whole) -> str:
    """``part`` as a whole-number percentage of ``whole``, such as "83%"; "None yet" for 0 of 0."""
    if not whole:
        return NOTHING_YET
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return f"{share}%"


def median_days(durations: list[dt.timedelta]) -> Decimal | str:
    """The median of some stays in days, to one decimal place; "None yet" when there are none."""
    if not durations:
        return NOTHING_YET
    days = statistics.median(d.total_seconds() / 86400 for d in durations)
    return Decimal(str(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
