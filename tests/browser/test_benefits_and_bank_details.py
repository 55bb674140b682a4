"""A member sets an earnings limit, gets their letter page and adds bank details; finance
reveal them in the admin. Every page, error states included, is checked by axe."""

import pytest

from cms.banking.models import BankDetails, BankDetailsAccess
from cms.benefits.models import EarningsLimit
from cms.members.factories import ActiveMemberFactory
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_earnings_limit_letter_and_bank_details_then_finance_reveal(
    page, visit, axe, sign_in, with_two_factor, finance_user
):
    user = UserFactory(email="rosa@example.org", first_name="Rosa", last_name="Parkes")
    profile = ActiveMemberFactory(user=user)
    sign_in("rosa@example.org")

    visit("/members/benefits/")
    assert page.get_by_role("heading", name="Benefits and your involvement payments").is_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Set an earnings limit").click()
    page.wait_for_url("**/members/benefits/earnings-limit/")
    axe.assert_clean(page)

    page.get_by_label("Weekly limit in pounds (optional)").fill("lots")
    page.get_by_role("button", name="Save earnings limit").click()
    assert page.title().startswith("Error: ")
    assert "Enter an amount in pounds" in page.locator(".nhsuk-error-summary").inner_text()
    axe.assert_clean(page)

    page.get_by_label("Weekly limit in pounds (optional)").fill("195")
    page.get_by_label("What is the limit for? (optional)").fill("Permitted work")
    page.get_by_role("button", name="Save earnings limit").click()
    page.wait_for_url("**/members/benefits/")
    assert page.get_by_text("£195.00").is_visible()
    axe.assert_clean(page)
    assert EarningsLimit.objects.get(member=profile).weekly_limit == 195

    page.get_by_role("link", name="Get a letter for your benefits office").click()
    page.wait_for_url("**/members/benefits/letter/")
    axe.assert_clean(page)

    visit("/members/bank-details/")
    axe.assert_clean(page)
    page.get_by_role("link", name="Add your bank details").click()
    page.get_by_label("Name on the account").fill("Rosa Parkes")
    page.get_by_label("Sort code").fill("30 94 8")
    page.get_by_label("Account number").fill("00733445")
    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Save bank details").click()
    summary = page.locator(".nhsuk-error-summary").inner_text()
    assert "Enter a valid sort code" in summary and "The password is not right" in summary
    axe.assert_clean(page)

    page.get_by_label("Sort code").fill("30 94 80")
    page.get_by_label("Account number").fill("00733445")
    page.get_by_label("Your password").fill("a-long-test-password")
    page.get_by_role("button", name="Save bank details").click()
    page.wait_for_url("**/members/bank-details/")
    assert "••••3445" in page.content() and "00733445" not in page.content()
    axe.assert_clean(page)
    details = BankDetails.objects.get(member=profile)

    finance = with_two_factor(finance_user)
    sign_in(finance.email, two_factor=True)
    visit("/admin/bank-details/")
    assert "••••3445" in page.content()
    axe.assert_clean(page)
    visit(f"/admin/bank-details/{details.pk}/reveal/")
    axe.assert_clean(page)
    page.get_by_label("Making a payment").check()
    page.get_by_label("Explain in a sentence").fill("Payment run for March")
    page.get_by_role("button", name="Show full details").click()
    page.get_by_text("This look has been recorded").wait_for()
    assert "00733445" in page.content()
    axe.assert_clean(page)
    assert BankDetailsAccess.objects.get().viewed_by == finance
