"""Keeps a supporter who is acting for someone away from the pages that stay the
member's alone: bank details, "your data" and account deletion, the supporter
arrangements themselves, and password, email and two-factor settings.

Those pages work on the signed-in person's own account, so acting for someone would
not open the member's; refusing them while acting avoids anyone changing the wrong
account by mistake, and says so plainly.

Deny by default: any other page in the members area is refused too unless its view says
what a supporter may do there (``supporters_may``, set by ``own_member_required`` and the
other members-area decorators, or by ``supporters_may`` below).
"""

from cms.members.access import acting_for, refuse_supporter

# Namespaces and URL names of ours that a supporter acting for someone never reaches.
REFUSED_NAMESPACES = ("members:banking", "members:my_data")
REFUSED_NAMES = frozenset(
    {
        "members:supporters:index",
        "members:supporters:add",
        "members:supporters:end",
        "members:supporters:invitation",
    }
)
# allauth's own pages for the sign-in itself.
REFUSED_PATHS = ("/accounts/password/", "/accounts/email/", "/accounts/2fa/")


MEMBERS_NAMESPACE = "members"


def supporters_may(permission: str):
    """Mark a view a supporter acting for someone may reach (for views that do their own
    checks rather than use ``own_member_required``)."""

    def mark(view):
        view.supporters_may = permission
        return view

    return mark


class ActingForMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        arrangement = acting_for(request)
        if arrangement is None or not is_refused_while_acting(request, view_func):
            return None
        return refuse_supporter(request, arrangement)


def _in_namespace(namespace: str, parent: str) -> bool:
    return namespace == parent or namespace.startswith(parent + ":")


def is_refused_while_acting(request, view_func=None) -> bool:
    match = request.resolver_match
    if match is not None:
        if match.view_name in REFUSED_NAMES:
            return True
        if any(_in_namespace(match.namespace, namespace) for namespace in REFUSED_NAMESPACES):
            return True
        # A members-area page that has not said what a supporter may do there would
        # otherwise show the supporter's own record: refuse it.
        if _in_namespace(match.namespace, MEMBERS_NAMESPACE) and not getattr(
            view_func or match.func, "supporters_may", None
        ):
            return True
    return request.path_info.startswith(REFUSED_PATHS)
