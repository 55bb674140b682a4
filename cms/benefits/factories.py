from decimal import Decimal

import factory

from cms.members.factories import ActiveMemberFactory

from .models import EarningsLimit


class EarningsLimitFactory(factory.django.DjangoModelFactory):
    """A member's own earnings limit; weekly by default."""

    class Meta:
        model = EarningsLimit

    member = factory.SubFactory(ActiveMemberFactory)
    weekly_limit = Decimal("100.00")
    monthly_limit = None
    reason = "Permitted work while I get Employment and Support Allowance."
