"""The "Acting for" banner on every page, and "by … (supporter)" on records.

The "Done for you by … (supporter)" line on a member's own list is worked out by the
view (``cms.supporters.selectors.supporter_labels_for``), not here, so that list costs
no query per row."""

from django import template

from cms.members.access import acting_for

from ..selectors import done_by_label

register = template.Library()


@register.inclusion_tag("supporters/includes/acting_for_banner.html", takes_context=True)
def acting_for_banner(context):
    """Shown to a supporter on every page while they act for someone. Costs no query
    for anyone else: only a session that chose someone is looked up."""
    request = context.get("request")
    user = getattr(request, "user", None)
    arrangement = None
    if user is not None and user.is_authenticated:
        arrangement = acting_for(request)
    return {"arrangement": arrangement, "csrf_token": context.get("csrf_token")}


@register.simple_tag(takes_context=True)
def done_by(context, change, member):
    """Who made ``change`` (an ``InterestChange``), with "(supporter)" when it was the
    member's supporter. No query: the view puts ``supporter_periods`` (from
    ``cms.supporters.selectors.supporter_periods``) in the context for the whole page."""
    return done_by_label(change, member, context.get("supporter_periods") or {})
