"""A member's dashboard is kept for them alone, and forgotten as soon as it may be stale."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms.core.personal_cache import personal_fragment
from cms.members.factories import ActiveMemberFactory
from cms.notifications.models import Notification, Topic
from cms.notifications.services import mark_read, notify
from cms.supporters.factories import ActiveSupportArrangementFactory
from cms.supporters.services import ACTING_FOR_SESSION_KEY

pytestmark = pytest.mark.django_db
DASHBOARD = "/members/"


@pytest.fixture(autouse=True)
def fragments_kept(settings):
    settings.PERSONAL_FRAGMENT_SECONDS = 60


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dashboard(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.content.decode()


def rename(member, first_name: str) -> None:
    """A change made outside any request of theirs (as a background task would)."""
    member.user.first_name = first_name
    member.user.save(update_fields=["first_name"])


def test_the_dashboard_is_built_once_then_kept():
    member = ActiveMemberFactory()
    client = signed_in(member.user)
    with CaptureQueriesContext(connection) as first:
        first_page = dashboard(client)
    with CaptureQueriesContext(connection) as second:
        second_page = dashboard(client)
    assert len(second) < len(first) - 10
    # Only what belongs to one response differs: CSRF tokens and script nonces.
    one_response_only = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]+"')
    assert one_response_only.sub("", first_page) == one_response_only.sub("", second_page)


def test_the_kept_part_carries_no_csrf_token_but_the_sign_out_form_always_has_one():
    member = ActiveMemberFactory()
    client = signed_in(member.user)
    dashboard(client)
    kept = personal_fragment(member.user, "account", lambda: pytest.fail("it was not kept"))
    assert "csrfmiddlewaretoken" not in kept
    page = dashboard(client)
    assert kept in page
    sign_out = re.search(r'<form method="post" action="/accounts/logout/">(.*?)</form>', page, re.S)
    assert 'name="csrfmiddlewaretoken"' in sign_out.group(1)


def test_each_person_sees_only_their_own():
    ada = ActiveMemberFactory(user__first_name="Ada", user__email="ada@example.org")
    bea = ActiveMemberFactory(user__first_name="Bea", user__email="bea@example.org")
    assert "ada@example.org" in dashboard(signed_in(ada.user))
    page = dashboard(signed_in(bea.user))
    assert "bea@example.org" in page
    assert "ada@example.org" not in page


def test_what_the_member_sends_shows_at_once():
    member = ActiveMemberFactory(user__first_name="Ada")
    client = signed_in(member.user)
    assert "Ada" in dashboard(client)
    rename(member, "Adaeze")
    assert "Adaeze" not in dashboard(client), "the kept dashboard was not used"
    # Any form the member sends may have changed what the dashboard shows.
    client.post("/members/pause/start/", {})
    assert "Adaeze" in dashboard(client)


def test_another_members_request_leaves_mine_kept():
    ada = ActiveMemberFactory(user__first_name="Ada")
    ada_client = signed_in(ada.user)
    dashboard(ada_client)
    rename(ada, "Adaeze")
    signed_in(ActiveMemberFactory().user).post("/members/pause/start/", {})
    assert "Adaeze" not in dashboard(ada_client)


def test_anything_staff_send_forgets_every_members(coordinator):
    ada = ActiveMemberFactory(user__first_name="Ada")
    bea = ActiveMemberFactory(user__first_name="Bea")
    ada_client, bea_client = signed_in(ada.user), signed_in(bea.user)
    dashboard(ada_client)
    dashboard(bea_client)
    rename(ada, "Adaeze")
    rename(bea, "Beatrix")
    # A coordinator's move (selection, attendance, a published opportunity) can touch anyone.
    signed_in(coordinator).post("/admin/pages/search/", {})
    assert "Adaeze" in dashboard(ada_client)
    assert "Beatrix" in dashboard(bea_client)


def test_a_supporter_acting_for_a_member_forgets_the_members():
    arrangement = ActiveSupportArrangementFactory(member__user__first_name="Ada")
    member = arrangement.member
    member_client = signed_in(member.user)
    dashboard(member_client)
    rename(member, "Adaeze")
    supporter = signed_in(arrangement.supporter)
    session = supporter.session
    session[ACTING_FOR_SESSION_KEY] = arrangement.pk
    session.save()
    supporter.post("/members/taking-part/interest/999999/", {})
    assert "Adaeze" in dashboard(member_client)


def test_being_told_something_shows_at_once(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory()
    other = ActiveMemberFactory(user__first_name="Bea")
    client, other_client = signed_in(member.user), signed_in(other.user)
    assert "Your mentor logged a session" not in dashboard(client)
    dashboard(other_client)
    rename(other, "Beatrix")
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=member.user,
            topic=Topic.MENTORING,
            key="test-mentoring-1",
            subject="Your mentor logged a session",
            body="Please confirm it.",
        )
    assert "Your mentor logged a session" in dashboard(client)
    assert "Beatrix" not in dashboard(other_client), "only the person told is rebuilt"


def test_opening_a_message_updates_the_unread_count(django_capture_on_commit_callbacks):
    member = ActiveMemberFactory()
    client = signed_in(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=member.user,
            topic=Topic.MESSAGE,
            key="test-message-1",
            subject="Papers for Thursday",
            body="They are attached.",
        )
    before = dashboard(client)
    with django_capture_on_commit_callbacks(execute=True):
        mark_read(Notification.objects.get(key="test-message-1"))
    assert dashboard(client) != before


def test_zero_seconds_builds_it_every_time(settings):
    settings.PERSONAL_FRAGMENT_SECONDS = 0
    member = ActiveMemberFactory(user__first_name="Ada")
    client = signed_in(member.user)
    dashboard(client)
    rename(member, "Adaeze")
    assert "Adaeze" in dashboard(client)


def test_replacing_the_database_forgets_every_kept_dashboard():
    from cms.core.backups import forget_cached_copies

    member = ActiveMemberFactory(user__first_name="Ada")
    client = signed_in(member.user)
    dashboard(client)
    rename(member, "Adaeze")
    forget_cached_copies()  # as a restore from a backup does
    assert "Adaeze" in dashboard(client)
