"""Reminders go out when due, say when, where and what access there is, and go once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import (
    Attendance,
    Feedback,
    Interest,
    InterestStatus,
    SentReminder,
    SessionPaper,
)
from cms.participation.reminders import send_due_reminders
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 3, 9, 9, 0))


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def page(make_opportunity):
    return make_opportunity(title="Home care review", closing_date=NOW.date())


@pytest.fixture
def tomorrow(page):
    start = NOW + dt.timedelta(hours=20)
    return OpportunitySessionFactory(
        page=page,
        title="First meeting",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        interpreters="BSL interpreter booked",
    )


def person(page, email, status=InterestStatus.CONFIRMED):
    member = ActiveMemberFactory(user=UserFactory(email=email, first_name="Ada"))
    return Interest.objects.create(member=member, opportunity=page, status=status)


def remind(now):
    """Run the reminders, then what they leave for after the commit (the emails)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_due_reminders(now=now)


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_running_twice_sends_each_reminder_once(page, tomorrow, coordinator):
    confirmed = person(page, "confirmed@example.org")
    selected = person(page, "selected@example.org", InterestStatus.SELECTED)
    person(page, "interested@example.org", InterestStatus.INTERESTED)
    paper = SessionPaper(session=tomorrow, title="Agenda", published_at=NOW - dt.timedelta(hours=1))
    paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.4"), save=False)
    paper.save()
    earlier = OpportunitySessionFactory(
        page=page,
        starts_at=NOW - dt.timedelta(days=3),
        ends_at=NOW - dt.timedelta(days=3, hours=-2),
    )
    Attendance.objects.create(
        interest=confirmed, session=earlier, attended=True, method="coordinator"
    )

    first = remind(now=NOW)
    count = len(mail.outbox)
    second = remind(now=NOW)

    assert first == {
        "session_soon": 2,
        "papers": 2,
        "papers_late": 0,
        "feedback_due": 1,
        "closing_soon": 0,
    }
    assert set(second.values()) == {0}
    assert len(mail.outbox) == count == 5
    assert to("interested@example.org") == []
    assert len(to("selected@example.org")) == 2
    assert SentReminder.objects.filter(key=f"session-soon:{tomorrow.pk}:{selected.pk}").exists()


def test_the_session_reminder_says_when_where_and_access(page, tomorrow):
    person(page, "ada@example.org")
    remind(now=NOW)
    body = to("ada@example.org")[0].body
    assert tomorrow.when_in_words in body
    assert "Civic Centre, Committee Room 2" in body
    assert "Step-free access" in body
    assert "Hearing loop" in body
    assert "BSL interpreter booked" in body


def test_no_session_reminder_too_early_or_for_people_who_chose_other_sessions(page, tomorrow):
    later = OpportunitySessionFactory(page=page, starts_at=NOW + dt.timedelta(days=5))
    chooser = person(page, "chooser@example.org")
    chooser.sessions.set([later])
    remind(now=NOW - dt.timedelta(days=2))
    assert mail.outbox == []
    remind(now=NOW)
    assert to("chooser@example.org") == []


def test_no_feedback_reminder_once_feedback_is_given(page):
    interest = person(page, "ada@example.org")
    start = NOW - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )
    Feedback.objects.create(
        attendance=attendance,
        felt_valued="yes",
        papers_in_time="yes",
        adjustments_met="yes",
        knows_what_happens_next="yes",
    )
    assert remind(now=NOW)["feedback_due"] == 0


def test_the_feedback_reminder_links_to_the_form(page):
    interest = person(page, "ada@example.org")
    start = NOW - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )
    remind(now=NOW)
    assert f"/members/feedback/{attendance.pk}/" in to("ada@example.org")[0].body


def test_invited_people_hear_before_closing(page):
    person(page, "invited@example.org", InterestStatus.INVITED)
    page.closing_date = NOW.date() + dt.timedelta(days=2)
    page.save_revision().publish()
    assert remind(now=NOW)["closing_soon"] == 1
    assert remind(now=NOW)["closing_soon"] == 0
