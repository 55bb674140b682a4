"""Demo bank details for two members, encrypted like real ones.

Safe to run again: details are only saved for a member who has none.
The numbers are the ones banks publish for testing, never a real account.
"""

from cms.members.models import MemberProfile

from .models import BankDetails
from .services import save_bank_details

DEMO_DETAILS = [
    # email, name on the account, sort code, account number, roll number
    ("member@example.org", "Dev Patel", "309480", "00733445", ""),
    ("mentor@example.org", "Maureen Gallagher", "200000", "55779911", "ROLL/1234-56"),
]


def load_demo() -> int:
    """Save demo bank details for members who have none; returns how many were added."""
    added = 0
    for email, holder, sort_code, account_number, roll_number in DEMO_DETAILS:
        member = MemberProfile.objects.filter(user__email=email).select_related("user").first()
        if member is None or BankDetails.objects.filter(member=member).exists():
            continue
        save_bank_details(
            member=member,
            account_holder=holder,
            sort_code=sort_code,
            account_number=account_number,
            roll_number=roll_number,
            by=member.user,
            tell_member=False,
        )
        added += 1
    return added
