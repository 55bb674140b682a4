"""Read-side questions about rates, claims and totals.

``involvement_payments_between`` and ``tax_year_bounds`` are also used by the benefits
guard and letters: keep their names and meaning stable.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from cms.participation.models import Attendance

from .models import (
    COUNTED_STATUSES,
    Claim,
    ClaimStatus,
    ExpenseCap,
    ExpenseLine,
    MileageRate,
    PaymentChoice,
    PaymentRate,
)
from .money import ZERO, pounds


def tax_year_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The UK tax year holding ``day``: 6 April to the next 5 April, both included."""
    start_year = day.year if day >= dt.date(day.year, 4, 6) else day.year - 1
    return dt.date(start_year, 4, 6), dt.date(start_year + 1, 4, 5)


def tax_year_label(start: dt.date) -> str:
    return f"{start.year} to {start.year + 1}"


_MONEY = DecimalField(max_digits=10, decimal_places=2)

# The part of a claim's involvement payment that is the member's own earnings: paid to
# them or as a voucher in full, or the reduced amount. Declined and charity gifts are 0.
EARNINGS_EXPRESSION = Case(
    When(
        Q(payment_offered=True)
        & Q(payment_choice__in=[PaymentChoice.PAY_ME, PaymentChoice.VOUCHER]),
        then=F("payment_amount"),
    ),
    When(
        Q(payment_offered=True) & Q(payment_choice=PaymentChoice.REDUCED),
        then=Coalesce(F("reduced_amount"), Value(ZERO, output_field=_MONEY)),
    ),
    default=Value(ZERO, output_field=_MONEY),
    output_field=_MONEY,
)


def involvement_payments_between(member, start: dt.date, end: dt.date) -> Decimal:
    """Involvement payments (never expenses) the member has earned for activities dated in
    [start, end].

    Counts claims that are submitted, queried, approved or paid (not drafts, not
    rejected). Counts as earnings: "pay me" and "voucher" in full, "reduced" at the
    reduced amount; "declined" and "give it to a charity" count nothing.
    """
    total = (
        Claim.objects.filter(
            member=member,
            status__in=COUNTED_STATUSES,
            activity_date__gte=start,
            activity_date__lte=end,
        )
        .aggregate(total=Sum(EARNINGS_EXPRESSION))
        .get("total")
    )
    return pounds(total or ZERO)


def expenses_between(member, start: dt.date, end: dt.date) -> Decimal:
    """Expenses paid back (or due) for activities in [start, end], in counted claims."""
    total = ExpenseLine.objects.filter(
        claim__member=member,
        claim__status__in=COUNTED_STATUSES,
        claim__activity_date__gte=start,
        claim__activity_date__lte=end,
    ).aggregate(total=Sum("amount"))["total"]
    return pounds(total or ZERO)


# Rates ----------------------------------------------------------------------------------------


def payment_rate_in_force(*, level: str, roles=(), day: dt.date) -> PaymentRate | None:
    """The involvement payment rate for an activity at ``level`` on ``day``.

    For each kind of rate (a role's, a level's, the everyone rate) the one in force is
    the latest that applies from ``day`` or before. A rate for one of the member's
    roles comes first, then one for the level, then the rate for every level.
    """
    role_ids = [role.pk for role in roles]
    candidates = list(
        PaymentRate.objects.filter(applies_from__lte=day)
        .filter(Q(role__isnull=True) | Q(role__in=role_ids))
        .filter(Q(level_of_involvement="") | Q(level_of_involvement=level))
        .select_related("role")
        .order_by("-applies_from", "-pk")
    )
    in_force: dict[tuple, PaymentRate] = {}
    for rate in candidates:
        in_force.setdefault((rate.role_id, rate.level_of_involvement), rate)

    def specificity(rate):
        return (rate.role_id is not None, rate.level_of_involvement != "", rate.applies_from)

    if not in_force:
        return None
    return max(in_force.values(), key=specificity)


def mileage_rate_in_force(day: dt.date) -> MileageRate | None:
    return MileageRate.objects.filter(applies_from__lte=day).order_by("-applies_from").first()


def expense_caps_in_force(day: dt.date) -> dict[str, Decimal]:
    """The limit for each expense type on ``day``: {expense_type: max amount}."""
    caps: dict[str, Decimal] = {}
    for cap in ExpenseCap.objects.filter(applies_from__lte=day).order_by("-applies_from"):
        caps.setdefault(cap.expense_type, cap.max_amount)
    return caps


# Claims ---------------------------------------------------------------------------------------


def claimable_attendance(member) -> list[Attendance]:
    """Sessions the member attended and has not yet claimed for (a rejected claim frees it)."""
    claimed = Claim.objects.filter(member=member, session__isnull=False).exclude(
        status=ClaimStatus.REJECTED
    )
    return list(
        Attendance.objects.filter(interest__member=member, attended=True)
        .exclude(session__in=claimed.values("session"))
        .select_related("session__page")
        .order_by("-session__starts_at")
    )


def claims_for_member(member) -> list[Claim]:
    """The member's own claims, newest activity first, with their expenses lines."""
    return list(Claim.objects.filter(member=member).with_lines())


def claims_in_progress(member) -> list[Claim]:
    """For the dashboard: drafts, claims with finance and questions waiting for an answer."""
    return list(
        Claim.objects.filter(
            member=member,
            status__in=[
                ClaimStatus.DRAFT,
                ClaimStatus.SUBMITTED,
                ClaimStatus.QUERIED,
                ClaimStatus.APPROVED,
            ],
        ).order_by("-activity_date", "-pk")
    )


@dataclass
class TaxYearTotals:
    start: dt.date
    end: dt.date
    payments: Decimal
    expenses: Decimal
    claims: list

    @property
    def label(self) -> str:
        return tax_year_label(self.start)

    @property
    def total(self) -> Decimal:
        return pounds(self.payments + self.expenses)


def tax_year_totals(member) -> list[TaxYearTotals]:
    """Each tax year the member has counted claims in, newest first, with payments and
    expenses kept apart."""
    claims = list(Claim.objects.filter(member=member).counted().with_lines())
    years: dict[dt.date, TaxYearTotals] = {}
    for claim in claims:
        start, end = tax_year_bounds(claim.activity_date)
        year = years.setdefault(start, TaxYearTotals(start, end, ZERO, ZERO, []))
        year.payments = pounds(year.payments + claim.earnings)
        year.expenses = pounds(year.expenses + claim.expenses_total)
        year.claims.append(claim)
    return [years[start] for start in sorted(years, reverse=True)]


def tax_year_statement(member, start: dt.date) -> TaxYearTotals:
    """One tax year's counted claims and totals, oldest activity first, for the statement."""
    start, end = tax_year_bounds(start)
    claims = list(
        Claim.objects.filter(member=member, activity_date__gte=start, activity_date__lte=end)
        .counted()
        .with_lines()
        .order_by("activity_date", "pk")
    )
    return TaxYearTotals(
        start=start,
        end=end,
        payments=pounds(sum((claim.earnings for claim in claims), ZERO)),
        expenses=pounds(sum((claim.expenses_total for claim in claims), ZERO)),
        claims=claims,
    )


def finance_queue(*, user, status: str | None = None):
    """Sent claims ``user`` may see the state of (finance, coordinators), oldest sent first,
    with what each row shows."""
    queryset = Claim.objects.states_for_user(user).exclude(status=ClaimStatus.DRAFT).with_lines()
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("submitted_at", "pk")
