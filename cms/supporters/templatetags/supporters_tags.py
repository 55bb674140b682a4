"""The "Acting for" banner on every page, and "by … (supporter)" on records."""

from django import template

from cms.members.access import acting_for
from cms.participation.models import InterestChange

from ..selectors import supporter_periods, was_supporter_at

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


def _name(user) -> str:
    return user.get_full_name() or user.email


@register.simple_tag(takes_context=True)
def done_by(context, change, member):
    """Who made ``change`` (an ``InterestChange``), with "(supporter)" when it was the
    member's supporter; one query per member per page, however many rows."""
    if change.changed_by_id is None:
        return "Unknown"
    if change.changed_by_id == member.user_id:
        return _name(change.changed_by)
    cache = context.render_context.setdefault("supporter_periods", {})
    if member.pk not in cache:
        cache[member.pk] = supporter_periods([member.pk])
    if was_supporter_at(
        cache[member.pk], member_id=member.pk, user_id=change.changed_by_id, when=change.changed_at
    ):
        return f"{_name(change.changed_by)} (supporter)"
    return _name(change.changed_by)


@register.simple_tag(takes_context=True)
def sent_by_supporter(context, interest):
    """For the member's own list: the supporter who last said they were interested for
    them, as "Name (supporter)", or "" when the member did it themselves. At most two
    queries per page, however many interests."""
    member_id = interest.member_id
    cache = context.render_context.setdefault("supporter_changes", {})
    if member_id not in cache:
        periods = supporter_periods([member_id])
        by_interest = {}
        supporter_ids = {user_id for (_, user_id) in periods}
        if supporter_ids:
            changes = (
                InterestChange.objects.filter(
                    interest__member_id=member_id, changed_by_id__in=supporter_ids
                )
                .select_related("changed_by")
                .order_by("changed_at", "pk")
            )
            for change in changes:
                if was_supporter_at(
                    periods,
                    member_id=member_id,
                    user_id=change.changed_by_id,
                    when=change.changed_at,
                ):
                    by_interest[change.interest_id] = change
        cache[member_id] = by_interest
    change = cache[member_id].get(interest.pk)
    if change is None:
        return ""
    return f"{_name(change.changed_by)} (supporter)"
