"""The notifications service: told once, by the channels and format each person chose."""

import pytest
from django.core import mail

from cms.members.factories import ActiveMemberFactory
from cms.notifications import services
from cms.notifications.models import Channel, Delivery, EmailFormat, Notification
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def tell(user, key="test:1", **overrides):
    fields = {
        "recipient": user,
        "topic": "message",
        "key": key,
        "subject": "Your papers are ready",
        "body": "The papers for Thursday's forum are ready to read.",
        "url": "/members/",
    }
    fields.update(overrides)
    return services.notify(**fields)


def test_email_only_person_gets_one_email_and_a_dashboard_record(
    django_capture_on_commit_callbacks,
):
    member = ActiveMemberFactory(contact_methods=["email"], formats=[])
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    assert Notification.objects.for_user(member.user).get() == notification
    assert [d.channel for d in notification.deliveries.all()] == [Channel.EMAIL]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.user.email]
    assert "/members/" in mail.outbox[0].body
    assert mail.outbox[0].alternatives  # an HTML copy alongside the plain text


def test_the_same_key_tells_them_once(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory(contact_methods=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        first = tell(member.user)
        second = tell(member.user)
    assert first == second
    assert len(mail.outbox) == 1


def test_sending_a_delivery_twice_sends_one_email(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory(contact_methods=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    delivery = notification.deliveries.get()
    assert services.send_email_delivery(delivery.pk) is False
    assert len(mail.outbox) == 1


def test_letters_only_person_is_never_emailed(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory(
        contact_methods=["post"], address="1 High Street", postcode="LS1 1AA"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    assert mail.outbox == []
    letter = notification.deliveries.get()
    assert letter.channel == Channel.POST
    assert "LS1 1AA" in letter.address
    assert list(Delivery.objects.to_send_by_hand()) == [letter]


def test_plain_text_choice_gets_no_html(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory(contact_methods=["email", "text"], formats=["plain_text_email"])
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    assert {d.channel for d in notification.deliveries.all()} == {Channel.EMAIL, Channel.TEXT}
    assert mail.outbox[0].alternatives == []


def test_large_print_choice_gets_large_html(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory(contact_methods=["email"], formats=["large_print"])
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    assert notification.deliveries.get().email_format == EmailFormat.LARGE_PRINT
    html, _mime = mail.outbox[0].alternatives[0]
    assert "font-size:24px" in html


def test_staff_without_a_profile_get_email():
    staff = UserFactory()
    assert services.contact_plan_for(staff).channels == (Channel.EMAIL,)


def test_a_failing_email_is_retried_then_marked_failed(
    monkeypatch, django_capture_on_commit_callbacks
):
    member = ActiveMemberFactory(contact_methods=["email"])

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        notification = tell(member.user)
    delivery = notification.deliveries.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.attempts == 1
    services.retry_unsent_emails()
    services.retry_unsent_emails()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == services.MAX_EMAIL_ATTEMPTS
    assert "mail server down" in delivery.last_error


def test_only_by_hand_channels_are_marked_sent_by_a_coordinator(coordinator):
    member = ActiveMemberFactory(contact_methods=["email", "text"], phone="07700 900123")
    notification = tell(member.user)
    text = notification.deliveries.get(channel=Channel.TEXT)
    services.mark_sent_by_hand(text, by=coordinator)
    text.refresh_from_db()
    assert text.status == Delivery.Status.SENT and text.sent_by == coordinator
    with pytest.raises(services.NotByHand):
        services.mark_sent_by_hand(
            notification.deliveries.get(channel=Channel.EMAIL), by=coordinator
        )
