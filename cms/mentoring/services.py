"""Workflow rules for mentoring: proposing a pair, accepting, pausing and ending it, shared
goals, and sessions that one person logs and the other confirms.

Every move of a pair goes through :func:`move_pair`, checked against ``TRANSITIONS`` and
recorded as a dated, attributed ``PairChange``. People are told through
``cms.notifications.services.notify``, whose keys make every message go once.
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.members.choices import Status as MemberStatus
from cms.members.models import MemberProfile
from cms.notifications.models import Topic
from cms.notifications.services import notify
from cms.users.access import is_coordinator
from cms.wellbeing.selectors import pause_in_force, paused_sentence

from .models import (
    OPEN_STATUSES,
    MentoringPair,
    MentoringSession,
    MentorProfile,
    PairChange,
    PairStatus,
    SharedGoal,
)

S = PairStatus
TRANSITIONS: dict[str, set[str]] = {
    S.PROPOSED: {S.ACTIVE, S.DECLINED},
    S.ACTIVE: {S.PAUSED, S.ENDED},
    S.PAUSED: {S.ACTIVE, S.ENDED},
    S.ENDED: set(),
    S.DECLINED: set(),
}
# A session left unconfirmed this long reminds the person who has to confirm it.
CONFIRM_REMINDER_AFTER = dt.timedelta(days=7)


class MentoringError(Exception):
    """Something the rules do not allow; the message is written for the screen."""


def pair_url(pair: MentoringPair) -> str:
    return reverse("members:mentoring:pair", args=[pair.pk])


def mentees_taken(mentor: MemberProfile) -> int:
    """How many open pairs (proposed, active or paused) this person mentors now."""
    return MentoringPair.objects.filter(mentor=mentor, status__in=OPEN_STATUSES).count()


def _in_pair(pair: MentoringPair, user) -> bool:
    return user.pk in (pair.mentor.user_id, pair.mentee.user_id)


def _record(pair, from_status, to_status, *, by, reason="") -> PairChange:
    return PairChange.objects.create(
        pair=pair, from_status=from_status, to_status=to_status, changed_by=by, reason=reason
    )


@transaction.atomic
def set_mentor_profile(
    *, member: MemberProfile, is_willing: bool, capacity: int, note: str = "", by
) -> MentorProfile:
    """Record that a member is (or is no longer) willing to mentor, and for how many."""
    if member.status != MemberStatus.ACTIVE:
        raise MentoringError("Only active members can mentor.")
    if capacity < 1:
        raise MentoringError("A mentor can take at least one mentee.")
    profile, _ = MentorProfile.objects.update_or_create(
        member=member,
        defaults={"is_willing": is_willing, "capacity": capacity, "note": note, "updated_by": by},
    )
    return profile


def refuse_if_paused(*people: MemberProfile) -> None:
    """Refuse, saying until when, if any of ``people`` has paused their involvement: a
    suggested pair is an invitation, and paused members are not invited."""
    for person in people:
        pause = pause_in_force(person)
        if pause is not None:
            raise MentoringError(
                f"{paused_sentence(person, pause)} "
                "They cannot be suggested for mentoring while they are paused."
            )


@transaction.atomic
def propose_pair(
    *, mentor: MemberProfile, mentee: MemberProfile, by, reasons: str = ""
) -> MentoringPair:
    """A coordinator proposes a pair; both are told and asked to accept.

    Both must be active members and neither paused, the mentor willing and with room for
    another mentee, and the two must not already have a pair open.
    """
    if not is_coordinator(by):
        raise MentoringError("Only coordinators can propose a mentoring pair.")
    if mentor.pk == mentee.pk:
        raise MentoringError("Someone cannot mentor themselves.")
    if mentor.status != MemberStatus.ACTIVE or mentee.status != MemberStatus.ACTIVE:
        raise MentoringError("Both people must be active members.")
    refuse_if_paused(mentor, mentee)
    profile = MentorProfile.objects.filter(member=mentor, is_willing=True).first()
    if profile is None:
        raise MentoringError(f"{mentor} has not said they are willing to mentor.")
    # Lock the mentor's row so two coordinators cannot both fill the last place.
    MemberProfile.objects.select_for_update().filter(pk=mentor.pk).first()
    if mentees_taken(mentor) >= profile.capacity:
        raise MentoringError(f"{mentor} has no room for another mentee just now.")
    if (
        MentoringPair.objects.open()
        .filter(mentor__in=[mentor, mentee], mentee__in=[mentor, mentee])
        .exists()
    ):
        raise MentoringError(f"{mentor} and {mentee} are already paired.")
    pair = MentoringPair.objects.create(
        mentor=mentor, mentee=mentee, proposed_by=by, reasons=reasons.strip()
    )
    _record(pair, "", S.PROPOSED, by=by)
    for person, other, role in ((mentor, mentee, "mentor"), (mentee, mentor, "mentee")):
        notify(
            recipient=person.user,
            topic=Topic.MENTORING,
            key=f"mentoring-pair-{pair.pk}-proposed",
            subject="We have suggested a mentoring pair for you",
            body=(
                f"We think you and {other} could work well together, with you as the {role}. "
                "Please look at the suggestion and say whether you would like to go ahead."
            ),
            url=pair_url(pair),
        )
    return pair


@transaction.atomic
def move_pair(*, pair: MentoringPair, to_status: str, by, reason: str = "") -> PairChange:
    """Move a pair on if the rules allow; refuse with a clear message if not.

    Coordinators and the two people in the pair may move it. Ending needs a reason;
    a proposed pair becomes active only once both have accepted (see :func:`accept_pair`).
    """
    pair = (
        MentoringPair.objects.select_for_update().select_related("mentor", "mentee").get(pk=pair.pk)
    )
    to_status = S(to_status)
    if not (is_coordinator(by) or _in_pair(pair, by)):
        raise MentoringError("Only the two people in the pair or a coordinator can do that.")
    if to_status not in TRANSITIONS[pair.status]:
        raise MentoringError(
            f"A pair that is '{pair.get_status_display()}' cannot be moved to '{to_status.label}'."
        )
    if (
        pair.status == S.PROPOSED
        and to_status == S.ACTIVE
        and not (pair.mentor_accepted_at and pair.mentee_accepted_at)
    ):
        raise MentoringError("A pair starts only when both the mentor and the mentee accept.")
    reason = reason.strip()
    if to_status == S.ENDED and not reason:
        raise MentoringError("Say why the mentoring is ending.")
    from_status = pair.status
    pair.status = to_status
    pair.status_changed_at = timezone.now()
    if to_status in (S.ENDED, S.DECLINED):
        pair.end_reason = reason
    pair.save(update_fields=["status", "status_changed_at", "end_reason"])
    change = _record(pair, from_status, to_status, by=by, reason=reason)
    if to_status == S.ACTIVE and from_status == S.PROPOSED:
        for person, other in ((pair.mentor, pair.mentee), (pair.mentee, pair.mentor)):
            notify(
                recipient=person.user,
                topic=Topic.MENTORING,
                key=f"mentoring-pair-{pair.pk}-active",
                subject="Your mentoring has started",
                body=(
                    f"You and {other} have both said yes, so your mentoring has started. "
                    "Agree your first goals together and log each time you meet."
                ),
                url=pair_url(pair),
            )
    return change


@transaction.atomic
def accept_pair(*, pair: MentoringPair, by) -> MentoringPair:
    """The mentor or the mentee says yes. When both have, the pair becomes active."""
    pair = (
        MentoringPair.objects.select_for_update().select_related("mentor", "mentee").get(pk=pair.pk)
    )
    role = pair.role_of(by)
    if not role:
        raise MentoringError("Only the mentor or the mentee can accept this pair.")
    if pair.status != S.PROPOSED:
        raise MentoringError("This pair is no longer waiting for an answer.")
    field = f"{role}_accepted_at"
    if getattr(pair, field) is None:
        setattr(pair, field, timezone.now())
        pair.save(update_fields=[field])
    if pair.mentor_accepted_at and pair.mentee_accepted_at:
        move_pair(pair=pair, to_status=S.ACTIVE, by=by)
        pair.refresh_from_db()
    return pair


def decline_pair(*, pair: MentoringPair, by, reason: str = "") -> PairChange:
    """The mentor, the mentee or a coordinator says no to a proposed pair; it ends there."""
    return move_pair(pair=pair, to_status=S.DECLINED, by=by, reason=reason)


def _active_pair_member(pair: MentoringPair, by) -> None:
    if not _in_pair(pair, by):
        raise MentoringError("Only the mentor or the mentee can do that.")
    if pair.status != S.ACTIVE:
        raise MentoringError("You can only do this while the mentoring is active.")


@transaction.atomic
def add_goal(*, pair: MentoringPair, by, title: str, detail: str = "") -> SharedGoal:
    """Either person adds a goal they agreed to work on together."""
    _active_pair_member(pair, by)
    if not title.strip():
        raise MentoringError("Say what the goal is.")
    return SharedGoal.objects.create(
        pair=pair, title=title.strip(), detail=detail.strip(), created_by=by
    )


@transaction.atomic
def log_session(
    *,
    pair: MentoringPair,
    by,
    held_on: dt.date,
    minutes: int,
    method: str,
    notes: str = "",
    next_steps: str = "",
    today: dt.date | None = None,
) -> MentoringSession:
    """Either person logs a meeting; the other is asked to confirm it."""
    _active_pair_member(pair, by)
    today = today or timezone.localdate()
    if held_on > today:
        raise MentoringError("You can only log a meeting that has happened.")
    session = MentoringSession.objects.create(
        pair=pair,
        held_on=held_on,
        minutes=minutes,
        method=method,
        notes=notes.strip(),
        next_steps=next_steps.strip(),
        logged_by=by,
    )
    other = pair.other_person(by)
    notify(
        recipient=other.user,
        topic=Topic.MENTORING,
        key=f"mentoring-session-{session.pk}-logged",
        subject="Please confirm your mentoring session",
        body=(
            f"{by.get_full_name() or by.email} logged your mentoring session on "
            f"{held_on:%A %-d %B %Y}. Please check the notes and confirm it."
        ),
        url=pair_url(pair),
    )
    return session


@transaction.atomic
def confirm_session(*, session: MentoringSession, by) -> MentoringSession:
    """The other person confirms a session; the one who logged it cannot."""
    session = (
        MentoringSession.objects.select_for_update()
        .select_related("pair__mentor", "pair__mentee")
        .get(pk=session.pk)
    )
    if not _in_pair(session.pair, by):
        raise MentoringError("Only the mentor or the mentee can confirm a session.")
    if session.logged_by_id == by.pk:
        raise MentoringError("The other person in your pair confirms the sessions you log.")
    if session.confirmed_at is None:
        session.confirmed_at = timezone.now()
        session.confirmed_by = by
        session.save(update_fields=["confirmed_at", "confirmed_by"])
    return session


def remind_unconfirmed_sessions(*, now: dt.datetime | None = None) -> int:
    """Scheduled task: remind the other person of a session left unconfirmed for 7 days.

    One reminder per session however often it runs: the key is the session's. Returns
    how many people were reminded on this run.
    """
    from cms.wellbeing.selectors import paused_member_ids

    now = now or timezone.now()
    # Someone on a break is not reminded; the reminder goes once their pause ends.
    paused = set(paused_member_ids(on=timezone.localdate(now)).values_list("member_id", flat=True))
    sessions = (
        MentoringSession.objects.filter(
            confirmed_at__isnull=True,
            logged_at__lte=now - CONFIRM_REMINDER_AFTER,
            pair__status__in=[S.ACTIVE, S.PAUSED],
        )
        .select_related("pair__mentor__user", "pair__mentee__user", "logged_by")
        .order_by("pk")
    )
    reminded = 0
    for session in sessions:
        pair = session.pair
        if session.logged_by_id is None:
            continue
        other = pair.mentee if session.logged_by_id == pair.mentor.user_id else pair.mentor
        if other.pk in paused:
            continue
        key = f"mentoring-session-{session.pk}-reminder"
        if other.user.notifications.filter(key=key).exists():
            continue
        notify(
            recipient=other.user,
            topic=Topic.MENTORING,
            key=key,
            subject="Reminder: please confirm your mentoring session",
            body=(
                f"Your mentoring session on {session.held_on:%A %-d %B %Y} is still waiting "
                "for you to confirm it. It only takes a moment."
            ),
            url=pair_url(pair),
        )
        reminded += 1
    return reminded
