"""Supporters are cut off cleanly, pages that did not opt in stay the member's own, lists
cost no query per row, and anonymous feedback stays anonymous in the audit log."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.audit.models import AuditEvent
from cms.members.choices import Status as MemberStatus
from cms.members.factories import ActiveMemberFactory
from cms.notifications.services import notify
from cms.opportunities.factories import OpportunitySessionFactory
from cms.participation.models import (
    Attendance,
    Feedback,
    Interest,
    InterestChange,
    InterestStatus,
)
from cms.supporters import services
from cms.supporters.factories import ActiveSupportArrangementFactory, SupportArrangementFactory
from cms.supporters.models import ArrangementStatus, MessageCopy
from cms.supporters.services import SupporterError

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("members:supporters:dashboard")
INDEX = reverse("members:supporters:index")
INVOLVEMENT = reverse("members:participation:involvement")


def message(member, key="copy-test"):
    return notify(
        recipient=member.user, topic="message", key=key, subject="Room change", body="Room 4."
    )


# --- 1. Copies stop when the supporter is cut off ------------------------------------------


@pytest.mark.parametrize(
    "cut_off",
    ["supporter deactivated", "supporter erased", "member withdrawn", "member signed out"],
)
def test_no_copies_once_either_person_is_cut_off(
    active_profile, django_capture_on_commit_callbacks, cut_off
):
    arrangement = ActiveSupportArrangementFactory(member=active_profile, gets_message_copies=True)
    if cut_off == "supporter deactivated":
        arrangement.supporter.is_active = False
        arrangement.supporter.save()
    elif cut_off == "supporter erased":
        # What erasure leaves: the link to the sign-in is cleared, the row stays.
        type(arrangement).objects.filter(pk=arrangement.pk).update(supporter=None)
    elif cut_off == "member withdrawn":
        active_profile.status = MemberStatus.WITHDRAWN
        active_profile.save()
    else:
        active_profile.user.is_active = False
        active_profile.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        message(active_profile)
    assert not MessageCopy.objects.exists()
    assert not [m for m in mail.outbox if m.subject.startswith("Copy for")]


def test_a_queued_copy_is_not_sent_after_the_supporter_is_deactivated(active_profile):
    arrangement = ActiveSupportArrangementFactory(member=active_profile, gets_message_copies=True)
    message(active_profile)  # queued; the task has not run yet
    copy = MessageCopy.objects.get()
    arrangement.supporter.is_active = False
    arrangement.supporter.save()
    assert services.send_message_copy(copy.pk) is False
    assert not mail.outbox


def test_copies_go_to_the_supporters_own_sign_in_not_the_invited_address(active_profile):
    arrangement = ActiveSupportArrangementFactory(
        member=active_profile, gets_message_copies=True, supporter_email="invited@example.org"
    )
    arrangement.supporter.email = "now-uses@example.org"
    arrangement.supporter.save()
    message(active_profile)
    assert services.send_message_copy(MessageCopy.objects.get().pk) is True
    assert mail.outbox[-1].to == ["now-uses@example.org"]


def test_the_supporter_can_stop_helping_and_it_is_dated_and_attributed(acting_client, arrangement):
    url = reverse("members:supporters:stop_helping", args=[arrangement.pk])
    assert "Stop helping" in acting_client.get(DASHBOARD).content.decode()
    response = acting_client.post(url)
    assert response.status_code == 302
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ENDED
    assert arrangement.ended_by == arrangement.supporter
    assert arrangement.ended_at is not None
    assert AuditEvent.objects.filter(
        actor=arrangement.supporter, member=arrangement.member, summary__contains="ended"
    ).exists()
    # No longer acting for them, and no longer able to.
    assert acting_client.get(DASHBOARD).status_code in (302, 403)
    assert (
        acting_client.post(reverse("members:supporters:act", args=[arrangement.pk])).status_code
        == 404
    )


def test_only_the_supporter_can_stop_helping(client, member, arrangement):
    url = reverse("members:supporters:stop_helping", args=[arrangement.pk])
    assert client.post(url).status_code == 302  # visitor: to sign in
    assert client.post(url)["Location"].startswith(reverse("account_login"))
    for someone in (member, ActiveMemberFactory().user):
        client.force_login(someone)
        assert client.post(url).status_code == 404
    client.force_login(arrangement.supporter)
    assert client.get(url).status_code == 405
    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ACTIVE
    with pytest.raises(SupporterError):
        services.stop_helping(arrangement, user=member)


# --- 2. Pages that did not opt in are refused while acting -----------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("members:account"),
        reverse("members:profile:summary"),
        reverse("members:profile:edit", args=["contact"]),
        reverse("members:claims:index"),
    ],
)
def test_pages_that_did_not_opt_in_are_refused_while_acting(acting_client, arrangement, url):
    response = acting_client.get(url)
    assert response.status_code == 403
    assert "supporters/not_for_supporters.html" in [t.name for t in response.templates]


def test_the_dashboard_and_interest_pages_still_work_while_acting(acting_client, make_opportunity):
    opportunity = make_opportunity(title="Carers' forum")
    OpportunitySessionFactory(page=opportunity)
    assert acting_client.get(DASHBOARD).status_code == 200
    assert acting_client.get(INVOLVEMENT).status_code == 200
    url = reverse("members:participation:interest", args=[opportunity.pk])
    assert acting_client.get(url).status_code == 200
    assert acting_client.post(reverse("members:supporters:stop")).status_code == 302


# --- 5. The involvement list costs the same however many rows ---------------------------------


def test_the_involvement_list_makes_the_same_queries_for_2_and_12_interests(
    client, member, arrangement, make_opportunity
):
    def add_interests(count):
        for index in range(count):
            interest = Interest.objects.create(
                member=arrangement.member,
                opportunity=make_opportunity(title=f"Panel {Interest.objects.count()}"),
                status=InterestStatus.INTERESTED,
            )
            InterestChange.objects.create(
                interest=interest,
                to_status=InterestStatus.INTERESTED,
                changed_by=arrangement.supporter if index % 2 == 0 else member,
                changed_at=timezone.now(),
            )

    client.force_login(member)
    add_interests(2)
    client.get(INVOLVEMENT)
    with CaptureQueriesContext(connection) as few:
        page = client.get(INVOLVEMENT).content.decode()
    assert "Done for you by Sam Okafor (supporter)" in page
    add_interests(10)
    with CaptureQueriesContext(connection) as many:
        page = client.get(INVOLVEMENT).content.decode()
    assert page.count("Done for you by Sam Okafor (supporter)") == 6
    assert len(many) == len(few)


# --- 6. Anonymous feedback given by a supporter -----------------------------------------------


def test_anonymous_feedback_by_a_supporter_is_audited_without_the_member_or_feedback(
    acting_client, arrangement, make_opportunity
):
    page = make_opportunity(title="Home care review")
    start = timezone.now() - dt.timedelta(days=2)
    session = OpportunitySessionFactory(
        page=page, starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    interest = Interest.objects.create(
        member=arrangement.member, opportunity=page, status=InterestStatus.CONFIRMED
    )
    attendance = Attendance.objects.create(
        interest=interest, session=session, attended=True, method="coordinator"
    )
    response = acting_client.post(
        reverse("members:feedback:give", args=[attendance.pk]),
        {
            "felt_valued": "yes",
            "papers_in_time": "yes",
            "adjustments_met": "partly",
            "knows_what_happens_next": "no",
            "comments": "Said with Sam's help.",
            "anonymous": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    feedback = Feedback.objects.get()
    assert feedback.anonymous
    event = AuditEvent.objects.get(actor=arrangement.supporter, summary__contains="feedback")
    assert event.summary == "anonymous feedback given by a supporter"
    assert event.member is None
    assert event.subject_id == ""
    assert str(feedback.pk) not in event.summary


# --- 7. Invitations: marked sent only once sent; lapsed ones do not block -------------------


def test_a_failed_invitation_email_is_not_marked_sent_and_can_be_tried_again(active_profile):
    arrangement = SupportArrangementFactory(member=active_profile)
    with (
        mock.patch("cms.supporters.services.send_mail", side_effect=OSError("mail down")),
        pytest.raises(OSError),
    ):
        services.send_invitation(arrangement.pk)
    arrangement.refresh_from_db()
    assert arrangement.invitation_sent_at is None
    assert services.send_invitation(arrangement.pk) is True
    assert services.send_invitation(arrangement.pk) is False
    assert len(mail.outbox) == 1


def name_again(member):
    return services.name_supporter(
        member,
        by=member.user,
        supporter_name="Sam Okafor",
        supporter_email="sam@example.org",
        relationship="carer",
        consent_given=True,
    )


def test_an_invitation_still_open_blocks_naming_the_same_person_again(active_profile):
    SupportArrangementFactory(member=active_profile, supporter_email="sam@example.org")
    with pytest.raises(SupporterError):
        name_again(active_profile)


def test_a_lapsed_invitation_does_not_block_naming_the_same_person_again(active_profile):
    SupportArrangementFactory(
        member=active_profile,
        supporter_email="sam@example.org",
        invited_at=timezone.now() - dt.timedelta(seconds=services.INVITATION_MAX_AGE + 60),
    )
    arrangement = name_again(active_profile)
    assert arrangement.status == ArrangementStatus.INVITED


def test_deleting_a_supporters_account_ends_what_they_accepted_and_tells_the_member(
    coordinator,
):
    """A member must not be left thinking someone still helps them once that person's
    account is gone; the supporter's email address goes with them."""
    from cms.notifications.models import Notification
    from cms.privacy.services import confirm_deletion, request_deletion

    arrangement = ActiveSupportArrangementFactory(supporter_name="Sam Carer")
    waiting = SupportArrangementFactory(member=arrangement.member)  # not theirs to end
    supporter = arrangement.supporter

    confirm_deletion(deletion_request=request_deletion(user=supporter), by=coordinator)

    arrangement.refresh_from_db()
    assert arrangement.status == ArrangementStatus.ENDED
    assert arrangement.end_reason == "The supporter's account was deleted."
    assert arrangement.supporter_id is None and arrangement.supporter_email == ""
    waiting.refresh_from_db()
    assert waiting.status == ArrangementStatus.INVITED
    told = Notification.objects.get(recipient=arrangement.member.user)
    assert told.subject == "Sam Carer can no longer help you on Involve"
    assert "People who help me" in told.body
