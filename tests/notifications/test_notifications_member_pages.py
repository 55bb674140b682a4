"""A person's messages at /members/messages/: their own only, newest first, read when opened."""

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.notifications import services
from cms.notifications.models import Notification
from cms.notifications.selectors import notifications_dashboard
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
LIST = "/members/messages/"


def tell(user, n, *, url="/members/taking-part/", minutes_ago=0):
    notification = services.notify(
        recipient=user,
        topic="taking_part",
        key=f"test:{n}",
        subject=f"Message number {n}",
        body=f"The full text of message {n}.\n\nA second paragraph.",
        url=url,
    )
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return notification


@pytest.fixture
def own(member):
    return ActiveMemberFactory(user=member, contact_methods=["email", "text"], formats=[])


def test_the_list_shows_own_messages_newest_first_with_unread_marked(client, own, member):
    tell(member, 1, minutes_ago=10)
    read = tell(member, 2, minutes_ago=5)
    services.mark_read(read)
    tell(member, 3, minutes_ago=1)
    tell(ActiveMemberFactory().user, 4)
    client.force_login(member)
    html = client.get(LIST).content.decode()
    assert (
        html.index("Message number 3")
        < html.index("Message number 2")
        < html.index("Message number 1")
    )
    assert "Message number 4" not in html
    assert html.count(">New</strong>") == 2


def test_the_list_says_how_they_are_contacted_with_a_link_to_change_it(client, own, member):
    own.formats = ["large_print"]
    own.save()
    client.force_login(member)
    html = client.get(LIST).content.decode()
    assert "Email, Text message" in html
    assert "Large print" in html
    assert 'href="/members/profile/contact/"' in html
    assert 'href="/members/profile/access-needs/"' in html


def test_an_applicant_without_a_choice_is_told_we_use_email(client):
    applicant = MemberProfileFactory(contact_methods=[])
    client.force_login(applicant.user)
    html = client.get(LIST).content.decode()
    assert "You have not chosen yet, so we use email." in html
    assert "/members/profile/contact/" not in html  # applicants have no profile pages yet


def test_the_list_is_paginated(client, own, member):
    for n in range(25):
        tell(member, n, minutes_ago=n)
    client.force_login(member)
    first = client.get(LIST).content.decode()
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Message number 0<" in first and "Message number 24<" not in first
    assert "Message number 24<" in second and "Page 1 of 2" in second


def test_opening_a_message_shows_it_in_full_and_marks_it_read(client, own, member):
    notification = tell(member, 1)
    client.force_login(member)
    response = client.get(f"{LIST}{notification.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<p>The full text of message 1.</p>" in html
    assert '<a class="nhsuk-button" href="/members/taking-part/">See what to do next</a>' in html
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_message_whose_link_is_this_list_has_no_button(client, own, member):
    notification = tell(member, 1, url="/members/messages/")
    client.force_login(member)
    html = client.get(f"{LIST}{notification.pk}/").content.decode()
    assert "See what to do next" not in html


def test_a_link_off_the_site_is_never_shown(client, own, member):
    notification = tell(member, 1, url="//elsewhere.example/")
    client.force_login(member)
    assert "elsewhere.example" not in client.get(f"{LIST}{notification.pk}/").content.decode()


@pytest.mark.parametrize("who", ["another member", "editor", "coordinator"])
def test_nobody_else_opens_a_persons_message(client, own, member, editor, coordinator, who):
    notification = tell(member, 1)
    other = {
        "another member": ActiveMemberFactory().user,
        "editor": editor,
        "coordinator": coordinator,
    }[who]
    client.force_login(other)
    assert client.get(f"{LIST}{notification.pk}/").status_code == 404
    assert "Message number 1" not in client.get(LIST).content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_visitor_is_asked_to_sign_in(client, own, member):
    notification = tell(member, 1)
    for url in (LIST, f"{LIST}{notification.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_list_query_count_does_not_grow_with_messages(client, own, member):
    client.force_login(member)
    tell(member, 0)
    client.get(LIST)  # fills the per-process caches (site, settings) first
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(1, 15):
        tell(member, n)
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(few)


def test_the_dashboard_selector_counts_unread_and_gives_the_latest_three(own, member):
    for n in range(5):
        tell(member, n, minutes_ago=10 - n)
    services.mark_read(Notification.objects.get(key="test:4"))
    tell(UserFactory(), 9)
    dashboard = notifications_dashboard(member)
    assert dashboard.unread_count == 4
    assert [n.subject for n in dashboard.latest] == [
        "Message number 4",
        "Message number 3",
        "Message number 2",
    ]
    html = render_to_string(
        "notifications/member/dashboard_panel.html", {"notifications_dashboard": dashboard}
    )
    assert "You have 4 new messages." in html
    assert f'href="/members/messages/{dashboard.latest[0].pk}/"' in html
    assert 'href="/members/messages/"' in html


def test_the_dashboard_panel_for_someone_with_no_messages(member):
    html = render_to_string(
        "notifications/member/dashboard_panel.html",
        {"notifications_dashboard": notifications_dashboard(member)},
    )
    assert "You have no messages yet." in html
