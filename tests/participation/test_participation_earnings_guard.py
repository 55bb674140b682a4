"""The benefits guard where the choices are made: confirming a place, and selecting someone.

The member sees the amounts and decides; the coordinator sees only a neutral sentence.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cms.benefits.factories import EarningsLimitFactory
from cms.benefits.guard import COORDINATOR_WARNING
from cms.claims.models import Claim, ClaimStatus, PaymentChoice, PaymentRate
from cms.members.choices import PaymentPreference
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.models import PaymentType, PaymentUnit
from cms.participation import services
from cms.participation.models import InterestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_opportunity(make_opportunity):
    PaymentRate.objects.create(
        unit=PaymentUnit.PER_ACTIVITY, amount=Decimal("40.00"), applies_from=dt.date(2020, 1, 1)
    )
    starts = timezone.now() + dt.timedelta(days=1)
    return make_opportunity(
        title="Commissioning panel",
        payment_type=PaymentType.PAID,
        payment_rate=Decimal("40.00"),
        payment_unit=PaymentUnit.PER_ACTIVITY,
        sessions=[(starts, starts + dt.timedelta(hours=2), False)],
    )


@pytest.fixture
def member_near_their_limit(member, paid_opportunity):
    profile = ActiveMemberFactory(
        user=member,
        payment_preference=PaymentPreference.PAID,
        references_received_on=timezone.localdate(),
    )
    EarningsLimitFactory(
        member=profile,
        weekly_limit=None,
        monthly_limit=Decimal("150.00"),
        reason="Permitted work limit",
    )
    session_day = timezone.localtime(paid_opportunity.sessions.get().starts_at).date()
    Claim.objects.create(
        member=profile,
        activity_title="An earlier panel",
        activity_date=session_day,
        hours=Decimal("2"),
        status=ClaimStatus.APPROVED,
        payment_offered=True,
        payment_choice=PaymentChoice.PAY_ME,
        payment_amount=Decimal("120.00"),
    )
    return profile


def test_the_member_is_warned_before_confirming_paid_work(
    client, member_near_their_limit, paid_opportunity
):
    interest = services.express_interest(member_near_their_limit, paid_opportunity)
    services.move_interest(interest, InterestStatus.SELECTED, by=None)
    client.force_login(member_near_their_limit.user)
    page = client.get(
        f"/members/taking-part/interest/{paid_opportunity.pk}/confirm/"
    ).content.decode()
    assert "Check your earnings limit" in page
    assert "£150.00" in page and "The choice is yours" in page
    # Warned, never stopped: confirming still works.
    client.post(f"/members/taking-part/interest/{paid_opportunity.pk}/confirm/")
    interest.refresh_from_db()
    assert interest.status == InterestStatus.CONFIRMED


def test_no_warning_without_a_limit(client, member, paid_opportunity):
    profile = ActiveMemberFactory(user=member, references_received_on=timezone.localdate())
    interest = services.express_interest(profile, paid_opportunity)
    services.move_interest(interest, InterestStatus.SELECTED, by=None)
    client.force_login(member)
    page = client.get(
        f"/members/taking-part/interest/{paid_opportunity.pk}/confirm/"
    ).content.decode()
    assert "Check your earnings limit" not in page


def test_the_coordinator_sees_a_neutral_warning_and_nothing_private(
    client, coordinator, member_near_their_limit, paid_opportunity
):
    services.express_interest(member_near_their_limit, paid_opportunity)
    client.force_login(coordinator)
    page = client.get(f"/admin/taking-part/{paid_opportunity.pk}/").content.decode()
    assert COORDINATOR_WARNING in page
    for private in ("150.00", "120.00", "Permitted work limit"):
        assert private not in page
