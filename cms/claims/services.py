"""Claims: working out the payment, the expenses, and every move of a claim's state.

The involvement payment is always worked out here from the rate in force on the
activity's date, never typed by anyone. ``expected_payment`` is also used by the
benefits guard: keep its name and meaning stable.
"""

import datetime as dt
import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cms.core import uploads
from cms.members.choices import PaymentPreference
from cms.notifications.models import Topic
from cms.notifications.services import notify
from cms.opportunities.models import PaymentType, PaymentUnit
from cms.participation.models import Attendance
from cms.users.access import is_coordinator

from .access import is_finance
from .models import (
    Claim,
    ClaimChange,
    ClaimStatus,
    ExpenseLine,
    ExpenseType,
    PaymentChoice,
)
from .money import ZERO, pounds
from .selectors import expense_caps_in_force, mileage_rate_in_force, payment_rate_in_force


class ClaimError(Exception):
    """A claim cannot do what was asked; the message is shown to the person."""


class InvalidTransition(ClaimError):
    pass


class ClaimNotAllowed(ClaimError):
    pass


# Who moves a claim from each state, and where to. Members send and answer; finance
# decides and pays. A rejected or paid claim is finished.
TRANSITIONS: dict[str, set[str]] = {
    ClaimStatus.DRAFT: {ClaimStatus.SUBMITTED},
    ClaimStatus.SUBMITTED: {ClaimStatus.QUERIED, ClaimStatus.APPROVED, ClaimStatus.REJECTED},
    ClaimStatus.QUERIED: {ClaimStatus.SUBMITTED, ClaimStatus.REJECTED},
    ClaimStatus.APPROVED: {ClaimStatus.PAID},
    ClaimStatus.REJECTED: set(),
    ClaimStatus.PAID: set(),
}

HALF_DAY_HOURS = Decimal(4)
DAY_HOURS = Decimal(8)
MAX_RECEIPT_BYTES = 5 * 1024 * 1024
RECEIPT_TYPES = ("application/pdf", "image/jpeg", "image/png")
EXPENSES_WITHOUT_RECEIPT = {ExpenseType.MILEAGE}


# Working out the payment ----------------------------------------------------------------------


def session_hours(session, *, attendance: Attendance | None = None) -> Decimal:
    """Hours the activity counts for: those the coordinator recorded, else the session's length."""
    if attendance is not None and attendance.hours:
        return pounds(attendance.hours)
    seconds = (session.ends_at - session.starts_at).total_seconds()
    return pounds(Decimal(seconds) / Decimal(3600))


def rate_quantity(unit: str, hours: Decimal) -> Decimal:
    """How many of ``unit`` the hours make: a half day is up to 4 hours, a day up to 8."""
    if unit == PaymentUnit.PER_HOUR:
        return pounds(hours)
    if unit == PaymentUnit.PER_HALF_DAY:
        return Decimal(max(1, math.ceil(hours / HALF_DAY_HOURS)))
    if unit == PaymentUnit.PER_DAY:
        return Decimal(max(1, math.ceil(hours / DAY_HOURS)))
    return Decimal(1)


def activity_date(session) -> dt.date:
    return timezone.localdate(session.starts_at)


def no_payment_reason(member, session) -> str:
    """Why this member is not paid for their time at this session, or '' when they are."""
    if session.page.payment_type != PaymentType.PAID:
        return "This activity pays expenses only. It does not pay for your time."
    if member.payment_preference == PaymentPreference.EXPENSES_ONLY:
        return (
            "You told us you want expenses only, so there is no payment for your time. "
            "You can change this in your profile."
        )
    if member.payment_preference == PaymentPreference.NO_PAYMENT:
        return (
            "You told us you do not want to be paid, so there is no payment for your time. "
            "We still pay back your expenses. You can change this in your profile."
        )
    return ""


def _attendance_for(member, session) -> Attendance | None:
    return Attendance.objects.filter(interest__member=member, session=session).first()


def work_out_payment(member, session, *, attendance: Attendance | None = None) -> dict:
    """The payment line for ``member`` at ``session``: offered or not (and why), the rate in
    force on the activity's date, how many units, and the amount."""
    hours = session_hours(session, attendance=attendance)
    reason = no_payment_reason(member, session)
    result = {
        "hours": hours,
        "payment_offered": False,
        "no_payment_reason": reason,
        "rate_amount": None,
        "rate_unit": "",
        "rate_quantity": ZERO,
        "payment_amount": ZERO,
    }
    if reason:
        return result
    rate = payment_rate_in_force(
        level=session.page.level_of_involvement,
        roles=list(member.roles.all()),
        day=activity_date(session),
    )
    if rate is None:
        result["no_payment_reason"] = (
            "We have not set a payment rate for this activity yet. Finance will contact you."
        )
        return result
    quantity = rate_quantity(rate.unit, hours)
    result.update(
        payment_offered=True,
        no_payment_reason="",
        rate_amount=rate.amount,
        rate_unit=rate.unit,
        rate_quantity=quantity,
        payment_amount=pounds(rate.amount * quantity),
    )
    return result


def expected_payment(member, session) -> Decimal:
    """What ``member`` would be paid for attending ``session`` under the rates in force on
    its date: 0 for an expenses-only activity, or when the member chose expenses only or
    no payment. Uses the hours recorded at the door when there are any."""
    return work_out_payment(member, session, attendance=_attendance_for(member, session))[
        "payment_amount"
    ]


# Starting and filling in a claim --------------------------------------------------------------


@transaction.atomic
def start_claim(*, member, session, by, now=None) -> Claim:
    """Start a draft claim for a session the member attended, with its payment worked out.

    A second claim for the same session is refused (unless the first was rejected); a
    draft already started is returned as it is.
    """
    attendance = Attendance.objects.filter(
        interest__member=member, session=session, attended=True
    ).first()
    if attendance is None:
        raise ClaimNotAllowed("You can only claim for a session you came to.")
    existing = (
        Claim.objects.filter(member=member, session=session)
        .exclude(status=ClaimStatus.REJECTED)
        .first()
    )
    if existing is not None:
        if existing.status == ClaimStatus.DRAFT:
            return existing
        raise ClaimNotAllowed("You have already sent a claim for this session.")
    payment = work_out_payment(member, session, attendance=attendance)
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                member=member,
                session=session,
                activity_title=f"{session.page.title}: {session.title}",
                activity_date=activity_date(session),
                payment_choice=PaymentChoice.PAY_ME if payment["payment_offered"] else "",
                created_at=now or timezone.now(),
                **payment,
            )
    except IntegrityError as error:
        raise ClaimNotAllowed("You have already started a claim for this session.") from error
    ClaimChange.objects.create(
        claim=claim, to_status=ClaimStatus.DRAFT, changed_by=by, changed_at=now or timezone.now()
    )
    return claim


def _only_draft(claim: Claim):
    if claim.status != ClaimStatus.DRAFT:
        raise ClaimNotAllowed("This claim has been sent, so it cannot be changed now.")


def set_payment_choice(
    *, claim: Claim, choice: str, reduced_amount=None, charity_name: str = ""
) -> Claim:
    """Record what the member wants done with the payment: paid, voucher, reduced, declined
    or given to a charity. Only for a claim with a payment line."""
    _only_draft(claim)
    if not claim.payment_offered:
        raise ClaimNotAllowed(claim.no_payment_reason or "There is no payment for this activity.")
    if choice not in PaymentChoice.values:
        raise ClaimError("Choose what you would like us to do with your payment.")
    reduced = None
    if choice == PaymentChoice.REDUCED:
        if reduced_amount is None:
            raise ClaimError("Enter the smaller amount you would like.")
        reduced = pounds(reduced_amount)
        if reduced <= ZERO or reduced >= claim.payment_amount:
            raise ClaimError(
                f"The smaller amount must be more than £0 and less than £{claim.payment_amount:,.2f}."
            )
    if choice == PaymentChoice.CHARITY and not charity_name.strip():
        raise ClaimError("Enter the name of the charity.")
    claim.payment_choice = choice
    claim.reduced_amount = reduced
    claim.charity_name = charity_name.strip() if choice == PaymentChoice.CHARITY else ""
    claim.save(update_fields=["payment_choice", "reduced_amount", "charity_name", "updated_at"])
    return claim


def check_receipt(uploaded) -> str:
    """The receipt's content type (read from its content, and scanned for viruses when a
    scanner is configured), or a ClaimError saying what is wrong with the file."""
    try:
        return uploads.check_upload(
            uploaded,
            allowed=RECEIPT_TYPES,
            max_bytes=MAX_RECEIPT_BYTES,
            what="receipt",
            wrong_type_message="The receipt must be a PDF, or a JPEG or PNG picture.",
        )
    except ValidationError as error:
        raise ClaimError(error.messages[0]) from error


@transaction.atomic
def add_expense(
    *, claim: Claim, expense_type: str, amount=None, miles=None, description="", receipt=None
) -> ExpenseLine:
    """Add one expense to a draft claim: mileage at the rate in force on the activity's
    date, or an amount with a receipt; the limit for its type is checked."""
    _only_draft(claim)
    line = ExpenseLine(claim=claim, expense_type=expense_type, description=description.strip())
    if expense_type == ExpenseType.MILEAGE:
        if miles is None or Decimal(miles) <= 0:
            raise ClaimError("Enter how many miles you drove, for example 12.5.")
        rate = mileage_rate_in_force(claim.activity_date)
        if rate is None:
            raise ClaimError("We have not set a mileage rate yet. Please claim fares instead.")
        line.miles = Decimal(miles)
        line.rate_per_mile = rate.amount_per_mile
        line.amount = pounds(rate.amount_per_mile * Decimal(miles))
    else:
        if amount is None or pounds(amount) <= ZERO:
            raise ClaimError("Enter how much you spent, for example 4.50.")
        line.amount = pounds(amount)
    if receipt:
        line.receipt_content_type = check_receipt(receipt)
        line.receipt_name = (getattr(receipt, "name", "") or "receipt")[-200:]
    elif expense_type not in EXPENSES_WITHOUT_RECEIPT:
        raise ClaimError("Upload a photo or scan of the receipt.")
    cap = expense_caps_in_force(claim.activity_date).get(expense_type)
    if cap is not None:
        already = sum(
            (other.amount for other in claim.lines.filter(expense_type=expense_type)), ZERO
        )
        if already + line.amount > cap:
            raise ClaimError(
                f"The most we can pay back for {ExpenseType(expense_type).label.lower()} "
                f"for one activity is £{cap:,.2f}."
            )
    if receipt:
        # The stored name is random (see receipt_upload_to), never the member's file name.
        line.receipt.save("receipt", receipt, save=False)
    line.save()
    return line


def remove_expense(*, claim: Claim, line_id: int) -> None:
    """Take one expense off a draft claim, and its receipt file with it."""
    _only_draft(claim)
    line = claim.lines.filter(pk=line_id).first()
    if line is None:
        raise ClaimError("That expense is not on this claim.")
    if line.receipt:
        line.receipt.delete(save=False)
    line.delete()


def delete_draft(*, claim: Claim) -> None:
    """Throw away a claim that was never sent."""
    _only_draft(claim)
    for line in claim.lines.all():
        if line.receipt:
            line.receipt.delete(save=False)
    claim.delete()


# Moving a claim ------------------------------------------------------------------------------


def _tell_member(claim: Claim, change: ClaimChange, *, subject: str, body: str) -> None:
    notify(
        recipient=claim.member.user,
        topic=Topic.CLAIMS,
        key=f"claim-{claim.pk}-change-{change.pk}",
        subject=subject,
        body=body,
        url=reverse("members:claims:detail", args=[claim.pk]),
    )


@transaction.atomic
def move_claim(*, claim: Claim, to_status: str, by, note: str = "", now=None) -> ClaimChange:
    """Move ``claim`` to ``to_status`` if ``TRANSITIONS`` allows it, dated and attributed."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    allowed = TRANSITIONS.get(claim.status, set())
    if to_status not in allowed:
        raise InvalidTransition(
            f"A claim that is '{ClaimStatus(claim.status).label}' cannot become "
            f"'{ClaimStatus(to_status).label}'."
        )
    change = ClaimChange.objects.create(
        claim=claim,
        from_status=claim.status,
        to_status=to_status,
        changed_at=now or timezone.now(),
        changed_by=by,
        note=note,
    )
    claim.status = to_status
    claim.save(update_fields=["status", "updated_at"])
    return change


def _check_member(claim: Claim, by) -> None:
    if claim.member.user_id != getattr(by, "pk", None):
        raise ClaimNotAllowed("Only the person who made this claim can do that.")


def _check_finance(by) -> None:
    if not is_finance(by):
        raise ClaimNotAllowed("Only finance staff can do that.")


def submit_claim(*, claim: Claim, by, now=None, on_their_behalf: bool = False) -> Claim:
    """Send a draft claim to finance, once it claims something and the choice is made.

    ``on_their_behalf``: a coordinator sends it from the person's paper form (see
    ``cms.members.on_behalf``); the move is attributed to the coordinator.
    """
    if on_their_behalf:
        if not is_coordinator(by):
            raise ClaimNotAllowed("Only a coordinator can send a claim for someone.")
    else:
        _check_member(claim, by)
    if not claim.payment_offered and not claim.lines.exists():
        raise ClaimError("Add at least one expense before you send the claim.")
    if claim.payment_offered and not claim.payment_choice:
        raise ClaimError("Choose what you would like us to do with your payment.")
    now = now or timezone.now()
    move_claim(claim=claim, to_status=ClaimStatus.SUBMITTED, by=by, now=now)
    claim.refresh_from_db()
    claim.submitted_at = now
    claim.save(update_fields=["submitted_at", "updated_at"])
    return claim


def query_claim(*, claim: Claim, question: str, by, now=None) -> Claim:
    """Finance asks the member a question; the claim waits for their answer."""
    _check_finance(by)
    if not question.strip():
        raise ClaimError("Write the question for the member.")
    change = move_claim(
        claim=claim, to_status=ClaimStatus.QUERIED, by=by, note=question.strip(), now=now
    )
    claim.refresh_from_db()
    _tell_member(
        claim,
        change,
        subject="We have a question about your claim",
        body=(
            f"We have a question about your claim for {claim.activity_title}:\n\n"
            f"{question.strip()}\n\nPlease answer it on your claim page."
        ),
    )
    return claim


def answer_query(*, claim: Claim, answer: str, by, now=None) -> Claim:
    """The member answers finance's question; the claim goes back to finance."""
    _check_member(claim, by)
    if not answer.strip():
        raise ClaimError("Write your answer.")
    move_claim(claim=claim, to_status=ClaimStatus.SUBMITTED, by=by, note=answer.strip(), now=now)
    claim.refresh_from_db()
    return claim


def approve_claim(*, claim: Claim, by, now=None) -> Claim:
    _check_finance(by)
    change = move_claim(claim=claim, to_status=ClaimStatus.APPROVED, by=by, now=now)
    claim.refresh_from_db()
    _tell_member(
        claim,
        change,
        subject="Your claim has been approved",
        body=(
            f"Your claim for {claim.activity_title} has been approved. "
            "We will tell you when it has been paid."
        ),
    )
    return claim


def reject_claim(*, claim: Claim, reason: str, by, now=None) -> Claim:
    _check_finance(by)
    if not reason.strip():
        raise ClaimError("Say why the claim is not approved: the member will read it.")
    change = move_claim(
        claim=claim, to_status=ClaimStatus.REJECTED, by=by, note=reason.strip(), now=now
    )
    claim.refresh_from_db()
    claim.rejection_reason = reason.strip()
    claim.save(update_fields=["rejection_reason", "updated_at"])
    _tell_member(
        claim,
        change,
        subject="Your claim has not been approved",
        body=(
            f"We could not approve your claim for {claim.activity_title}.\n\n"
            f"Why: {reason.strip()}\n\nIf you have questions, please contact us."
        ),
    )
    return claim


@transaction.atomic
def mark_claims_paid(*, claims, paid_on: dt.date, reference: str, by, now=None) -> list[Claim]:
    """Mark approved claims as paid on ``paid_on`` with the payment reference, all or none."""
    _check_finance(by)
    if not reference.strip():
        raise ClaimError("Enter the payment reference from the finance system.")
    done = []
    for claim in claims:
        change = move_claim(
            claim=claim,
            to_status=ClaimStatus.PAID,
            by=by,
            note=f"Paid on {paid_on:%d %B %Y}, reference {reference.strip()}",
            now=now,
        )
        claim.refresh_from_db()
        claim.paid_on = paid_on
        claim.payment_reference = reference.strip()
        claim.save(update_fields=["paid_on", "payment_reference", "updated_at"])
        _tell_member(
            claim,
            change,
            subject="Your claim has been paid",
            body=(
                f"We have paid your claim for {claim.activity_title} "
                f"on {paid_on:%d %B %Y} (reference {reference.strip()})."
            ),
        )
        done.append(claim)
    return done
