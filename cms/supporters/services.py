"""The supporter arrangement's rules: naming a supporter, accepting, acting, ending.

invited -> active -> ended (an invitation can also be ended before it is accepted).
Every move is dated, attributed and written to the audit log; a move the rules do not
allow is refused with a ``SupporterError`` saying why.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from cms.audit.services import Action, SubjectType, record
from cms.members.choices import Status as MemberStatus

from .models import ArrangementStatus, MessageCopy, Permission, SupportArrangement

S = ArrangementStatus

TRANSITIONS: dict[str, set[str]] = {
    S.INVITED: {S.ACTIVE, S.ENDED},
    S.ACTIVE: {S.ENDED},
    S.ENDED: set(),
}

# The session key holding the arrangement a supporter has chosen to act under.
ACTING_FOR_SESSION_KEY = "supporters.acting_for"

INVITATION_SALT = "cms.supporters.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 28  # four weeks, then the member names them again

CONSENT_WORDING = (
    "I agree that {name} may act for me on Involve. They may: {abilities}. "
    "Everything they do will show that they did it. I can end this at any time."
)


class SupporterError(Exception):
    """A move the rules do not allow, with a message to show the person."""


def consent_wording(*, supporter_name: str, permissions=(), gets_message_copies: bool) -> str:
    """The exact words the member agrees to; kept with the arrangement."""
    abilities = ["see my dashboard"]
    if Permission.EXPRESS_INTEREST in permissions:
        abilities.append("say I am interested in opportunities, and confirm or withdraw a place")
    if Permission.FILL_IN_FORMS in permissions:
        abilities.append("fill in forms for me")
    if gets_message_copies:
        abilities.append("get a copy of the messages you send me")
    return CONSENT_WORDING.format(name=supporter_name.strip(), abilities="; ".join(abilities))


def _move(arrangement: SupportArrangement, to_status: str) -> str:
    if to_status not in TRANSITIONS[arrangement.status]:
        raise SupporterError(
            f"An arrangement that is '{arrangement.get_status_display()}' cannot be "
            f"moved to '{S(to_status).label}'."
        )
    from_status = arrangement.status
    arrangement.status = to_status
    return from_status


@transaction.atomic
def name_supporter(
    member,
    *,
    by,
    supporter_name: str,
    supporter_email: str,
    relationship: str,
    permissions=(),
    gets_message_copies: bool = False,
    consent_given: bool,
) -> SupportArrangement:
    """Record the member's consent and invite the supporter by email.

    Refused without the member's consent, for the member's own email address, and when
    the same person is already active for this member or invited with a link that still
    works (an invitation whose link has expired has lapsed, so they can be named again).
    The invitation is emailed by a background task after commit.
    """
    if not consent_given:
        raise SupporterError("Tick the box to say you agree to this supporter acting for you.")
    email = supporter_email.strip().lower()
    if email == (member.user.email or "").lower():
        raise SupporterError("A supporter must be someone else, with their own email address.")
    lapsed_before = timezone.now() - timedelta(seconds=INVITATION_MAX_AGE)
    if (
        SupportArrangement.objects.of_member(member)
        .current()
        .filter(supporter_email__iexact=email)
        .exclude(status=S.INVITED, invited_at__lt=lapsed_before)
        .exists()
    ):
        raise SupporterError("You have already named this person as a supporter.")
    permissions = set(permissions)
    now = timezone.now()
    arrangement = SupportArrangement.objects.create(
        member=member,
        supporter_name=supporter_name.strip(),
        supporter_email=email,
        relationship=relationship,
        may_express_interest=Permission.EXPRESS_INTEREST in permissions,
        may_fill_in_forms=Permission.FILL_IN_FORMS in permissions,
        gets_message_copies=gets_message_copies,
        consent_wording=consent_wording(
            supporter_name=supporter_name,
            permissions=permissions,
            gets_message_copies=gets_message_copies,
        ),
        consented_at=now,
        invited_at=now,
        invited_by=by,
    )
    record(
        actor=by,
        action=Action.ADDED,
        subject_type=SubjectType.MEMBER_RECORD,
        subject_id=member.pk,
        member=member,
        summary=f"named a supporter (arrangement {arrangement.pk}), consent recorded",
    )
    transaction.on_commit(
        lambda: async_task(
            "cms.supporters.services.send_invitation",
            arrangement.pk,
            task_name=f"supporter-invitation-{arrangement.pk}",
        )
    )
    return arrangement


def invitation_token(arrangement: SupportArrangement) -> str:
    return signing.dumps({"arrangement": arrangement.pk}, salt=INVITATION_SALT)


def arrangement_for_token(token: str) -> SupportArrangement | None:
    """The invited arrangement a link is for; None for a bad, old or used link."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        SupportArrangement.objects.filter(pk=data.get("arrangement"), status=S.INVITED)
        .select_related("member__user")
        .first()
    )


def send_invitation(arrangement_id: int) -> bool:
    """Email the invitation once; safe to run twice. Returns True if it sent it now.

    The row stays locked while the email goes, and is marked sent only once the email
    has gone: a failed send leaves it unsent, so the task can be run again."""
    with transaction.atomic():
        arrangement = (
            SupportArrangement.objects.select_for_update()
            .select_related("member__user")
            .filter(pk=arrangement_id, status=S.INVITED, invitation_sent_at__isnull=True)
            .first()
        )
        if arrangement is None:
            return False
        link = settings.SITE_URL + reverse(
            "members:supporters:invitation", args=[invitation_token(arrangement)]
        )
        body = render_to_string(
            "supporters/email/invitation.txt",
            {"arrangement": arrangement, "link": link, "site_url": settings.SITE_URL},
        )
        send_mail(
            f"{arrangement.member_name} has asked you to be their supporter on Involve",
            body,
            None,
            [arrangement.supporter_email],
        )
        arrangement.invitation_sent_at = timezone.now()
        arrangement.save(update_fields=["invitation_sent_at"])
    return True


@transaction.atomic
def accept_invitation(arrangement: SupportArrangement, *, user) -> SupportArrangement:
    """The supporter accepts with their own sign-in, which must use the invited email."""
    arrangement = SupportArrangement.objects.select_for_update().get(pk=arrangement.pk)
    if arrangement.member.user_id == user.pk:
        raise SupporterError("You cannot be your own supporter.")
    if (user.email or "").lower() != arrangement.supporter_email.lower():
        raise SupporterError(
            f"This invitation was sent to {arrangement.supporter_email}. "
            "Sign in with that email address to accept it."
        )
    _move(arrangement, S.ACTIVE)
    arrangement.supporter = user
    arrangement.accepted_at = timezone.now()
    arrangement.save(update_fields=["status", "supporter", "accepted_at"])
    record(
        actor=user,
        action=Action.CHANGED,
        subject_type=SubjectType.MEMBER_RECORD,
        subject_id=arrangement.member_id,
        member=arrangement.member,
        summary=f"supporter accepted (arrangement {arrangement.pk})",
    )
    return arrangement


@transaction.atomic
def end_arrangement(arrangement: SupportArrangement, *, by, reason: str = "") -> SupportArrangement:
    """End it now. The supporter's very next request no longer reaches the member's pages,
    because access is checked against this row on every request."""
    arrangement = SupportArrangement.objects.select_for_update().get(pk=arrangement.pk)
    _move(arrangement, S.ENDED)
    arrangement.ended_at = timezone.now()
    arrangement.ended_by = by
    arrangement.end_reason = reason.strip()
    arrangement.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    record(
        actor=by,
        action=Action.CHANGED,
        subject_type=SubjectType.MEMBER_RECORD,
        subject_id=arrangement.member_id,
        member=arrangement.member,
        summary=f"supporter arrangement {arrangement.pk} ended",
    )
    return arrangement


def stop_helping(arrangement: SupportArrangement, *, user, session=None) -> SupportArrangement:
    """The supporter ends the arrangement themselves; dated and attributed to them like
    any other ending. If they were acting for the member in this session, that stops too."""
    if arrangement.supporter_id != user.pk:
        raise SupporterError("Only the supporter can stop helping this way.")
    arrangement = end_arrangement(arrangement, by=user, reason="The supporter stopped helping.")
    if session is not None and session.get(ACTING_FOR_SESSION_KEY) == arrangement.pk:
        stop_acting(session)
    return arrangement


def end_for_deleted_supporter(user) -> int:
    """The supporter's account is being deleted: every arrangement they accepted ends now,
    the email address they gave is forgotten, and each member is told. Called by the
    privacy service before the account is anonymised. Returns how many ended."""
    from cms.notifications.models import Topic
    from cms.notifications.services import notify

    ended = 0
    for arrangement in SupportArrangement.objects.filter(supporter=user).exclude(status=S.ENDED):
        arrangement = end_arrangement(
            arrangement, by=user, reason="The supporter's account was deleted."
        )
        SupportArrangement.objects.filter(pk=arrangement.pk).update(supporter_email="")
        notify(
            recipient=arrangement.member.user,
            topic=Topic.SUPPORT,
            key=f"supporter-arrangement-{arrangement.pk}-account-deleted",
            subject=f"{arrangement.supporter_name} can no longer help you on Involve",
            body=(
                f"{arrangement.supporter_name} has closed their Involve account, so they can "
                "no longer act for you or get copies of your messages. You can name someone "
                "else on the 'People who help me' page."
            ),
            url=reverse("members:supporters:index"),
        )
        ended += 1
    return ended


def start_acting(session, arrangement: SupportArrangement, *, user) -> None:
    """The supporter chooses, in this session, to act for the member."""
    if arrangement.supporter_id != user.pk or arrangement.status != S.ACTIVE:
        raise SupporterError("You can only act for someone while they have you as a supporter.")
    if arrangement.member.status != MemberStatus.ACTIVE:
        raise SupporterError("You can act for someone once they are an active member.")
    session[ACTING_FOR_SESSION_KEY] = arrangement.pk
    record(
        actor=user,
        action=Action.VIEWED,
        subject_type=SubjectType.MEMBER_RECORD,
        subject_id=arrangement.member_id,
        member=arrangement.member,
        summary=f"supporter started acting for the member (arrangement {arrangement.pk})",
    )


def stop_acting(session) -> None:
    """Back to the supporter's own account."""
    session.pop(ACTING_FOR_SESSION_KEY, None)


# Copies go only while the supporter and the member can both still sign in, the member is
# active and the supporter has accepted (an erased supporter's account is unlinked).
STILL_CONNECTED = {
    "supporter__isnull": False,
    "supporter__is_active": True,
    "member__status": MemberStatus.ACTIVE,
    "member__user__is_active": True,
}


def copy_to_supporters(notification) -> int:
    """Queue an email copy of a member's new message for each active supporter who asked
    for copies. Private messages (those that hide who they are for) are never copied.
    Returns how many copies were queued."""
    if notification.hides_recipient:
        return 0
    arrangements = SupportArrangement.objects.active().filter(
        member__user_id=notification.recipient_id, gets_message_copies=True, **STILL_CONNECTED
    )
    queued = 0
    for arrangement in arrangements:
        try:
            with transaction.atomic():
                copy = MessageCopy.objects.create(
                    arrangement=arrangement, notification=notification
                )
        except IntegrityError:
            continue
        transaction.on_commit(
            lambda pk=copy.pk: async_task(
                "cms.supporters.services.send_message_copy",
                pk,
                task_name=f"supporter-message-copy-{pk}",
            )
        )
        queued += 1
    return queued


def send_message_copy(copy_id: int) -> bool:
    """Email one copy, once, and only while the arrangement is still active and both
    people are still connected (see ``STILL_CONNECTED``); always to the supporter's own
    sign-in address, never the address the invitation went to."""
    with transaction.atomic():
        copy = (
            MessageCopy.objects.select_for_update(of=("self",))
            .select_related("arrangement__member__user", "arrangement__supporter", "notification")
            .filter(
                pk=copy_id,
                sent_at__isnull=True,
                arrangement__status=S.ACTIVE,
                **{f"arrangement__{key}": value for key, value in STILL_CONNECTED.items()},
            )
            .first()
        )
        if copy is None:
            return False
        copy.sent_at = timezone.now()
        copy.save(update_fields=["sent_at"])
    arrangement = copy.arrangement
    body = render_to_string(
        "supporters/email/message_copy.txt",
        {
            "arrangement": arrangement,
            "notification": copy.notification,
            "site_url": settings.SITE_URL,
        },
    )
    send_mail(
        f"Copy for {arrangement.member_name}: {copy.notification.subject}",
        body,
        None,
        [arrangement.supporter.email],
    )
    return True
