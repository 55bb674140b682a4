"""Each message goes only by the channels, and in the format, the person chose.

Proved through two real callers: an application status change (members) and a session
reminder (taking part), not only through ``notify`` itself.
"""

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from cms.members import services as member_services
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.notifications.models import Channel, Delivery, EmailFormat, Notification, Topic
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Interest, InterestStatus
from cms.participation.reminders import send_due_reminders
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 3, 9, 9, 0))

# contact methods, formats -> channels, emails sent, email format
CHOICES = {
    "email only": (["email"], [], {Channel.EMAIL}, 1, EmailFormat.HTML),
    "text only": (["text"], [], {Channel.TEXT}, 0, None),
    "post only": (["post"], [], {Channel.POST}, 0, None),
    "email and text": (["email", "text"], [], {Channel.EMAIL, Channel.TEXT}, 1, EmailFormat.HTML),
    "no preference": ([], [], {Channel.EMAIL}, 1, EmailFormat.HTML),
    "plain text": (["email"], ["plain_text_email"], {Channel.EMAIL}, 1, EmailFormat.PLAIN_TEXT),
    "large print": (["email"], ["large_print"], {Channel.EMAIL}, 1, EmailFormat.LARGE_PRINT),
}


def person(email, methods, formats, factory=ActiveMemberFactory, **fields):
    return factory(
        user=UserFactory(email=email, first_name="Iris"),
        contact_methods=methods,
        formats=formats,
        phone="07700 900777",
        address="4 Mill Lane\nAnytown",
        postcode="AN4 5CD",
        **fields,
    )


def assert_told_as_chosen(notification, channels, emails, email_format, address):
    assert {d.channel for d in notification.deliveries.all()} == channels
    sent = [message for message in mail.outbox if message.to == [address]]
    assert len(sent) == emails
    assert len(mail.outbox) == emails  # nobody else was emailed either
    by_hand = {d.channel: d for d in Delivery.objects.to_send_by_hand()}
    assert set(by_hand) == channels - {Channel.EMAIL}
    if Channel.TEXT in by_hand:
        assert by_hand[Channel.TEXT].address == "07700 900777"
    if Channel.POST in by_hand:
        assert by_hand[Channel.POST].address == "4 Mill Lane\nAnytown\nAN4 5CD"
    if emails:
        message = sent[0]
        assert notification.subject == message.subject
        assert notification.url in message.body
        if email_format == EmailFormat.PLAIN_TEXT:
            assert message.alternatives == []
        else:
            html, mimetype = message.alternatives[0]
            assert mimetype == "text/html"
            large = "font-size:24px" in html
            assert large is (email_format == EmailFormat.LARGE_PRINT)


@pytest.mark.parametrize("case", CHOICES.keys())
def test_an_application_status_change_goes_as_chosen(
    case, coordinator, django_capture_on_commit_callbacks
):
    methods, formats, channels, emails, email_format = CHOICES[case]
    applicant = person(
        "iris@example.org", methods, formats, factory=MemberProfileFactory, status=Status.SUBMITTED
    )
    with django_capture_on_commit_callbacks(execute=True):
        member_services.move_member(applicant, Status.IN_REVIEW, by=coordinator)
    notification = Notification.objects.get(recipient=applicant.user)
    assert notification.topic == Topic.APPLICATION
    assert notification.url == "/members/apply/status/"
    assert "now reading your application" in notification.body
    assert_told_as_chosen(notification, channels, emails, email_format, "iris@example.org")


@pytest.mark.parametrize("case", CHOICES.keys())
def test_a_session_reminder_goes_as_chosen(case, make_opportunity):
    methods, formats, channels, emails, email_format = CHOICES[case]
    page = make_opportunity(title="Home care review")
    start = NOW + dt.timedelta(hours=20)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    member = person("iris@example.org", methods, formats)
    Interest.objects.create(member=member, opportunity=page, status=InterestStatus.CONFIRMED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert send_due_reminders(now=NOW)["session_soon"] == 1
    notification = Notification.objects.get(recipient=member.user)
    assert notification.topic == Topic.TAKING_PART
    assert notification.url == "/members/taking-part/"
    assert session.when_in_words in notification.body
    assert_told_as_chosen(notification, channels, emails, email_format, "iris@example.org")


def test_the_reminder_tells_a_letters_only_person_once_however_often_it_runs(make_opportunity):
    page = make_opportunity(title="Home care review")
    start = NOW + dt.timedelta(hours=20)
    OpportunitySessionFactory(page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    member = person("iris@example.org", ["post"], [])
    Interest.objects.create(member=member, opportunity=page, status=InterestStatus.CONFIRMED)
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_due_reminders(now=NOW)
        send_due_reminders(now=NOW)
    assert Notification.objects.filter(recipient=member.user).count() == 1
    assert Delivery.objects.to_send_by_hand().count() == 1
    assert mail.outbox == []
