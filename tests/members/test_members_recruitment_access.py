"""Only coordinators and administrators reach the recruitment views, whatever the URL says."""

from urllib.parse import urlsplit

import pytest

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(member):
    own = MemberProfileFactory(user=member, status=Status.ACTIVE)
    other = MemberProfileFactory(status=Status.SUBMITTED)
    active = ActiveMemberFactory()
    return [own, other, active]


def urls_for(records):
    urls = [
        "/admin/applications/",
        "/admin/applications/results/",
        "/admin/involvement-bank/",
        "/admin/involvement-bank/results/",
    ]
    for record in records:
        urls += [f"/admin/applications/{record.pk}/", f"/admin/involvement-bank/{record.pk}/"]
    urls += ["/admin/applications/999999/", "/admin/involvement-bank/999999/"]
    return urls


def test_a_visitor_is_sent_to_sign_in(client, records):
    for url in urls_for(records):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_members_editors_and_finance_are_refused(client, records, who, request):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for url in urls_for(records):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"action": "move", "to_status": "declined"})
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                target = urlsplit(response["Location"]).path
                assert not target.startswith(("/admin/applications", "/admin/involvement-bank"))
    for record in records:
        record.refresh_from_db()
    assert [r.status for r in records] == [Status.ACTIVE, Status.SUBMITTED, Status.ACTIVE]


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_coordinators_and_administrators_get_in(client, records, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in urls_for(records)[:-2]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/applications/999999/").status_code == 404


def test_the_menu_shows_recruitment_only_to_those_who_may_use_it(client, coordinator, editor):
    client.force_login(coordinator)
    page = client.get("/admin/").content.decode()
    assert "Applications" in page and "Involvement bank" in page
    client.force_login(editor)
    page = client.get("/admin/").content.decode()
    assert "/admin/applications/" not in page and "/admin/involvement-bank/" not in page
