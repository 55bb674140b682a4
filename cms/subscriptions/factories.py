"""Test and demo data for the e-bulletin list."""

import factory
from django.utils import timezone

from .models import Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """Someone who asked for the bulletin and has not confirmed yet (the model's default).

    ``ConfirmedSubscriberFactory`` makes someone who receives it; pass
    ``service_areas=[...]`` to choose their segments.
    """

    class Meta:
        model = Subscriber
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"reader{n}@example.net")
    status = Subscriber.Status.PENDING
    email_format = Subscriber.EmailFormat.HTML
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def service_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.service_areas.set(extracted)


class ConfirmedSubscriberFactory(SubscriberFactory):
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyAttribute(lambda obj: obj.created_at)


class UnsubscribedSubscriberFactory(ConfirmedSubscriberFactory):
    status = Subscriber.Status.UNSUBSCRIBED
    unsubscribed_at = factory.LazyAttribute(lambda obj: obj.created_at)
