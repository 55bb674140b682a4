import datetime as dt

import factory
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory

from .models import MeetingMethod, MentoringPair, MentoringSession, MentorProfile, PairStatus


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile

    member = factory.SubFactory(ActiveMemberFactory)
    is_willing = True
    capacity = 2


class MentoringPairFactory(factory.django.DjangoModelFactory):
    """A pair; ``status=PairStatus.ACTIVE`` gives one both have accepted."""

    class Meta:
        model = MentoringPair

    mentor = factory.SubFactory(ActiveMemberFactory)
    mentee = factory.SubFactory(ActiveMemberFactory)
    status = PairStatus.PROPOSED
    mentor_accepted_at = factory.LazyAttribute(
        lambda pair: timezone.now() if pair.status != PairStatus.PROPOSED else None
    )
    mentee_accepted_at = factory.SelfAttribute("mentor_accepted_at")


class MentoringSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    pair = factory.SubFactory(MentoringPairFactory, status=PairStatus.ACTIVE)
    held_on = factory.LazyFunction(lambda: dt.date(2026, 3, 2))
    minutes = 60
    method = MeetingMethod.IN_PERSON
    notes = "Talked about the first panel and how to prepare."
    next_steps = "Read the papers a week ahead."
    logged_by = factory.LazyAttribute(lambda session: session.pair.mentor.user)
