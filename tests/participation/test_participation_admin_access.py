"""Only coordinators and administrators reach the taking-part admin, whatever the URL says."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import services
from cms.participation.models import Attendance, Interest, InterestStatus, SentReminder

pytestmark = pytest.mark.django_db
S = InterestStatus


@pytest.fixture
def setting(make_opportunity, member):
    opportunity = make_opportunity(title="Carers' forum")
    session = OpportunitySessionFactory(page=opportunity)
    own = ActiveMemberFactory(user=member, references_received_on=timezone.localdate())
    interest = services.express_interest(own, opportunity, adjustments="Large print")
    other = ActiveMemberFactory()
    return {"opportunity": opportunity, "session": session, "interest": interest, "other": other}


def urls_for(setting):
    o, s = setting["opportunity"].pk, setting["session"].pk
    return [
        "/admin/taking-part/",
        f"/admin/taking-part/{o}/",
        f"/admin/taking-part/{o}/matching/",
        f"/admin/taking-part/{o}/message/",
        f"/admin/taking-part/sessions/{s}/attendance/",
        f"/admin/taking-part/sessions/{s}/check-in-code/",
        f"/admin/taking-part/sessions/{s}/access-plan/",
    ]


def post_data(setting):
    return {
        "interest": setting["interest"].pk,
        "to_status": S.SELECTED,
        "member": setting["other"].pk,
        f"attended-{setting['interest'].pk}": "yes",
        "subject": "Hello",
        "message": "Hello",
        "message_id": "5b7f0a8e-3c1e-4c55-9d7c-0c2a1d7b9e11",
    }


def assert_nothing_changed(setting):
    setting["interest"].refresh_from_db()
    assert setting["interest"].status == S.INTERESTED
    assert not Interest.objects.filter(member=setting["other"]).exists()
    assert not Attendance.objects.exists()
    assert not SentReminder.objects.exists()
    assert not mail.outbox


def test_a_visitor_is_sent_to_sign_in(client, setting):
    for url in urls_for(setting):
        for method in ("get", "post"):
            response = getattr(client, method)(url, post_data(setting))
            assert response.status_code == 302, (url, method)
            assert response["Location"].startswith("/accounts/login/"), url
    assert_nothing_changed(setting)


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_members_editors_and_finance_are_refused(client, setting, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in [*urls_for(setting), "/admin/taking-part/999999/"]:
        for method in ("get", "post"):
            response = getattr(client, method)(url, post_data(setting))
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/taking-part")
            assert b"Large print" not in response.content
    assert_nothing_changed(setting)


@pytest.mark.parametrize("who", ["editor", "finance_user"])
def test_the_menu_item_is_only_for_coordinators(client, who, request, coordinator):
    client.force_login(request.getfixturevalue(who))
    assert "/admin/taking-part/" not in client.get("/admin/").content.decode()
    client.force_login(coordinator)
    assert "/admin/taking-part/" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["coordinator", "administrator"])
def test_coordinators_and_administrators_get_in(client, setting, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in urls_for(setting):
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/taking-part/999999/").status_code == 404
    assert client.get("/admin/taking-part/sessions/999999/attendance/").status_code == 404
