"""The mentoring pair's state machine: every allowed move, every refused one, and the rules
for proposing, accepting, goals and sessions."""

import datetime as dt

import pytest
from django.core import mail

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.mentoring import services
from cms.mentoring.factories import (
    MentoringPairFactory,
    MentoringSessionFactory,
    MentorProfileFactory,
)
from cms.mentoring.models import MeetingMethod, MentoringPair, PairChange, PairStatus
from cms.notifications.models import Notification, Topic

pytestmark = pytest.mark.django_db
S = PairStatus
ALL = list(S)
ALLOWED = [(f, t) for f in ALL for t in services.TRANSITIONS[f]]
REFUSED = [(f, t) for f in ALL for t in ALL if t not in services.TRANSITIONS[f]]


def test_the_transitions_are_the_ones_we_agreed():
    assert {
        S.PROPOSED: {S.ACTIVE, S.DECLINED},
        S.ACTIVE: {S.PAUSED, S.ENDED},
        S.PAUSED: {S.ACTIVE, S.ENDED},
        S.ENDED: set(),
        S.DECLINED: set(),
    } == services.TRANSITIONS


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_every_allowed_move_is_dated_and_attributed(from_status, to_status, coordinator):
    pair = MentoringPairFactory(status=from_status)
    if from_status == S.PROPOSED:
        pair.mentor_accepted_at = pair.mentee_accepted_at = pair.created_at
        pair.save()
    change = services.move_pair(
        pair=pair, to_status=to_status, by=coordinator, reason="We met our goals."
    )
    pair.refresh_from_db()
    assert pair.status == to_status
    assert (change.from_status, change.to_status, change.changed_by) == (
        from_status,
        to_status,
        coordinator,
    )
    assert change.changed_at is not None


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_every_other_move_is_refused_with_a_clear_message(from_status, to_status, coordinator):
    pair = MentoringPairFactory(status=from_status)
    with pytest.raises(services.MentoringError, match="cannot be moved to"):
        services.move_pair(pair=pair, to_status=to_status, by=coordinator, reason="Because.")
    pair.refresh_from_db()
    assert pair.status == from_status
    assert not PairChange.objects.filter(pair=pair).exists()


def test_ending_needs_a_reason(coordinator):
    pair = MentoringPairFactory(status=S.ACTIVE)
    with pytest.raises(services.MentoringError, match="why"):
        services.move_pair(pair=pair, to_status=S.ENDED, by=coordinator, reason="  ")
    services.move_pair(pair=pair, to_status=S.ENDED, by=pair.mentee.user, reason="Moving away")
    pair.refresh_from_db()
    assert pair.end_reason == "Moving away"


def test_a_proposed_pair_is_not_made_active_until_both_accept(coordinator):
    pair = MentoringPairFactory()
    with pytest.raises(services.MentoringError, match="both"):
        services.move_pair(pair=pair, to_status=S.ACTIVE, by=coordinator)


def test_someone_outside_the_pair_cannot_move_it():
    pair = MentoringPairFactory(status=S.ACTIVE)
    stranger = ActiveMemberFactory()
    with pytest.raises(services.MentoringError, match="Only the two people"):
        services.move_pair(pair=pair, to_status=S.PAUSED, by=stranger.user)


def test_both_accept_then_it_is_active_and_both_are_told(
    coordinator, django_capture_on_commit_callbacks
):
    mentor = MentorProfileFactory().member
    mentee = ActiveMemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        pair = services.propose_pair(mentor=mentor, mentee=mentee, by=coordinator)
    proposed = Notification.objects.filter(key=f"mentoring-pair-{pair.pk}-proposed")
    assert {n.recipient for n in proposed} == {mentor.user, mentee.user}
    assert {n.topic for n in proposed} == {Topic.MENTORING}
    assert len(mail.outbox) == 2

    pair = services.accept_pair(pair=pair, by=mentee.user)
    assert pair.status == S.PROPOSED and pair.mentee_accepted_at
    pair = services.accept_pair(pair=pair, by=mentor.user)
    assert pair.status == S.ACTIVE
    active = Notification.objects.filter(key=f"mentoring-pair-{pair.pk}-active")
    assert {n.recipient for n in active} == {mentor.user, mentee.user}
    history = list(pair.history.values_list("from_status", "to_status", "changed_by"))
    assert history == [("", S.PROPOSED, coordinator.pk), (S.PROPOSED, S.ACTIVE, mentor.user.pk)]


def test_declining_ends_the_proposal(coordinator):
    pair = MentoringPairFactory()
    services.decline_pair(pair=pair, by=pair.mentee.user, reason="Not the right time")
    pair.refresh_from_db()
    assert pair.status == S.DECLINED and pair.end_reason == "Not the right time"
    with pytest.raises(services.MentoringError):
        services.accept_pair(pair=pair, by=pair.mentor.user)


def test_only_the_two_people_accept():
    pair = MentoringPairFactory()
    with pytest.raises(services.MentoringError, match="Only the mentor or the mentee"):
        services.accept_pair(pair=pair, by=ActiveMemberFactory().user)


def test_proposing_checks_the_people_and_the_mentors_capacity(coordinator, member):
    mentor_profile = MentorProfileFactory(capacity=1)
    mentor = mentor_profile.member
    mentee = ActiveMemberFactory()
    with pytest.raises(services.MentoringError, match="Only coordinators"):
        services.propose_pair(mentor=mentor, mentee=mentee, by=member)
    with pytest.raises(services.MentoringError, match="themselves"):
        services.propose_pair(mentor=mentor, mentee=mentor, by=coordinator)
    applicant = MemberProfileFactory(status=Status.SUBMITTED)
    with pytest.raises(services.MentoringError, match="active members"):
        services.propose_pair(mentor=mentor, mentee=applicant, by=coordinator)
    with pytest.raises(services.MentoringError, match="willing"):
        services.propose_pair(mentor=mentee, mentee=mentor, by=coordinator)

    services.propose_pair(mentor=mentor, mentee=mentee, by=coordinator)
    with pytest.raises(services.MentoringError, match="no room"):
        services.propose_pair(mentor=mentor, mentee=ActiveMemberFactory(), by=coordinator)
    mentor_profile.capacity = 3
    mentor_profile.save()
    with pytest.raises(services.MentoringError, match="already paired"):
        services.propose_pair(mentor=mentor, mentee=mentee, by=coordinator)
    assert MentoringPair.objects.count() == 1


def test_goals_and_sessions_only_while_active_and_only_by_the_pair():
    pair = MentoringPairFactory(status=S.PAUSED)
    with pytest.raises(services.MentoringError, match="active"):
        services.add_goal(pair=pair, by=pair.mentor.user, title="Speak at the forum")
    pair = MentoringPairFactory(status=S.ACTIVE)
    with pytest.raises(services.MentoringError, match="Only the mentor or the mentee"):
        services.add_goal(pair=pair, by=ActiveMemberFactory().user, title="Speak")
    goal = services.add_goal(pair=pair, by=pair.mentee.user, title=" Speak at the forum ")
    assert goal.title == "Speak at the forum"
    with pytest.raises(services.MentoringError, match="happened"):
        services.log_session(
            pair=pair,
            by=pair.mentor.user,
            held_on=dt.date(2026, 5, 2),
            minutes=30,
            method=MeetingMethod.PHONE,
            today=dt.date(2026, 5, 1),
        )


def test_either_logs_a_session_and_only_the_other_confirms_it():
    pair = MentoringPairFactory(status=S.ACTIVE)
    session = services.log_session(
        pair=pair,
        by=pair.mentee.user,
        held_on=dt.date(2026, 5, 1),
        minutes=40,
        method=MeetingMethod.ONLINE,
        notes="Talked about the panel.",
        today=dt.date(2026, 5, 1),
    )
    told = Notification.objects.get(key=f"mentoring-session-{session.pk}-logged")
    assert told.recipient == pair.mentor.user
    with pytest.raises(services.MentoringError, match="other person"):
        services.confirm_session(session=session, by=pair.mentee.user)
    with pytest.raises(services.MentoringError, match="Only the mentor or the mentee"):
        services.confirm_session(session=session, by=ActiveMemberFactory().user)
    session = services.confirm_session(session=session, by=pair.mentor.user)
    assert session.confirmed_by == pair.mentor.user and session.confirmed_at


def test_confirming_twice_keeps_the_first_confirmation():
    session = MentoringSessionFactory()
    first = services.confirm_session(session=session, by=session.pair.mentee.user).confirmed_at
    again = services.confirm_session(session=session, by=session.pair.mentee.user).confirmed_at
    assert first == again
