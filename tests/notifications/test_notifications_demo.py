"""Demo messages: a few for demo members, one text message waiting, nothing sent, idempotent."""

import pytest
from django.core import mail

from cms.members.factories import ActiveMemberFactory
from cms.notifications import demo
from cms.notifications.models import Channel, Delivery, Notification
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    return {
        "member": ActiveMemberFactory(
            user=UserFactory(email="member@example.org"), contact_methods=["email"]
        ),
        "ben": ActiveMemberFactory(
            user=UserFactory(email="ben.thompson@example.org"),
            contact_methods=["email", "text"],
        ),
        "graham": ActiveMemberFactory(
            user=UserFactory(email="graham.scott@example.org"),
            contact_methods=["phone", "post"],
        ),
    }


def snapshot():
    return sorted(Delivery.objects.values_list("notification__key", "channel", "status", "address"))


def test_demo_messages_load_once_and_send_nothing(demo_people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo()
    first = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        demo.load_demo()
    assert snapshot() == first
    assert Notification.objects.count() == len(demo.DEMO_MESSAGES)
    assert mail.outbox == []
    waiting = {
        (d.channel, d.notification.recipient.email) for d in Delivery.objects.to_send_by_hand()
    }
    assert (Channel.TEXT, "ben.thompson@example.org") in waiting
    assert (Channel.POST, "graham.scott@example.org") in waiting
    own = Notification.objects.for_user(demo_people["member"].user)
    assert own.unread().count() == 2 and own.count() == 3


def test_demo_messages_skip_people_who_are_not_there():
    demo.load_demo()
    assert not Notification.objects.exists()
