"""Test and demo data for opportunities, built the same way editors build it.

index = OpportunitiesIndexPageFactory(parent=home_page)
page = OpportunityPageFactory(parent=index, service_areas=[dementia])
OpportunitySessionFactory(page=page, starts_at=...)
"""

import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from wagtail.rich_text import RichText

from cms.taxonomy.models import ServiceArea

from .models import (
    ChecksRequired,
    InvolvementLevel,
    InvolvementType,
    OpportunitiesIndexPage,
    OpportunityPage,
    OpportunitySession,
    PaymentType,
)


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service area {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    description = "People who use this kind of service, and their carers."


class OpportunitiesIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OpportunitiesIndexPage

    title = "Opportunities"
    slug = "opportunities"
    show_in_menus = True
    intro = "<p>Ways to help us plan, buy and check health and social care services.</p>"


class OpportunityPageFactory(wagtail_factories.PageFactory):
    """An open, expenses-only focus group closing in two weeks, with no sessions.

    ``service_areas=[...]`` sets its service areas after it is saved.
    """

    class Meta:
        model = OpportunityPage
        # Pages are saved by add_child; the service areas hook saves again only if it must.
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Opportunity {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    summary = "Tell us what works and what could be better."
    involvement_type = InvolvementType.FOCUS_GROUP
    level_of_involvement = InvolvementLevel.CONSULT
    body = factory.LazyFunction(
        lambda: [("text", RichText("<p>We will talk about your experience of the service.</p>"))]
    )
    what_you_can_influence = "<p>How the service is run day to day.</p>"
    who_decides = "The head of adult social care"
    intended_outcomes = "<p>A service that fits the people who use it.</p>"
    time_commitment = "One meeting of 2 hours"
    payment_type = PaymentType.EXPENSES_ONLY
    payment_rate = None
    payment_unit = ""
    expenses_covered = "Travel, parking and replacement care."
    checks_required = ChecksRequired.NONE
    training_required_note = ""
    places = 8
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    contact_name = "Sam Patel"
    contact_email = "involve@example.org"
    contact_phone = "0300 123 4567"

    class Params:
        paid = factory.Trait(payment_type=PaymentType.PAID, payment_rate=25, payment_unit="hour")

    @factory.post_generation
    def service_areas(self, create, extracted, **kwargs):
        if extracted:
            self.service_areas.set(extracted)
            if create:
                # Parental many-to-many relations are written when the page is saved.
                self.save()


class OpportunitySessionFactory(factory.django.DjangoModelFactory):
    """A two-hour, step-free, in-person session a week from now. Pass ``page=``."""

    class Meta:
        model = OpportunitySession

    title = factory.Sequence(lambda n: f"Session {n + 1}")
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + dt.timedelta(days=7)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda obj: obj.starts_at + dt.timedelta(hours=2))
    is_online = False
    venue_name = "Civic Centre, Committee Room 2"
    venue_address = "High Street\nAnytown\nAN1 1AA"
    online_joining_note = ""
    step_free_access = True
    hearing_loop = True
    interpreters = ""
    accessible_toilet = True
    parking_note = "Free parking behind the building, with 4 Blue Badge spaces."
    papers_published_on = None

    class Params:
        online = factory.Trait(
            is_online=True,
            venue_name="",
            venue_address="",
            online_joining_note="We will email you a Microsoft Teams link the day before.",
            step_free_access=False,
            hearing_loop=False,
            accessible_toilet=False,
            parking_note="",
        )
