"""Calendar arithmetic shared by every area: renewals, reviews, trial periods."""

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier, when negative), or the month's last day
    when that month is shorter: 31 August plus two months is 31 October, plus one is
    30 September."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))
