"""Who counts as finance staff, checked the same way everywhere in claims."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem

from cms.users.access import in_group, is_coordinator
from cms.users.roles import FINANCE


def is_finance(user) -> bool:
    """Finance staff (the group) and administrators: they approve and pay claims."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or in_group(user, FINANCE))
    )


def can_see_claim_states(user) -> bool:
    """Finance staff, and coordinators, who see where claims stand but not amounts or receipts."""
    return is_finance(user) or is_coordinator(user)


def refuse_unless(request, allowed: bool):
    """None when allowed; otherwise the sign-in redirect for visitors, or PermissionDenied."""
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


class FinanceMenuItem(MenuItem):
    def is_shown(self, request):
        return is_finance(request.user)


class ClaimStatesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_claim_states(request.user)
