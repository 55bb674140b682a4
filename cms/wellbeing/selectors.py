"""Reads about pauses and check-ins, for the member's pages, the coordinators' list and
every place that invites or reminds members.

Invitation and reminder code asks :func:`paused_member_ids` (a subquery, so excluding
paused people costs no extra query) or :func:`is_paused`.
"""

import datetime as dt

from django.db.models import F, QuerySet
from django.utils import timezone

from .models import Pause, WellbeingCheckIn


def paused_member_ids(*, on: dt.date | None = None) -> QuerySet:
    """The ids of members paused on ``on`` (today by default), as a subquery for
    ``.exclude(member__in=...)``. A pause stops by itself on its ``until`` date."""
    day = on or timezone.localdate()
    return Pause.objects.in_force_on(day).values("member_id")


def pause_in_force(member, *, on: dt.date | None = None) -> Pause | None:
    """The pause stopping invitations and reminders for ``member`` on ``on``, if any."""
    return Pause.objects.in_force_on(on or timezone.localdate()).filter(member=member).first()


def is_paused(member, *, on: dt.date | None = None) -> bool:
    return pause_in_force(member, on=on) is not None


def open_pause(member, *, on: dt.date | None = None) -> Pause | None:
    """The member's pause in force or still to come (there is at most one)."""
    return Pause.objects.open_on(on or timezone.localdate()).filter(member=member).first()


def paused_in_words(pause: Pause) -> str:
    """'until 5 January 2027' or 'until they say they are back', for messages to staff."""
    if pause.until is None:
        return "until they say they are back"
    return f"until {pause.until:%-d %B %Y}"


def paused_sentence(member, pause: Pause) -> str:
    """'Dee Moss has paused their involvement until 5 January 2027.': the one wording every
    refusal to invite, select or pair a paused member starts with."""
    return f"{member} has paused their involvement {paused_in_words(pause)}."


def pauses_by_member(member_ids, *, on: dt.date | None = None) -> dict[int, Pause]:
    """The pause in force on ``on`` for each of ``member_ids`` that has one, in one query, so a
    list can label paused people without a query per row."""
    day = on or timezone.localdate()
    pauses = Pause.objects.in_force_on(day).filter(member_id__in=list(member_ids)).defer("reason")
    return {pause.member_id: pause for pause in pauses}


def coordinator_pauses(user, *, on: dt.date | None = None) -> QuerySet:
    """Open pauses (in force or to come) a coordinator may see, soonest back first; people
    with no return date last."""
    day = on or timezone.localdate()
    return (
        Pause.objects.for_user(user)
        .open_on(day)
        .select_related("member__user", "created_by")
        .order_by(F("until").asc(nulls_last=True), "starts_on", "pk")
        .defer("reason")
    )


def check_ins_waiting_for_a_call(user) -> QuerySet:
    """Check-ins asking for a call that nobody has recorded making, oldest first."""
    return (
        WellbeingCheckIn.objects.for_user(user)
        .waiting_for_a_call()
        .select_related("member__user")
        .order_by("created_at", "pk")
    )


def own_check_ins(member, *, limit: int = 5) -> list[WellbeingCheckIn]:
    return list(WellbeingCheckIn.objects.filter(member=member).order_by("-created_at")[:limit])
