"""Coordinators run taking part in the admin: moves, invitations, attendance and messages."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from cms.members.factories import ActiveMemberFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation import services
from cms.participation.models import Attendance, Interest, InterestStatus, SessionCheckIn
from cms.participation.tasks import send_message_to_member

pytestmark = pytest.mark.django_db
S = InterestStatus


@pytest.fixture
def opportunity(make_opportunity):
    page = make_opportunity(title="Carers' forum", places=2)
    OpportunitySessionFactory(page=page, title="First meeting")
    return page


@pytest.fixture
def session(opportunity):
    return opportunity.sessions.get()


def respond(opportunity, **fields):
    member = ActiveMemberFactory(references_received_on=timezone.localdate(), **fields)
    return services.express_interest(
        member, opportunity, message="I care for my dad.", adjustments="A hearing loop"
    )


def selected(opportunity, coordinator, **fields):
    interest = respond(opportunity, **fields)
    services.move_interest(interest, S.SELECTED, by=coordinator)
    interest.refresh_from_db()
    return interest


def shown(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def test_the_list_counts_people_at_each_stage(signed_in, opportunity, coordinator):
    respond(opportunity)
    selected(opportunity, coordinator)
    confirmed = selected(opportunity, coordinator)
    services.move_interest(confirmed, S.CONFIRMED, by=coordinator)
    respond(opportunity)  # full now: waiting
    page = signed_in.get("/admin/taking-part/").content.decode()
    assert "Carers&#x27; forum" in page
    row = page.split("Carers&#x27; forum")[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[2:]] == ["1", "1", "1", "1"]


def test_the_responses_show_what_each_person_needs(signed_in, opportunity):
    interest = respond(
        opportunity, formats=["large_print"], reasonable_adjustments="Papers a week ahead"
    )
    page = signed_in.get(f"/admin/taking-part/{opportunity.pk}/").content.decode()
    assert escape(str(interest.member)) in page
    for text in ("I care for my dad.", "A hearing loop", "Large print", "Papers a week ahead"):
        assert text in page
    assert "Select</button>" in page and "Decline</button>" in page


def test_a_coordinator_selects_someone(signed_in, opportunity, coordinator):
    interest = respond(opportunity)
    response = signed_in.post(
        f"/admin/taking-part/{opportunity.pk}/",
        {"interest": interest.pk, "to_status": S.SELECTED},
    )
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.status == S.SELECTED
    change = interest.history.last()
    assert change.changed_by == coordinator
    assert "moved to 'Selected'" in shown(response)[0]


def test_declining_needs_a_reason_which_is_kept_for_them(signed_in, opportunity):
    interest = respond(opportunity)
    url = f"/admin/taking-part/{opportunity.pk}/"
    response = signed_in.post(url, {"interest": interest.pk, "to_status": S.NOT_SELECTED})
    assert "kind reason" in shown(response)[0]
    interest.refresh_from_db()
    assert interest.status == S.INTERESTED

    signed_in.post(
        url,
        {
            "interest": interest.pk,
            "to_status": S.NOT_SELECTED,
            "reason": "We had many carers this time; the next forum is in May.",
        },
    )
    interest.refresh_from_db()
    assert interest.status == S.NOT_SELECTED
    assert interest.decline_reason.startswith("We had many carers")


def test_the_rules_refusal_is_shown(signed_in, opportunity, coordinator):
    selected(opportunity, coordinator)
    selected(opportunity, coordinator)
    interest = respond(opportunity)  # waiting: the two places are taken
    response = signed_in.post(
        f"/admin/taking-part/{opportunity.pk}/", {"interest": interest.pk, "to_status": S.SELECTED}
    )
    assert "Every place is taken" in shown(response)[0]
    interest.refresh_from_db()
    assert interest.status == S.WAITING


def test_shortlist_and_waiting_list(signed_in, opportunity):
    interest = respond(opportunity)
    url = f"/admin/taking-part/{opportunity.pk}/"
    signed_in.post(url, {"interest": interest.pk, "to_status": S.SHORTLISTED})
    interest.refresh_from_db()
    assert interest.status == S.SHORTLISTED
    signed_in.post(url, {"interest": interest.pk, "to_status": S.WAITING})
    interest.refresh_from_db()
    assert interest.status == S.WAITING


def test_an_interest_in_another_opportunity_cannot_be_moved_here(
    signed_in, opportunity, make_opportunity
):
    elsewhere = respond(make_opportunity(title="Elsewhere"))
    response = signed_in.post(
        f"/admin/taking-part/{opportunity.pk}/",
        {"interest": elsewhere.pk, "to_status": S.SELECTED},
    )
    assert response.status_code == 404


def test_matching_lists_and_invites_members_who_fit(signed_in, opportunity, coordinator):
    candidate = ActiveMemberFactory()
    already = respond(opportunity).member
    url = f"/admin/taking-part/{opportunity.pk}/matching/"
    page = signed_in.get(url).content.decode()
    assert escape(str(candidate)) in page and f'name="member" value="{candidate.pk}"' in page
    assert escape(str(already)) not in page

    response = signed_in.post(url, {"member": candidate.pk})
    interest = Interest.objects.get(member=candidate, opportunity=opportunity)
    assert interest.status == S.INVITED and interest.invited_by_coordinator
    assert "is invited" in shown(response)[0]
    button = f'name="member" value="{candidate.pk}"'
    assert button not in signed_in.get(url).content.decode()


def test_attendance_is_recorded_by_the_coordinator(signed_in, opportunity, session, coordinator):
    came = selected(opportunity, coordinator)
    stayed_away = selected(opportunity, coordinator)
    url = f"/admin/taking-part/sessions/{session.pk}/attendance/"
    page = signed_in.get(url).content.decode()
    code = SessionCheckIn.objects.get(session=session).code
    assert code in page
    assert escape(str(came.member)) in page

    response = signed_in.post(
        url, {f"attended-{came.pk}": "yes", f"attended-{stayed_away.pk}": "no"}
    )
    assert response.status_code == 302
    assert "Attendance saved for 2 people." in shown(response)
    yes = Attendance.objects.get(interest=came)
    no = Attendance.objects.get(interest=stayed_away)
    assert yes.attended and yes.hours == 2 and yes.method == Attendance.Method.COORDINATOR
    assert yes.recorded_by == coordinator
    assert not no.attended and no.hours == 0

    # Correcting it updates the same record.
    signed_in.post(url, {f"attended-{stayed_away.pk}": "yes"})
    no.refresh_from_db()
    assert no.attended
    assert Attendance.objects.count() == 2


def test_only_selected_people_are_listed_for_attendance(
    signed_in, opportunity, session, coordinator
):
    interested = respond(opportunity)
    signed_in.post(
        f"/admin/taking-part/sessions/{session.pk}/attendance/",
        {f"attended-{interested.pk}": "yes"},
    )
    assert not Attendance.objects.exists()


def test_the_check_in_code_and_access_plan_print(signed_in, opportunity, session, coordinator):
    interest = selected(opportunity, coordinator, formats=["bsl"])
    page = signed_in.get(f"/admin/taking-part/sessions/{session.pk}/check-in-code/")
    assert SessionCheckIn.objects.get(session=session).code in page.content.decode()
    page = signed_in.get(f"/admin/taking-part/sessions/{session.pk}/access-plan/").content
    page = page.decode()
    assert "@media print" in page
    assert "British Sign Language" in page and "A hearing loop" in page
    assert escape(str(interest.member)) not in page


def test_a_message_goes_once_to_everyone_selected(
    signed_in, opportunity, coordinator, django_capture_on_commit_callbacks
):
    first = selected(opportunity, coordinator)
    second = selected(opportunity, coordinator)
    services.move_interest(second, S.CONFIRMED, by=coordinator)
    respond(opportunity)  # waiting: not told
    mail.outbox.clear()

    url = f"/admin/taking-part/{opportunity.pk}/message/"
    assert "2 people" in signed_in.get(url).content.decode()
    data = {
        "subject": "Directions",
        "message": "Use the side door.",
        "message_id": "5b7f0a8e-3c1e-4c55-9d7c-0c2a1d7b9e11",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, data)
    assert "going to 2 people" in shown(response)[0]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.member.user.email, second.member.user.email]
    )
    assert mail.outbox[0].subject == "Directions"

    # The same form sent again (a double click, a retried task) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(url, data)
    assert len(mail.outbox) == 2
    assert not send_message_to_member(data["message_id"], first.member.user.pk, "x", "y")


def test_a_message_needs_a_subject_and_text(signed_in, opportunity):
    response = signed_in.post(
        f"/admin/taking-part/{opportunity.pk}/message/",
        {"subject": "", "message": "", "message_id": "5b7f0a8e-3c1e-4c55-9d7c-0c2a1d7b9e11"},
    )
    assert response.status_code == 400
    assert not mail.outbox


def test_a_message_to_everyone_selected_reaches_each_person_their_own_way(
    signed_in, opportunity, coordinator, django_capture_on_commit_callbacks
):
    from cms.notifications.models import Channel, Delivery, Notification, Topic

    by_email = selected(opportunity, coordinator)
    by_letter = selected(opportunity, coordinator)
    by_letter.member.contact_methods = ["post"]
    by_letter.member.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            f"/admin/taking-part/{opportunity.pk}/message/",
            {
                "subject": "Directions",
                "message": "Use the side door.",
                "message_id": "0d9c8a54-8a8e-4f4e-9d55-6f1b2b8a7c31",
            },
        )
    told = Notification.objects.filter(topic=Topic.MESSAGE, subject="Directions")
    assert {n.recipient for n in told} == {by_email.member.user, by_letter.member.user}
    assert [m.to for m in mail.outbox] == [[by_email.member.user.email]]
    letter = Delivery.objects.to_send_by_hand().get()
    assert letter.channel == Channel.POST
    assert letter.notification.recipient == by_letter.member.user
    assert letter.notification.body == "Use the side door."


def test_the_responses_page_checks_everyones_training_in_one_query(
    client, coordinator, make_opportunity, home_page
):
    """An opportunity that needs training: the page says who has not done it, and its query
    count does not grow with the number of people who responded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cms.members.factories import ActiveMemberFactory
    from cms.participation import services as participation
    from cms.training.factories import TrainingIndexPageFactory, TrainingModulePageFactory
    from cms.training.services import record_completion

    training = TrainingIndexPageFactory(parent=home_page)
    safeguarding = TrainingModulePageFactory(parent=training, title="Safeguarding adults")
    opportunity = make_opportunity(title="Peer research", places=50)
    opportunity.required_training = [safeguarding]
    opportunity.save_revision().publish()

    def respond(count, *, trained):
        for _ in range(count):
            member = ActiveMemberFactory(references_received_on=timezone.localdate())
            if trained:
                record_completion(user=member.user, module=safeguarding, percentage=100)
            participation.express_interest(member, opportunity)

    client.force_login(coordinator)
    url = f"/admin/taking-part/{opportunity.pk}/"

    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response.content.decode().count("Safeguarding adults")

    respond(1, trained=True)
    respond(1, trained=False)
    page()  # the first request fills what the cache keeps between requests
    few, untrained_few = page()
    respond(5, trained=True)
    respond(5, trained=False)
    many, untrained_many = page()
    assert untrained_many - untrained_few == 5
    assert many == few
