from django import template
from django.conf import settings

from cms.security.middleware import seconds_left

register = template.Library()


@register.inclusion_tag("security/session_warning.html", takes_context=True)
def session_warning(context):
    """The warning shown before a signed-in session times out (nothing for visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "seconds_left": seconds_left(request),
        "warn_seconds": settings.SESSION_WARNING_BEFORE,
        "warn_minutes": settings.SESSION_WARNING_BEFORE // 60,
    }
