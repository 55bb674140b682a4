"""Pausing involvement and saying how you are: the rules.

A member has at most one open pause (in force, or still to come). It may start today or
later, never in the past, and its return date must come after its start. It ends by
itself on that date; the member can come back early, which is dated and attributed.
A check-in asking for a call tells the member's supervisor, and goes on the
coordinators' list until someone records the call.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.members.models import MemberProfile
from cms.notifications.models import Topic
from cms.notifications.services import notify

from .models import Feeling, Pause, WellbeingCheckIn
from .selectors import open_pause

# Far enough ahead for a long stay in hospital; further than this, "until I come back" fits.
LONGEST_PAUSE = dt.timedelta(days=366)


class WellbeingError(Exception):
    """A move the rules do not allow; the message is written for the screen. ``field``
    names the form field it is about, when it is about one."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


@transaction.atomic
def pause(
    member: MemberProfile,
    *,
    starts_on: dt.date,
    until: dt.date | None,
    reason: str = "",
    by,
    today: dt.date | None = None,
) -> Pause:
    """Pause ``member``'s involvement from ``starts_on`` until the day before ``until``
    (or until they come back, when ``until`` is None). ``by`` is the member, or whoever
    set it for them. Refused while another pause is open, or with impossible dates."""
    today = today or timezone.localdate()
    # Lock the member's row so two pauses sent at once cannot both be the open one.
    MemberProfile.objects.select_for_update().filter(pk=member.pk).first()
    existing = open_pause(member, on=today)
    if existing is not None:
        raise WellbeingError(
            "You already have a pause. Come back from it (or cancel it) before setting a new one."
        )
    if starts_on < today:
        raise WellbeingError(
            "The day your break starts must be today or in the future", field="starts_on"
        )
    if until is not None:
        if until <= starts_on:
            raise WellbeingError(
                "The day you come back must be after the day your break starts", field="until"
            )
        if until - starts_on > LONGEST_PAUSE:
            raise WellbeingError(
                "Choose a day to come back within a year, or leave it empty",
                field="until",
            )
    return Pause.objects.create(
        member=member,
        starts_on=starts_on,
        until=until,
        reason=reason.strip(),
        created_by=by,
    )


@transaction.atomic
def resume(member: MemberProfile, *, by, today: dt.date | None = None) -> Pause:
    """End ``member``'s open pause now: back today, or a pause still to come cancelled."""
    today = today or timezone.localdate()
    current = open_pause(member, on=today)
    if current is None:
        raise WellbeingError("You are not paused.")
    current = Pause.objects.select_for_update().get(pk=current.pk)
    if current.ended_at is not None:
        raise WellbeingError("You are not paused.")
    current.ended_at = timezone.now()
    current.ended_by = by
    current.save(update_fields=["ended_at", "ended_by"])
    return current


@transaction.atomic
def check_in(
    member: MemberProfile, *, feeling: str, note: str = "", wants_call: bool, by
) -> WellbeingCheckIn:
    """Record how ``member`` says they are. Asking for a call tells their supervisor
    (without the note: that stays in Involve) and puts them on the coordinators' list."""
    if feeling not in Feeling.values:
        raise WellbeingError("Choose how you are doing.")
    check = WellbeingCheckIn.objects.create(
        member=member,
        feeling=feeling,
        note=note.strip(),
        wants_call=wants_call,
        created_by=by,
    )
    supervisor = member.supervisor
    if wants_call and supervisor is not None and supervisor.is_active:
        notify(
            recipient=supervisor,
            topic=Topic.SUPPORT,
            key=f"wellbeing-call:{check.pk}",
            subject=f"{member} would like a call",
            body=(
                f"{member} has asked for a call from the involvement team about how they are "
                "doing. The list of people waiting for a call is in the admin, under "
                "Pauses and wellbeing."
            ),
            url=reverse("wellbeing_admin:index"),
        )
    return check


@transaction.atomic
def record_call(check: WellbeingCheckIn, *, by) -> WellbeingCheckIn:
    """A coordinator records that they called. Once: a second record changes nothing."""
    check = WellbeingCheckIn.objects.select_for_update().get(pk=check.pk)
    if not check.wants_call:
        raise WellbeingError("This person did not ask for a call.")
    if check.called_at is None:
        check.called_at = timezone.now()
        check.called_by = by
        check.save(update_fields=["called_at", "called_by"])
    return check
