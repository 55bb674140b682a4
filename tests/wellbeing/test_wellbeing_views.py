"""The member's pause and check-in pages, the dashboard panel, and the coordinators' list:
who may see them, what they do, and the list's query count."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.wellbeing import selectors
from cms.wellbeing.factories import PauseFactory, WellbeingCheckInFactory
from cms.wellbeing.models import Feeling, Pause, WellbeingCheckIn

pytestmark = pytest.mark.django_db

INDEX = reverse("members:wellbeing:index")
PAUSE = reverse("members:wellbeing:pause")
RESUME = reverse("members:wellbeing:resume")
CHECK_IN = reverse("members:wellbeing:check_in")
ADMIN = reverse("wellbeing_admin:index")
MEMBER_GETS = [INDEX, PAUSE, CHECK_IN]


def day(value: dt.date) -> str:
    return f"{value.day} {value.month} {value.year}"


@pytest.fixture
def profile(member):
    return ActiveMemberFactory(user=member)


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [*MEMBER_GETS, RESUME])
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.post(url) if url == RESUME else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["editor", "coordinator", "finance_user"])
@pytest.mark.parametrize("url", MEMBER_GETS)
def test_staff_without_a_member_record_are_refused(client, request, who, url):
    client.force_login(request.getfixturevalue(who))
    response = client.get(url)
    assert response.status_code == 403
    assert b"These pages are for members" in response.content


def test_another_member_sees_only_their_own_pause_and_cannot_end_anyone_elses(client, profile):
    PauseFactory(member=profile, until=None, reason="Looking after my dad")
    other = ActiveMemberFactory()
    client.force_login(other.user)
    response = client.get(INDEX)
    assert b"You are not paused" in response.content
    assert b"Looking after my dad" not in response.content
    assert client.post(RESUME).status_code == 302
    assert selectors.is_paused(profile)
    # Pausing themselves touches only their own record.
    client.post(PAUSE, {"starts_on": day(timezone.localdate()), "until": "", "reason": ""})
    assert Pause.objects.filter(member=other).count() == 1
    assert Pause.objects.filter(member=profile).count() == 1


@pytest.mark.parametrize("who", [None, "member", "editor", "finance_user"])
def test_only_coordinators_see_the_list_or_record_a_call(client, request, who, profile):
    check = WellbeingCheckInFactory(member=profile, wants_call=True, note="Hard week")
    PauseFactory(member=ActiveMemberFactory())
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(ADMIN)
    assert response.status_code in (302, 403)
    assert b"Hard week" not in response.content
    response = client.post(reverse("wellbeing_admin:record_call", args=[check.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != ADMIN
    check.refresh_from_db()
    assert check.called_at is None


# --- The member's pages --------------------------------------------------------------------


def test_a_member_pauses_until_a_date_then_comes_back_early(client, profile):
    client.force_login(profile.user)
    today = timezone.localdate()
    back = today + dt.timedelta(days=21)
    response = client.post(
        PAUSE, {"starts_on": day(today), "until": day(back), "reason": "A hospital stay"}
    )
    assert response.status_code == 302
    pause = Pause.objects.get(member=profile)
    assert (pause.starts_on, pause.until, pause.created_by) == (today, back, profile.user)
    page = client.get(INDEX).content.decode()
    assert f"{back:%-d %B %Y}" in page
    assert "A hospital stay" in page
    assert "Your involvement is paused" in client.get(reverse("members:account")).content.decode()

    assert client.get(PAUSE).status_code == 302  # already paused: back to the page
    response = client.post(RESUME)
    assert response.status_code == 302
    pause.refresh_from_db()
    assert pause.ended_by == profile.user
    assert not selectors.is_paused(profile)


def test_impossible_dates_are_shown_in_the_error_summary(client, profile):
    client.force_login(profile.user)
    today = timezone.localdate()
    response = client.post(PAUSE, {"starts_on": day(today), "until": day(today), "reason": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "nhsuk-error-summary" in page
    assert 'href="#id_until"' in page
    assert "The day you come back must be after the day your break starts" in page
    response = client.post(PAUSE, {"starts_on": "yesterday-ish", "until": ""})
    assert response.status_code == 400
    assert not Pause.objects.exists()


def test_a_member_says_how_they_are_and_asks_for_a_call(client, profile, coordinator):
    client.force_login(profile.user)
    assert client.get(CHECK_IN).status_code == 200
    response = client.post(CHECK_IN, {})
    assert response.status_code == 400
    assert b"Choose how you are doing" in response.content
    response = client.post(
        CHECK_IN, {"feeling": Feeling.NOT_GREAT, "note": "Tired", "wants_call": "yes"}
    )
    assert response.status_code == 302
    check = WellbeingCheckIn.objects.get(member=profile)
    assert (check.feeling, check.note, check.wants_call) == (Feeling.NOT_GREAT, "Tired", True)
    assert "you asked for a call" in client.get(INDEX).content.decode()


# --- The coordinators' list ----------------------------------------------------------------


def test_coordinators_see_who_is_paused_and_when_they_return_but_not_why(
    client, coordinator, profile
):
    today = timezone.localdate()
    PauseFactory(member=profile, until=today + dt.timedelta(days=10), reason="Private reason words")
    PauseFactory(member=ActiveMemberFactory(user__first_name="Noah"), until=None)
    WellbeingCheckInFactory(member=profile, wants_call=True, note="Please ring after 2pm")
    client.force_login(coordinator)
    page = client.get(ADMIN).content.decode()
    assert f"{today + dt.timedelta(days=10):%-d %b %Y}" in page
    assert "When they say they are back" in page
    assert "Private reason words" not in page
    assert "Please ring after 2pm" in page


def test_a_coordinator_records_a_call_and_it_leaves_the_list(client, coordinator, profile):
    check = WellbeingCheckInFactory(member=profile, wants_call=True, note="Ring me")
    client.force_login(coordinator)
    response = client.post(reverse("wellbeing_admin:record_call", args=[check.pk]))
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.called_by == coordinator
    assert "Ring me" not in client.get(ADMIN).content.decode()


def _people(count):
    for _ in range(count):
        PauseFactory()
        WellbeingCheckInFactory(wants_call=True)


def test_the_list_query_count_is_flat_as_people_grow(client, coordinator):
    client.force_login(coordinator)
    _people(2)
    client.get(ADMIN)  # warm up caches that are filled once per process
    with CaptureQueriesContext(connection) as few:
        response = client.get(ADMIN)
    assert response.content.count(b"<tr>") >= 4
    _people(20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(ADMIN)
    assert response.content.count(b"<tr>") >= 44
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_menu_item_shows_only_to_coordinators(client, coordinator, editor):
    home = reverse("wagtailadmin_home")
    client.force_login(coordinator)
    assert ADMIN.encode() in client.get(home).content
    client.force_login(editor)
    assert ADMIN.encode() not in client.get(home).content
