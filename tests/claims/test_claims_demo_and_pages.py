import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from cms.claims import demo, selectors
from cms.claims.models import Claim, ClaimChange, ClaimStatus, ExpenseLine, PaymentRate
from cms.members.choices import PaymentPreference
from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification
from cms.opportunities.factories import OpportunitySessionFactory
from cms.users import roles
from cms.users.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(make_opportunity):
    StaffUserFactory(email="finance@example.org", role=roles.FINANCE)
    StaffUserFactory(email="coordinator@example.org", role=roles.COORDINATORS)
    ActiveMemberFactory(user=UserFactory(email="member@example.org"))
    ActiveMemberFactory(user=UserFactory(email="ayesha@example.org"))
    ActiveMemberFactory(
        user=UserFactory(email="tom@example.org"),
        payment_preference=PaymentPreference.EXPENSES_ONLY,
    )
    page = make_opportunity(title="Home care panel", paid=True)
    now = timezone.localtime()
    for days in (3, 10, 17, 24, 31):
        start = now - dt.timedelta(days=days)
        OpportunitySessionFactory(page=page, starts_at=start, ends_at=start + dt.timedelta(hours=3))


def test_the_demo_has_claims_in_every_state_and_a_second_run_changes_nothing(
    demo_world, private_media
):
    demo.load_demo()
    counts = [model.objects.count() for model in (Claim, ClaimChange, ExpenseLine, PaymentRate)]
    assert set(Claim.objects.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert Claim.objects.filter(payment_offered=False).exists()  # the expenses-only member
    assert not Notification.objects.exists()  # loading the demo tells nobody
    receipts = sorted(path.name for path in private_media.rglob("*") if path.is_file())
    assert receipts and all(name.startswith("demo-") for name in receipts)
    demo.load_demo()
    assert receipts == sorted(path.name for path in private_media.rglob("*") if path.is_file())
    assert counts == [
        model.objects.count() for model in (Claim, ClaimChange, ExpenseLine, PaymentRate)
    ]


def test_the_demo_rates_rise_during_the_tax_year():
    demo.load_rates(dt.date(2026, 11, 26))
    before = selectors.payment_rate_in_force(level="consult", day=dt.date(2026, 9, 30))
    after = selectors.payment_rate_in_force(level="consult", day=dt.date(2026, 10, 1))
    assert (before.amount, after.amount) == (Decimal("20.00"), Decimal("22.50"))


def test_the_opportunity_page_shows_the_finance_rate_in_force(client, make_opportunity, site):
    demo.load_rates(timezone.localdate())
    page = make_opportunity(title="Paid panel", paid=True, payment_rate=Decimal("99.00"))
    html = client.get(page.url).content.decode()
    in_force = selectors.payment_rate_in_force(
        level=page.level_of_involvement, day=timezone.localdate()
    )
    # What claims pay is what the page says, not a figure an editor typed.
    assert f"We pay {in_force.text} for your time" in html
    assert "£99.00" not in html
    assert "Rates set by our finance team" in html
    assert "a mile" in html
    assert "Parking: up to £15.00 for each activity" in html


def test_the_dashboard_panel_lists_claims_in_progress(profile, session_attended):
    from cms.claims import services

    claim = services.start_claim(member=profile, session=session_attended, by=profile.user)
    html = render_to_string(
        "claims/dashboard/claims_panel.html",
        {"claims_in_progress": selectors.claims_in_progress(profile)},
    )
    assert f"/members/claims/{claim.pk}/" in html
    assert "Not sent yet" in html
