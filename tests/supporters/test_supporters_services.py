"""The arrangement's rules: invited -> active -> ended, dated, attributed and audited,
with the member's consent recorded in the words they agreed to."""

import pytest
from django.core import mail

from cms.audit.models import AuditEvent
from cms.notifications.services import notify
from cms.supporters import services
from cms.supporters.factories import ActiveSupportArrangementFactory, SupportArrangementFactory
from cms.supporters.models import ArrangementStatus, MessageCopy
from cms.supporters.services import SupporterError
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def name(member, **overrides):
    fields = {
        "by": member.user,
        "supporter_name": "Sam Okafor",
        "supporter_email": "Sam.Carer@example.org",
        "relationship": "carer",
        "permissions": ["express_interest"],
        "gets_message_copies": True,
        "consent_given": True,
    }
    return services.name_supporter(member, **(fields | overrides))


def test_naming_records_consent_in_the_words_agreed_and_emails_an_invitation(
    active_profile, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        arrangement = name(active_profile)

    assert arrangement.status == ArrangementStatus.INVITED
    assert arrangement.supporter is None
    assert arrangement.supporter_email == "sam.carer@example.org"
    assert arrangement.invited_by == active_profile.user
    assert arrangement.consented_at is not None
    assert arrangement.may_express_interest and not arrangement.may_fill_in_forms
    assert arrangement.consent_wording == (
        "I agree that Sam Okafor may act for me on Involve. They may: see my dashboard; "
        "say I am interested in opportunities, and confirm or withdraw a place; "
        "get a copy of the messages you send me. "
        "Everything they do will show that they did it. I can end this at any time."
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam.carer@example.org"]
    assert "/members/supporters/invitation/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(member=active_profile, actor=active_profile.user).exists()


def test_the_invitation_is_sent_once_however_often_the_task_runs(active_profile):
    arrangement = SupportArrangementFactory(member=active_profile)
    assert services.send_invitation(arrangement.pk) is True
    assert services.send_invitation(arrangement.pk) is False
    assert len(mail.outbox) == 1


def test_no_consent_no_arrangement(active_profile):
    with pytest.raises(SupporterError, match="agree"):
        name(active_profile, consent_given=False)


def test_a_member_cannot_name_themselves_or_the_same_person_twice(active_profile):
    with pytest.raises(SupporterError, match="someone else"):
        name(active_profile, supporter_email=active_profile.user.email)
    name(active_profile)
    with pytest.raises(SupporterError, match="already"):
        name(active_profile, supporter_email="sam.carer@EXAMPLE.org")


def test_accepting_makes_it_active_with_the_supporters_own_sign_in(active_profile, supporter):
    arrangement = SupportArrangementFactory(member=active_profile, supporter_email=supporter.email)
    services.accept_invitation(arrangement, user=supporter)
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ACTIVE
    assert arrangement.supporter == supporter
    assert arrangement.accepted_at is not None
    assert AuditEvent.objects.filter(member=active_profile, actor=supporter).exists()


def test_only_the_invited_address_can_accept(active_profile):
    arrangement = SupportArrangementFactory(member=active_profile)
    with pytest.raises(SupporterError, match="Sign in with that email"):
        services.accept_invitation(arrangement, user=UserFactory(email="someone@example.org"))
    with pytest.raises(SupporterError, match="own supporter"):
        services.accept_invitation(arrangement, user=active_profile.user)
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.INVITED


def test_ending_is_dated_and_attributed_and_final(arrangement, active_profile):
    services.end_arrangement(arrangement, by=active_profile.user, reason="  Moved away ")
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ENDED
    assert arrangement.ended_by == active_profile.user
    assert arrangement.ended_at is not None
    assert arrangement.end_reason == "Moved away"
    with pytest.raises(SupporterError, match="cannot be moved"):
        services.end_arrangement(arrangement, by=active_profile.user)
    with pytest.raises(SupporterError, match="cannot be moved"):
        services.accept_invitation(arrangement, user=arrangement.supporter)


def test_an_accepted_invitation_cannot_be_accepted_again(arrangement):
    with pytest.raises(SupporterError, match="'Active' cannot be moved to 'Active'"):
        services.accept_invitation(arrangement, user=arrangement.supporter)


def test_an_invitation_can_be_ended_before_it_is_accepted(active_profile):
    arrangement = SupportArrangementFactory(member=active_profile)
    services.end_arrangement(arrangement, by=active_profile.user)
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ENDED
    assert services.arrangement_for_token(services.invitation_token(arrangement)) is None


def test_a_bad_or_tampered_link_finds_nothing(active_profile):
    arrangement = SupportArrangementFactory(member=active_profile)
    token = services.invitation_token(arrangement)
    assert services.arrangement_for_token(token) == arrangement
    assert services.arrangement_for_token(token + "x") is None
    assert services.arrangement_for_token("bad-token") is None


def test_only_the_active_supporter_can_start_acting(arrangement):
    session = {}
    with pytest.raises(SupporterError):
        services.start_acting(session, arrangement, user=UserFactory())
    services.start_acting(session, arrangement, user=arrangement.supporter)
    assert session[services.ACTING_FOR_SESSION_KEY] == arrangement.pk
    services.stop_acting(session)
    assert services.ACTING_FOR_SESSION_KEY not in session


def test_a_supporter_who_asked_gets_one_copy_of_each_message(
    active_profile, django_capture_on_commit_callbacks
):
    ActiveSupportArrangementFactory(
        member=active_profile, gets_message_copies=True, supporter_email="copies@example.org"
    )
    ActiveSupportArrangementFactory(member=active_profile, gets_message_copies=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=active_profile.user,
            topic="message",
            key="supporter-copy-test",
            subject="Your session on Tuesday",
            body="The room has changed to Room 4.",
        )
        notify(
            recipient=active_profile.user,
            topic="message",
            key="supporter-copy-test",
            subject="Your session on Tuesday",
            body="The room has changed to Room 4.",
        )
    copies = [message for message in mail.outbox if message.to == ["copies@example.org"]]
    assert len(copies) == 1
    assert "Copy for" in copies[0].subject
    assert "Room 4" in copies[0].body
    assert MessageCopy.objects.count() == 1
    copy = MessageCopy.objects.get()
    assert services.send_message_copy(copy.pk) is False  # safe to run twice


def test_no_copies_once_the_arrangement_has_ended(active_profile):
    arrangement = ActiveSupportArrangementFactory(member=active_profile, gets_message_copies=True)
    services.end_arrangement(arrangement, by=active_profile.user)
    notification = notify(
        recipient=active_profile.user,
        topic="message",
        key="after-the-end",
        subject="Hello",
        body="Hello",
    )
    assert notification.told_now
    assert not MessageCopy.objects.exists()
