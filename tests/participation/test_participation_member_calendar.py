"""A member's personal calendar feed of confirmed sessions, at a secret, resettable address."""

import pytest
from django.core import signing
from django.urls import reverse
from icalendar import Calendar

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory
from cms.members.models import MemberProfile
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.calendar import SALT, feed_token
from cms.participation.models import Interest, InterestStatus
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
S = InterestStatus


def feed_url(token):
    return reverse("members:participation:calendar_feed", args=[token])


@pytest.fixture
def profile(member, make_opportunity):
    profile = ActiveMemberFactory(user=member)
    confirmed = make_opportunity(title="Dementia forum")
    OpportunitySessionFactory(page=confirmed, title="Spring meeting")
    Interest.objects.create(member=profile, opportunity=confirmed, status=S.CONFIRMED)
    interested = make_opportunity(title="Not yet chosen")
    OpportunitySessionFactory(page=interested, title="Maybe meeting")
    Interest.objects.create(member=profile, opportunity=interested, status=S.INTERESTED)
    other = ActiveMemberFactory(user=UserFactory(email="other@example.org"))
    theirs = make_opportunity(title="Someone else's")
    OpportunitySessionFactory(page=theirs, title="Their meeting")
    Interest.objects.create(member=other, opportunity=theirs, status=S.CONFIRMED)
    return profile


def test_the_feed_holds_only_the_members_confirmed_sessions_without_signing_in(client, profile):
    url = feed_url(feed_token(profile))
    assert url.startswith("/members/taking-part/calendar/") and url.endswith(".ics")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Dementia forum: Spring meeting"]
    assert "Civic Centre" in str(events[0]["location"])


def test_a_bad_or_forged_token_is_not_found(client, profile):
    assert client.get(feed_url("nonsense")).status_code == 404
    forged = signing.dumps({"u": profile.user_id, "k": "guess"}, salt=SALT)
    assert client.get(feed_url(forged)).status_code == 404
    other_salt = signing.dumps({"u": profile.user_id}, salt="something.else")
    assert client.get(feed_url(other_salt)).status_code == 404


def test_resetting_the_link_stops_the_old_one(client, profile):
    old = feed_url(feed_token(profile))
    client.force_login(profile.user)
    page = client.get(reverse("members:participation:calendar")).content.decode()
    assert old in page
    assert "Reset my calendar link" in page
    response = client.post(reverse("members:participation:calendar_reset"), follow=True)
    assert "The old link no longer works" in response.content.decode()
    client.logout()
    assert client.get(old).status_code == 404
    profile.refresh_from_db()
    assert client.get(feed_url(feed_token(profile))).status_code == 200


def test_changing_the_password_or_leaving_stops_the_link(client, profile):
    url = feed_url(feed_token(profile))
    user = profile.user
    user.set_password("a new long password 123")
    user.save()
    assert client.get(url).status_code == 404

    profile = MemberProfile.objects.get(pk=profile.pk)
    url = feed_url(feed_token(profile))
    assert client.get(url).status_code == 200
    MemberProfile.objects.filter(pk=profile.pk).update(status=Status.ON_HOLD)
    assert client.get(url).status_code == 404


def test_resetting_needs_a_post(client, profile):
    client.force_login(profile.user)
    assert client.get(reverse("members:participation:calendar_reset")).status_code == 405
