"""The pause panel on the member's dashboard, without changing the dashboard's view."""

from django import template
from django.utils import timezone

from ..selectors import open_pause

register = template.Library()


@register.inclusion_tag("wellbeing/dashboard_panel.html")
def pause_panel(member):
    today = timezone.localdate()
    return {"pause": open_pause(member, on=today) if member else None, "today": today}
