"""Every earlier email now goes through ``notify``: a notification with its topic, the
existing wording and a link to where the person acts, told once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import TestCase
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification, Topic
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import services
from cms.participation.models import (
    Attendance,
    Feedback,
    Interest,
    InterestChange,
    InterestStatus,
    SessionPaper,
)
from cms.participation.reminders import send_due_reminders
from cms.participation.tasks import notify_interest_change
from cms.participation.views_feedback import reply_to_feedback
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 3, 9, 9, 0))


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def page(make_opportunity):
    return make_opportunity(title="Home care review")


def member(email="iris@example.org", **fields):
    return ActiveMemberFactory(
        user=UserFactory(email=email, first_name="Iris"),
        references_received_on=timezone.localdate(),
        **fields,
    )


def remind(now=NOW):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return send_due_reminders(now=now)


def test_being_selected_links_to_confirming_the_place_and_is_told_once(
    page, coordinator, django_capture_on_commit_callbacks
):
    interest = services.express_interest(member(), page)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    change = InterestChange.objects.get(interest=interest, to_status=InterestStatus.SELECTED)
    assert notify_interest_change(change.pk) is False  # a second run tells nobody
    notification = Notification.objects.get(key=f"interest-change:{change.pk}")
    assert notification.topic == Topic.TAKING_PART
    assert notification.url == f"/members/taking-part/interest/{page.pk}/confirm/"
    assert 'Good news: you have a place on "Home care review".' in notification.body
    change.refresh_from_db()
    assert change.notified_at is not None
    assert len(mail.outbox) == 1


def test_a_feedback_reply_links_to_the_reply(page, coordinator, django_capture_on_commit_callbacks):
    interest = Interest.objects.create(
        member=member(), opportunity=page, status=InterestStatus.CONFIRMED
    )
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )
    feedback = Feedback.objects.create(
        attendance=attendance,
        felt_valued="yes",
        papers_in_time="yes",
        adjustments_met="yes",
        knows_what_happens_next="no",
    )
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_feedback(feedback=feedback, reply="We will send the notes.", by=coordinator)
    notification = Notification.objects.get(key=f"feedback-reply:{feedback.pk}")
    assert notification.topic == Topic.FEEDBACK
    assert notification.url == f"/members/feedback/{attendance.pk}/reply/"
    assert "A coordinator has replied to your feedback on Home care review" in notification.body


def test_papers_feedback_due_and_closing_soon_each_link_to_where_to_act(page):
    confirmed = Interest.objects.create(
        member=member(), opportunity=page, status=InterestStatus.CONFIRMED
    )
    start = NOW + dt.timedelta(days=3)
    upcoming = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    paper = SessionPaper(session=upcoming, title="Agenda", published_at=NOW - dt.timedelta(hours=1))
    paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.4"), save=False)
    paper.save()
    earlier = OpportunitySessionFactory(
        page=page, starts_at=NOW - dt.timedelta(days=3), ends_at=NOW - dt.timedelta(days=3)
    )
    attendance = Attendance.objects.create(
        interest=confirmed, session=earlier, attended=True, method="coordinator"
    )
    Interest.objects.create(
        member=member("invited@example.org", contact_methods=["post"]),
        opportunity=page,
        status=InterestStatus.INVITED,
    )
    page.closing_date = NOW.date() + dt.timedelta(days=2)
    page.save_revision().publish()

    sent = remind()
    assert (sent["papers"], sent["feedback_due"], sent["closing_soon"]) == (1, 1, 1)
    papers = Notification.objects.get(topic=Topic.PAPERS)
    assert papers.url == "/members/#coming-up"
    assert f"/members/feedback/papers/{paper.pk}/" in papers.body
    due = Notification.objects.get(key=f"feedback-due:{attendance.pk}")
    assert due.topic == Topic.FEEDBACK and due.url == f"/members/feedback/{attendance.pk}/"
    closing = Notification.objects.get(key__startswith="closing-soon:")
    assert closing.url == page.url
    # The invited person chose letters: once, without needing an email address.
    assert [d.channel for d in closing.deliveries.all()] == ["post"]
    assert set(remind().values()) == {0}
