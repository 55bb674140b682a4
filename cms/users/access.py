"""Who counts as a coordinator, checked the same way everywhere.

Coordinators (the group) and administrators run the programme and may see members'
records; editors and finance staff may not. ``MemberProfile.objects.for_user`` and
every coordinator view in the admin ask this one function.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem

from .roles import COORDINATORS

# Where a user object keeps its group names once read (see ``in_group``).
GROUP_NAMES_ATTRIBUTE = "_involve_group_names"


def in_group(user, name: str) -> bool:
    """Whether ``user`` is in the staff group called ``name``.

    An admin page asks about roles dozens of times (menus, buttons, columns), so the
    user's group names are read once per user object, which is once per request, and
    forgotten when that user's groups change (``forget_group_names``), as Django does
    with its permission cache.
    """
    names = getattr(user, GROUP_NAMES_ATTRIBUTE, None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, GROUP_NAMES_ATTRIBUTE, names)
    return name in names


def forget_group_names(sender, instance, action, **kwargs):
    """``m2m_changed`` on the users' groups: the user's remembered names are out of date."""
    if action in ("post_add", "post_remove", "post_clear") and hasattr(
        instance, GROUP_NAMES_ATTRIBUTE
    ):
        delattr(instance, GROUP_NAMES_ATTRIBUTE)


def is_coordinator(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or in_group(user, COORDINATORS))
    )


class AllowedUsersMixin:
    """A view only the people ``allows(user)`` accepts may open: visitors are asked to
    sign in; signed-in people it does not accept are refused."""

    def allows(self, user) -> bool:
        raise NotImplementedError

    def refuse_unless_allowed(self, request):
        """None for someone allowed; otherwise the sign-in redirect, or PermissionDenied.

        Views that look an object up in ``dispatch`` call this first, so nobody learns
        from a 404 which ids exist.
        """
        if request.user.is_authenticated and self.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied

    def dispatch(self, request, *args, **kwargs):
        return self.refuse_unless_allowed(request) or super().dispatch(request, *args, **kwargs)


class CoordinatorRequiredMixin(AllowedUsersMixin):
    """Coordinators and administrators only."""

    def allows(self, user) -> bool:
        return is_coordinator(user)

    def refuse_unless_coordinator(self, request):
        return self.refuse_unless_allowed(request)


class CoordinatorMenuItem(MenuItem):
    """An admin menu item only coordinators (and administrators) see."""

    def is_shown(self, request):
        return is_coordinator(request.user)
