"""A paused member is neither suggested for mentoring nor sent a suggested pair, and a
coordinator who selects a paused person by hand sees first that they are paused."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.mentoring import services as mentoring_services
from cms.mentoring.factories import MentorProfileFactory
from cms.mentoring.models import MentoringPair
from cms.mentoring.selectors import mentor_suggestions
from cms.notifications.models import Notification
from cms.participation import services as participation
from cms.wellbeing.factories import PauseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Mentoring -----------------------------------------------------------------------------


def test_a_paused_mentor_is_not_suggested_until_their_pause_ends():
    mentee = ActiveMemberFactory()
    paused_mentor = MentorProfileFactory().member
    free_mentor = MentorProfileFactory().member
    PauseFactory(member=paused_mentor, starts_on=timezone.localdate() - dt.timedelta(days=7))
    assert [s.member for s in mentor_suggestions(mentee)] == [free_mentor]
    paused_mentor.pauses.update(until=timezone.localdate())
    assert {s.member for s in mentor_suggestions(mentee)} == {free_mentor, paused_mentor}


def test_nobody_is_suggested_for_a_paused_mentee():
    mentee = ActiveMemberFactory()
    MentorProfileFactory()
    PauseFactory(member=mentee)
    assert mentor_suggestions(mentee) == []


@pytest.mark.parametrize("who", ["mentor", "mentee"])
def test_a_pair_with_a_paused_person_is_refused_saying_until_when(coordinator, who):
    people = {"mentor": MentorProfileFactory().member, "mentee": ActiveMemberFactory()}
    pause = PauseFactory(member=people[who])
    with pytest.raises(mentoring_services.MentoringError) as refused:
        mentoring_services.propose_pair(**people, by=coordinator)
    assert str(refused.value) == (
        f"{people[who]} has paused their involvement until {pause.until:%-d %B %Y}. "
        "They cannot be suggested for mentoring while they are paused."
    )
    assert not MentoringPair.objects.exists()
    assert not Notification.objects.filter(subject__icontains="mentoring pair").exists()


def test_the_refusal_uses_the_same_words_as_the_invitation(coordinator, make_opportunity):
    member = MentorProfileFactory().member
    PauseFactory(member=member, until=None)
    with pytest.raises(participation.ParticipationError) as invite_refused:
        participation.invite(member, make_opportunity(), by=coordinator)
    with pytest.raises(mentoring_services.MentoringError) as pair_refused:
        mentoring_services.propose_pair(mentor=member, mentee=ActiveMemberFactory(), by=coordinator)
    opening = f"{member} has paused their involvement until they say they are back."
    assert str(invite_refused.value).startswith(opening)
    assert str(pair_refused.value).startswith(opening)


def test_the_propose_page_says_the_mentee_is_paused_and_refuses_with_a_message(signed_in):
    mentee = ActiveMemberFactory()
    mentor = MentorProfileFactory().member
    pause = PauseFactory(member=mentee)
    page = signed_in.get(f"/admin/mentoring/propose/?mentee={mentee.pk}").content.decode()
    assert f"until {pause.until:%-d %B %Y}" in page
    assert "Mentors ranked by how well they fit" not in page

    response = signed_in.post(
        "/admin/mentoring/propose/", {"mentee": mentee.pk, "mentor": mentor.pk}
    )
    assert response.status_code == 302
    assert any(
        "cannot be suggested for mentoring while they are paused" in m for m in shown(response)
    )
    assert not MentoringPair.objects.exists()


def test_a_mentor_paused_after_the_page_was_shown_is_refused_with_a_message(
    signed_in, coordinator, monkeypatch
):
    """The pause lands between the ranking and the proposal: a message, not an error page."""
    mentee = ActiveMemberFactory()
    mentor = MentorProfileFactory().member
    PauseFactory(member=mentor)
    # The ranking was made before the pause: the mentor is still on the list.
    from cms.mentoring import admin_views
    from cms.mentoring.matching import Suggestion

    monkeypatch.setattr(
        admin_views.selectors,
        "mentor_suggestions",
        lambda mentee: [
            Suggestion(
                mentor_profile=mentor.mentor_profile, score=1, places_left=1, reasons=["Has room"]
            )
        ],
    )
    response = signed_in.post(
        "/admin/mentoring/propose/", {"mentee": mentee.pk, "mentor": mentor.pk}
    )
    assert response.status_code == 302
    assert any(f"{mentor} has paused their involvement" in m for m in shown(response))
    assert not MentoringPair.objects.exists()


# --- Selecting by hand on the responses page -------------------------------------------------


def respond(opportunity):
    member = ActiveMemberFactory(references_received_on=timezone.localdate())
    return participation.express_interest(member, opportunity)


def test_the_responses_page_labels_paused_people_but_still_lets_them_be_selected(
    signed_in, make_opportunity, coordinator
):
    opportunity = make_opportunity(places=5)
    paused_interest = respond(opportunity)
    other = respond(opportunity)
    pause = PauseFactory(member=paused_interest.member)
    PauseFactory(
        member=other.member, until=None, starts_on=timezone.localdate() + dt.timedelta(days=3)
    )
    page = signed_in.get(f"/admin/taking-part/{opportunity.pk}/").content.decode()
    assert page.count('data-testid="paused-warning"') == 1
    assert f"Paused until {pause.until:%-d %B %Y}" in page

    response = signed_in.post(
        f"/admin/taking-part/{opportunity.pk}/",
        {"interest": paused_interest.pk, "to_status": "selected"},
    )
    assert response.status_code == 302
    paused_interest.refresh_from_db()
    assert paused_interest.status == "selected"


def test_the_responses_page_query_count_stays_flat_with_more_paused_people(
    signed_in, make_opportunity
):
    opportunity = make_opportunity(places=50)

    def add(count):
        for _ in range(count):
            PauseFactory(member=respond(opportunity).member)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = signed_in.get(f"/admin/taking-part/{opportunity.pk}/")
        assert response.status_code == 200
        return len(captured), response.content.decode().count('data-testid="paused-warning"')

    add(2)
    queries()  # the first request fills what the cache keeps between requests
    few, labelled = queries()
    assert labelled == 2
    add(10)
    many, labelled = queries()
    assert labelled == 12
    assert few == many
