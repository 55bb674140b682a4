"""A member's subscription is in their data export and goes with their account; the demo
list loads once and a second run changes nothing."""

import pytest

from cms.members.my_data.export import collect_personal_data
from cms.privacy.services import confirm_deletion, request_deletion
from cms.subscriptions import demo, services
from cms.subscriptions.factories import ConfirmedSubscriberFactory
from cms.subscriptions.models import Subscriber, SubscriptionChange
from cms.taxonomy import demo as taxonomy_demo
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_members_subscription_is_exported_and_deleted_with_their_account(
    coordinator, django_capture_on_commit_callbacks
):
    user = UserFactory(email="leaving@example.org")
    subscriber = services.subscribe_member(user=user, service_areas=[], email_format="html")
    stranger = ConfirmedSubscriberFactory(email="stranger@example.net")

    exported = collect_personal_data(user)
    assert [row["email"] for row in exported["subscriptions.subscriber"]] == ["leaving@example.org"]
    assert "stranger@example.net" not in str(exported)

    with django_capture_on_commit_callbacks(execute=True):
        confirm_deletion(deletion_request=request_deletion(user=user), by=coordinator)
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not SubscriptionChange.objects.filter(subscriber_id=subscriber.pk).exists()
    assert not Subscriber.objects.filter(email__iexact="leaving@example.org").exists()
    assert Subscriber.objects.filter(pk=stranger.pk).exists()


def test_the_demo_list_loads_once(django_capture_on_commit_callbacks):
    from django.core import mail

    taxonomy_demo.load_demo()
    UserFactory(email="member@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo()
    S = Subscriber.Status
    counts = {status: Subscriber.objects.filter(status=status).count() for status in S.values}
    assert counts == {
        S.CONFIRMED: demo.CONFIRMED_COUNT + 1,  # and the demo member
        S.PENDING: demo.PENDING_COUNT,
        S.UNSUBSCRIBED: demo.UNSUBSCRIBED_COUNT,
    }
    receiving = Subscriber.objects.receiving()
    assert receiving.filter(email_format="plain_text").count() >= 5
    assert receiving.filter(service_areas__isnull=True).count() >= 5
    assert receiving.filter(service_areas__slug="dementia").exists()
    assert Subscriber.objects.get(user__email="member@example.org").status == S.CONFIRMED
    assert mail.outbox == [], "loading the demo emails nobody"

    def snapshot():
        return (
            list(Subscriber.objects.values_list("email", "status", "email_format", "created_at")),
            list(Subscriber.service_areas.through.objects.values_list("pk", flat=True)),
            SubscriptionChange.objects.count(),
        )

    before = snapshot()
    demo.load_demo()
    assert snapshot() == before
