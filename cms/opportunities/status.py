"""An opportunity's status, worked out from its dates: never stored, so it is never stale.

The rule, in order:

1. **open** while today is on or before the closing date;
2. **under way** once the first session has started and before the last one has ended;
3. **completed** once every session has ended;
4. **closed** otherwise: the closing date has passed and no session has started yet (or there
   are no sessions at all).

``derive_status`` is the rule. ``status_expression`` says exactly the same thing to the
database, so a list of opportunities can show, filter and sort by status without one query per
row; a test checks the two agree for every status. Both take "now" as an argument so that tests
use fixed clocks.
"""

from datetime import date, datetime

from django.db import models
from django.utils import timezone


class Status(models.TextChoices):
    OPEN = "open", "Open"
    UNDER_WAY = "under_way", "Under way"
    COMPLETED = "completed", "Completed"
    CLOSED = "closed", "Closed"


# The order a list shows them in: what people can still join first.
STATUS_RANK = {Status.OPEN: 0, Status.UNDER_WAY: 1, Status.CLOSED: 2, Status.COMPLETED: 3}

# NHS.UK tag colours, all of which meet WCAG AA contrast.
STATUS_TAG_CLASS = {
    Status.OPEN: "nhsuk-tag--green",
    Status.UNDER_WAY: "nhsuk-tag--blue",
    Status.CLOSED: "nhsuk-tag--grey",
    Status.COMPLETED: "nhsuk-tag--purple",
}


def local_today(now: datetime) -> date:
    """The calendar date in the site's time zone: closing dates are local dates."""
    return timezone.localdate(now)


def derive_status(
    *,
    closing_date: date | None,
    first_session_starts_at: datetime | None,
    last_session_ends_at: datetime | None,
    now: datetime,
) -> Status:
    """The status of an opportunity at the moment ``now`` (see the module docstring)."""
    if closing_date is not None and local_today(now) <= closing_date:
        return Status.OPEN
    if first_session_starts_at is not None and last_session_ends_at is not None:
        if first_session_starts_at <= now < last_session_ends_at:
            return Status.UNDER_WAY
        if last_session_ends_at <= now:
            return Status.COMPLETED
    return Status.CLOSED


def status_expression(
    *,
    now: datetime,
    closing_date: str = "closing_date",
    first_session_starts_at: str = "first_session_starts_at",
    last_session_ends_at: str = "last_session_ends_at",
) -> models.Case:
    """``derive_status`` as a database expression over a queryset's fields or annotations."""
    today = local_today(now)
    return models.Case(
        models.When(**{f"{closing_date}__gte": today}, then=models.Value(Status.OPEN.value)),
        models.When(
            **{
                f"{first_session_starts_at}__lte": now,
                f"{last_session_ends_at}__gt": now,
            },
            then=models.Value(Status.UNDER_WAY.value),
        ),
        models.When(
            **{f"{last_session_ends_at}__lte": now},
            then=models.Value(Status.COMPLETED.value),
        ),
        default=models.Value(Status.CLOSED.value),
        output_field=models.CharField(),
    )


def status_rank_expression(status_field: str = "status_code") -> models.Case:
    """A number to sort by, following ``STATUS_RANK``."""
    return models.Case(
        *[
            models.When(**{status_field: status.value}, then=models.Value(rank))
            for status, rank in STATUS_RANK.items()
        ],
        default=models.Value(len(STATUS_RANK)),
        output_field=models.IntegerField(),
    )
