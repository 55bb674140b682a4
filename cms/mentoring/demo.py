"""Demo mentoring: Maureen Gallagher (mentor@example.org) mentors Dev Patel
(member@example.org), with shared goals and sessions, the latest waiting for Dev to
confirm. Graham Scott is a second willing mentor, so suggestions have a choice.

Safe to run again: nothing is added once the pair exists. Records are written directly,
not through the services, so loading the demo tells nobody anything.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.members.models import MemberProfile

from .models import MeetingMethod, MentoringPair, MentoringSession, MentorProfile, PairChange
from .models import PairStatus as S

MENTORS = {"mentor@example.org": 2, "graham.scott@example.org": 1}

GOALS = [
    (
        "Feel confident speaking at the mental health forum",
        "Dev will say at least one thing at each meeting, and ask a question if unsure.",
    ),
    ("Understand how the carers' strategy is decided", "Who decides, when, and where we fit in."),
]

# days ago, minutes, how, notes, next steps, confirmed
SESSIONS = [
    (
        35,
        60,
        MeetingMethod.IN_PERSON,
        "First meeting over a cup of tea. We talked about what Dev wants from being a member "
        "and what the first forum meeting felt like.",
        "Dev reads the forum papers a week before; Maureen explains the terms he marks.",
        True,
    ),
    (
        20,
        45,
        MeetingMethod.PHONE,
        "Went through the forum papers together. Dev marked three words he did not know.",
        "Dev asks one question at the forum.",
        True,
    ),
    (
        4,
        50,
        MeetingMethod.ONLINE,
        "Dev asked his question at the forum and got a clear answer. We talked about the "
        "carers' strategy consultation.",
        "Maureen sends the consultation timetable; Dev picks one event to go to.",
        False,
    ),
]


def load_demo() -> MentoringPair | None:
    members = {
        m.user.email: m
        for m in MemberProfile.objects.in_bank()
        .filter(user__email__in=[*MENTORS, "member@example.org"])
        .select_related("user")
    }
    coordinator = get_user_model().objects.filter(email="coordinator@example.org").first()
    for email, capacity in MENTORS.items():
        if email in members:
            MentorProfile.objects.get_or_create(
                member=members[email], defaults={"capacity": capacity, "updated_by": coordinator}
            )
    mentor, mentee = members.get("mentor@example.org"), members.get("member@example.org")
    if mentor is None or mentee is None:
        return None
    now = timezone.now()
    started = now - dt.timedelta(days=40)
    pair, created = MentoringPair.objects.get_or_create(
        mentor=mentor,
        mentee=mentee,
        defaults={
            "status": S.ACTIVE,
            "status_changed_at": started,
            "proposed_by": coordinator,
            "reasons": "Shared expertise: Carers\nBoth have experience as a carer",
            "mentor_accepted_at": started - dt.timedelta(days=1),
            "mentee_accepted_at": started,
        },
    )
    if not created:
        return pair
    PairChange.objects.create(
        pair=pair,
        from_status="",
        to_status=S.PROPOSED,
        changed_by=coordinator,
        changed_at=started - dt.timedelta(days=3),
    )
    PairChange.objects.create(
        pair=pair,
        from_status=S.PROPOSED,
        to_status=S.ACTIVE,
        changed_by=mentee.user,
        changed_at=started,
    )
    for title, detail in GOALS:
        pair.goals.create(title=title, detail=detail, created_by=mentor.user)
    for days_ago, minutes, method, notes, next_steps, confirmed in SESSIONS:
        logged_at = now - dt.timedelta(days=days_ago)
        MentoringSession.objects.create(
            pair=pair,
            held_on=logged_at.date(),
            minutes=minutes,
            method=method,
            notes=notes,
            next_steps=next_steps,
            logged_by=mentor.user,
            logged_at=logged_at,
            confirmed_by=mentee.user if confirmed else None,
            confirmed_at=logged_at + dt.timedelta(days=1) if confirmed else None,
        )
    return pair
