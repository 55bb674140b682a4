"""The members-area bulletin page (own subscription only) and the staff list and summary."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.opportunities.factories import ServiceAreaFactory
from cms.subscriptions import selectors
from cms.subscriptions.factories import (
    ConfirmedSubscriberFactory,
    SubscriberFactory,
    UnsubscribedSubscriberFactory,
)
from cms.subscriptions.models import Subscriber
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/members/bulletin/"


def test_a_visitor_is_asked_to_sign_in(client, site):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(reverse("members:bulletin:unsubscribe")).status_code == 302


def test_a_member_subscribes_without_a_confirmation_email(
    client, site, member, django_capture_on_commit_callbacks
):
    carers = ServiceAreaFactory(name="Carers")
    client.force_login(member)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert b"You do not get the e-bulletin" in response.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PAGE, {"service_areas": [carers.pk], "email_format": "plain_text"}, follow=True
        )
    assert b"You are subscribed" in response.content
    assert b"You get the e-bulletin" in response.content
    subscriber = Subscriber.objects.get(user=member)
    assert (subscriber.status, subscriber.email_format) == ("confirmed", "plain_text")
    assert list(subscriber.service_areas.all()) == [carers]
    assert mail.outbox == []

    response = client.post(reverse("members:bulletin:unsubscribe"), follow=True)
    assert b"You have unsubscribed" in response.content
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_each_person_sees_and_changes_only_their_own_subscription(client, site, member, editor):
    other = UserFactory(email="other.member@example.org")
    theirs = ConfirmedSubscriberFactory(email="member@example.org", user=member)
    for person in (other, editor):
        client.force_login(person)
        response = client.get(PAGE)
        assert response.status_code == 200
        assert b"member@example.org" not in response.content
        assert b"You do not get the e-bulletin" in response.content
        client.post(reverse("members:bulletin:unsubscribe"))
        client.post(PAGE, {"email_format": "plain_text"})
    theirs.refresh_from_db()
    assert (theirs.status, theirs.email_format, theirs.user) == ("confirmed", "html", member)


def test_someone_without_a_verified_address_is_told_what_to_do(client, site):
    unverified = UserFactory(email="unverified@example.org", verified_email=False)
    client.force_login(unverified)
    response = client.get(PAGE)
    assert b"add and confirm an email address" in response.content
    client.post(PAGE, {"email_format": "html"})
    assert not Subscriber.objects.exists()


def test_the_dashboard_selector_finds_only_the_persons_own_subscription(member):
    assert selectors.subscription_for_user(member) is None
    SubscriberFactory(email="member@example.org")
    assert selectors.subscription_for_user(member) is None
    own = ConfirmedSubscriberFactory(email="member-2@example.org", user=member)
    assert selectors.subscription_for_user(member) == own


def admin_paths():
    return [
        reverse("wagtailsnippets_subscriptions_subscriber:list"),
        reverse("bulletin_subscribers_summary"),
    ]


@pytest.mark.parametrize("who", ["member", "finance_user"])
def test_members_and_finance_staff_cannot_see_the_list(client, request, who):
    ConfirmedSubscriberFactory(email="secret@example.net")
    client.force_login(request.getfixturevalue(who))
    for path in admin_paths():
        response = client.get(path)
        assert response.status_code in (302, 403), path
        assert b"secret@example.net" not in response.content


def test_a_visitor_is_sent_to_sign_in_for_the_staff_pages(client):
    for path in admin_paths():
        response = client.get(path)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["editor", "coordinator"])
def test_editors_and_coordinators_search_the_list_and_see_the_counts(client, request, who):
    dementia = ServiceAreaFactory(name="Dementia")
    ConfirmedSubscriberFactory(email="rosa@example.net", service_areas=[dementia])
    ConfirmedSubscriberFactory(email="sam@example.net")
    SubscriberFactory(email="pending@example.net")
    UnsubscribedSubscriberFactory(email="left@example.net")
    client.force_login(request.getfixturevalue(who))

    listing = client.get(reverse("wagtailsnippets_subscriptions_subscriber:list"), {"q": "rosa"})
    assert listing.status_code == 200
    assert b"rosa@example.net" in listing.content
    assert b"sam@example.net" not in listing.content

    summary = client.get(reverse("bulletin_subscribers_summary"))
    assert summary.status_code == 200
    statuses = {row["status"]: row["count"] for row in summary.context["by_status"]}
    assert statuses == {"pending": 1, "confirmed": 2, "unsubscribed": 1}
    segments = summary.context["by_segment"]
    assert segments["everything"] == 1
    assert {area.name: area.confirmed for area in segments["areas"]}["Dementia"] == 1


def test_editors_cannot_change_or_delete_subscribers(client, editor):
    subscriber = ConfirmedSubscriberFactory()
    client.force_login(editor)
    for name in ("edit", "delete"):
        url = reverse(f"wagtailsnippets_subscriptions_subscriber:{name}", args=[subscriber.pk])
        assert client.get(url).status_code in (302, 403)
    assert client.post(
        reverse("wagtailsnippets_subscriptions_subscriber:delete", args=[subscriber.pk])
    ).status_code in (302, 403)
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_staff_pages_query_count_stays_flat(client, coordinator):
    areas = [ServiceAreaFactory(name=f"Area {n}") for n in range(3)]
    client.force_login(coordinator)

    def add(count, start):
        for n in range(start, start + count):
            ConfirmedSubscriberFactory(email=f"many{n}@example.net", service_areas=areas[: n % 3])

    add(3, 0)
    for path in admin_paths():
        count_queries(client, path)
    few = [count_queries(client, path) for path in admin_paths()]
    add(40, 3)
    many = [count_queries(client, path) for path in admin_paths()]
    assert few == many


def test_a_member_sees_the_subscription_they_made_before_signing_in(client, site, member):
    public = ConfirmedSubscriberFactory(email="MEMBER@example.org")
    client.force_login(member)
    response = client.get(PAGE)
    assert b"You get the e-bulletin" in response.content
    client.post(reverse("members:bulletin:unsubscribe"))
    public.refresh_from_db()
    assert public.status == "unsubscribed"
    # Someone whose address is not verified never sees another entry for it.
    unverified = UserFactory(email="claimed@example.org", verified_email=False)
    ConfirmedSubscriberFactory(email="claimed@example.org")
    client.force_login(unverified)
    assert b"You do not get the e-bulletin" in client.get(PAGE).content


def test_nobody_adds_or_edits_subscribers_in_the_admin_but_coordinators_can_delete(
    client, administrator, coordinator
):
    subscriber = ConfirmedSubscriberFactory(email="erase.me@example.net")
    client.force_login(administrator)
    assert client.get(reverse("wagtailsnippets_subscriptions_subscriber:add")).status_code in (
        302,
        403,
    )
    edit = reverse("wagtailsnippets_subscriptions_subscriber:edit", args=[subscriber.pk])
    assert client.get(edit).status_code in (302, 403)
    inspect = reverse("wagtailsnippets_subscriptions_subscriber:inspect", args=[subscriber.pk])
    assert b"erase.me@example.net" in client.get(inspect).content

    client.force_login(coordinator)
    delete = reverse("wagtailsnippets_subscriptions_subscriber:delete", args=[subscriber.pk])
    assert client.post(delete).status_code == 302
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
