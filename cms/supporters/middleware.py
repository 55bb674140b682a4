"""Keeps a supporter who is acting for someone away from the pages that stay the
member's alone: bank details, "your data" and account deletion, the supporter
arrangements themselves, and password, email and two-factor settings.

Those pages work on the signed-in person's own account, so acting for someone would
not open the member's; refusing them while acting avoids anyone changing the wrong
account by mistake, and says so plainly.
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
        if arrangement is None or not is_refused_while_acting(request):
            return None
        return refuse_supporter(request, arrangement)


def is_refused_while_acting(request) -> bool:
    match = request.resolver_match
    if match is not None:
        if match.view_name in REFUSED_NAMES:
            return True
        if any(
            match.namespace == namespace or match.namespace.startswith(namespace + ":")
            for namespace in REFUSED_NAMESPACES
        ):
            return True
    return request.path_info.startswith(REFUSED_PATHS)
