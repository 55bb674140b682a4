from django import template
from django.conf import settings

from cms.security.middleware import seconds_left

register = template.Library()


def _warning_context(context, *, in_admin: bool) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "in_admin": in_admin,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "seconds_left": seconds_left(request),
        "warn_seconds": settings.SESSION_WARNING_BEFORE,
        "warn_minutes": settings.SESSION_WARNING_BEFORE // 60,
    }


@register.inclusion_tag("security/session_warning.html", takes_context=True)
def session_warning(context):
    """The warning shown before a signed-in session times out (nothing for visitors)."""
    return _warning_context(context, in_admin=False)


@register.inclusion_tag("security/session_warning.html", takes_context=True)
def admin_session_warning(context):
    """The same warning in the Wagtail admin, in the admin's own styles: staff lose what
    they were typing if they are signed out without one."""
    return _warning_context(context, in_admin=True)
