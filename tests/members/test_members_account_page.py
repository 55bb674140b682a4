"""'My account' points each person at what they can do next."""

import pytest

from cms.members.choices import Status
from cms.members.factories import MemberProfileFactory

pytestmark = pytest.mark.django_db


def test_an_active_member_is_offered_their_profile_agreements_badge_and_data(client, member):
    MemberProfileFactory(user=member, status=Status.ACTIVE)
    client.force_login(member)

    html = client.get("/members/").content.decode()

    for address in [
        "/members/profile/",
        "/members/agreements/",
        "/members/badges/",
        "/members/my-data/",
    ]:
        assert f'href="{address}"' in html


def test_an_applicant_is_not_offered_member_only_pages(client, member):
    MemberProfileFactory(user=member, status=Status.SUBMITTED)
    client.force_login(member)

    html = client.get("/members/").content.decode()

    assert 'href="/members/profile/"' not in html
    assert 'href="/members/badges/"' not in html
    assert 'href="/members/my-data/"' in html
