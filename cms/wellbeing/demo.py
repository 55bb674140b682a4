"""Demo pauses and check-ins: one member paused until a date, one until she is back, and
the demo member asking for a call, so the coordinators' list has something on it.

Safe to run again: a member who already has a pause or a check-in is left as they are.
"""

import datetime as dt

from django.utils import timezone

from cms.members.models import MemberProfile

from . import services
from .models import Feeling, Pause, WellbeingCheckIn

PAUSES = [
    # email, started this many days ago, back this many days from today (None: no date), note
    (
        "graham.scott@example.org",
        14,
        42,
        "Recovering from a knee operation. Back once I can drive again.",
    ),
    ("rhiannon.evans@example.org", 10, None, "Exams at college until the summer."),
]
CHECK_INS = [
    (
        "member@example.org",
        Feeling.NOT_GREAT,
        "Things have been hard at home and I am not sleeping well. I still want to do the "
        "panel next month, but it would help to talk it through first.",
        True,
    ),
    ("priya.nair@example.org", Feeling.GOOD, "Really enjoyed the last focus group.", False),
]


def load_demo(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    counts = {"pauses": 0, "check_ins": 0}
    for email, days_ago, back_in_days, reason in PAUSES:
        member = MemberProfile.objects.filter(user__email=email).select_related("user").first()
        if member is None or Pause.objects.filter(member=member).exists():
            continue
        started = today - dt.timedelta(days=days_ago)
        services.pause(
            member,
            starts_on=started,
            until=today + dt.timedelta(days=back_in_days) if back_in_days else None,
            reason=reason,
            by=member.user,
            # Set on the day it started, as the member would have.
            today=started,
        )
        counts["pauses"] += 1
    for email, feeling, note, wants_call in CHECK_INS:
        member = MemberProfile.objects.filter(user__email=email).select_related("user").first()
        if member is None or WellbeingCheckIn.objects.filter(member=member).exists():
            continue
        services.check_in(member, feeling=feeling, note=note, wants_call=wants_call, by=member.user)
        counts["check_ins"] += 1
    return counts
