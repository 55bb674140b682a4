"""The benefits guard: warn a member before paid work would take them over (or close to)
an earnings limit they set themselves.

It only ever warns. The choice to take the work is always the member's, so nothing
here blocks a move or changes a record. Coordinators are told no more than that a
limit might be reached: never the limit, the amounts or the reason.

The arithmetic (:func:`check_period`) takes the totals as arguments so it can be tested
on its own; :func:`warning_for_member` fetches them from the claims app.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from .models import EarningsLimit
from .periods import month_containing, week_containing

# Warn when the work would take the member to within this fraction of their limit.
NEAR_FRACTION = Decimal("0.10")
WEEK = "week"
MONTH = "month"

COORDINATOR_WARNING = (
    "Selecting this person may take them over an earnings limit they have set. "
    "Talk to them before selecting."
)


@dataclass(frozen=True)
class PeriodCheck:
    """How one week or month stands: what the member has had and what the work would add."""

    period: str  # WEEK or MONTH
    start: dt.date
    end: dt.date
    limit: Decimal
    already_paid: Decimal
    would_add: Decimal
    is_current: bool = False

    @property
    def total(self) -> Decimal:
        return self.already_paid + self.would_add

    @property
    def goes_over(self) -> bool:
        return self.total > self.limit

    @property
    def over_by(self) -> Decimal:
        return max(self.total - self.limit, Decimal("0"))

    @property
    def left_after(self) -> Decimal:
        return max(self.limit - self.total, Decimal("0"))

    @property
    def description(self) -> str:
        """'this week (Monday 2 March to Sunday 8 March 2026)', in words a member reads."""
        if self.period == WEEK:
            span = f"{self.start:%A} {self.start.day} {self.start:%B} to {self.end:%A} {self.end.day} {self.end:%B %Y}"
            return f"this week ({span})" if self.is_current else f"the week of {span}"
        month = f"{self.start:%B %Y}"
        return f"this month ({month})" if self.is_current else month


@dataclass(frozen=True)
class GuardWarning:
    """Why a member might want to think before accepting this paid work."""

    sessions: tuple
    would_add: Decimal
    checks: tuple[PeriodCheck, ...]

    @property
    def goes_over(self) -> bool:
        return any(check.goes_over for check in self.checks)


def check_period(
    *,
    period: str,
    start: dt.date,
    end: dt.date,
    limit: Decimal | None,
    already_paid: Decimal,
    would_add: Decimal,
    today: dt.date | None = None,
) -> PeriodCheck | None:
    """A :class:`PeriodCheck` if ``already_paid + would_add`` is over ``limit`` or within
    10% of it; None when there is no limit, nothing to add, or plenty of room."""
    if limit is None or would_add <= 0:
        return None
    total = already_paid + would_add
    if total < limit * (1 - NEAR_FRACTION):
        return None
    return PeriodCheck(
        period=period,
        start=start,
        end=end,
        limit=limit,
        already_paid=already_paid,
        would_add=would_add,
        is_current=today is not None and start <= today <= end,
    )


def payments_between(member, start: dt.date, end: dt.date) -> Decimal:
    """Involvement payments counted as earnings for activities dated from start to end."""
    from cms.claims.selectors import involvement_payments_between

    return involvement_payments_between(member, start, end)


def expected_payment(member, session) -> Decimal:
    """What attending ``session`` would pay the member under the rates in force."""
    from cms.claims.services import expected_payment as claims_expected_payment

    return claims_expected_payment(member, session)


def session_day(session) -> dt.date:
    return timezone.localdate(session.starts_at)


def warning_for_member(member, session, today: dt.date | None = None) -> GuardWarning | None:
    """A warning for ``member`` before they accept paid work at ``session``, or None.

    None when they have set no limit, when the session pays them nothing, or when the
    week (Monday to Sunday) and the calendar month the session falls in both stay clear
    of their limits. ``today`` only changes the wording ("this week").
    """
    return warning_for_sessions(member, [session], today=today)


def warning_for_sessions(member, sessions, today: dt.date | None = None) -> GuardWarning | None:
    """As :func:`warning_for_member`, for taking all of ``sessions`` (an opportunity's
    sessions, say): what they would pay is added up within each week and each month."""
    limit = EarningsLimit.objects.filter(member=member).first()
    if limit is None or not limit.is_set:
        return None
    paid_sessions = []
    for session in sessions:
        amount = expected_payment(member, session)
        if amount and amount > 0:
            paid_sessions.append((session, amount))
    if not paid_sessions:
        return None
    today = today or timezone.localdate()
    checks = []
    for period, limit_amount, bounds in (
        (WEEK, limit.weekly_limit, week_containing),
        (MONTH, limit.monthly_limit, month_containing),
    ):
        if limit_amount is None:
            continue
        adding_by_period: dict[tuple[dt.date, dt.date], Decimal] = {}
        for session, amount in paid_sessions:
            span = bounds(session_day(session))
            adding_by_period[span] = adding_by_period.get(span, Decimal("0")) + amount
        for (start, end), would_add in sorted(adding_by_period.items()):
            check = check_period(
                period=period,
                start=start,
                end=end,
                limit=limit_amount,
                already_paid=payments_between(member, start, end),
                would_add=would_add,
                today=today,
            )
            if check is not None:
                checks.append(check)
    if not checks:
        return None
    return GuardWarning(
        sessions=tuple(session for session, _ in paid_sessions),
        would_add=sum((amount for _, amount in paid_sessions), Decimal("0")),
        checks=tuple(checks),
    )


def warning_for_coordinator(member, session) -> str | None:
    """A neutral sentence for the coordinator if selecting ``member`` for ``session`` may
    take them over a limit they set; None otherwise. It says nothing of the limit, the
    amounts or the reason: those are the member's own business."""
    return coordinator_warning_for_sessions(member, [session])


def coordinator_warning_for_sessions(member, sessions) -> str | None:
    """As :func:`warning_for_coordinator`, for all of an opportunity's sessions at once."""
    if warning_for_sessions(member, sessions) is None:
        return None
    return COORDINATOR_WARNING
