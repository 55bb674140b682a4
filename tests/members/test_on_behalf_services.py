"""People without email: registering them, acting for them, and giving them a sign-in later."""

import datetime as dt
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import authenticate
from django.core import mail
from django.utils import timezone

from cms.audit.models import AuditEvent
from cms.claims.factories import MileageRateFactory
from cms.claims.models import ClaimStatus
from cms.members import on_behalf
from cms.members.choices import ContactMethod, Status
from cms.members.factories import ActiveMemberFactory, PersonWithoutEmailFactory
from cms.members.models import HowApplied, OnBehalfAction, StatusChange
from cms.members.tasks import notify_status_change
from cms.notifications.models import Channel, Delivery
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import Attendance, Feedback, InterestStatus
from cms.participation.services import move_interest
from cms.users.models import User

pytestmark = pytest.mark.django_db


def application(**overrides):
    fields = {
        "first_name": "Margaret",
        "last_name": "Hughes",
        "how_applied": HowApplied.PAPER,
        "address": "7 Chapel Lane\nHillside",
        "postcode": "ls6 2qt",
        "phone": "0113 496 0732",
        "contact_methods": (ContactMethod.POST,),
        "agreed_to_privacy_notice": True,
        "consented_to_health_data": True,
        "consent_given_how": HowApplied.PAPER,
        "consent_given_on": timezone.localdate() - dt.timedelta(days=3),
    }
    return on_behalf.PaperApplication(**{**fields, **overrides})


def test_registering_creates_a_person_who_cannot_sign_in(coordinator):
    member = on_behalf.register_person(application(), by=coordinator)

    user = member.user
    assert user.email is None
    assert not user.has_usable_password()
    assert str(user) == "Margaret Hughes"
    assert user.display_name == "Margaret"
    assert member.postcode == "LS6 2QT"
    assert member.offline_registration.registered_by == coordinator
    assert member.status == Status.SUBMITTED
    change = member.history.get()
    assert change.changed_by == coordinator
    assert change.reason == "Application received by paper form."
    action = member.on_behalf_actions.get()
    assert action.kind == OnBehalfAction.Kind.REGISTERED and action.done_by == coordinator
    assert AuditEvent.objects.filter(member=member, actor=coordinator, action="added").exists()


def test_many_people_without_email_can_exist(coordinator):
    on_behalf.register_person(application(), by=coordinator)
    on_behalf.register_person(application(first_name="Dev", last_name="Shah"), by=coordinator)
    assert User.objects.filter(email__isnull=True).count() == 2


def test_an_empty_email_is_stored_as_none():
    user = User.objects.create(first_name="Ann", last_name="Lee", email="")
    user.refresh_from_db()
    assert user.email is None


def test_someone_already_recruited_on_paper_moves_through_each_step_and_is_told_once(
    coordinator,
):
    member = on_behalf.register_person(application(already_recruited=True), by=coordinator)

    assert member.status == Status.ACTIVE
    changes = list(member.history.all())
    assert [c.to_status for c in changes] == list(on_behalf.RECRUITED_ON_PAPER_PATH)
    assert all(c.changed_by == coordinator for c in changes)
    for change in changes:
        notify_status_change(change.pk)
    told = member.user.notifications.get()
    assert "active" in told.subject.lower()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"agreed_to_privacy_notice": False}, "privacy notice"),
        ({"address": "", "postcode": ""}, "address and postcode"),
        ({"contact_methods": (ContactMethod.PHONE,), "phone": ""}, "phone number"),
        ({"contact_methods": (ContactMethod.EMAIL,)}, "letter, phone call or both"),
        ({"consent_given_on": timezone.localdate() + dt.timedelta(days=1)}, "today or in the past"),
    ],
)
def test_registration_is_refused_without_what_it_needs(coordinator, overrides, message):
    with pytest.raises(on_behalf.OnBehalfError, match=message):
        on_behalf.register_person(application(**overrides), by=coordinator)
    assert not User.objects.filter(email__isnull=True).exists()


def test_they_cannot_sign_in(client):
    member = PersonWithoutEmailFactory()
    user = member.user
    assert not user.has_usable_password()
    assert not user.check_password("")
    assert authenticate(email=None, password="") is None
    response = client.post("/accounts/login/", {"login": "", "password": ""})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_their_messages_are_letters_and_never_emails(coordinator):
    member = on_behalf.register_person(application(), by=coordinator)
    notify_status_change(member.history.get().pk)

    delivery = Delivery.objects.get(notification__recipient=member.user)
    assert delivery.channel == Channel.POST
    assert delivery.address == "7 Chapel Lane\nHillside\nLS6 2QT"
    assert mail.outbox == []


def test_someone_with_no_email_and_no_address_gets_a_call_even_if_email_was_chosen():
    from cms.notifications.services import contact_plan_for

    member = PersonWithoutEmailFactory(
        contact_methods=[ContactMethod.EMAIL.value], address="", postcode=""
    )
    assert contact_plan_for(member.user).channels == (Channel.PHONE,)


def test_interest_attendance_feedback_and_a_paper_claim_are_done_for_them(
    coordinator, make_opportunity
):
    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=dt.date(2020, 4, 6))
    member = PersonWithoutEmailFactory()
    opportunity = make_opportunity(title="Carers' listening event")
    session = OpportunitySessionFactory(page=opportunity, title="Listening event")

    interest = on_behalf.express_interest_for(member, opportunity, by=coordinator)
    assert interest.status == InterestStatus.INTERESTED
    assert interest.history.get().changed_by == coordinator
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)

    attendance = on_behalf.record_attendance_for(member, session, attended=True, by=coordinator)
    assert attendance.recorded_by == coordinator
    assert attendance.method == Attendance.Method.COORDINATOR

    feedback = on_behalf.record_phone_feedback(
        member,
        attendance,
        answers={
            "felt_valued": "yes",
            "papers_in_time": "partly",
            "adjustments_met": "yes",
            "knows_what_happens_next": "no",
            "comments": "The room was too warm.",
        },
        by=coordinator,
    )
    assert feedback.comments.startswith("The room was too warm.")
    assert coordinator.get_full_name() in feedback.comments
    assert not feedback.anonymous

    claim = on_behalf.claim_from_paper_form(
        member,
        session,
        by=coordinator,
        expenses=[on_behalf.PaperExpense(expense_type="mileage", miles=Decimal("10"))],
    )
    assert claim.status == ClaimStatus.SUBMITTED
    assert claim.history.order_by("pk").last().changed_by == coordinator
    assert claim.lines.get().amount == Decimal("4.50")

    kinds = list(member.on_behalf_actions.order_by("pk").values_list("kind", "done_by"))
    assert kinds == [
        (OnBehalfAction.Kind.INTEREST, coordinator.pk),
        (OnBehalfAction.Kind.ATTENDANCE, coordinator.pk),
        (OnBehalfAction.Kind.FEEDBACK, coordinator.pk),
        (OnBehalfAction.Kind.CLAIM, coordinator.pk),
    ]
    assert AuditEvent.objects.filter(member=member, actor=coordinator).count() == 4
    assert mail.outbox == []
    assert not Delivery.objects.filter(
        notification__recipient=member.user, channel=Channel.EMAIL
    ).exists()


def test_feedback_twice_for_one_session_is_refused(coordinator, make_opportunity):
    member = PersonWithoutEmailFactory()
    opportunity = make_opportunity()
    session = OpportunitySessionFactory(page=opportunity)
    interest = on_behalf.express_interest_for(member, opportunity, by=coordinator)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    attendance = on_behalf.record_attendance_for(member, session, attended=True, by=coordinator)
    answers = dict.fromkeys(
        ["felt_valued", "papers_in_time", "adjustments_met", "knows_what_happens_next"], "yes"
    )
    on_behalf.record_phone_feedback(member, attendance, answers=answers, by=coordinator)
    with pytest.raises(on_behalf.OnBehalfError, match="already given feedback"):
        on_behalf.record_phone_feedback(member, attendance, answers=answers, by=coordinator)
    assert Feedback.objects.count() == 1


def test_only_a_coordinator_may_send_a_claim_on_their_behalf(make_opportunity, member):
    from cms.claims import services as claims

    person = PersonWithoutEmailFactory()
    opportunity = make_opportunity()
    session = OpportunitySessionFactory(page=opportunity)
    interest = on_behalf.express_interest_for(person, opportunity, by=person.user)
    move_interest(interest, InterestStatus.SELECTED, by=person.user)
    on_behalf.record_attendance_for(person, session, attended=True, by=person.user)
    claim = claims.start_claim(member=person, session=session, by=person.user)
    with pytest.raises(claims.ClaimNotAllowed):
        claims.submit_claim(claim=claim, by=member, on_their_behalf=True)


def test_giving_a_sign_in_keeps_their_history_and_emails_an_invitation(
    coordinator, django_capture_on_commit_callbacks
):
    member = on_behalf.register_person(application(), by=coordinator)
    user_pk = member.user.pk

    with django_capture_on_commit_callbacks(execute=True):
        on_behalf.give_sign_in(
            member, " Margaret.Hughes@Example.org ", by=coordinator, use_email_for_messages=True
        )

    member.refresh_from_db()
    assert member.user.pk == user_pk
    assert member.user.email == "margaret.hughes@example.org"
    assert member.history.count() == 1
    assert EmailAddress.objects.get(user=member.user).verified is False
    assert member.contact_methods[0] == ContactMethod.EMAIL
    assert member.offline_registration.sign_in_given_by == coordinator
    assert member.on_behalf_actions.filter(kind=OnBehalfAction.Kind.SIGN_IN).exists()
    assert len(mail.outbox) == 1
    invitation = mail.outbox[0]
    assert invitation.to == ["margaret.hughes@example.org"]
    assert "/accounts/password/reset/key/" in invitation.body


def test_a_sign_in_with_an_address_someone_else_uses_is_refused(coordinator, member):
    person = PersonWithoutEmailFactory()
    with pytest.raises(on_behalf.OnBehalfError, match="already uses"):
        on_behalf.give_sign_in(
            person, member.email.upper(), by=coordinator, use_email_for_messages=False
        )
    person.user.refresh_from_db()
    assert person.user.email is None


def test_an_active_member_with_email_is_still_emailed(coordinator):
    from cms.notifications.services import contact_plan_for

    assert contact_plan_for(ActiveMemberFactory().user).channels == (Channel.EMAIL,)


def test_the_demo_has_a_person_without_email(coordinator):
    from cms.members.demo import load_person_without_email

    first = load_person_without_email(coordinator)
    again = load_person_without_email(coordinator)
    assert first.pk == again.pk
    assert first.user.email is None
    assert first.status == Status.ACTIVE
    assert [c.to_status for c in StatusChange.objects.filter(member=first)] == list(
        on_behalf.RECRUITED_ON_PAPER_PATH
    )
    delivery = Delivery.objects.get(notification__recipient=first.user, channel=Channel.POST)
    assert "LS6 2QT" in delivery.address


def attended_session(member, make_opportunity, coordinator):
    opportunity = make_opportunity(title="Carers' listening event")
    session = OpportunitySessionFactory(page=opportunity, title="Listening event")
    interest = on_behalf.express_interest_for(member, opportunity, by=coordinator)
    move_interest(interest, InterestStatus.SELECTED, by=coordinator)
    on_behalf.record_attendance_for(member, session, attended=True, by=coordinator)
    return session


def test_a_paper_claim_never_sends_a_draft_they_started_themselves(coordinator, make_opportunity):
    from cms.claims import services as claims

    MileageRateFactory(amount_per_mile=Decimal("0.45"), applies_from=dt.date(2020, 4, 6))
    member = PersonWithoutEmailFactory(user__first_name="Margaret", user__last_name="Hughes")
    session = attended_session(member, make_opportunity, coordinator)
    draft = claims.start_claim(member=member, session=session, by=member.user)
    claims.add_expense(claim=draft, expense_type="mileage", miles=Decimal("3"))
    paper = [on_behalf.PaperExpense(expense_type="mileage", miles=Decimal("10"))]

    with pytest.raises(on_behalf.OnBehalfError, match="Margaret Hughes has a claim for this"):
        on_behalf.claim_from_paper_form(member, session, by=coordinator, expenses=paper)

    draft.refresh_from_db()
    assert draft.status == ClaimStatus.DRAFT
    assert [line.miles for line in draft.lines.all()] == [Decimal("3")]
    assert not member.on_behalf_actions.filter(kind=OnBehalfAction.Kind.CLAIM).exists()

    # Once they have deleted their draft, the paper claim goes.
    claims.delete_draft(claim=draft)
    claim = on_behalf.claim_from_paper_form(member, session, by=coordinator, expenses=paper)
    assert claim.status == ClaimStatus.SUBMITTED
    assert [line.miles for line in claim.lines.all()] == [Decimal("10")]


def test_the_sign_in_invitation_task_is_safe_to_run_twice(
    coordinator, django_capture_on_commit_callbacks
):
    member = on_behalf.register_person(application(), by=coordinator)
    with django_capture_on_commit_callbacks() as callbacks:
        on_behalf.give_sign_in(
            member, "margaret@example.org", by=coordinator, use_email_for_messages=False
        )
    assert mail.outbox == []  # Nothing is sent inside the request, only once committed.

    callbacks[-1]()
    callbacks[-1]()

    assert [m.to for m in mail.outbox] == [["margaret@example.org"]]
    member.offline_registration.refresh_from_db()
    assert member.offline_registration.sign_in_invited_at is not None


def test_the_invitation_can_be_sent_again_until_they_choose_a_password(
    coordinator, django_capture_on_commit_callbacks
):
    member = on_behalf.register_person(application(), by=coordinator)
    assert not on_behalf.can_resend_sign_in(member)
    with django_capture_on_commit_callbacks(execute=True):
        on_behalf.give_sign_in(
            member, "margaret@example.org", by=coordinator, use_email_for_messages=False
        )
    member.refresh_from_db()
    assert on_behalf.can_resend_sign_in(member)

    with django_capture_on_commit_callbacks(execute=True):
        on_behalf.resend_sign_in_invitation(member, by=coordinator)

    assert [m.to for m in mail.outbox] == [["margaret@example.org"]] * 2
    assert "/accounts/password/reset/key/" in mail.outbox[1].body
    assert member.on_behalf_actions.filter(summary="Invitation sent again").get().done_by == (
        coordinator
    )

    member.user.set_password("a long and unguessable phrase")
    member.user.save()
    assert not on_behalf.can_resend_sign_in(member)
    with pytest.raises(on_behalf.OnBehalfError, match="already chosen a password"):
        on_behalf.resend_sign_in_invitation(member, by=coordinator)
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("email", [None, ""])
def test_no_email_address_is_not_a_sign_in_name(email):
    PersonWithoutEmailFactory()
    with pytest.raises(User.DoesNotExist):
        User.objects.get_by_natural_key(email)


def test_an_email_address_is_still_a_sign_in_name(member):
    assert User.objects.get_by_natural_key(member.email.upper()) == member
