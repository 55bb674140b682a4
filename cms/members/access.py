"""Members-area pages that work on the signed-in person's own record.

Those pages never take a member id from the address: the decorator finds the
person's own record (through ``MemberProfile.objects.for_user``) and hands it to the
view, or shows a refusal to anyone without one (staff included).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .models import MemberProfile


def own_member(user) -> MemberProfile | None:
    """The signed-in person's own record, or None."""
    return MemberProfile.objects.for_user(user).filter(user=user).select_related("user").first()


def own_member_required(view):
    """Signed in with a member record of their own, passed on as ``member``; anyone
    else (staff without a member record among them) sees a page saying so. Never cached:
    these pages hold personal details."""

    @never_cache
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        member = own_member(request.user)
        if member is None:
            return render(
                request,
                "members/not_available.html",
                {"page_title": "These pages are for members"},
                status=403,
            )
        return view(request, member, *args, **kwargs)

    return wrapper
