"""Read-side questions for the bank details pages and the member's dashboard."""

from cms.members.models import MemberProfile

from .models import BankDetails, BankDetailsAccess, BankDetailsChange


def own_bank_details(user) -> BankDetails | None:
    """The signed-in member's own details (masked fields only are ever shown)."""
    return BankDetails.objects.for_user(user).filter(member__user=user).first()


def bank_details_dashboard_panel(member: MemberProfile) -> dict:
    """For the member's dashboard: whether we have their bank details, masked."""
    details = BankDetails.objects.filter(member=member).first()
    return {"bank_details": details}


def finance_bank_details_list(user, *, query: str = ""):
    """Everyone's bank details (masked) for finance staff, by member name."""
    details = BankDetails.objects.for_user(user).select_related("member__user")
    if query:
        from django.db.models import Q

        details = details.filter(
            Q(member__user__first_name__icontains=query)
            | Q(member__user__last_name__icontains=query)
            | Q(member__user__email__icontains=query)
        )
    return details.order_by("member__user__last_name", "member__user__first_name", "pk")


def access_log(*, member: MemberProfile | None = None):
    """Every look at full bank details, newest first, with who looked."""
    accesses = BankDetailsAccess.objects.select_related("viewed_by", "member__user")
    if member is not None:
        accesses = accesses.filter(member=member)
    return accesses


def changes_for(member: MemberProfile):
    return BankDetailsChange.objects.filter(member=member).select_related("changed_by")
