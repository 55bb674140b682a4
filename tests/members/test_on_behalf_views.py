"""The admin views for acting on someone's behalf: who may use them, and what they do."""

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.members.choices import Status
from cms.members.factories import PersonWithoutEmailFactory
from cms.members.models import MemberProfile, OnBehalfAction
from cms.notifications.models import Channel, Topic
from cms.notifications.services import notify
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Interest, InterestStatus
from cms.participation.services import move_interest
from cms.users.models import User

pytestmark = pytest.mark.django_db

ACTIONS = ["interest", "attendance", "feedback", "claim", "sign_in", "pause"]


@pytest.fixture
def person(db):
    return PersonWithoutEmailFactory(user__first_name="Margaret", user__last_name="Hughes")


@pytest.fixture
def letter(person):
    notification = notify(
        recipient=person.user,
        topic=Topic.MESSAGE,
        key="test-letter",
        subject="Papers for the Carers' Forum",
        body="The papers are enclosed.",
    )
    return notification.deliveries.get()


def urls(person, letter):
    return [
        reverse("on_behalf_admin:register"),
        *[reverse(f"on_behalf_admin:{name}", args=[person.pk]) for name in ACTIONS],
        reverse("notifications_admin:letter", args=[letter.pk]),
    ]


def test_a_visitor_is_sent_to_sign_in(client, person, letter):
    for url in urls(person, letter):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["member", "editor", "finance_user"])
def test_another_member_an_editor_and_finance_are_refused(client, person, letter, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in urls(person, letter):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"email": "x@example.org"})
            assert response.status_code in (302, 403), (url, method)
            if response.status_code == 302:
                assert not urlsplit(response["Location"]).path.startswith("/admin/people")
    person.user.refresh_from_db()
    assert person.user.email is None
    assert not person.on_behalf_actions.exists()


def test_a_coordinator_gets_each_page_and_an_unknown_person_is_not_found(
    client, coordinator, person, letter
):
    client.force_login(coordinator)
    for url in urls(person, letter)[:-1]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("on_behalf_admin:interest", args=[987654])).status_code == 404


def test_registering_from_the_form(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:register"),
        {
            "first_name": "Dev",
            "last_name": "Shah",
            "how_applied": "phone",
            "address": "3 Mill Street\nHillside",
            "postcode": "LS6 1AA",
            "phone": "0113 496 0000",
            "contact_methods": ["post", "phone"],
            "agreed_to_privacy_notice": "on",
            "consent_given_how": "phone",
            "consent_given_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "stage": "recruited",
        },
    )
    member = MemberProfile.objects.get(user__last_name="Shah")
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:detail", args=[member.pk])
    assert member.user.email is None
    assert member.status == Status.ACTIVE
    page = client.get(response["Location"]).content.decode()
    assert "Done for them by" in page
    assert "Applied by phone call. Consent given by phone call" in page
    assert coordinator.get_full_name() in page


def test_a_form_with_mistakes_shows_them_at_the_top_with_links(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("on_behalf_admin:register"), {"first_name": "Dev"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_last_name"' in page
    assert not User.objects.filter(last_name="Shah").exists()


def test_the_sign_in_page_sends_one_invitation(
    client, coordinator, person, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("on_behalf_admin:sign_in", args=[person.pk]),
            {"email": "margaret@example.org"},
        )
    assert response.status_code == 302
    person.user.refresh_from_db()
    assert person.user.email == "margaret@example.org"
    assert [m.to for m in mail.outbox] == [["margaret@example.org"]]


def test_interest_from_the_form_is_attributed(client, coordinator, person, make_opportunity):
    opportunity = make_opportunity(title="Carers' listening event")
    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:interest", args=[person.pk]),
        {"opportunity": opportunity.pk, "message": "I can come in the mornings."},
    )
    assert response.status_code == 302
    interest = Interest.objects.get(member=person)
    assert interest.history.get().changed_by == coordinator


def test_attendance_lists_only_sessions_they_were_selected_for(
    client, coordinator, person, make_opportunity
):
    selected = make_opportunity(title="Selected for this")
    other = make_opportunity(title="Not on this one")
    session = OpportunitySessionFactory(page=selected, title="Morning session")
    OpportunitySessionFactory(page=other, title="Other session")
    interest = Interest.objects.create(member=person, opportunity=selected)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    client.force_login(coordinator)
    url = reverse("on_behalf_admin:attendance", args=[person.pk])
    page = client.get(url).content.decode()
    assert "Morning session" in page and "Other session" not in page
    response = client.post(url, {"session": session.pk, "attended": "yes"})
    assert response.status_code == 302
    assert person.on_behalf_actions.filter(kind=OnBehalfAction.Kind.ATTENDANCE).exists()


def test_the_letter_is_a_pdf_with_their_address(client, coordinator, letter, pdf_contains):
    client.force_login(coordinator)
    response = client.get(reverse("notifications_admin:letter", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert pdf_contains(response.content, "Margaret Hughes")
    assert pdf_contains(response.content, "AN1 2BC")
    assert pdf_contains(response.content, "Papers for the Carers")


def test_only_letters_have_a_printable_letter(client, coordinator, person):
    person.contact_methods = ["phone"]
    person.save()
    notification = notify(
        recipient=person.user, topic=Topic.MESSAGE, key="call", subject="Call", body="Hello"
    )
    call = notification.deliveries.get()
    assert call.channel == Channel.PHONE
    client.force_login(coordinator)
    assert client.get(reverse("notifications_admin:letter", args=[call.pk])).status_code == 404


def test_the_send_by_hand_list_links_each_letter(client, coordinator, letter):
    client.force_login(coordinator)
    page = client.get(reverse("notifications_admin:by_hand")).content.decode()
    assert reverse("notifications_admin:letter", args=[letter.pk]) in page


def test_the_record_shows_what_was_done_in_the_same_queries_for_few_and_many(
    client, coordinator, person
):
    def add_actions(count):
        for index in range(count):
            OnBehalfAction.objects.create(
                member=person,
                kind=OnBehalfAction.Kind.INTEREST,
                summary=f"Opportunity {index}",
                done_by=coordinator,
            )

    client.force_login(coordinator)
    url = reverse("applications:detail", args=[person.pk])
    add_actions(1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_actions(6)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert "Opportunity 5" in response.content.decode()
    assert len(many) == len(few)


def test_a_claim_from_a_paper_form_goes_to_finance(client, coordinator, person, make_opportunity):
    from decimal import Decimal

    from cms.claims.factories import MileageRateFactory
    from cms.claims.models import Claim, ClaimStatus
    from cms.members import on_behalf

    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=dt.date(2020, 4, 6))
    opportunity = make_opportunity(title="Carers' listening event")
    session = OpportunitySessionFactory(page=opportunity, title="Listening event")
    interest = on_behalf.express_interest_for(person, opportunity, by=coordinator)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    on_behalf.record_attendance_for(person, session, attended=True, by=coordinator)

    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:claim", args=[person.pk]),
        {"session": session.pk, "miles": "20"},
    )

    assert response.status_code == 302
    claim = Claim.objects.get(member=person)
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.lines.get().amount == Decimal("9.00")
    assert claim.history.order_by("pk").last().changed_by == coordinator


def test_a_claim_with_nothing_in_it_is_refused_with_a_message(
    client, coordinator, person, make_opportunity
):
    from cms.claims.models import Claim
    from cms.members import on_behalf

    opportunity = make_opportunity()
    session = OpportunitySessionFactory(page=opportunity)
    interest = on_behalf.express_interest_for(person, opportunity, by=coordinator)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    on_behalf.record_attendance_for(person, session, attended=True, by=coordinator)

    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:claim", args=[person.pk]), {"session": session.pk}
    )

    assert response.status_code == 400
    assert "Add at least one expense" in response.content.decode()
    assert not Claim.objects.filter(member=person).exists()


def test_a_paper_claim_over_their_own_draft_is_refused_in_the_error_summary(
    client, coordinator, person, make_opportunity
):
    from cms.claims import services as claims
    from cms.claims.models import Claim, ClaimStatus
    from cms.members import on_behalf

    opportunity = make_opportunity()
    session = OpportunitySessionFactory(page=opportunity)
    interest = on_behalf.express_interest_for(person, opportunity, by=coordinator)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    on_behalf.record_attendance_for(person, session, attended=True, by=coordinator)
    claims.start_claim(member=person, session=session, by=person.user)

    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:claim", args=[person.pk]), {"session": session.pk, "miles": "20"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Margaret Hughes has a claim for this session they have started themselves" in page
    assert Claim.objects.get(member=person).status == ClaimStatus.DRAFT


@pytest.fixture
def invited(person, coordinator, django_capture_on_commit_callbacks):
    from cms.members import on_behalf

    with django_capture_on_commit_callbacks(execute=True):
        on_behalf.give_sign_in(
            person, "margaret@example.org", by=coordinator, use_email_for_messages=False
        )
    person.refresh_from_db()
    return person


def test_a_coordinator_sends_the_invitation_again_from_their_record(
    client, coordinator, invited, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    record = reverse("applications:detail", args=[invited.pk])
    resend = reverse("on_behalf_admin:resend_sign_in", args=[invited.pk])
    assert resend in client.get(record).content.decode()
    assert client.get(resend).status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)

    assert response.status_code == 302
    assert response["Location"] == record
    assert [m.to for m in mail.outbox] == [["margaret@example.org"]] * 2
    assert "Send the invitation again" in client.get(record).content.decode()

    invited.user.set_password("a long and unguessable phrase")
    invited.user.save()
    assert resend not in client.get(record).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend)
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("who", [None, "member", "editor", "finance_user"])
def test_sending_the_invitation_again_is_refused_to_others(
    client, invited, who, request, django_capture_on_commit_callbacks
):
    if who:
        client.force_login(request.getfixturevalue(who))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("on_behalf_admin:resend_sign_in", args=[invited.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not urlsplit(response["Location"]).path.startswith("/admin/people")
    assert len(mail.outbox) == 1
    assert not invited.on_behalf_actions.filter(summary="Invitation sent again").exists()


def test_a_coordinator_pauses_someone_who_phoned_and_ends_it_when_they_are_back(
    client, coordinator, person
):
    from cms.wellbeing.selectors import open_pause, paused_member_ids

    client.force_login(coordinator)
    record = reverse("applications:detail", args=[person.pk])
    assert "Pause for them" in client.get(record).content.decode()
    back_on = timezone.localdate() + dt.timedelta(days=30)

    response = client.post(
        reverse("on_behalf_admin:pause", args=[person.pk]),
        {"starts_on": timezone.localdate().isoformat(), "until": back_on.isoformat()},
    )
    assert response.status_code == 302
    pause = open_pause(person)
    assert pause.until == back_on and pause.created_by == coordinator and pause.reason == ""
    assert person.pk in set(paused_member_ids().values_list("member_id", flat=True))
    action = person.on_behalf_actions.get(kind=OnBehalfAction.Kind.PAUSE)
    assert action.done_by == coordinator
    assert action.summary.endswith(f"until {back_on:%-d %B %Y}")
    page = client.get(record).content.decode()
    assert f"is paused until {back_on:%-d %B %Y}" in page
    assert "Pause for them" not in page

    # A second pause is refused with the service's words, on the form.
    again = client.post(
        reverse("on_behalf_admin:pause", args=[person.pk]),
        {"starts_on": timezone.localdate().isoformat()},
    )
    assert again.status_code == 400
    assert "has paused their involvement" in again.content.decode()

    client.post(reverse("on_behalf_admin:resume", args=[person.pk]))
    assert open_pause(person) is None
    assert person.on_behalf_actions.filter(kind=OnBehalfAction.Kind.RESUME).exists()
    assert "Pause for them" in client.get(record).content.decode()


def test_a_pause_cannot_start_in_the_past(client, coordinator, person):
    client.force_login(coordinator)
    response = client.post(
        reverse("on_behalf_admin:pause", args=[person.pk]),
        {"starts_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400
    assert "today or in the future" in response.content.decode()
    assert 'href="#id_starts_on"' in response.content.decode()  # beside the date it is about
    assert not person.on_behalf_actions.exists()
