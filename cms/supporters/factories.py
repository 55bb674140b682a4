import factory
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

from .models import ArrangementStatus, Relationship, SupportArrangement
from .services import consent_wording


class SupportArrangementFactory(factory.django.DjangoModelFactory):
    """An invitation the member has sent and the supporter has not yet accepted."""

    class Meta:
        model = SupportArrangement

    member = factory.SubFactory(ActiveMemberFactory)
    supporter_name = factory.Faker("name", locale="en_GB")
    supporter_email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    relationship = Relationship.CARER
    may_express_interest = True
    may_fill_in_forms = True
    gets_message_copies = False
    consent_wording = factory.LazyAttribute(
        lambda o: consent_wording(
            supporter_name=o.supporter_name,
            permissions={"express_interest", "fill_in_forms"},
            gets_message_copies=o.gets_message_copies,
        )
    )
    invited_by = factory.LazyAttribute(lambda o: o.member.user)
    status = ArrangementStatus.INVITED


class ActiveSupportArrangementFactory(SupportArrangementFactory):
    """An accepted arrangement, with the supporter's own sign-in."""

    supporter = factory.SubFactory(UserFactory, email=factory.SelfAttribute("..supporter_email"))
    status = ArrangementStatus.ACTIVE
    accepted_at = factory.LazyFunction(timezone.now)
