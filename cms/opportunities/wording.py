"""Dates and times in words, the way the NHS writes them: 'Tuesday 14 October 2025, 10am'."""

from datetime import date, datetime, time

from django.utils import timezone


def describe_date(day: date) -> str:
    """'Tuesday 14 October 2025'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def describe_time(moment: time) -> str:
    """'10am', '2:30pm', 'midday' or 'midnight'."""
    if moment.hour == 12 and moment.minute == 0:
        return "midday"
    if moment.hour == 0 and moment.minute == 0:
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def describe_time_range(starts_at: datetime, ends_at: datetime) -> str:
    """'Tuesday 14 October 2025, 10am to 12:30pm', in the site's time zone.

    A session that runs over more than one day names both days.
    """
    start = timezone.localtime(starts_at)
    end = timezone.localtime(ends_at)
    if start.date() == end.date():
        return (
            f"{describe_date(start.date())}, "
            f"{describe_time(start.time())} to {describe_time(end.time())}"
        )
    return (
        f"{describe_date(start.date())}, {describe_time(start.time())} to "
        f"{describe_date(end.date())}, {describe_time(end.time())}"
    )
