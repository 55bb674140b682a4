"""Getting the e-bulletin, in the browser: a visitor subscribes from the bulletins page,
confirms from the email, receives the next issue, and unsubscribes with one click; then a
mail program's one-click unsubscribe (RFC 8058) works too. A member subscribes from the
members area. axe checks every page.
"""

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from cms.bulletins.factories import BulletinIndexPageFactory, BulletinPageFactory
from cms.bulletins.sending import start_send
from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions import links
from cms.subscriptions.models import Subscriber
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "rosa.reader@example.net"


def link_in(body: str, part: str) -> str:
    """The path of the first link in ``body`` containing ``part``: the live server is not
    at ``SITE_URL``, so the test follows the path on the live server."""
    match = re.search(rf"https?://\S*{re.escape(part)}\S*", body)
    assert match, f"no link with {part} in:\n{body}"
    return urlparse(match.group(0)).path


def test_a_visitor_subscribes_confirms_receives_an_issue_and_unsubscribes(
    page, visit, axe, home_page, editor, mailoutbox
):
    dementia = ServiceAreaFactory(name="Dementia")
    ServiceAreaFactory(name="Carers")
    index = BulletinIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    issue = BulletinPageFactory(parent=index, title="Autumn news")
    issue.save_revision().publish()
    issue.refresh_from_db()

    # From the bulletins page to the form.
    visit(index.url)
    axe.assert_clean(page)
    page.get_by_role("link", name="Get the e-bulletin by email").click()
    axe.assert_clean(page)

    # A mistake is explained, then the visitor subscribes to dementia news in plain text.
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter your email address")
    axe.assert_clean(page)
    page.get_by_label("Email address").fill(ADDRESS)
    page.get_by_label("Dementia").check()
    page.get_by_label("Plain text only").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe.assert_clean(page)
    subscriber = Subscriber.objects.get(email=ADDRESS)
    assert subscriber.status == Subscriber.Status.PENDING

    # Nothing is sent before the address is confirmed.
    start_send(issue, service_areas=[dementia], requested_by=editor)
    assert [m.to for m in mailoutbox] == [[ADDRESS]]
    confirmation = mailoutbox[0]
    assert "confirm" in confirmation.subject.lower()

    # Opening the link shows a button; pressing it confirms.
    visit(link_in(confirmation.body, "/bulletin/confirm/"))
    axe.assert_clean(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    page.get_by_role("button", name="Yes, send me the e-bulletin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    axe.assert_clean(page)

    # The next issue arrives, with this subscriber's own links and one-click headers.
    next_issue = BulletinPageFactory(parent=index, title="Winter news")
    next_issue.save_revision().publish()
    next_issue.refresh_from_db()
    mailoutbox.clear()
    start_send(next_issue, service_areas=[dementia], requested_by=editor)
    assert [m.to for m in mailoutbox] == [[ADDRESS]]
    bulletin = mailoutbox[0]
    assert "Winter news" in bulletin.subject
    assert bulletin.alternatives == []  # plain text only, as chosen
    subscriber.refresh_from_db()
    assert links.unsubscribe_url(subscriber) in bulletin.body
    assert links.preferences_url(subscriber) in bulletin.body
    assert bulletin.extra_headers["List-Unsubscribe"] == (
        f"<{links.one_click_unsubscribe_url(subscriber)}>"
    )
    assert bulletin.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The email's unsubscribe link opens a page with one button; one click and it is done.
    visit(link_in(bulletin.body, "/bulletin/unsubscribe/"))
    axe.assert_clean(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    axe.assert_clean(page)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    # They change their mind, then their mail program's one-click unsubscribe works too.
    page.get_by_role("button", name="Subscribe again").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed again")
    axe.assert_clean(page)
    one_click = urlparse(bulletin.extra_headers["List-Unsubscribe"].strip("<>")).path
    response = page.request.post(
        page.base_url + one_click,
        form={"List-Unsubscribe": "One-Click"},
        headers={"Cookie": ""},
    )
    assert response.ok
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    # Nobody who unsubscribed gets the next issue.
    last_issue = BulletinPageFactory(parent=index, title="Spring news")
    last_issue.save_revision().publish()
    last_issue.refresh_from_db()
    mailoutbox.clear()
    start_send(last_issue, service_areas=[], requested_by=editor)
    assert mailoutbox == []


def test_preferences_from_the_email_and_the_members_page(
    page, visit, axe, home_page, sign_in, mailoutbox
):
    ServiceAreaFactory(name="Mental health")
    ServiceAreaFactory(name="Carers")
    reader = Subscriber.objects.create(email="reader@example.net", status="confirmed")

    # The preferences link works without signing in.
    visit(urlparse(links.preferences_url(reader)).path)
    axe.assert_clean(page)
    page.get_by_label("Carers").check()
    page.get_by_label("Plain text only").check()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.locator("main")).to_contain_text("Your choices have been saved")
    axe.assert_clean(page)
    reader.refresh_from_db()
    assert reader.email_format == "plain_text"
    assert [area.name for area in reader.service_areas.all()] == ["Carers"]

    # A member subscribes from the members area, with no email to confirm.
    UserFactory(email="member.reader@example.org")
    sign_in("member.reader@example.org")
    visit("/members/bulletin/")
    axe.assert_clean(page)
    page.get_by_label("Mental health").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator("main")).to_contain_text("You get the e-bulletin")
    axe.assert_clean(page)
    assert Subscriber.objects.get(email="member.reader@example.org").status == "confirmed"
    assert mailoutbox == []
