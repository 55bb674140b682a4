import pytest

from cms.members.factories import ActiveMemberFactory
from cms.supporters.factories import ActiveSupportArrangementFactory
from cms.users.factories import UserFactory


@pytest.fixture
def active_profile(member):
    return ActiveMemberFactory(user=member)


@pytest.fixture
def supporter(db):
    return UserFactory(email="sam.carer@example.org", first_name="Sam", last_name="Okafor")


@pytest.fixture
def arrangement(active_profile, supporter):
    return ActiveSupportArrangementFactory(
        member=active_profile,
        supporter=supporter,
        supporter_email=supporter.email,
        supporter_name="Sam Okafor",
    )


@pytest.fixture
def acting_client(client, supporter, arrangement):
    """The supporter, signed in and acting for the member."""
    from django.urls import reverse

    client.force_login(supporter)
    response = client.post(reverse("members:supporters:act", args=[arrangement.pk]))
    assert response.status_code == 302
    return client
