"""Messages in the browser: a member reads theirs; a coordinator sends a text by hand.

axe checks the member's pages and the coordinator's list (after a reload, as Wagtail's
own success banner fails colour contrast).
"""

import pytest
from playwright.sync_api import expect

from cms.members.factories import ActiveMemberFactory
from cms.notifications import services
from cms.notifications.models import Delivery, Topic
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_reads_a_message_and_a_coordinator_sends_the_text(
    page, visit, axe, coordinator, sign_in, with_two_factor
):
    with_two_factor(coordinator)
    nell = UserFactory(email="nell@example.org", first_name="Nell", last_name="Price")
    ActiveMemberFactory(user=nell, contact_methods=["email", "text"], phone="07700 900555")
    services.notify(
        recipient=nell,
        topic=Topic.PAPERS,
        key="browser:papers",
        subject="Papers for the Carers' Forum are ready",
        body="The agenda and last meeting's notes are ready to read.",
        url="/members/taking-part/",
    )

    sign_in("nell@example.org")
    visit("/members/messages/")
    expect(page.get_by_role("heading", name="Your messages", level=1)).to_be_visible()
    expect(page.get_by_text("Email, Text message")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Papers for the Carers' Forum are ready").click()
    expect(page.get_by_text("The agenda and last meeting's notes")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("link", name="Back to your messages").click()
    expect(page.get_by_text("New", exact=True)).to_have_count(0)

    sign_in("coordinator@example.org", two_factor=True)
    visit("/admin/messages/by-hand/")
    expect(page.get_by_text("07700 900555")).to_be_visible()
    axe.assert_clean(page)
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_text("Nothing is waiting.")).to_be_visible()
    assert not Delivery.objects.to_send_by_hand().exists()
    page.reload()
    axe.assert_clean(page)
