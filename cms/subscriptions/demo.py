"""Demo e-bulletin list: about forty people who get it, across topics and formats, a few
still to confirm and a few who left; and the demo member, subscribed from their account.

Safe to run again: each subscriber is found by email address and nothing that exists
changes. No email is sent: confirmation emails go out only through ``services.subscribe``.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.taxonomy.models import ServiceArea

from . import services
from .factories import (
    ConfirmedSubscriberFactory,
    SubscriberFactory,
    UnsubscribedSubscriberFactory,
)
from .models import Subscriber, SubscriptionChange

FIRST_NAMES = [
    "amira", "ben", "carol", "dafydd", "efua", "frank", "grace", "harjit", "imogen", "jamal",
    "kath", "leon", "mei", "niamh", "olu", "pat", "rosa", "sunil", "tess", "wes",
]  # fmt: skip
SURNAMES = ["hughes", "begum", "kowalski", "mensah", "o'neill", "reid"]
DOMAINS = ["example.net", "example.com", "example.org.uk"]

# Topic choices by slug, cycled through the confirmed subscribers; an empty tuple means
# "everything", which is what most people choose.
TOPIC_CHOICES = [
    (),
    ("dementia", "carers"),
    ("mental-health",),
    (),
    ("learning-disability", "autism"),
    ("substance-misuse",),
    ("older-people", "carers"),
    (),
    ("physical-disability", "sensory-impairment"),
    ("mental-health", "substance-misuse"),
]
CONFIRMED_COUNT = 40
PENDING_COUNT = 4
UNSUBSCRIBED_COUNT = 3


def demo_address(index: int) -> str:
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    surname = SURNAMES[(index // len(FIRST_NAMES)) % len(SURNAMES)].replace("'", "")
    domain = DOMAINS[index % len(DOMAINS)]
    return f"{first}.{surname}{index}@{domain}"


def _create(factory, *, email: str, history: list[str], at, **kwargs) -> None:
    if Subscriber.objects.filter(email__iexact=email).exists():
        return
    subscriber = factory(email=email, created_at=at, **kwargs)
    previous = ""
    for step, status in enumerate(history):
        SubscriptionChange.objects.create(
            subscriber=subscriber,
            from_status=previous,
            to_status=status,
            at=at + timedelta(hours=step),
            how=SubscriptionChange.How.DEMO,
        )
        previous = status


def load_demo() -> None:
    now = timezone.now()
    areas = {area.slug: area for area in ServiceArea.objects.all()}
    S = Subscriber.Status
    index = 0
    for n in range(CONFIRMED_COUNT):
        topics = [areas[slug] for slug in TOPIC_CHOICES[n % len(TOPIC_CHOICES)] if slug in areas]
        plain = n % 4 == 3  # about a quarter prefer plain text
        _create(
            ConfirmedSubscriberFactory,
            email=demo_address(index),
            history=[S.PENDING, S.CONFIRMED],
            at=now - timedelta(days=400 - n * 9),
            service_areas=topics,
            email_format=Subscriber.EmailFormat.PLAIN_TEXT
            if plain
            else Subscriber.EmailFormat.HTML,
        )
        index += 1
    for n in range(PENDING_COUNT):
        _create(
            SubscriberFactory,
            email=demo_address(index),
            history=[S.PENDING],
            at=now - timedelta(days=n + 1),
            confirmation_sent_at=now - timedelta(days=n + 1),
        )
        index += 1
    for n in range(UNSUBSCRIBED_COUNT):
        _create(
            UnsubscribedSubscriberFactory,
            email=demo_address(index),
            history=[S.PENDING, S.CONFIRMED, S.UNSUBSCRIBED],
            at=now - timedelta(days=200 + n * 30),
        )
        index += 1

    member = get_user_model().objects.filter(email="member@example.org").first()
    if member is not None and not Subscriber.objects.filter(user=member).exists():
        services.subscribe_member(
            user=member,
            service_areas=[areas[slug] for slug in ("mental-health", "carers") if slug in areas],
            email_format=Subscriber.EmailFormat.HTML,
            now=now,
        )
