import datetime as dt

import factory

from cms.users.factories import UserFactory

from .choices import (
    ContactMethod,
    Day,
    LivedExperience,
    NoticeNeeded,
    PaymentPreference,
    RolePreference,
    Status,
    TimeOfDay,
)
from .models import HowApplied, MemberProfile, OfflineRegistration

# Every section of the application, as the application journey names them.
ALL_SECTIONS = [
    "about_you",
    "lived_experience",
    "skills",
    "involvement",
    "availability",
    "access_needs",
    "contact",
    "payment",
    "emergency_contact",
    "equality",
    "consent",
]


class MemberProfileFactory(factory.django.DjangoModelFactory):
    """A person's record; by default a complete application that has not been sent."""

    class Meta:
        model = MemberProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    status = Status.DRAFT
    completed_sections = factory.LazyFunction(lambda: list(ALL_SECTIONS))
    phone = "07700 900123"
    address = "12 Station Road\nAnytown"
    postcode = "AN1 2BC"
    lived_experience = LivedExperience.CARER
    skills = "Listening, chairing small groups, reading reports closely."
    biography = "I cared for my mum for eight years and know the system from the inside."
    involvement_types = factory.LazyFunction(lambda: ["focus_group", "interview_panel"])
    involvement_levels = factory.LazyFunction(lambda: ["consult", "co_produce"])
    role_preference = RolePreference.EITHER
    available_days = factory.LazyFunction(lambda: [Day.TUESDAY.value, Day.THURSDAY.value])
    available_times = factory.LazyFunction(lambda: [TimeOfDay.MORNING.value])
    notice_needed = NoticeNeeded.ONE_WEEK
    formats = factory.LazyFunction(list)
    contact_methods = factory.LazyFunction(lambda: [ContactMethod.EMAIL.value])
    payment_preference = PaymentPreference.PAID
    emergency_contact_name = "Sam Reid"
    emergency_contact_relationship = "Partner"
    emergency_contact_phone = "07700 900456"
    agreed_to_privacy_notice = True
    consented_to_health_data = True

    @factory.post_generation
    def expertise(self, create, extracted, **kwargs):
        if create and extracted:
            self.expertise.set(extracted)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)


class ActiveMemberFactory(MemberProfileFactory):
    status = Status.ACTIVE


class PersonWithoutEmailFactory(ActiveMemberFactory):
    """An active member with no email address, registered from a paper form: a
    coordinator acts for them and their messages are letters."""

    user = factory.SubFactory("cms.users.factories.PersonWithoutEmailFactory")
    contact_methods = factory.LazyFunction(lambda: [ContactMethod.POST.value])
    registration = factory.RelatedFactory(
        "cms.members.factories.OfflineRegistrationFactory", factory_related_name="member"
    )


class OfflineRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfflineRegistration

    member = factory.SubFactory(PersonWithoutEmailFactory, registration=None)
    how_applied = HowApplied.PAPER
    consent_given_how = HowApplied.PAPER
    consent_given_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=7))
