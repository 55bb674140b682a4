"""Reads for mentoring: lists with flat query counts, suggestions and the dashboard panel."""

from django.db.models import Count, Prefetch, Q

from cms.members.choices import Status
from cms.members.models import MemberProfile
from cms.wellbeing.selectors import is_paused, paused_member_ids

from .matching import Suggestion, rank_mentors
from .models import (
    OPEN_STATUSES,
    MentoringPair,
    MentoringSession,
    MentorProfile,
    PairChange,
    PairStatus,
)


def pairs_for(user):
    """The pairs ``user`` may see, with both people, newest first: a fixed number of queries."""
    return (
        MentoringPair.objects.for_user(user)
        .select_related("mentor__user", "mentee__user", "proposed_by")
        .annotate(
            session_count=Count("sessions", distinct=True),
            unconfirmed_count=Count(
                "sessions", filter=Q(sessions__confirmed_at__isnull=True), distinct=True
            ),
        )
        .order_by("-status_changed_at", "-pk")
    )


def own_pairs(user):
    """The pairs ``user`` is in themselves: coordinators see the rest in the admin."""
    return pairs_for(user).filter(Q(mentor__user=user) | Q(mentee__user=user))


def pair_for(user, pair_id: int) -> MentoringPair | None:
    """One pair looked up inside what ``user`` may see, with its history and records."""
    return (
        MentoringPair.objects.for_user(user)
        .select_related("mentor__user", "mentee__user", "proposed_by")
        .prefetch_related(
            Prefetch("history", queryset=PairChange.objects.select_related("changed_by")),
            "goals",
            Prefetch(
                "sessions",
                queryset=MentoringSession.objects.select_related("logged_by", "confirmed_by"),
            ),
        )
        .filter(pk=pair_id)
        .first()
    )


def mentees_taken() -> dict[int, int]:
    """Open pairs per mentor, by the mentor's member id."""
    rows = (
        MentoringPair.objects.open()
        .values("mentor_id")
        .annotate(count=Count("pk"))
        .values_list("mentor_id", "count")
    )
    return dict(rows)


def mentor_profiles():
    """Willing mentors who are active members, with what ranking needs."""
    return (
        MentorProfile.objects.filter(is_willing=True, member__status=Status.ACTIVE)
        .select_related("member__user")
        .prefetch_related("member__expertise")
    )


def mentor_suggestions(mentee: MemberProfile) -> list[Suggestion]:
    """Mentors for ``mentee``, best first, with the reasons.

    Nobody is suggested for a paused mentee, and paused mentors are left out: a pause means
    no new invitations, and a suggested pair is one (see ``cms.wellbeing``).
    """
    if is_paused(mentee):
        return []
    already = set(
        MentoringPair.objects.open()
        .filter(Q(mentee=mentee) | Q(mentor=mentee))
        .values_list("mentor_id", "mentee_id")
        .iterator()
    )
    paired_with = {pk for pair in already for pk in pair}
    mentors = mentor_profiles().exclude(member__in=paused_member_ids())
    return rank_mentors(mentee, mentors, mentees_taken=mentees_taken(), already_paired=paired_with)


def mentoring_dashboard(member: MemberProfile) -> dict:
    """What needs the member on their dashboard: pairs to accept, sessions to confirm.

    Use with ``templates/mentoring/member/dashboard_panel.html``.
    """
    user = member.user
    to_accept = [
        pair
        for pair in MentoringPair.objects.for_user(user)
        .filter(status=PairStatus.PROPOSED)
        .filter(Q(mentor=member) | Q(mentee=member))
        .select_related("mentor__user", "mentee__user")
        if not pair.has_accepted(user)
    ]
    to_confirm = list(
        MentoringSession.objects.for_user(user)
        .awaiting_confirmation_by(user)
        .select_related("pair__mentor__user", "pair__mentee__user", "logged_by")
        .order_by("held_on", "pk")
    )
    has_pairs = (
        MentoringPair.objects.for_user(user)
        .filter(Q(mentor=member) | Q(mentee=member))
        .filter(status__in=OPEN_STATUSES)
        .exists()
    )
    return {
        "mentoring_pairs_to_accept": to_accept,
        "mentoring_sessions_to_confirm": to_confirm,
        "mentoring_has_pairs": has_pairs,
    }
