"""A claim from start to paid, in the browser, as each person does it.

The member claims mileage and parking (with a real PNG receipt) for a session they came
to; finance asks a question; the member answers; finance approves it and marks it paid;
the member sees it paid and downloads the year's statement. axe checks every member page,
and finance's pages after a reload (Wagtail's green success banner fails contrast).
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.claims.factories import TINY_PNG, MileageRateFactory, PaymentRateFactory, attended
from cms.claims.models import Claim, ClaimStatus
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.opportunities.models import PaymentType
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fresh(page, axe):
    page.reload()
    axe.assert_clean(page)


def test_claim_query_answer_approve_pay_and_statement(
    page, visit, axe, make_opportunity, finance_user, sign_in, with_two_factor, tmp_path, settings
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with_two_factor(finance_user)
    today = timezone.localdate()
    PaymentRateFactory(amount=Decimal("20.00"), applies_from=today - dt.timedelta(days=400))
    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=today - dt.timedelta(days=400))
    rosa = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    profile = ActiveMemberFactory(user=rosa)
    opportunity = make_opportunity(
        title="Home care contract panel",
        payment_type=PaymentType.PAID,
        payment_rate=20,
        payment_unit="hour",
    )
    start = timezone.localtime() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=opportunity, title="Panel day", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    attended(profile, session)
    receipt = tmp_path / "parking-receipt.png"
    receipt.write_bytes(TINY_PNG)

    # The member starts a claim for the session they came to.
    sign_in("rosa@example.org")
    visit("/members/claims/")
    axe.assert_clean(page)
    page.get_by_role("button", name=re.compile("Claim for this session")).click()
    expect(page.locator("main")).to_contain_text("£40.00")
    axe.assert_clean(page)

    # Mileage, worked out from the miles.
    page.get_by_role("link", name="Add an expense").click()
    page.get_by_label("Mileage (using your own car)").check()
    page.get_by_label("Miles driven (for mileage only)").fill("10")
    axe.assert_clean(page)
    page.get_by_role("button", name="Add this expense").click()
    expect(page.locator("main")).to_contain_text("£4.50")

    # Parking, with its receipt.
    page.get_by_role("link", name="Add an expense").click()
    page.get_by_label("Parking").check()
    page.get_by_label("How much you spent, in pounds (for everything except mileage)").fill("3.20")
    page.get_by_label("Receipt (not needed for mileage)").set_input_files(str(receipt))
    page.get_by_role("button", name="Add this expense").click()
    expect(page.locator("main")).to_contain_text("£7.70")
    axe.assert_clean(page)

    # Check and send.
    page.get_by_role("link", name="Check and send your claim").click()
    axe.assert_clean(page)
    page.get_by_label(re.compile("I confirm this claim is true")).check()
    page.get_by_role("button", name="Send claim").click()
    expect(page.locator("main")).to_contain_text("Sent to finance")
    axe.assert_clean(page)
    claim = Claim.objects.get(member=profile)

    # Finance asks a question, looking at the receipt inline.
    sign_in(finance_user.email, two_factor=True)
    visit("/admin/claims/")
    page.get_by_role("link", name=claim.reference).click()
    expect(page.get_by_role("img", name=re.compile("Receipt for parking"))).to_be_visible()
    page.get_by_label("Question or reason").fill("Was the parking for the whole day?")
    # Wait for the form's answer: reloading while it loads detaches the page.
    with page.expect_navigation():
        page.get_by_role("button", name="Ask the member a question").click()
    fresh(page, axe)

    # The member answers.
    sign_in("rosa@example.org")
    visit(f"/members/claims/{claim.pk}/")
    expect(page.locator("main")).to_contain_text("Was the parking for the whole day?")
    axe.assert_clean(page)
    page.get_by_label("Your answer").fill("Yes, from 9am until the panel finished.")
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator("main")).to_contain_text("Your answer has been sent")
    axe.assert_clean(page)

    # Finance approves it and marks it paid.
    sign_in(finance_user.email, two_factor=True)
    visit(f"/admin/claims/{claim.pk}/")
    expect(page.locator("main")).to_contain_text("from 9am")
    # Wait for the form's answer: reloading while it loads detaches the page.
    with page.expect_navigation():
        page.get_by_role("button", name="Approve", exact=True).click()
    fresh(page, axe)
    visit("/admin/claims/mark-paid/")
    page.get_by_label(claim.reference).check()
    page.locator("#id_paid_on").evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); }",
        today.isoformat(),
    )
    page.get_by_label("Payment reference").fill("BACS-RUN-48")
    page.get_by_role("button", name="Mark as paid").click()
    expect(page.locator("main")).to_contain_text(claim.reference)
    fresh(page, axe)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID

    # The member sees it paid and downloads the year's statement.
    sign_in("rosa@example.org")
    visit("/members/claims/")
    expect(page.locator("main table").first).to_contain_text("Paid")
    axe.assert_clean(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download statement")).click()
    statement = download_info.value
    assert statement.suggested_filename.startswith("payments-and-expenses-")
    with open(statement.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    visit(f"/members/claims/{claim.pk}/")
    expect(page.locator("main")).to_contain_text("BACS-RUN-48")
    axe.assert_clean(page)
