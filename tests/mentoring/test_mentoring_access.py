"""Who may see what in mentoring: the two people in a pair, and coordinators. A mentor never
sees anyone who is not their mentee; editors, finance staff and visitors see nothing."""

from urllib.parse import urlsplit

import pytest

from cms.development.factories import DevelopmentGoalFactory
from cms.members.factories import ActiveMemberFactory
from cms.mentoring.factories import (
    MentoringPairFactory,
    MentoringSessionFactory,
    MentorProfileFactory,
)
from cms.mentoring.models import MentoringPair, MentoringSession, PairStatus, SharedGoal
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member):
    """Maureen mentors Dev (``member``); Graham mentors Fatima, whose records are private."""
    dev = ActiveMemberFactory(user=member)
    maureen = ActiveMemberFactory(user=UserFactory(email="maureen@example.org"))
    own_pair = MentoringPairFactory(mentor=maureen, mentee=dev, status=PairStatus.ACTIVE)
    fatima = ActiveMemberFactory(user=UserFactory(email="fatima@example.org"))
    other_pair = MentoringPairFactory(mentee=fatima, status=PairStatus.ACTIVE)
    other_pair.goals.create(title="Secret-goal-marker")
    other_session = MentoringSessionFactory(
        pair=other_pair, notes="Secret-notes-marker", logged_by=other_pair.mentor.user
    )
    DevelopmentGoalFactory(member=fatima, what="Secret-plan-marker")
    MentorProfileFactory(member=maureen)
    return {
        "dev": dev,
        "maureen": maureen,
        "own_pair": own_pair,
        "fatima": fatima,
        "other_pair": other_pair,
        "other_session": other_session,
    }


def pair_urls(pair, session=None):
    base = f"/members/mentoring/{pair.pk}/"
    urls = [
        base,
        f"{base}accept/",
        f"{base}decline/",
        f"{base}pause/",
        f"{base}restart/",
        f"{base}end/",
        f"{base}goals/add/",
        f"{base}sessions/log/",
    ]
    if session is not None:
        urls.append(f"{base}sessions/{session.pk}/confirm/")
    return urls


POST_DATA = {
    "title": "Changed",
    "held_on": "1 3 2026",
    "minutes": "30",
    "method": "phone",
    "reason": "Because",
}
MARKERS = [b"Secret-goal-marker", b"Secret-notes-marker", b"Secret-plan-marker"]


def assert_nothing_changed(world):
    other = world["other_pair"]
    other.refresh_from_db()
    assert other.status == PairStatus.ACTIVE
    assert SharedGoal.objects.filter(pair=other).count() == 1
    assert MentoringSession.objects.filter(pair=other).count() == 1
    world["other_session"].refresh_from_db()
    assert world["other_session"].confirmed_at is None


def test_a_mentor_cannot_reach_pairs_sessions_or_plans_of_people_not_their_mentees(client, world):
    client.force_login(world["maureen"].user)
    other = world["other_pair"]
    for url in [
        *pair_urls(other, world["other_session"]),
        f"/members/plan/people/{world['fatima'].pk}/",
        f"/members/plan/people/{world['fatima'].pk}/review/",
    ]:
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code in (403, 404, 405), (url, method)
            for marker in MARKERS:
                assert marker not in response.content
    for url in ["/members/mentoring/", f"/members/mentoring/{world['own_pair'].pk}/"]:
        page = client.get(url)
        assert page.status_code == 200
        for marker in MARKERS:
            assert marker not in page.content
    assert_nothing_changed(world)


def test_the_mentor_reads_their_own_mentees_plan_on_the_pair_page(client, world):
    DevelopmentGoalFactory(member=world["dev"], what="Sit on an interview panel")
    client.force_login(world["maureen"].user)
    page = client.get(f"/members/mentoring/{world['own_pair'].pk}/").content.decode()
    assert "Sit on an interview panel" in page
    assert client.get(f"/members/plan/people/{world['dev'].pk}/").status_code == 200


def test_the_mentor_stops_seeing_the_plan_when_the_pair_is_paused(client, world):
    DevelopmentGoalFactory(member=world["dev"], what="Sit on an interview panel")
    MentoringPair.objects.filter(pk=world["own_pair"].pk).update(status=PairStatus.PAUSED)
    client.force_login(world["maureen"].user)
    page = client.get(f"/members/mentoring/{world['own_pair'].pk}/").content.decode()
    assert "Sit on an interview panel" not in page
    assert client.get(f"/members/plan/people/{world['dev'].pk}/").status_code == 404


def test_a_member_cannot_reach_someone_elses_pair(client, world):
    client.force_login(world["dev"].user)
    for url in pair_urls(world["other_pair"], world["other_session"]):
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code in (404, 405), (url, method)
    assert_nothing_changed(world)


@pytest.mark.parametrize("who", ["editor", "finance_user"])
def test_editors_and_finance_see_none_of_it(client, world, who, request):
    client.force_login(request.getfixturevalue(who))
    index = client.get("/members/mentoring/")
    assert index.status_code == 200
    assert b"Secret" not in index.content and str(world["dev"]).encode() not in index.content
    for pair in (world["own_pair"], world["other_pair"]):
        for url in pair_urls(pair, world["other_session"]):
            for method in ("get", "post"):
                response = getattr(client, method)(url, POST_DATA)
                assert response.status_code in (404, 405), (url, method)
    for url in admin_urls(world):
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/mentoring")
            for marker in MARKERS:
                assert marker not in response.content
    assert_nothing_changed(world)


def admin_urls(world):
    return [
        "/admin/mentoring/",
        "/admin/mentoring/propose/",
        f"/admin/mentoring/propose/?mentee={world['dev'].pk}",
        f"/admin/mentoring/pairs/{world['other_pair'].pk}/",
        "/admin/mentoring/mentors/",
        "/admin/mentoring/mentors/add/",
        f"/admin/mentoring/mentors/{world['maureen'].pk}/",
    ]


def test_members_are_refused_the_admin(client, world):
    client.force_login(world["maureen"].user)
    for url in admin_urls(world):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        for marker in MARKERS:
            assert marker not in response.content


def test_a_visitor_is_sent_to_sign_in(client, world):
    urls = [
        "/members/mentoring/",
        *pair_urls(world["own_pair"], world["other_session"]),
        *admin_urls(world),
    ]
    for url in urls:
        for method in ("get", "post"):
            response = getattr(client, method)(url, POST_DATA)
            if response.status_code == 405:
                continue
            assert response.status_code == 302, (url, method)
            assert urlsplit(response["Location"]).path in ("/accounts/login/", "/admin/login/"), url
    assert_nothing_changed(world)


def test_coordinators_see_every_pair(client, world, coordinator):
    client.force_login(coordinator)
    page = client.get("/admin/mentoring/").content.decode()
    assert str(world["fatima"]) in page and str(world["dev"]) in page
    detail = client.get(f"/admin/mentoring/pairs/{world['other_pair'].pk}/")
    assert detail.status_code == 200
    assert client.get("/admin/mentoring/pairs/999999/").status_code == 404


def test_the_menu_item_is_only_for_coordinators(client, editor, coordinator):
    client.force_login(editor)
    assert "/admin/mentoring/" not in client.get("/admin/").content.decode()
    client.force_login(coordinator)
    assert "/admin/mentoring/" in client.get("/admin/").content.decode()
