"""Saving, removing and revealing bank details. Views, admin views and demo data call
these; nothing else encrypts or decrypts.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cms.audit.services import record
from cms.claims.access import is_finance
from cms.members.models import MemberProfile
from cms.notifications.models import Topic
from cms.notifications.services import notify

from . import crypto
from .models import BankDetails, BankDetailsAccess, BankDetailsChange

REVEAL_PERMISSION = "banking.reveal_bankdetails"


@dataclass(frozen=True)
class FullBankDetails:
    """The decrypted details, only ever made by :func:`reveal_bank_details`."""

    account_holder: str
    sort_code: str
    account_number: str
    roll_number: str

    @property
    def sort_code_display(self) -> str:
        return f"{self.sort_code[0:2]}-{self.sort_code[2:4]}-{self.sort_code[4:6]}"


def can_reveal(user) -> bool:
    """Finance staff with the reveal permission (and administrators)."""
    return is_finance(user) and user.has_perm(REVEAL_PERMISSION)


def save_bank_details(
    *,
    member: MemberProfile,
    account_holder: str,
    sort_code: str,
    account_number: str,
    roll_number: str = "",
    by,
    tell_member: bool = True,
) -> BankDetails:
    """Encrypt and store the member's details (already validated), replacing any before.

    Writes a dated, attributed change row and tells the member, so a change they did
    not make does not go unnoticed (demo data passes ``tell_member=False``).
    """
    values = {
        "account_holder": account_holder.strip(),
        "sort_code": sort_code,
        "account_number": account_number,
        "roll_number": roll_number.strip(),
    }
    with transaction.atomic():
        existed = BankDetails.objects.filter(member=member).exists()
        details, _ = BankDetails.objects.update_or_create(
            member=member,
            defaults={
                "ciphertext": crypto.encrypt(values),
                "sort_code_last_two": sort_code[-2:],
                "account_number_last_four": account_number[-4:],
                "has_roll_number": bool(values["roll_number"]),
                "updated_at": timezone.now(),
                "updated_by": by,
            },
        )
        change = BankDetailsChange.objects.create(
            member=member,
            action=BankDetailsChange.Action.CHANGED if existed else BankDetailsChange.Action.ADDED,
            changed_by=by,
        )
        record(
            actor=by,
            action="changed" if existed else "added",
            subject_type="bank_details",
            subject_id=details.pk,
            member=member,
            summary=f"Bank details {change.get_action_display().lower()}",
        )
        if tell_member:
            _tell_member(member, change)
    return details


def remove_bank_details(*, member: MemberProfile, by) -> bool:
    """Delete the member's bank details; True if there were any."""
    with transaction.atomic():
        deleted, _ = BankDetails.objects.filter(member=member).delete()
        if not deleted:
            return False
        change = BankDetailsChange.objects.create(
            member=member, action=BankDetailsChange.Action.REMOVED, changed_by=by
        )
        record(
            actor=by,
            action="deleted",
            subject_type="bank_details",
            member=member,
            summary="Bank details removed",
        )
        _tell_member(member, change)
    return True


def _tell_member(member: MemberProfile, change: BankDetailsChange) -> None:
    action = change.get_action_display().lower()
    notify(
        recipient=member.user,
        topic=Topic.CLAIMS,
        key=f"bank-details-change-{change.pk}",
        subject=f"Your bank details were {action}",
        body=(
            f"Your bank details for involvement payments were {action} on "
            f"{timezone.localtime(change.changed_at):%d %B %Y at %H:%M}.\n\n"
            "If this was not you, please contact the involvement team straight away."
        ),
        url="/members/bank-details/",
    )


def reveal_bank_details(
    *, bank_details: BankDetails, by, purpose: str, reason: str
) -> FullBankDetails:
    """Decrypt the details for finance staff, recording who looked, when and why.

    Anyone else is refused before anything is decrypted. The access row is written
    first, in the same transaction, so there is no look without a record.
    """
    if not can_reveal(by):
        raise PermissionDenied("Only finance staff may see full bank details.")
    reason = reason.strip()
    if purpose not in BankDetailsAccess.Purpose.values or not reason:
        raise ValueError("Say why the full bank details are needed.")
    with transaction.atomic():
        BankDetailsAccess.objects.create(
            member_id=bank_details.member_id, viewed_by=by, purpose=purpose, reason=reason
        )
        record(
            actor=by,
            action="revealed",
            subject_type="bank_details",
            subject_id=bank_details.pk,
            member=bank_details.member,
            summary=f"Full bank details shown: {BankDetailsAccess.Purpose(purpose).label}",
        )
        values = crypto.decrypt(bank_details.ciphertext)
    return FullBankDetails(
        account_holder=values["account_holder"],
        sort_code=values["sort_code"],
        account_number=values["account_number"],
        roll_number=values.get("roll_number", ""),
    )


def rotate_all_bank_details() -> int:
    """Re-encrypt every record with the newest key in BANK_DETAILS_KEY; returns how many.

    Safe to run twice: a record already under the newest key is simply encrypted again.
    """
    rotated = 0
    for details in BankDetails.objects.only("pk", "ciphertext").iterator():
        BankDetails.objects.filter(pk=details.pk).update(
            ciphertext=crypto.rotate(details.ciphertext)
        )
        rotated += 1
    return rotated
