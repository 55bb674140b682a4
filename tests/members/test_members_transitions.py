"""The recruitment state machine: allowed moves, history, refusals and the message that follows."""

import datetime as dt

import pytest

from cms.members import services
from cms.members.choices import Status
from cms.members.factories import ALL_SECTIONS, MemberProfileFactory
from cms.members.models import MemberProfile, StatusChange
from cms.members.tasks import notify_status_change

pytestmark = pytest.mark.django_db

PIPELINE = [
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CONVERSATION_BOOKED,
    Status.CHECKS,
    Status.INDUCTION,
    Status.ACTIVE,
]


def test_an_application_moves_through_the_pipeline_with_each_move_dated_and_attributed(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    member = MemberProfileFactory()
    services.submit_application(member, sections_required=ALL_SECTIONS)
    for status in PIPELINE[1:]:
        with django_capture_on_commit_callbacks(execute=True):
            services.move_member(member, status, by=coordinator)

    member.refresh_from_db()
    assert member.status == Status.ACTIVE
    history = list(member.history.values_list("from_status", "to_status", "changed_by"))
    assert history[0] == (Status.DRAFT, Status.SUBMITTED, member.user_id)
    assert [row[1] for row in history] == PIPELINE
    assert all(row[2] == coordinator.pk for row in history[1:])
    assert member.submitted_at is not None
    assert len(mailoutbox) == len(PIPELINE) - 1
    assert "active member" in mailoutbox[-1].subject.lower()
    assert mailoutbox[-1].to == [member.user.email]


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.DRAFT, Status.ACTIVE),
        (Status.SUBMITTED, Status.ACTIVE),
        (Status.IN_REVIEW, Status.INDUCTION),
        (Status.DECLINED, Status.IN_REVIEW),
        (Status.WITHDRAWN, Status.SUBMITTED),
        (Status.DECLINED, Status.DRAFT),
        (Status.ACTIVE, Status.SUBMITTED),
    ],
)
def test_a_move_the_rules_do_not_allow_is_refused_and_changes_nothing(coordinator, start, target):
    member = MemberProfileFactory(status=start)

    with pytest.raises(services.TransitionNotAllowed, match="cannot move to"):
        services.move_member(member, target, by=coordinator)

    member.refresh_from_db()
    assert member.status == start
    assert not StatusChange.objects.exists()


def test_declining_needs_a_reason(coordinator):
    member = MemberProfileFactory(status=Status.IN_REVIEW)
    with pytest.raises(services.TransitionNotAllowed, match="reason"):
        services.move_member(member, Status.DECLINED, by=coordinator, reason="  ")

    change = services.move_member(
        member, Status.DECLINED, by=coordinator, reason="We have no places for new members now."
    )
    assert change.reason == "We have no places for new members now."


def test_an_unfinished_application_cannot_be_sent():
    member = MemberProfileFactory(completed_sections=["about_you"])
    with pytest.raises(services.TransitionNotAllowed, match="Finish every section"):
        services.submit_application(member, sections_required=ALL_SECTIONS)
    assert MemberProfile.objects.get(pk=member.pk).status == Status.DRAFT


def test_allowed_moves_follow_the_pipeline_order():
    member = MemberProfileFactory(status=Status.SUBMITTED)
    assert services.allowed_moves(member) == [
        Status.IN_REVIEW,
        Status.ON_HOLD,
        Status.DECLINED,
        Status.WITHDRAWN,
    ]


def test_the_status_email_is_sent_once_however_often_the_task_runs(
    coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    member = MemberProfileFactory(status=Status.SUBMITTED)
    change = services.move_member(member, Status.IN_REVIEW, by=coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        assert notify_status_change(change.pk) is True
        assert notify_status_change(change.pk) is False
    assert len(mailoutbox) == 1


def test_starting_an_application_twice_gives_the_same_record(member):
    assert services.start_application(member) == services.start_application(member)
    assert MemberProfile.objects.filter(user=member).count() == 1


@pytest.mark.parametrize(
    ("held_on", "asked", "expected"),
    [
        (dt.date(2026, 1, 10), None, dt.date(2026, 3, 10)),
        (dt.date(2026, 12, 31), None, dt.date(2027, 2, 28)),
        (dt.date(2026, 1, 10), dt.date(2026, 2, 1), dt.date(2026, 2, 1)),
        (dt.date(2026, 1, 10), dt.date(2026, 6, 1), dt.date(2026, 3, 10)),
    ],
)
def test_the_next_supervision_review_is_at_most_two_months_on(
    coordinator, held_on, asked, expected
):
    member = MemberProfileFactory(status=Status.ACTIVE)
    review = services.record_supervision_review(
        member, held_on=held_on, by=coordinator, next_due_on=asked
    )
    assert review.next_due_on == expected


def test_member_records_are_scoped_to_who_asks(member, editor, finance_user, coordinator):
    own = MemberProfileFactory(user=member)
    other = MemberProfileFactory()

    assert list(MemberProfile.objects.for_user(member)) == [own]
    assert not MemberProfile.objects.for_user(editor).exists()
    assert not MemberProfile.objects.for_user(finance_user).exists()
    assert set(MemberProfile.objects.for_user(coordinator)) == {own, other}


def test_someone_who_withdrew_can_apply_again_with_their_answers_kept(member):
    profile = MemberProfileFactory(user=member, status=Status.SUBMITTED)
    services.move_member(profile, Status.WITHDRAWN, by=member)

    change = services.apply_again(profile)

    profile.refresh_from_db()
    assert (change.from_status, change.to_status) == (Status.WITHDRAWN, Status.DRAFT)
    assert profile.status == Status.DRAFT
    assert profile.biography
