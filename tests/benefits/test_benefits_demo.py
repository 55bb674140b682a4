import datetime as dt
from decimal import Decimal

import pytest

from cms.benefits import demo
from cms.benefits.guard import warning_for_member
from cms.benefits.models import EarningsLimit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 18)


def test_the_demo_member_gets_a_limit_near_their_payments_once(
    active_profile, pay, paying, session_at
):
    pay(active_profile, dt.date(2026, 3, 3), "60")
    pay(active_profile, dt.date(2026, 3, 10), "40")
    limit = demo.load_demo(today=TODAY)
    assert limit.member == active_profile
    assert limit.monthly_limit == Decimal("130.00")
    assert limit.reason

    # One more typical paid session this month brings the warning.
    paying("25")
    assert warning_for_member(active_profile, session_at(2026, 3, 25), today=TODAY) is not None

    # A second run, even later with more paid, changes nothing.
    pay(active_profile, dt.date(2026, 3, 17), "100")
    before = list(EarningsLimit.objects.values())
    demo.load_demo(today=TODAY)
    assert list(EarningsLimit.objects.values()) == before


def test_the_demo_does_nothing_without_the_demo_member(db):
    assert demo.load_demo(today=TODAY) is None
    assert not EarningsLimit.objects.exists()
