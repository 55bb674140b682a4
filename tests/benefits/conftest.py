import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from cms.claims.models import Claim, ClaimStatus, PaymentChoice
from cms.members.factories import ActiveMemberFactory

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def active_profile(member):
    return ActiveMemberFactory(user=member)


@pytest.fixture
def pay(db):
    """Record an involvement payment the claims app counts as earnings."""

    def _pay(member, day: dt.date, amount: str, *, status=ClaimStatus.SUBMITTED) -> Claim:
        return Claim.objects.create(
            member=member,
            activity_title=f"Panel on {day:%d %B}",
            activity_date=day,
            hours=Decimal("2"),
            status=status,
            payment_offered=True,
            payment_choice=PaymentChoice.PAY_ME,
            payment_amount=Decimal(amount),
        )

    return _pay


def make_session(year, month, day, hour=10, minute=0):
    """A stand-in for an OpportunitySession: the guard only reads when it starts."""
    return SimpleNamespace(
        starts_at=dt.datetime(year, month, day, hour, minute, tzinfo=LONDON), pk=None
    )


@pytest.fixture
def session_at():
    return make_session


@pytest.fixture
def paying(monkeypatch):
    """Fix what the work in question would pay (the claims app's expected_payment)."""

    def _paying(amount: str):
        monkeypatch.setattr(
            "cms.benefits.guard.expected_payment", lambda member, session: Decimal(amount)
        )

    return _paying
