import datetime as dt

import factory
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory

from .models import Feeling, Pause, WellbeingCheckIn


class PauseFactory(factory.django.DjangoModelFactory):
    """A member's pause in force today, back in four weeks, set by themselves."""

    class Meta:
        model = Pause

    member = factory.SubFactory(ActiveMemberFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    until = factory.LazyAttribute(lambda pause: pause.starts_on + dt.timedelta(weeks=4))
    reason = "Looking after my dad after his operation."
    created_by = factory.LazyAttribute(lambda pause: pause.member.user)


class WellbeingCheckInFactory(factory.django.DjangoModelFactory):
    """How a member says they are; by default 'Okay', no call wanted."""

    class Meta:
        model = WellbeingCheckIn

    member = factory.SubFactory(ActiveMemberFactory)
    feeling = Feeling.OKAY
    note = "A busy few weeks, but I am managing."
    wants_call = False
    created_by = factory.LazyAttribute(lambda check: check.member.user)
