"""Reminders for sessions left unconfirmed, the dashboard panel, and the demo data."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from cms.development.models import DevelopmentAction, DevelopmentGoal, PlanReview, Reflection
from cms.mentoring import services
from cms.mentoring.factories import MentoringPairFactory, MentoringSessionFactory
from cms.mentoring.models import MentoringPair, MentoringSession, PairStatus
from cms.mentoring.schedules import SCHEDULES
from cms.mentoring.selectors import mentoring_dashboard
from cms.notifications.models import Notification, Topic

pytestmark = pytest.mark.django_db

LOGGED = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def session():
    return MentoringSessionFactory(logged_at=LOGGED)


def reminders():
    return Notification.objects.filter(key__endswith="-reminder")


def test_no_reminder_before_seven_days(session):
    assert services.remind_unconfirmed_sessions(now=LOGGED + dt.timedelta(days=6, hours=23)) == 0
    assert not reminders().exists()


def test_the_other_person_is_reminded_once_even_when_the_task_runs_twice(session):
    now = LOGGED + dt.timedelta(days=7, minutes=1)
    assert services.remind_unconfirmed_sessions(now=now) == 1
    assert services.remind_unconfirmed_sessions(now=now) == 0
    assert services.remind_unconfirmed_sessions(now=now + dt.timedelta(days=3)) == 0
    reminder = reminders().get()
    assert reminder.recipient == session.pair.mentee.user  # the mentor logged it
    assert reminder.topic == Topic.MENTORING
    assert reminder.url == f"/members/mentoring/{session.pair_id}/"


def test_confirmed_sessions_and_ended_pairs_are_not_reminded(session):
    services.confirm_session(session=session, by=session.pair.mentee.user)
    ended = MentoringPairFactory(status=PairStatus.ENDED)
    MentoringSessionFactory(pair=ended, logged_at=LOGGED)
    assert services.remind_unconfirmed_sessions(now=LOGGED + dt.timedelta(days=8)) == 0


def test_the_reminder_is_scheduled():
    assert [s["func"] for s in SCHEDULES] == ["cms.mentoring.services.remind_unconfirmed_sessions"]


def test_the_dashboard_shows_pairs_to_accept_and_sessions_to_confirm(session):
    proposed = MentoringPairFactory(mentee=session.pair.mentee)
    panel = mentoring_dashboard(session.pair.mentee)
    assert panel["mentoring_pairs_to_accept"] == [proposed]
    assert panel["mentoring_sessions_to_confirm"] == [session]
    services.accept_pair(pair=proposed, by=session.pair.mentee.user)
    services.confirm_session(session=session, by=session.pair.mentee.user)
    panel = mentoring_dashboard(session.pair.mentee)
    assert panel["mentoring_pairs_to_accept"] == []
    assert panel["mentoring_sessions_to_confirm"] == []
    # The mentor logged it, so it never waits for the mentor.
    assert mentoring_dashboard(session.pair.mentor)["mentoring_sessions_to_confirm"] == []


def test_the_demo_has_a_pair_with_sessions_and_two_plans_and_loads_twice(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", password="a-long-test-password", stdout=io.StringIO())
    pair = MentoringPair.objects.get(
        mentor__user__email="mentor@example.org", mentee__user__email="member@example.org"
    )
    assert pair.status == PairStatus.ACTIVE and pair.goals.count() == 2
    sessions = MentoringSession.objects.filter(pair=pair)
    assert sessions.count() == 3 and sessions.filter(confirmed_at__isnull=True).count() == 1
    for email in ["member@example.org", "mentor@example.org"]:
        assert DevelopmentGoal.objects.filter(member__user__email=email).exists()
        assert Reflection.objects.filter(member__user__email=email).exists()
        assert PlanReview.objects.filter(member__user__email=email).exists()
    assert not Notification.objects.filter(topic=Topic.MENTORING).exists()
    counts = [
        model.objects.count()
        for model in (MentoringPair, MentoringSession, DevelopmentGoal, DevelopmentAction)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", password="a-long-test-password", stdout=io.StringIO())
    assert counts == [
        model.objects.count()
        for model in (MentoringPair, MentoringSession, DevelopmentGoal, DevelopmentAction)
    ]
