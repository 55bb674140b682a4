"""Read-side queries for opportunities: every list of them is built here.

Each returns a queryset whose cost does not grow with the number of opportunities: sessions are
summarised by subqueries, service areas come in one prefetch, and status is worked out by the
database with the same rule as ``status.derive_status``.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from wagtail.models import Page

from cms.taxonomy.models import ServiceArea

from .models import OpportunityPage, OpportunitySession, PaymentType
from .status import Status, local_today, status_expression, status_rank_expression

ONLINE = "online"
IN_PERSON = "in_person"


@dataclass(frozen=True)
class ListingFilters:
    """What someone chose in the filter form. Empty means "any".

    Within one group any choice matches (dementia *or* carers); groups combine (dementia *and*
    focus group).
    """

    service_areas: tuple[str, ...] = field(default_factory=tuple)  # service area slugs
    types: tuple[str, ...] = field(default_factory=tuple)  # InvolvementType values
    payment: str = ""  # a PaymentType value, or "" for any
    attendance: str = ""  # ONLINE, IN_PERSON or "" for any
    open_only: bool = False

    def __bool__(self) -> bool:
        return bool(
            self.service_areas or self.types or self.payment or self.attendance or self.open_only
        )


def with_session_summary(queryset, *, now: datetime):
    """Annotate first start, last end, online/in-person and status, one subquery each."""
    sessions = OpportunitySession.objects.filter(page=OuterRef("pk"))
    return queryset.annotate(
        first_session_starts_at=Subquery(sessions.order_by("starts_at").values("starts_at")[:1]),
        last_session_ends_at=Subquery(sessions.order_by("-ends_at").values("ends_at")[:1]),
        has_online_session=Exists(sessions.filter(is_online=True)),
        has_in_person_session=Exists(sessions.filter(is_online=False)),
    ).annotate(status_code=status_expression(now=now))


def opportunities_for_listing(
    *,
    filters: ListingFilters | None = None,
    today: date | None = None,
    now: datetime | None = None,
    descendant_of: Page | None = None,
) -> models.QuerySet:
    """Live, public opportunities matching ``filters``, for the Opportunities list.

    Open ones come first, soonest closing first; then under way, closed and completed ones,
    most recent first. Every row carries ``first_session_starts_at``,
    ``last_session_ends_at``, ``has_online_session``, ``has_in_person_session`` and
    ``status_code`` (so ``page.status`` costs nothing), and its service areas are prefetched.

    ``today`` decides "open" for the filter; ``now`` decides status. Either defaults from the
    other, or from the clock, so tests can pass a fixed moment.
    """
    filters = filters or ListingFilters()
    if now is None:
        now = timezone.now()
    if today is None:
        today = local_today(now)

    queryset = OpportunityPage.objects.live().public()
    if descendant_of is not None:
        queryset = queryset.descendant_of(descendant_of)
    queryset = with_session_summary(queryset, now=now)

    if filters.service_areas:
        # Exists rather than a join, so a page in two chosen areas is listed once.
        through = OpportunityPage.service_areas.through
        queryset = queryset.filter(
            Exists(
                through.objects.filter(
                    opportunitypage=OuterRef("pk"), servicearea__slug__in=filters.service_areas
                )
            )
        )
    if filters.types:
        queryset = queryset.filter(involvement_type__in=filters.types)
    if filters.payment in PaymentType.values:
        queryset = queryset.filter(payment_type=filters.payment)
    if filters.attendance == ONLINE:
        queryset = queryset.filter(has_online_session=True)
    elif filters.attendance == IN_PERSON:
        queryset = queryset.filter(has_in_person_session=True)
    if filters.open_only:
        queryset = queryset.filter(closing_date__gte=today)

    return (
        queryset.annotate(status_rank=status_rank_expression())
        .prefetch_related(Prefetch("service_areas", queryset=ServiceArea.objects.order_by("name")))
        .defer_streamfields()
        .order_by(
            "status_rank",
            models.Case(
                models.When(status_code=Status.OPEN.value, then=models.F("closing_date"))
            ).asc(nulls_last=True),
            "-closing_date",
            "title",
            "pk",
        )
    )


def opportunities_closing_soon(*, limit: int, today: date | None = None) -> models.QuerySet:
    """Up to ``limit`` live, public opportunities still open, soonest closing first.

    For the home page's "Opportunities open now" block.
    """
    if today is None:
        today = timezone.localdate()
    return (
        OpportunityPage.objects.live()
        .public()
        .filter(Q(closing_date__gte=today))
        .defer_streamfields()
        .order_by("closing_date", "title", "pk")[:limit]
    )
