"""The periods an earnings limit is counted over: a week from Monday to Sunday, or a
calendar month. Pure date arithmetic, tested on its own."""

import calendar
import datetime as dt


def week_containing(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and the Sunday of the week that ``day`` is in (both included)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_containing(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the calendar month that ``day`` is in."""
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)
