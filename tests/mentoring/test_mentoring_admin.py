"""Coordinators propose pairs from ranked suggestions, move pairs on and keep the mentors."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.members.factories import ActiveMemberFactory
from cms.mentoring.factories import (
    MentoringPairFactory,
    MentoringSessionFactory,
    MentorProfileFactory,
)
from cms.mentoring.models import MentoringPair, MentorProfile, PairStatus
from cms.taxonomy.models import ServiceArea

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_suggestions_are_ranked_with_reasons_and_the_chosen_one_is_proposed(signed_in):
    carers = ServiceArea.objects.get_or_create(slug="carers", defaults={"name": "Carers"})[0]
    mentee = ActiveMemberFactory(expertise=[carers])
    good = MentorProfileFactory(member=ActiveMemberFactory(expertise=[carers])).member
    other = MentorProfileFactory().member
    page = signed_in.get(f"/admin/mentoring/propose/?mentee={mentee.pk}").content.decode()
    # Only the ranked table: the mentee chooser above it lists everyone by name.
    ranked = page[page.index("Mentors ranked by how well they fit") :]
    assert ranked.index(str(good)) < ranked.index(str(other))
    assert "Shared expertise: Carers" in page

    response = signed_in.post("/admin/mentoring/propose/", {"mentee": mentee.pk, "mentor": good.pk})
    pair = MentoringPair.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/pairs/{pair.pk}/")
    assert (pair.mentor, pair.mentee, pair.status) == (good, mentee, PairStatus.PROPOSED)
    assert "Shared expertise: Carers" in pair.reasons


def test_a_mentor_who_is_not_suggested_cannot_be_proposed(signed_in):
    mentee = ActiveMemberFactory()
    not_a_mentor = ActiveMemberFactory()
    signed_in.post("/admin/mentoring/propose/", {"mentee": mentee.pk, "mentor": not_a_mentor.pk})
    assert not MentoringPair.objects.exists()


def test_coordinators_pause_restart_and_end_a_pair_with_a_reason(signed_in, coordinator):
    pair = MentoringPairFactory(status=PairStatus.ACTIVE)
    url = f"/admin/mentoring/pairs/{pair.pk}/"
    signed_in.post(url, {"to_status": PairStatus.PAUSED})
    signed_in.post(url, {"to_status": PairStatus.ACTIVE})
    signed_in.post(url, {"to_status": PairStatus.ENDED, "reason": ""})
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE  # ending needs a reason
    signed_in.post(url, {"to_status": PairStatus.ENDED, "reason": "Goals met"})
    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    assert list(pair.history.values_list("to_status", flat=True)) == [
        PairStatus.PAUSED,
        PairStatus.ACTIVE,
        PairStatus.ENDED,
    ]
    assert {change.changed_by for change in pair.history.all()} == {coordinator}
    assert "Goals met" in signed_in.get(url).content.decode()


def test_coordinators_add_and_change_a_mentor(signed_in):
    member = ActiveMemberFactory()
    signed_in.post(
        "/admin/mentoring/mentors/add/",
        {"member": member.pk, "is_willing": "on", "capacity": "2", "note": "Carers"},
    )
    profile = MentorProfile.objects.get(member=member)
    assert profile.capacity == 2 and profile.is_willing
    signed_in.post(f"/admin/mentoring/mentors/{member.pk}/", {"capacity": "3", "note": ""})
    profile.refresh_from_db()
    assert profile.capacity == 3 and not profile.is_willing
    assert str(member) in signed_in.get("/admin/mentoring/mentors/").content.decode()


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/admin/mentoring/", "/admin/mentoring/?status=active", "/admin/mentoring/mentors/"]
)
def test_query_count_stays_flat_as_pairs_grow(signed_in, coordinator, url):
    def make(count):
        for _ in range(count):
            mentor = MentorProfileFactory().member
            pair = MentoringPairFactory(
                mentor=mentor, status=PairStatus.ACTIVE, proposed_by=coordinator
            )
            MentoringSessionFactory(pair=pair)

    make(3)
    few = _queries(signed_in, url)
    make(25)
    many = _queries(signed_in, url)
    assert few == many
