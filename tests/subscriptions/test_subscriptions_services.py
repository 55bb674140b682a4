"""The rules of the bulletin list: double opt-in, rate limits, the state machine,
resubscribing, members, and the confirmation task that sends once."""

import datetime as dt

import pytest
from django.core import mail

from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions import links, services, tasks
from cms.subscriptions.factories import (
    ConfirmedSubscriberFactory,
    SubscriberFactory,
    UnsubscribedSubscriberFactory,
)
from cms.subscriptions.models import Subscriber, SubscriptionChange
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Subscriber.Status
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def carers():
    return ServiceAreaFactory(name="Carers")


def subscribe(email="new@example.net", *, areas=(), email_format="html", now=NOW, capture=None):
    return services.subscribe(
        email=email, service_areas=list(areas), email_format=email_format, now=now
    )


def test_a_new_address_waits_for_confirmation_and_is_sent_the_link(
    django_capture_on_commit_callbacks, dementia
):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe(" New@Example.NET ", areas=[dementia], email_format="plain_text")
    assert subscriber.email == "new@example.net"
    assert subscriber.status == S.PENDING
    assert list(subscriber.service_areas.all()) == [dementia]
    assert subscriber.email_format == "plain_text"
    assert [m.to for m in mail.outbox] == [["new@example.net"]]
    assert links.confirm_url(subscriber).split("/confirm/")[0] in mail.outbox[0].body
    assert "/bulletin/confirm/" in mail.outbox[0].body
    change = subscriber.changes.get()
    assert (change.from_status, change.to_status, change.how, change.at) == (
        "",
        S.PENDING,
        "form",
        NOW,
    )


def test_nobody_receives_bulletins_until_they_confirm(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscribe()
    assert not Subscriber.objects.in_segments([]).filter(pk=subscriber.pk).exists()
    services.confirm(subscriber=subscriber, now=NOW)
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED
    assert subscriber.confirmed_at == NOW
    assert Subscriber.objects.in_segments([]).filter(pk=subscriber.pk).exists()


def test_confirming_twice_changes_nothing():
    subscriber = SubscriberFactory()
    services.confirm(subscriber=subscriber, now=NOW)
    services.confirm(subscriber=subscriber, now=NOW + dt.timedelta(days=1))
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at == NOW
    assert subscriber.changes.filter(to_status=S.CONFIRMED).count() == 1


def test_an_old_confirmation_link_does_not_undo_an_unsubscribe():
    subscriber = UnsubscribedSubscriberFactory()
    with pytest.raises(services.SubscriptionError, match="unsubscribed"):
        services.confirm(subscriber=subscriber, now=NOW)
    subscriber.refresh_from_db()
    assert subscriber.status == S.UNSUBSCRIBED


def test_a_second_request_within_five_minutes_sends_no_second_email(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(now=NOW)
        subscribe(now=NOW + dt.timedelta(minutes=4))
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(now=NOW + dt.timedelta(minutes=6))
    assert len(mail.outbox) == 2
    assert all("/bulletin/confirm/" in m.body for m in mail.outbox)


def test_a_pending_address_gets_its_choices_updated_and_the_link_again(
    django_capture_on_commit_callbacks, dementia, carers
):
    subscriber = SubscriberFactory(email="wait@example.net", service_areas=[dementia])
    with django_capture_on_commit_callbacks(execute=True):
        again = subscribe("wait@example.net", areas=[carers], email_format="plain_text")
    assert again.pk == subscriber.pk
    assert again.status == S.PENDING
    assert list(again.service_areas.all()) == [carers]
    assert "/bulletin/confirm/" in mail.outbox[0].body


def test_an_unsubscribed_address_must_confirm_again(django_capture_on_commit_callbacks):
    subscriber = UnsubscribedSubscriberFactory(email="back@example.net")
    with django_capture_on_commit_callbacks(execute=True):
        subscribe("BACK@example.net")
    subscriber.refresh_from_db()
    assert subscriber.status == S.PENDING
    assert not Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()
    assert "/bulletin/confirm/" in mail.outbox[0].body
    assert list(subscriber.changes.values_list("from_status", "to_status")) == [
        (S.UNSUBSCRIBED, S.PENDING)
    ]


def test_a_subscribed_address_keeps_its_choices_and_is_sent_its_preferences_link(
    django_capture_on_commit_callbacks, dementia, carers
):
    subscriber = ConfirmedSubscriberFactory(
        email="have@example.net", service_areas=[dementia], email_format="html"
    )
    with django_capture_on_commit_callbacks(execute=True):
        subscribe("have@example.net", areas=[carers], email_format="plain_text")
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED
    assert subscriber.email_format == "html"
    assert list(subscriber.service_areas.all()) == [dementia]
    assert len(mail.outbox) == 1
    assert links.preferences_url(subscriber) in mail.outbox[0].body
    assert "/bulletin/confirm/" not in mail.outbox[0].body


def test_the_confirmation_task_sends_once_however_often_it_runs():
    subscriber = SubscriberFactory(confirmation_sent_at=NOW)
    assert tasks.send_confirmation_email(subscriber.pk, NOW.isoformat()) is True
    assert tasks.send_confirmation_email(subscriber.pk, NOW.isoformat()) is False
    assert len(mail.outbox) == 1


def test_the_confirmation_task_skips_a_request_replaced_by_a_newer_one():
    later = NOW + dt.timedelta(minutes=10)
    subscriber = SubscriberFactory(confirmation_sent_at=later)
    assert tasks.send_confirmation_email(subscriber.pk, NOW.isoformat()) is False
    assert tasks.send_confirmation_email(subscriber.pk, later.isoformat()) is True
    assert len(mail.outbox) == 1


def test_the_confirmation_task_sends_nothing_to_someone_who_unsubscribed_since():
    subscriber = UnsubscribedSubscriberFactory(confirmation_sent_at=NOW)
    assert tasks.send_confirmation_email(subscriber.pk, NOW.isoformat()) is False
    assert tasks.send_confirmation_email(999999, NOW.isoformat()) is False
    assert mail.outbox == []


def test_a_failed_send_is_not_marked_so_a_retry_sends(monkeypatch):
    subscriber = SubscriberFactory(confirmation_sent_at=NOW)

    def broken(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(tasks, "send_mail", broken)
    with pytest.raises(ConnectionError):
        tasks.send_confirmation_email(subscriber.pk, NOW.isoformat())
    subscriber.refresh_from_db()
    assert subscriber.confirmation_emailed_for is None
    monkeypatch.undo()
    assert tasks.send_confirmation_email(subscriber.pk, NOW.isoformat()) is True


def test_unsubscribing_is_immediate_recorded_and_idempotent():
    subscriber = ConfirmedSubscriberFactory()
    services.unsubscribe(subscriber=subscriber, how="one_click", now=NOW)
    services.unsubscribe(subscriber=subscriber, how="one_click", now=NOW + dt.timedelta(hours=1))
    subscriber.refresh_from_db()
    assert subscriber.status == S.UNSUBSCRIBED
    assert subscriber.unsubscribed_at == NOW
    assert not Subscriber.objects.receiving().filter(pk=subscriber.pk).exists()
    assert list(subscriber.changes.values_list("to_status", "how")) == [
        (S.UNSUBSCRIBED, "one_click")
    ]


def test_resubscribing_from_the_link_after_confirming_needs_no_new_confirmation():
    subscriber = SubscriberFactory()
    services.confirm(subscriber=subscriber, now=NOW)
    services.unsubscribe(subscriber=subscriber, now=NOW + dt.timedelta(days=1))
    services.resubscribe(subscriber=subscriber, now=NOW + dt.timedelta(days=1, minutes=1))
    subscriber.refresh_from_db()
    assert subscriber.status == S.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert list(subscriber.changes.values_list("to_status", flat=True)) == [
        S.CONFIRMED,
        S.UNSUBSCRIBED,
        S.CONFIRMED,
    ]


def test_resubscribing_someone_who_never_confirmed_sends_the_confirmation(
    django_capture_on_commit_callbacks,
):
    subscriber = SubscriberFactory()
    services.unsubscribe(subscriber=subscriber, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        services.resubscribe(subscriber=subscriber, now=NOW + dt.timedelta(minutes=1))
    subscriber.refresh_from_db()
    assert subscriber.status == S.PENDING
    assert "/bulletin/confirm/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    [(S.CONFIRMED, S.PENDING), (S.PENDING, S.PENDING), (S.CONFIRMED, S.CONFIRMED)],
)
def test_moves_the_rules_do_not_allow_raise(from_status, to_status):
    subscriber = SubscriberFactory(status=from_status)
    with pytest.raises(services.SubscriptionError):
        services.move_subscriber(subscriber, to_status, how="staff", now=NOW)
    assert not SubscriptionChange.objects.exists()


def test_every_allowed_move_is_dated_and_attributed(coordinator):
    for from_status, targets in services.TRANSITIONS.items():
        for to_status in targets:
            subscriber = SubscriberFactory(status=from_status)
            change = services.move_subscriber(
                subscriber, to_status, how="staff", by=coordinator, now=NOW
            )
            assert (change.from_status, change.to_status) == (from_status, to_status)
            assert (change.at, change.by, change.how) == (NOW, coordinator, "staff")


def test_preferences_change_segments_and_format(dementia, carers):
    subscriber = ConfirmedSubscriberFactory(service_areas=[dementia])
    services.update_preferences(subscriber=subscriber, service_areas=[], email_format="plain_text")
    subscriber.refresh_from_db()
    assert subscriber.email_format == "plain_text"
    assert not subscriber.service_areas.exists()
    assert Subscriber.objects.in_segments([carers]).filter(pk=subscriber.pk).exists()


def test_a_member_is_subscribed_at_once_without_a_confirmation_email(
    django_capture_on_commit_callbacks, carers
):
    user = UserFactory(email="Member.One@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = services.subscribe_member(
            user=user, service_areas=[carers], email_format="plain_text", now=NOW
        )
    assert (subscriber.user, subscriber.email, subscriber.status) == (
        user,
        "member.one@example.org",
        S.CONFIRMED,
    )
    assert subscriber.changes.get().by == user
    assert mail.outbox == []


def test_a_member_takes_over_their_address_from_the_public_list():
    user = UserFactory(email="pat@example.org")
    public = SubscriberFactory(email="pat@example.org")
    subscriber = services.subscribe_member(
        user=user, service_areas=[], email_format="html", now=NOW
    )
    assert subscriber.pk == public.pk
    assert subscriber.user == user
    assert subscriber.status == S.CONFIRMED
    assert Subscriber.objects.count() == 1


def test_a_member_who_changed_address_keeps_one_subscription_at_the_new_one():
    user = UserFactory(email="old@example.org")
    old = services.subscribe_member(user=user, service_areas=[], email_format="html", now=NOW)
    user.email = "new@example.org"
    user.save()
    # Nobody else has the new address: the subscription simply follows it.
    services.sync_member_email(subscriber=old)
    old.refresh_from_db()
    assert old.email == "new@example.org"

    # If the new address was already on the public list, that entry becomes theirs.
    user.email = "newer@example.org"
    user.save()
    public = SubscriberFactory(email="newer@example.org")
    services.sync_member_email(subscriber=old)
    old.refresh_from_db()
    assert old.email == "new@example.org"
    merged = services.subscribe_member(user=user, service_areas=[], email_format="html", now=NOW)
    old.refresh_from_db()
    assert merged.pk == public.pk
    assert (old.user, old.status) == (None, S.UNSUBSCRIBED)
    assert Subscriber.objects.receiving().get().email == "newer@example.org"


def test_addresses_never_confirmed_are_forgotten_after_thirty_days():
    old = NOW - dt.timedelta(days=31)
    stale = SubscriberFactory(email="stale@example.net", created_at=old, confirmation_sent_at=old)
    resent = SubscriberFactory(
        email="resent@example.net", created_at=old, confirmation_sent_at=NOW - dt.timedelta(days=2)
    )
    recent = SubscriberFactory(email="recent@example.net", created_at=NOW - dt.timedelta(days=3))
    confirmed = ConfirmedSubscriberFactory(email="kept@example.net", created_at=old)
    left = UnsubscribedSubscriberFactory(email="left@example.net", created_at=old)
    member = SubscriberFactory(
        email="member@example.org", user=UserFactory(email="member@example.org"), created_at=old
    )
    SubscriptionChange.objects.create(subscriber=stale, to_status=S.PENDING, how="form", at=old)

    assert services.forget_unconfirmed(now=NOW) == 1
    assert services.forget_unconfirmed(now=NOW) == 0
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {
        resent.pk,
        recent.pk,
        confirmed.pk,
        left.pk,
        member.pk,
    }
    assert not SubscriptionChange.objects.filter(subscriber_id=stale.pk).exists()
