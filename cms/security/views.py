"""Keeping a signed-in session going, for the warning shown before it times out."""

import time

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .middleware import LAST_ACTIVITY_KEY, seconds_left


@never_cache
@require_GET
def session_status(request):
    """How long is left, without counting as activity (the middleware skips this path)."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "seconds_left": 0}, status=401)
    return JsonResponse({"signed_in": True, "seconds_left": seconds_left(request)})


@never_cache
@login_required
@require_POST
def stay_signed_in(request):
    """The "Stay signed in" button: the request itself is the activity that counts.

    Scripts get JSON; without JavaScript the form posts here and goes back to the page.
    """
    request.session[LAST_ACTIVITY_KEY] = time.time()
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"signed_in": True, "seconds_left": seconds_left(request)})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    # Always a URL, never a view name: redirect("0") would look up a view called "0".
    return HttpResponseRedirect(back)
