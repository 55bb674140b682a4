"""Members-area pages that work on the signed-in person's own record.

Those pages never take a member id from the address: the decorator finds the
person's own record (through ``MemberProfile.objects.for_user``) and hands it to the
view, or shows a refusal to anyone without one (staff included).

A supporter who has chosen, in their session, to act for a member (see
``cms.supporters``) gets that member's record instead, but only on pages that say what a
supporter may do there, and only while the arrangement is active: it is read from the
database on every request, so ending it cuts access at once.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .models import MemberProfile

# Set on the request when the session named an arrangement that is no longer active.
ENDED_ATTRIBUTE = "supporter_arrangement_ended"
_NOT_LOOKED_UP = object()


def own_member(user) -> MemberProfile | None:
    """The signed-in person's own record, or None."""
    return MemberProfile.objects.for_user(user).filter(user=user).select_related("user").first()


def acting_for(request):
    """The active arrangement this signed-in supporter has chosen to act under, or None.

    Looked up in the database once per request (never trusted from the session alone).
    If the arrangement has ended, or the member is no longer active, the choice is
    forgotten and ``request.supporter_arrangement_ended`` is set so pages can say why.
    """
    cached = getattr(request, "_acting_for", _NOT_LOOKED_UP)
    if cached is not _NOT_LOOKED_UP:
        return cached
    from cms.members.choices import Status
    from cms.supporters.models import SupportArrangement
    from cms.supporters.services import ACTING_FOR_SESSION_KEY

    arrangement = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        arrangement_id = request.session.get(ACTING_FOR_SESSION_KEY)
        if arrangement_id is not None:
            arrangement = (
                SupportArrangement.objects.for_supporter(user)
                .active()
                .filter(pk=arrangement_id, member__status=Status.ACTIVE)
                .select_related("member__user")
                .first()
            )
            if arrangement is None:
                request.session.pop(ACTING_FOR_SESSION_KEY, None)
                setattr(request, ENDED_ATTRIBUTE, True)
    request._acting_for = arrangement
    return arrangement


def refuse_supporter(request, arrangement=None):
    """The page a supporter sees where acting for someone does not reach."""
    if arrangement is None:
        return render(
            request,
            "supporters/arrangement_ended.html",
            {"page_title": "You can no longer act for this person"},
            status=403,
        )
    return render(
        request,
        "supporters/not_for_supporters.html",
        {"page_title": "Only the member can use this page", "arrangement": arrangement},
        status=403,
    )


def own_member_required(view=None, *, supporters_may: str | None = None):
    """Signed in with a member record of their own, passed on as ``member``; anyone
    else (staff without a member record among them) sees a page saying so. Never cached:
    these pages hold personal details.

    ``supporters_may``: a ``cms.supporters.models.Permission`` (or ``"read"``) that lets a
    supporter acting for a member use the page with the member's record. Without it a
    supporter acting for someone is refused, so pages such as bank details stay the
    member's alone.
    """

    def decorate(view):
        @never_cache
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            arrangement = acting_for(request)
            if arrangement is not None:
                if supporters_may is None or not (
                    supporters_may == "read" or arrangement.allows(supporters_may)
                ):
                    return refuse_supporter(request, arrangement)
                return view(request, arrangement.member, *args, **kwargs)
            if getattr(request, ENDED_ATTRIBUTE, False):
                return refuse_supporter(request)
            member = own_member(request.user)
            if member is None:
                return render(
                    request,
                    "members/not_available.html",
                    {"page_title": "These pages are for members"},
                    status=403,
                )
            return view(request, member, *args, **kwargs)

        # Read by ``cms.supporters.middleware``: members-area pages without it are
        # refused to a supporter acting for someone (deny by default).
        wrapper.supporters_may = supporters_may
        return wrapper

    return decorate(view) if view is not None else decorate
