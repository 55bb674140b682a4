"""Pausing and coming back, and saying how you are: the rules, on a fixed clock."""

import datetime as dt

import pytest

from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification
from cms.users.factories import UserFactory
from cms.wellbeing import selectors, services
from cms.wellbeing.factories import PauseFactory, WellbeingCheckInFactory
from cms.wellbeing.models import Feeling, Pause, WellbeingCheckIn

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)


@pytest.fixture
def member():
    return ActiveMemberFactory()


def test_a_member_pauses_until_a_date_and_it_ends_by_itself_on_that_day(member):
    pause = services.pause(
        member,
        starts_on=TODAY,
        until=TODAY + 14 * DAY,
        reason="An operation",
        by=member.user,
        today=TODAY,
    )
    assert pause.created_by == member.user
    assert selectors.is_paused(member, on=TODAY)
    assert selectors.is_paused(member, on=TODAY + 13 * DAY)
    # The return day is the first day they can be invited again: nothing has to run.
    assert not selectors.is_paused(member, on=TODAY + 14 * DAY)
    assert list(selectors.paused_member_ids(on=TODAY + 14 * DAY)) == []
    assert selectors.open_pause(member, on=TODAY + 14 * DAY) is None


def test_a_pause_with_no_date_lasts_until_they_come_back_early_dated_and_attributed(member):
    services.pause(member, starts_on=TODAY, until=None, by=member.user, today=TODAY)
    assert selectors.is_paused(member, on=TODAY + 400 * DAY)
    ended = services.resume(member, by=member.user, today=TODAY + 30 * DAY)
    assert ended.ended_by == member.user
    assert ended.ended_at is not None
    assert not selectors.is_paused(member, on=TODAY + 30 * DAY)


def test_a_pause_still_to_come_is_not_in_force_yet_and_can_be_cancelled(member):
    services.pause(
        member, starts_on=TODAY + 7 * DAY, until=TODAY + 21 * DAY, by=member.user, today=TODAY
    )
    assert not selectors.is_paused(member, on=TODAY)
    assert selectors.is_paused(member, on=TODAY + 7 * DAY)
    services.resume(member, by=member.user, today=TODAY)
    assert not selectors.is_paused(member, on=TODAY + 7 * DAY)


def test_only_one_open_pause_at_a_time(member):
    services.pause(member, starts_on=TODAY, until=None, by=member.user, today=TODAY)
    with pytest.raises(services.WellbeingError, match="already have a pause"):
        services.pause(member, starts_on=TODAY + 5 * DAY, until=None, by=member.user, today=TODAY)
    assert Pause.objects.filter(member=member).count() == 1


def test_a_new_pause_is_allowed_once_the_last_one_has_ended(member):
    services.pause(member, starts_on=TODAY, until=TODAY + 3 * DAY, by=member.user, today=TODAY)
    later = TODAY + 3 * DAY
    services.pause(member, starts_on=later, until=None, by=member.user, today=later)
    assert Pause.objects.filter(member=member).count() == 2
    assert selectors.is_paused(member, on=later)


@pytest.mark.parametrize(
    ("starts_on", "until", "field", "message"),
    [
        (TODAY - DAY, None, "starts_on", "today or in the future"),
        (TODAY, TODAY, "until", "after the day your break starts"),
        (TODAY + 5 * DAY, TODAY + 2 * DAY, "until", "after the day your break starts"),
        (TODAY, TODAY + 400 * DAY, "until", "within a year"),
    ],
)
def test_impossible_dates_are_refused(member, starts_on, until, field, message):
    with pytest.raises(services.WellbeingError, match=message) as refused:
        services.pause(member, starts_on=starts_on, until=until, by=member.user, today=TODAY)
    assert refused.value.field == field
    assert not Pause.objects.exists()


def test_coming_back_when_not_paused_is_refused(member):
    with pytest.raises(services.WellbeingError, match="not paused"):
        services.resume(member, by=member.user, today=TODAY)
    PauseFactory(member=member, starts_on=TODAY - 10 * DAY, until=TODAY)
    with pytest.raises(services.WellbeingError, match="not paused"):
        services.resume(member, by=member.user, today=TODAY)


def test_the_reason_and_the_note_are_encrypted_at_rest(member):
    from django.db import connection

    pause = PauseFactory(member=member, reason="Chemotherapy")
    check = WellbeingCheckInFactory(member=member, note="Low mood this week")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM wellbeing_pause WHERE id = %s", [pause.pk])
        assert "Chemotherapy" not in cursor.fetchone()[0]
        cursor.execute("SELECT note FROM wellbeing_wellbeingcheckin WHERE id = %s", [check.pk])
        assert "Low mood" not in cursor.fetchone()[0]
    assert WellbeingCheckIn.objects.get(pk=check.pk).note == "Low mood this week"


def test_asking_for_a_call_tells_the_supervisor_without_the_note():
    supervisor = UserFactory()
    member = ActiveMemberFactory(supervisor=supervisor)
    check = services.check_in(
        member, feeling=Feeling.STRUGGLING, note="Private words", wants_call=True, by=member.user
    )
    told = Notification.objects.get(recipient=supervisor)
    assert told.key == f"wellbeing-call:{check.pk}"
    assert "Private words" not in told.body
    assert "Struggling" not in told.body
    assert list(selectors.check_ins_waiting_for_a_call(supervisor)) == []  # not a coordinator


def test_no_call_wanted_tells_nobody():
    member = ActiveMemberFactory(supervisor=UserFactory())
    services.check_in(member, feeling=Feeling.GOOD, wants_call=False, by=member.user)
    assert not Notification.objects.exists()


def test_an_unknown_feeling_is_refused(member):
    with pytest.raises(services.WellbeingError):
        services.check_in(member, feeling="ecstatic", wants_call=False, by=member.user)


def test_recording_the_call_is_dated_attributed_and_once(member, coordinator):
    check = WellbeingCheckInFactory(member=member, wants_call=True)
    assert list(selectors.check_ins_waiting_for_a_call(coordinator)) == [check]
    first = services.record_call(check, by=coordinator)
    again = services.record_call(check, by=UserFactory())
    assert again.called_by == coordinator
    assert again.called_at == first.called_at
    assert list(selectors.check_ins_waiting_for_a_call(coordinator)) == []
    with pytest.raises(services.WellbeingError):
        services.record_call(WellbeingCheckInFactory(member=member), by=coordinator)
