"""Who may use the supporters pages, what acting for a member opens and what it never
does, and that ending an arrangement cuts access on the very next request."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.audit.models import AuditEvent
from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, Feedback, Interest, InterestChange, InterestStatus
from cms.supporters import services
from cms.supporters.factories import ActiveSupportArrangementFactory, SupportArrangementFactory
from cms.supporters.models import ArrangementStatus

pytestmark = pytest.mark.django_db

INDEX = reverse("members:supporters:index")
ADD = reverse("members:supporters:add")
STOP = reverse("members:supporters:stop")
DASHBOARD = reverse("members:supporters:dashboard")
INVOLVEMENT = reverse("members:participation:involvement")


def is_refused(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"].startswith(
        (reverse("account_login"), "/accounts/")
    )


def arrangement_urls(arrangement) -> list[str]:
    token = services.invitation_token(SupportArrangementFactory(member=arrangement.member))
    return [
        reverse("members:supporters:end", args=[arrangement.pk]),
        reverse("members:supporters:act", args=[arrangement.pk]),
        reverse("members:supporters:invitation", args=[token]),
    ]


def test_visitors_are_sent_to_sign_in_everywhere(client, arrangement):
    for url in [INDEX, ADD, STOP, DASHBOARD, *arrangement_urls(arrangement)]:
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url


@pytest.mark.parametrize("who", ["another_member", "editor"])
def test_others_cannot_end_act_under_or_accept_someone_elses_arrangement(
    client, request, arrangement, who
):
    user = (
        ActiveMemberFactory(user__email="another@example.org").user
        if who == "another_member"
        else request.getfixturevalue(who)
    )
    client.force_login(user)
    end, act, invitation = arrangement_urls(arrangement)
    assert is_refused(client.get(end))
    assert is_refused(client.post(end, {"reason": ""}))
    assert is_refused(client.post(act))
    # The invitation is for another address: it is shown, but accepting is refused.
    response = client.post(invitation)
    assert response.status_code == 400
    assert "Sign in with that email address" in response.content.decode()
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ACTIVE
    assert client.get(DASHBOARD).status_code in (302, 403)
    assert (
        not client.get(DASHBOARD).content.decode().count(arrangement.member_name + "'s dashboard")
    )


def test_staff_without_a_member_record_cannot_name_a_supporter(client, editor):
    client.force_login(editor)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"supporter_name": "X"}).status_code == 403


def test_a_member_names_a_supporter_through_the_form(client, member, active_profile):
    client.force_login(member)
    response = client.post(
        ADD,
        {
            "supporter_name": "Sam Okafor",
            "supporter_email": "sam@example.org",
            "relationship": "advocate",
            "permissions": ["express_interest", "fill_in_forms"],
            "consent": "on",
        },
    )
    assert response.status_code == 302
    arrangement = active_profile.support_arrangements.get()
    assert arrangement.relationship == "advocate"
    assert arrangement.may_fill_in_forms and not arrangement.gets_message_copies
    page = client.get(INDEX).content.decode()
    assert "Sam Okafor" in page and "Invited" in page


def test_without_the_consent_box_the_form_says_what_to_do(client, member, active_profile):
    client.force_login(member)
    response = client.post(
        ADD,
        {"supporter_name": "Sam", "supporter_email": "sam@example.org", "relationship": "carer"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Tick the box to say you agree" in body
    assert not active_profile.support_arrangements.exists()


def test_the_supporter_accepts_with_their_own_sign_in(client, active_profile, supporter):
    arrangement = SupportArrangementFactory(member=active_profile, supporter_email=supporter.email)
    client.force_login(supporter)
    url = reverse("members:supporters:invitation", args=[services.invitation_token(arrangement)])
    assert "Be a supporter for" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ACTIVE and arrangement.supporter == supporter
    # The link is used up.
    assert client.get(url).status_code == 404


def test_acting_for_the_member_shows_their_dashboard_and_a_banner(acting_client, arrangement):
    page = acting_client.get(DASHBOARD).content.decode()
    assert f"{arrangement.member_name}'s dashboard" in page
    assert f"You are acting for {arrangement.member_name}" in page
    assert acting_client.get(INVOLVEMENT).status_code == 200


def test_the_member_themselves_is_sent_to_their_own_dashboard(client, member, active_profile):
    client.force_login(member)
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response["Location"] == reverse("members:account")


@pytest.mark.parametrize(
    "url",
    [
        reverse("members:banking:index"),
        reverse("members:banking:change"),
        reverse("members:banking:remove"),
        reverse("members:my_data:index"),
        reverse("members:my_data:download"),
        reverse("members:my_data:delete_account"),
        reverse("members:benefits:index"),
        INDEX,
        ADD,
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/2fa/",
    ],
)
def test_acting_for_someone_never_opens_bank_details_deletion_or_sign_in_settings(
    acting_client, arrangement, url
):
    for response in (acting_client.get(url), acting_client.post(url, {})):
        assert response.status_code == 403, url
        assert f"Only {arrangement.member_name} can use this page" in response.content.decode()


def test_a_supporter_cannot_end_the_arrangement_pages_while_acting(acting_client, arrangement):
    end = reverse("members:supporters:end", args=[arrangement.pk])
    assert acting_client.post(end, {}).status_code == 403
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ACTIVE


def test_ending_the_arrangement_cuts_access_on_the_very_next_request(
    acting_client, member, arrangement
):
    assert acting_client.get(INVOLVEMENT).status_code == 200

    member_client = Client()
    member_client.force_login(member)
    end = reverse("members:supporters:end", args=[arrangement.pk])
    assert member_client.post(end, {"reason": ""}).status_code == 302

    response = acting_client.get(INVOLVEMENT)
    assert response.status_code == 403
    assert "You can no longer act for this person" in response.content.decode()
    # Afterwards they are simply themselves again: no member record of their own.
    assert acting_client.get(DASHBOARD).status_code == 403
    assert "You are acting for" not in acting_client.get(INDEX).content.decode()


def test_ending_cuts_access_even_mid_form(acting_client, arrangement, make_opportunity):
    opportunity = make_opportunity(title="Carers' forum")
    url = reverse("members:participation:interest", args=[opportunity.pk])
    assert acting_client.get(url).status_code == 200
    services.end_arrangement(arrangement, by=arrangement.member.user)
    assert acting_client.post(url, {"message": "Hello"}).status_code == 403
    assert not Interest.objects.exists()


def test_a_supporter_may_only_do_what_the_member_agreed(client, active_profile, make_opportunity):
    arrangement = ActiveSupportArrangementFactory(
        member=active_profile, may_express_interest=False, may_fill_in_forms=False
    )
    client.force_login(arrangement.supporter)
    client.post(reverse("members:supporters:act", args=[arrangement.pk]))
    opportunity = make_opportunity(title="Carers' forum")
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(INVOLVEMENT).status_code == 200
    url = reverse("members:participation:interest", args=[opportunity.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"message": "Hi"}).status_code == 403
    assert client.get(reverse("members:participation:check_in")).status_code == 403


def test_stopping_returns_the_supporter_to_their_own_account(acting_client):
    assert acting_client.post(STOP).status_code == 302
    assert acting_client.get(INVOLVEMENT).status_code == 302  # not a member themselves
    assert acting_client.get(DASHBOARD).status_code == 403


def test_interest_expressed_by_a_supporter_is_attributed_to_them(
    acting_client, member, coordinator, arrangement, make_opportunity
):
    opportunity = make_opportunity(title="Carers' forum")
    OpportunitySessionFactory(page=opportunity, title="First meeting")
    url = reverse("members:participation:interest", args=[opportunity.pk])
    response = acting_client.post(url, {"message": "Sam is keen.", "adjustments": ""})
    assert response.status_code == 302, response.content.decode()[:2000]

    interest = Interest.objects.get()
    assert interest.member == arrangement.member
    change = InterestChange.objects.get(interest=interest)
    assert change.changed_by == arrangement.supporter

    member_client = Client()
    member_client.force_login(member)
    page = member_client.get(INVOLVEMENT).content.decode()
    assert "Done for you by Sam Okafor (supporter)" in page

    coordinator_client = Client()
    coordinator_client.force_login(coordinator)
    admin_page = coordinator_client.get(
        reverse("participation_admin:responses", args=[opportunity.pk])
    ).content.decode()
    assert "Sam Okafor (supporter)" in admin_page


def test_the_people_who_help_me_page_makes_the_same_queries_for_few_and_many(
    client, member, active_profile
):
    client.force_login(member)
    ActiveSupportArrangementFactory(member=active_profile)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for _ in range(4):
        ActiveSupportArrangementFactory(member=active_profile)
        SupportArrangementFactory(member=active_profile)
    with CaptureQueriesContext(connection) as many:
        client.get(INDEX)
    assert len(many) == len(few)


def attended(member, make_opportunity):
    page = make_opportunity(title="Home care review")
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    interest = Interest.objects.create(
        member=member, opportunity=page, status=InterestStatus.CONFIRMED
    )
    return Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )


FEEDBACK = {
    "felt_valued": "yes",
    "papers_in_time": "yes",
    "adjustments_met": "partly",
    "knows_what_happens_next": "no",
    "comments": "Sam helped me say this.",
}


def test_a_supporter_who_may_fill_in_forms_gives_feedback_and_the_audit_says_so(
    acting_client, arrangement, make_opportunity
):
    attendance = attended(arrangement.member, make_opportunity)
    url = reverse("members:feedback:give", args=[attendance.pk])
    assert acting_client.get(url).status_code == 200
    response = acting_client.post(url, FEEDBACK)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Feedback.objects.get(attendance=attendance).comments == "Sam helped me say this."
    assert AuditEvent.objects.filter(
        actor=arrangement.supporter, member=arrangement.member, summary__contains="feedback"
    ).exists()


def test_a_supporter_without_forms_cannot_give_feedback(client, active_profile, make_opportunity):
    arrangement = ActiveSupportArrangementFactory(member=active_profile, may_fill_in_forms=False)
    client.force_login(arrangement.supporter)
    client.post(reverse("members:supporters:act", args=[arrangement.pk]))
    attendance = attended(active_profile, make_opportunity)
    url = reverse("members:feedback:give", args=[attendance.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, FEEDBACK).status_code == 403
    assert not Feedback.objects.exists()


def test_the_account_page_links_to_people_who_help_me(client, member):
    client.force_login(member)
    page = client.get(reverse("members:account")).content.decode()
    assert f'href="{reverse("members:supporters:index")}"' in page
    assert "People who help me" in page


def test_a_coordinator_sees_who_helps_a_member_on_their_record(client, coordinator):
    """So a coordinator can check a caller is someone the member named."""
    from cms.supporters.factories import ActiveSupportArrangementFactory, SupportArrangementFactory
    from cms.supporters.services import end_arrangement

    active = ActiveSupportArrangementFactory(supporter_name="Sam Carer")
    member = active.member
    SupportArrangementFactory(member=member, supporter_name="Alex Advocate")
    ended = ActiveSupportArrangementFactory(member=member, supporter_name="Jo Friend")
    end_arrangement(ended, by=member.user, reason="They moved away.")

    client.force_login(coordinator)
    page = client.get(f"/admin/applications/{member.pk}/").content.decode()
    section = page.split('data-testid="supporters"')[1].split("</section>")[0]
    assert "Sam Carer (carer)" in section
    assert "Active since" in section
    assert "Say they are interested in opportunities" in section
    assert "Alex Advocate" in section and "Invited, asked on" in section
    assert "Jo Friend" in section and "They moved away." in section


def test_the_record_says_when_nobody_helps_them(client, coordinator):
    from cms.members.factories import ActiveMemberFactory

    member = ActiveMemberFactory()
    client.force_login(coordinator)
    page = client.get(f"/admin/applications/{member.pk}/").content.decode()
    assert "They have not named a carer, family member or advocate" in page
