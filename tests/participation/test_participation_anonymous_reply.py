"""Replying to anonymous feedback must not tell staff, anywhere, who gave it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Delivery, Notification
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, Feedback, Interest, InterestStatus
from cms.participation.reminder_tasks import notify_feedback_reply
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def feedback_from_zebedee(make_opportunity, *, anonymous) -> Feedback:
    page = make_opportunity(title="Home care review")
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    member = ActiveMemberFactory(
        user=UserFactory(email="zq@example.org", first_name="Zebedee", last_name="Quillfeather"),
        contact_methods=["email", "post"],
        address="1 High Street",
        postcode="LS1 4AP",
    )
    interest = Interest.objects.create(
        member=member, opportunity=page, status=InterestStatus.CONFIRMED
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )
    return Feedback.objects.create(
        attendance=attendance,
        anonymous=anonymous,
        felt_valued="yes",
        papers_in_time="yes",
        adjustments_met="yes",
        knows_what_happens_next="yes",
        reply="Thank you: we will open a window next time.",
        replied_at=timezone.now(),
    )


def test_the_log_hides_who_got_the_reply_and_nothing_waits_to_be_posted(
    client, coordinator, make_opportunity
):
    feedback = feedback_from_zebedee(make_opportunity, anonymous=True)

    assert notify_feedback_reply(feedback.pk) is True
    assert notify_feedback_reply(feedback.pk) is False  # a second run tells them nothing

    notification = Notification.objects.get(recipient__email="zq@example.org")
    assert notification.hides_recipient
    channels = set(
        Delivery.objects.filter(notification=notification).values_list("channel", flat=True)
    )
    assert channels == {"email"}, "no letter for a coordinator to address by hand"
    client.force_login(coordinator)
    log = reverse("notifications_admin:log")
    page = client.get(log).content.decode()
    assert "We have replied to your feedback" in page
    assert "Zebedee" not in page and "Quillfeather" not in page and "zq@example.org" not in page
    searched = client.get(log, {"q": "Quillfeather"}).content.decode()
    assert "We have replied to your feedback" not in searched
    by_hand = client.get(reverse("notifications_admin:by_hand")).content.decode()
    assert "Quillfeather" not in by_hand


def test_a_named_reply_is_logged_and_posted_as_usual(client, coordinator, make_opportunity):
    feedback = feedback_from_zebedee(make_opportunity, anonymous=False)

    notify_feedback_reply(feedback.pk)

    notification = Notification.objects.get(recipient__email="zq@example.org")
    assert not notification.hides_recipient
    channels = set(
        Delivery.objects.filter(notification=notification).values_list("channel", flat=True)
    )
    assert channels == {"email", "post"}
    client.force_login(coordinator)
    assert "Quillfeather" in client.get(reverse("notifications_admin:log")).content.decode()
