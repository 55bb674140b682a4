"""Members taking part: say "I'm interested", follow it, withdraw or confirm, check in.

Only the signed-in active member's own interests are ever shown or changed; the only id in
an address is an opportunity's.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.members.choices import Format, Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.opportunities.models import ChecksRequired
from cms.participation import services
from cms.participation.models import Attendance, Interest, InterestStatus, SessionCheckIn
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db
S = InterestStatus
BASE = "/members/taking-part/"


def interest_url(page):
    return f"{BASE}interest/{page.pk}/"


@pytest.fixture
def opportunity(make_opportunity):
    page = make_opportunity(title="Carers' forum", places=2)
    start = timezone.now() + dt.timedelta(days=14)
    OpportunitySessionFactory(
        page=page, title="First meeting", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    return page


@pytest.fixture
def active(member):
    return ActiveMemberFactory(
        user=member,
        reasonable_adjustments="Regular breaks",
        meeting_support="A hearing loop",
        formats=[Format.LARGE_PRINT.value],
        references_received_on=timezone.localdate(),
    )


@pytest.fixture
def other_member(db):
    return ActiveMemberFactory(
        user=UserFactory(email="other@example.org"), references_received_on=timezone.localdate()
    )


def test_the_urls_are_in_the_members_area():
    assert reverse("members:participation:involvement") == BASE
    assert reverse("members:participation:check_in") == f"{BASE}check-in/"


def test_a_visitor_is_sent_to_sign_in(client, opportunity):
    for url in [BASE, interest_url(opportunity), f"{BASE}check-in/", f"{BASE}calendar/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("who", ["editor", "finance_user", "coordinator"])
def test_staff_without_a_member_profile_get_nothing(client, request, opportunity, who):
    client.force_login(request.getfixturevalue(who))
    for url in [BASE, interest_url(opportunity), f"{BASE}check-in/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/members/"
    response = client.post(interest_url(opportunity), {"message": "Hi"})
    assert response.status_code == 302
    assert not Interest.objects.exists()


def test_an_applicant_is_refused(client, member, opportunity):
    MemberProfileFactory(user=member, status=Status.SUBMITTED)
    client.force_login(member)
    response = client.post(interest_url(opportunity), {"message": "Hi"}, follow=True)
    assert not Interest.objects.exists()
    assert "once you are an active member" in response.content.decode()


def test_the_form_is_prefilled_from_the_profile_and_shows_what_is_missing(
    client, active, make_opportunity
):
    page = make_opportunity(title="Interview panel", checks_required=ChecksRequired.ENHANCED_DBS)
    OpportunitySessionFactory(page=page, title="Interviews")
    client.force_login(active.user)
    response = client.get(interest_url(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A hearing loop" in html and "Regular breaks" in html
    large_print = html.split('value="large_print"')[1].split(">")[0]
    assert "checked" in large_print
    assert "Interviews" in html
    assert "nhsuk-inset-text" in html and "DBS" in html
    assert "<title>I&#x27;m interested: Interview panel" in html


def test_saying_i_am_interested_creates_the_interest(client, active, opportunity):
    session = opportunity.sessions.get()
    client.force_login(active.user)
    response = client.post(
        interest_url(opportunity),
        {
            "message": "I care for my dad.",
            "adjustments": "A hearing loop",
            "formats": ["easy_read"],
            "sessions": [session.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}interest/{opportunity.pk}/sent/"
    interest = Interest.objects.get()
    assert interest.member == active
    assert interest.status == S.INTERESTED
    assert interest.formats == ["easy_read"]
    assert list(interest.sessions.all()) == [session]
    html = client.get(response["Location"]).content.decode()
    assert "you said you are interested" in html


def test_a_full_opportunity_puts_the_member_on_the_waiting_list(
    client, active, other_member, make_opportunity
):
    page = make_opportunity(title="Small group", places=1)
    taken = services.express_interest(other_member, page)
    services.move_interest(taken, S.SELECTED, by=None)
    client.force_login(active.user)
    response = client.post(interest_url(page), {"message": ""}, follow=True)
    assert Interest.objects.get(member=active).status == S.WAITING
    assert "You are on the waiting list" in response.content.decode()


def test_a_closed_or_draft_opportunity_is_not_found(client, active, make_opportunity):
    closed = make_opportunity(closing_date=timezone.localdate() - dt.timedelta(days=1))
    draft = make_opportunity(live=False)
    client.force_login(active.user)
    assert client.get(interest_url(closed)).status_code == 404
    assert client.get(interest_url(draft)).status_code == 404
    assert client.get(f"{BASE}interest/999999/").status_code == 404


def test_the_list_shows_own_interests_with_the_kind_reason(
    client, active, other_member, opportunity, make_opportunity
):
    mine = services.express_interest(active, opportunity)
    services.move_interest(mine, S.NOT_SELECTED, by=None, reason="We had many carers already.")
    theirs_page = make_opportunity(title="Someone else's panel")
    services.express_interest(other_member, theirs_page)
    client.force_login(active.user)
    html = client.get(BASE).content.decode()
    assert "Carers&#x27; forum" in html
    assert "Not selected this time" in html
    assert "We had many carers already." in html
    assert "Someone else" not in html


def test_withdraw_acts_only_on_own_interest(client, active, other_member, opportunity):
    theirs = services.express_interest(other_member, opportunity)
    client.force_login(active.user)
    url = f"{BASE}interest/{opportunity.pk}/withdraw/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == S.INTERESTED

    mine = services.express_interest(active, opportunity)
    assert "Are you sure" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == S.WITHDRAWN
    assert theirs.status == S.INTERESTED
    assert "You have withdrawn" in response.content.decode()


def test_a_selected_member_confirms_their_place(client, active, opportunity):
    interest = services.express_interest(active, opportunity)
    services.move_interest(interest, S.SELECTED, by=None)
    client.force_login(active.user)
    assert 'href="/members/taking-part/interest/' in client.get(BASE).content.decode()
    response = client.post(f"{BASE}interest/{opportunity.pk}/confirm/", follow=True)
    interest.refresh_from_db()
    assert interest.status == S.CONFIRMED
    assert "is confirmed" in response.content.decode()


def test_confirming_shows_what_is_missing(client, member, opportunity):
    profile = ActiveMemberFactory(user=member)  # no references yet
    interest = services.express_interest(profile, opportunity)
    services.move_interest(interest, S.SELECTED, by=None)
    client.force_login(member)
    response = client.post(f"{BASE}interest/{opportunity.pk}/confirm/", follow=True)
    interest.refresh_from_db()
    assert interest.status == S.SELECTED
    assert "Your references" in response.content.decode()


def test_checking_in_with_the_session_code(client, active, opportunity):
    session = opportunity.sessions.get()
    interest = services.express_interest(active, opportunity)
    services.move_interest(interest, S.SELECTED, by=None)
    code = SessionCheckIn.objects.create(session=session).code
    client.force_login(active.user)

    response = client.post(f"{BASE}check-in/", {"code": "WRONG1"})
    assert "That code is not right" in response.content.decode()
    assert not Attendance.objects.exists()

    response = client.post(f"{BASE}check-in/", {"code": code.lower()})
    assert "You are checked in" in response.content.decode()
    attendance = Attendance.objects.get()
    assert attendance.interest == interest and attendance.attended


def test_checking_in_needs_a_code(client, active):
    client.force_login(active.user)
    response = client.post(f"{BASE}check-in/", {"code": ""})
    html = response.content.decode()
    assert "Enter the session code" in html
    assert "<title>Error:" in html


def test_the_opportunity_page_has_an_i_am_interested_button(client, opportunity):
    html = client.get(opportunity.url).content.decode()
    assert f'href="{BASE}interest/{opportunity.pk}/"' in html
    assert "I'm interested" in html
