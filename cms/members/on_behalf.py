"""People without email: registered from a paper or phone application and managed for them.

A coordinator registers the person (``register_person``), then does for them what they
would do online: says they are interested in an opportunity, records their attendance,
takes their feedback by phone and sends a claim from their paper form. Each action goes
through the same service the person would use, attributed to the coordinator, and is
kept as an ``OnBehalfAction`` ("done for them by <coordinator> on <date>") and in the
audit log. Their messages become letters and calls, never emails (see
``cms.notifications.services.contact_plan_for``). ``give_sign_in`` later adds an email
address to the same account and invites them to choose a password: nothing is lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_q.tasks import async_task

from cms.audit.services import record

from .choices import ContactMethod, Status
from .models import HowApplied, MemberProfile, OfflineRegistration, OnBehalfAction
from .services import move_member

# Who is contacted by hand: a person without email may only choose these.
BY_HAND_METHODS = (ContactMethod.POST, ContactMethod.PHONE)
# The recruitment steps someone already recruited on paper has been through, in order.
RECRUITED_ON_PAPER_PATH = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CONVERSATION_BOOKED,
    Status.CHECKS,
    Status.INDUCTION,
    Status.ACTIVE,
)


class OnBehalfError(ValueError):
    """Something a coordinator cannot do for this person; the message is for the screen."""


@dataclass(frozen=True)
class PaperApplication:
    """What a coordinator copies from a paper form, a phone call or a conversation."""

    first_name: str
    last_name: str
    how_applied: str
    address: str = ""
    postcode: str = ""
    phone: str = ""
    contact_methods: tuple[str, ...] = (ContactMethod.POST,)
    agreed_to_privacy_notice: bool = False
    consented_to_health_data: bool = False
    consent_given_how: str = HowApplied.PAPER
    consent_given_on: dt.date | None = None
    already_recruited: bool = False


def is_managed_for_them(member: MemberProfile) -> bool:
    """A person who cannot sign in: a coordinator does things for them."""
    return not member.user.email


def record_action(member: MemberProfile, kind: str, summary: str, *, by) -> OnBehalfAction:
    """Keep one thing done for ``member``: on their record and in the audit log."""
    action = OnBehalfAction.objects.create(
        member=member, kind=kind, summary=summary[:200], done_by=by, done_at=timezone.now()
    )
    record(
        actor=by,
        action="added" if kind == OnBehalfAction.Kind.REGISTERED else "changed",
        subject_type="member_record",
        subject_id=member.pk,
        member=member,
        summary=f"Done on their behalf: {OnBehalfAction.Kind(kind).label}",
    )
    return action


def _check_application(application: PaperApplication) -> None:
    if not application.first_name.strip() or not application.last_name.strip():
        raise OnBehalfError("Enter their first and last name.")
    if not application.agreed_to_privacy_notice:
        raise OnBehalfError("They must agree to the privacy notice before we keep their details.")
    if application.consent_given_on is None:
        raise OnBehalfError("Enter the date they gave their consent.")
    if application.consent_given_on > timezone.localdate():
        raise OnBehalfError("The date they gave their consent must be today or in the past.")
    methods = set(application.contact_methods)
    if not methods or not methods <= set(BY_HAND_METHODS):
        raise OnBehalfError("Choose letter, phone call or both.")
    if ContactMethod.POST in methods and not (application.address and application.postcode):
        raise OnBehalfError("Enter their address and postcode, so we can send letters.")
    if ContactMethod.PHONE in methods and not application.phone.strip():
        raise OnBehalfError("Enter their phone number, so we can call them.")


@transaction.atomic
def register_person(application: PaperApplication, *, by) -> MemberProfile:
    """Register someone without email from their application, as ``by`` (a coordinator).

    They get an account with no email address and no usable password, so they cannot
    sign in. Their application is received (a dated, attributed move, told to them by
    letter or phone); someone ``already_recruited`` on paper is moved through each
    recruitment step to active, and told only that they are now a member.
    """
    _check_application(application)
    user = get_user_model().objects.create_person_without_email(
        first_name=application.first_name.strip(), last_name=application.last_name.strip()
    )
    consent_at = timezone.make_aware(
        dt.datetime.combine(application.consent_given_on, dt.time(12, 0))
    )
    member = MemberProfile.objects.create(
        user=user,
        address=application.address.strip(),
        postcode=application.postcode.strip().upper(),
        phone=application.phone.strip(),
        contact_methods=[m for m in ContactMethod.values if m in application.contact_methods],
        agreed_to_privacy_notice=True,
        consented_to_health_data=application.consented_to_health_data,
        consent_given_at=consent_at,
    )
    OfflineRegistration.objects.create(
        member=member,
        how_applied=application.how_applied,
        consent_given_how=application.consent_given_how,
        consent_given_on=application.consent_given_on,
        registered_by=by,
    )
    how = HowApplied(application.how_applied).label.lower()
    steps = RECRUITED_ON_PAPER_PATH if application.already_recruited else (Status.SUBMITTED,)
    for step in steps:
        reason = (
            "Recruited on paper before they were registered on Involve."
            if application.already_recruited
            else f"Application received by {how}."
        )
        change = move_member(member, step, by=by, reason=reason)
        if step != steps[-1]:
            # They went through this step on paper: tell them only where they are now.
            change.notified_at = change.changed_at
            change.save(update_fields=["notified_at"])
    member.refresh_from_db()
    record_action(
        member,
        OnBehalfAction.Kind.REGISTERED,
        f"Applied by {how}; now {member.get_status_display().lower()}",
        by=by,
    )
    return member


def express_interest_for(member: MemberProfile, opportunity, *, by, message: str = ""):
    """Say they are interested in ``opportunity``, as they told ``by`` on paper or by phone."""
    from cms.participation.services import express_interest

    interest = express_interest(member, opportunity, message=message, by=by)
    record_action(member, OnBehalfAction.Kind.INTEREST, opportunity.title, by=by)
    return interest


def record_attendance_for(member: MemberProfile, session, *, attended: bool, by):
    """Record whether they came to ``session`` of an opportunity they were selected for."""
    from cms.participation.models import Attendance, Interest
    from cms.participation.services import ParticipationError, record_attendance

    interest = Interest.objects.filter(member=member, opportunity_id=session.page_id).first()
    if interest is None:
        raise ParticipationError("They are not on the list for this opportunity.")
    attendance = record_attendance(
        interest, session, attended=attended, by=by, method=Attendance.Method.COORDINATOR
    )
    came = "came to" if attended else "did not come to"
    record_action(
        member,
        OnBehalfAction.Kind.ATTENDANCE,
        f"{came.capitalize()} {session.page.title}: {session.title}",
        by=by,
    )
    return attendance


def record_phone_feedback(member: MemberProfile, attendance, *, answers: dict, by):
    """Keep the feedback ``member`` gave ``by`` on the phone about a session they came to."""
    from cms.participation.views_feedback import record_feedback

    if attendance.interest.member_id != member.pk or not attendance.attended:
        raise OnBehalfError("They can only give feedback on a session they came to.")
    if hasattr(attendance, "feedback"):
        raise OnBehalfError("They have already given feedback on this session.")
    comments = answers.get("comments", "").strip()
    taken = f"(Taken by phone by {by.get_full_name() or by}.)"
    feedback = record_feedback(
        attendance=attendance,
        data={**answers, "comments": f"{comments}\n\n{taken}".strip(), "anonymous": False},
    )
    record_action(
        member,
        OnBehalfAction.Kind.FEEDBACK,
        f"{attendance.session.page.title}: {attendance.session.title}",
        by=by,
    )
    return feedback


def pause_for(member: MemberProfile, *, starts_on, until, by):
    """Pause their involvement as they asked ``by`` by phone or letter: no invitations or
    reminders until ``until`` (or until they say they are back). The same rules as the
    member's own pause (``cms.wellbeing.services.pause``); no private reason is kept,
    because that note is the member's alone."""
    from cms.wellbeing.selectors import open_pause, paused_in_words, paused_sentence
    from cms.wellbeing.services import pause

    if (current := open_pause(member)) is not None:
        raise OnBehalfError(f"{paused_sentence(member, current)} End that pause first.")
    paused = pause(member, starts_on=starts_on, until=until, by=by)
    summary = f"From {paused.starts_on:%-d %B %Y} {paused_in_words(paused)}"
    record_action(member, OnBehalfAction.Kind.PAUSE, summary, by=by)
    return paused


def resume_for(member: MemberProfile, *, by):
    """They told ``by`` they are ready to take part again: their pause ends today."""
    from cms.wellbeing.services import resume

    ended = resume(member, by=by)
    record_action(member, OnBehalfAction.Kind.RESUME, "Their pause ended", by=by)
    return ended


@dataclass(frozen=True)
class PaperExpense:
    expense_type: str
    amount: object = None
    miles: object = None
    description: str = ""
    receipt: object = None


@transaction.atomic
def claim_from_paper_form(
    member: MemberProfile,
    session,
    *,
    by,
    payment_choice: str = "",
    expenses: list[PaperExpense] = (),
):
    """Send the claim on ``member``'s paper form for ``session`` to finance, as ``by``.

    The payment is worked out by the claims service as for anyone; the expenses are
    checked against the same limits; the move to finance is attributed to ``by``.
    """
    from cms.claims import services as claims
    from cms.claims.models import Claim, ClaimStatus

    # A claim from paper is started and sent in one go, so a draft already there is one
    # the person began online: sending it would send their half-finished lines as theirs.
    # Only one claim per session is allowed, so the paper one cannot sit beside it.
    if Claim.objects.filter(member=member, session=session, status=ClaimStatus.DRAFT).exists():
        raise OnBehalfError(
            f"{member} has a claim for this session they have started themselves. Ask them "
            "to finish and send it, or to delete it, before you send their paper claim."
        )
    claim = claims.start_claim(member=member, session=session, by=by)
    if claim.payment_offered and payment_choice:
        claims.set_payment_choice(claim=claim, choice=payment_choice)
    for expense in expenses:
        claims.add_expense(
            claim=claim,
            expense_type=expense.expense_type,
            amount=expense.amount,
            miles=expense.miles,
            description=expense.description,
            receipt=expense.receipt,
        )
    claim = claims.submit_claim(claim=claim, by=by, on_their_behalf=True)
    record_action(member, OnBehalfAction.Kind.CLAIM, claim.activity_title, by=by)
    return claim


def sign_in_invitation_url(user) -> str:
    """The link that lets ``user`` choose their first password (allauth's reset link)."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return f"{settings.SITE_URL}{path}"


def send_sign_in_invitation(registration_id: int, requested_at: str) -> bool:
    """Email the link to choose a password, asked for at ``requested_at``; a django-q2 task.

    Safe to run twice: it sends only if no invitation has gone since that request
    (``sign_in_invited_at``), and only to the address on their account. Returns True if it
    sent the email on this run.
    """
    requested = dt.datetime.fromisoformat(requested_at)
    with transaction.atomic():
        registration = (
            OfflineRegistration.objects.select_for_update()
            .select_related("member__user")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None:
            return False
        user = registration.member.user
        already_sent = (
            registration.sign_in_invited_at is not None
            and registration.sign_in_invited_at >= requested
        )
        if already_sent or not user.email:
            return False
        registration.sign_in_invited_at = timezone.now()
        registration.save(update_fields=["sign_in_invited_at"])
    context = {"user": user, "url": sign_in_invitation_url(user), "site_url": settings.SITE_URL}
    EmailMultiAlternatives(
        subject=render_to_string("members/email/sign_in_invitation_subject.txt", context).strip(),
        body=render_to_string("members/email/sign_in_invitation.txt", context),
        to=[user.email],
    ).send()
    return True


def _queue_sign_in_invitation(registration: OfflineRegistration) -> None:
    requested_at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: async_task(
            "cms.members.on_behalf.send_sign_in_invitation",
            registration.pk,
            requested_at,
            task_name=f"sign-in-invitation-{registration.pk}-{requested_at}",
        )
    )


def can_resend_sign_in(member: MemberProfile) -> bool:
    """They were given a sign-in but have not chosen a password (so not signed in) yet."""
    registration = getattr(member, "offline_registration", None)
    return bool(
        registration is not None
        and registration.sign_in_given_at
        and member.user.email
        and not member.user.has_usable_password()
    )


@transaction.atomic
def resend_sign_in_invitation(member: MemberProfile, *, by) -> None:
    """Send the invitation to choose a password again, for someone who has not used it yet."""
    if not can_resend_sign_in(member):
        raise OnBehalfError("They have already chosen a password, so they can sign in.")
    record_action(member, OnBehalfAction.Kind.SIGN_IN, "Invitation sent again", by=by)
    _queue_sign_in_invitation(member.offline_registration)


@transaction.atomic
def give_sign_in(member: MemberProfile, email: str, *, by, use_email_for_messages: bool):
    """Add ``email`` to the person's own account and invite them to choose a password.

    The account, record and history stay as they are. The address is not verified until
    they confirm it when they first sign in. The invitation is sent by a background task after commit.
    """
    from allauth.account.models import EmailAddress

    user = member.user
    if user.email:
        raise OnBehalfError("They can already sign in.")
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    if not email:
        raise OnBehalfError("Enter their email address.")
    if (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise OnBehalfError("Someone else already uses that email address.")
    user.email = email
    user.save(update_fields=["email"])
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    if use_email_for_messages and ContactMethod.EMAIL not in member.contact_methods:
        member.contact_methods = [ContactMethod.EMAIL.value, *member.contact_methods]
        member.save(update_fields=["contact_methods", "updated_at"])
    registration, _ = OfflineRegistration.objects.get_or_create(
        member=member,
        defaults={
            "how_applied": HowApplied.PAPER,
            "consent_given_how": HowApplied.PAPER,
            "consent_given_on": timezone.localdate(),
            "registered_by": by,
        },
    )
    registration.sign_in_given_at = timezone.now()
    registration.sign_in_given_by = by
    registration.save(update_fields=["sign_in_given_at", "sign_in_given_by"])
    record_action(member, OnBehalfAction.Kind.SIGN_IN, "Invited to choose a password", by=by)
    _queue_sign_in_invitation(registration)
    return member
