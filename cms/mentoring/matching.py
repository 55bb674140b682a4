"""Suggesting mentors for a mentee, best first, each with the reasons in plain words.

:func:`rank_mentors` is pure: it reads only what it is given (profiles with their
expertise prefetched, and how many mentees each mentor has now), so it is tested without
a database and costs no queries. ``selectors.mentor_suggestions`` gathers its inputs.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cms.members.choices import LivedExperience, TimeOfDay

from .models import MentorProfile

POINTS_PER_SHARED_AREA = 3
POINTS_FOR_SAME_LIVED_EXPERIENCE = 2
POINTS_PER_PLACE_LEFT = 1
MOST_FOR_PLACES_LEFT = 3
POINTS_PER_SHARED_DAY = 1
POINTS_FOR_SHARED_TIME = 1

DAY_LABELS = {
    "monday": "Mondays",
    "tuesday": "Tuesdays",
    "wednesday": "Wednesdays",
    "thursday": "Thursdays",
    "friday": "Fridays",
    "saturday": "Saturdays",
    "sunday": "Sundays",
}
TIME_LABELS = {value: label.lower() for value, label in TimeOfDay.choices}


@dataclass
class Suggestion:
    mentor_profile: MentorProfile
    score: int
    places_left: int
    reasons: list[str] = field(default_factory=list)

    @property
    def member(self):
        return self.mentor_profile.member


SHARED_EXPERIENCE_WORDS = {
    LivedExperience.SERVICE_USER: "of using services",
    LivedExperience.CARER: "as a carer",
    LivedExperience.BOTH: "of using services and as a carer",
}


def shared_lived_experience(mentor_kind: str, mentee_kind: str) -> str:
    """The kind of lived experience both have, or ''. 'Both' shares either kind."""
    if not mentor_kind or not mentee_kind:
        return ""
    if mentor_kind == mentee_kind:
        return mentor_kind
    if mentor_kind == LivedExperience.BOTH:
        return mentee_kind
    if mentee_kind == LivedExperience.BOTH:
        return mentor_kind
    return ""


def rank_mentors(
    mentee,
    mentor_profiles: Iterable[MentorProfile],
    *,
    mentees_taken: Mapping[int, int],
    already_paired: Iterable[int] = (),
) -> list[Suggestion]:
    """Score each willing mentor with room for ``mentee``, best first.

    ``mentees_taken`` maps a mentor's member id to their open pairs now;
    ``already_paired`` holds the member ids the mentee already has an open pair with.
    Shared expertise counts most, then the same kind of lived experience, then the
    places a mentor has left (spreading the work), then days and times both are free.
    """
    skip = set(already_paired) | {mentee.pk}
    mentee_areas = {area.pk: area.name for area in mentee.expertise.all()}
    mentee_days = set(mentee.available_days or [])
    mentee_times = set(mentee.available_times or [])
    suggestions = []
    for profile in mentor_profiles:
        mentor = profile.member
        if not profile.is_willing or mentor.pk in skip:
            continue
        places_left = profile.capacity - mentees_taken.get(mentor.pk, 0)
        if places_left <= 0:
            continue
        score = 0
        reasons = []
        shared = sorted(mentee_areas[a.pk] for a in mentor.expertise.all() if a.pk in mentee_areas)
        if shared:
            score += POINTS_PER_SHARED_AREA * len(shared)
            reasons.append("Shared expertise: " + ", ".join(shared))
        if kind := shared_lived_experience(mentor.lived_experience, mentee.lived_experience):
            score += POINTS_FOR_SAME_LIVED_EXPERIENCE
            reasons.append(f"Both have experience {SHARED_EXPERIENCE_WORDS[kind]}")
        score += min(POINTS_PER_PLACE_LEFT * places_left, MOST_FOR_PLACES_LEFT)
        reasons.append(f"Room for {places_left} more mentee{'s' if places_left != 1 else ''}")
        days = [d for d in DAY_LABELS if d in mentee_days and d in (mentor.available_days or [])]
        times = [
            t for t in TIME_LABELS if t in mentee_times and t in (mentor.available_times or [])
        ]
        score += POINTS_PER_SHARED_DAY * len(days) + (POINTS_FOR_SHARED_TIME if times else 0)
        if days and times:
            reasons.append(
                "Both free on "
                + ", ".join(DAY_LABELS[d] for d in days)
                + " ("
                + ", ".join(TIME_LABELS[t] for t in times)
                + ")"
            )
        elif days or times:
            reasons.append("Free at some of the same times")
        else:
            reasons.append("Not usually free at the same times")
        suggestions.append(
            Suggestion(
                mentor_profile=profile, score=score, places_left=places_left, reasons=reasons
            )
        )
    suggestions.sort(key=lambda s: (-s.score, str(s.member).lower(), s.member.pk))
    return suggestions
