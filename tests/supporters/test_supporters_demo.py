"""The demo supporter: made once, with their own sign-in, and safe to load again."""

import pytest

from cms.members.factories import ActiveMemberFactory
from cms.supporters import demo
from cms.supporters.models import ArrangementStatus, SupportArrangement

pytestmark = pytest.mark.django_db


def test_the_demo_member_gets_an_active_supporter_once(member):
    ActiveMemberFactory(user=member)
    assert demo.load_demo(password="a-long-demo-password") == 1
    assert demo.load_demo(password="a-long-demo-password") == 0
    arrangement = SupportArrangement.objects.get()
    assert arrangement.status == ArrangementStatus.ACTIVE
    assert arrangement.supporter.email == demo.DEMO_SUPPORTER_EMAIL
    assert arrangement.supporter.check_password("a-long-demo-password")
    assert "I agree that Priya Patel may act for me" in arrangement.consent_wording


def test_without_the_demo_member_nothing_is_made(db):
    assert demo.load_demo(password=None) == 0
    assert not SupportArrangement.objects.exists()
