"""Read-side queries for the e-bulletin list."""

from django.db.models import Count, Q

from cms.taxonomy.models import ServiceArea

from .models import Subscriber


def subscription_for_user(user, *, verified_address: bool = False) -> Subscriber | None:
    """The signed-in person's own bulletin subscription, if they have one.

    With ``verified_address`` (allauth has verified ``user.email``), an entry for that
    address made on the public form before they signed in counts as theirs too.

    For the member dashboard: pass it to ``subscriptions/member/dashboard_item.html`` as
    ``bulletin_subscription``.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    subscriptions = Subscriber.objects.prefetch_related("service_areas")
    own = subscriptions.filter(user=user).first()
    if own is None and verified_address and user.email:
        own = subscriptions.filter(email__iexact=user.email, user__isnull=True).first()
    return own


def counts_by_status() -> list[dict]:
    """How many subscribers are in each status, in the order of ``Subscriber.Status``."""
    counts = dict(
        Subscriber.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return [
        {"status": status, "label": label, "count": counts.get(status, 0)}
        for status, label in Subscriber.Status.choices
    ]


def counts_by_segment() -> dict:
    """How many confirmed subscribers chose each service area, and how many chose none
    (who get every bulletin, whatever its areas)."""
    confirmed = Q(subscribers__status=Subscriber.Status.CONFIRMED)
    areas = ServiceArea.objects.annotate(confirmed=Count("subscribers", filter=confirmed)).order_by(
        "name"
    )
    everything = (
        Subscriber.objects.receiving().filter(service_areas__isnull=True).distinct().count()
    )
    return {"areas": list(areas), "everything": everything}
