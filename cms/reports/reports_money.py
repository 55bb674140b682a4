"""Money: involvement payments and expenses, by month and by type.

Counts claims that have been sent to finance (sent, queried, approved or paid), by the
month of the activity they are for. Sums are added up by the database and shown as
pounds and pence (``Decimal``), never floats.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Case as CaseWhen
from django.db.models import Count, DecimalField, F, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from cms.claims.models import Claim, ClaimStatus, ExpenseLine, ExpenseType, PaymentChoice
from cms.claims.money import ZERO, pounds

from .base import Headline, Report, ReportFilter, ReportResult, Table, register
from .reports_feedback import month_label

MONEY = DecimalField(max_digits=12, decimal_places=2)

# The involvement payment a claim carries, by what the member chose to do with it.
PAYMENT = CaseWhen(
    When(payment_offered=False, then=Value(ZERO)),
    When(payment_choice=PaymentChoice.REDUCED, then=Coalesce("reduced_amount", Value(ZERO))),
    When(
        payment_choice__in=[PaymentChoice.PAY_ME, PaymentChoice.VOUCHER, PaymentChoice.CHARITY],
        then=F("payment_amount"),
    ),
    default=Value(ZERO),
    output_field=MONEY,
)

PAYMENT_LABELS = {
    PaymentChoice.PAY_ME: "Paid to the member",
    PaymentChoice.VOUCHER: "Voucher",
    PaymentChoice.REDUCED: "Smaller amount, as asked",
    PaymentChoice.CHARITY: "Given to a charity",
    PaymentChoice.DECLINED: "Declined",
}


def money_text(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def counted_claims(report_filter: ReportFilter):
    """Claims sent to finance for activities in the period, in the service area."""
    claims = Claim.objects.counted().filter(
        activity_date__gte=report_filter.start, activity_date__lte=report_filter.end
    )
    if report_filter.service_area_id is not None:
        claims = claims.filter(session__page__service_areas=report_filter.service_area_id)
    return claims


def payment_rows(report_filter: ReportFilter) -> list[dict]:
    """Involvement payments summed by month, payment choice and state."""
    return list(
        counted_claims(report_filter)
        .filter(payment_offered=True)
        .annotate(month=TruncMonth("activity_date"))
        .values("month", "payment_choice", "status")
        .annotate(claims=Count("pk"), amount=Sum(PAYMENT, output_field=MONEY))
        .order_by("month")
    )


def expense_rows(report_filter: ReportFilter) -> list[dict]:
    """Expenses summed by month, expense type and the claim's state."""
    return list(
        ExpenseLine.objects.filter(claim__in=counted_claims(report_filter).values("pk"))
        .annotate(month=TruncMonth("claim__activity_date"))
        .values("month", "expense_type", "claim__status")
        .annotate(amount=Sum("amount", output_field=MONEY))
        .order_by("month")
    )


@register
class MoneyReport(Report):
    slug = "money"
    title = "Money"
    description = (
        "What members were paid for taking part, and the expenses paid back, by month and "
        "by type, for claims sent to finance. With a service area chosen, only claims for "
        "sessions of its opportunities count."
    )
    order = 40

    def build(self, report_filter: ReportFilter) -> ReportResult:
        payments = payment_rows(report_filter)
        expenses = expense_rows(report_filter)

        months: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
        by_choice: dict[str, dict] = {
            choice: {"claims": 0, "amount": ZERO} for choice in PAYMENT_LABELS
        }
        by_status: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for row in payments:
            amount = pounds(row["amount"])
            months[month_label(row["month"])]["payment"] += amount
            if row["payment_choice"] in by_choice:
                by_choice[row["payment_choice"]]["claims"] += row["claims"]
                by_choice[row["payment_choice"]]["amount"] += amount
            by_status[row["status"]] += amount
        by_type: dict[str, Decimal] = dict.fromkeys(ExpenseType, ZERO)
        for row in expenses:
            amount = pounds(row["amount"])
            months[month_label(row["month"])][row["expense_type"]] += amount
            by_type[row["expense_type"]] = by_type.get(row["expense_type"], ZERO) + amount
            by_status[row["claim__status"]] += amount

        total_payments = sum((item["amount"] for item in by_choice.values()), ZERO)
        total_expenses = sum(by_type.values(), ZERO)
        expense_types = [expense_type for expense_type in ExpenseType if by_type[expense_type]]

        tables = [
            Table(
                slug="by-month",
                caption="Involvement payments and each type of expense, by month (£)",
                columns=[
                    "Month",
                    "Involvement payments",
                    *(ExpenseType(expense_type).label for expense_type in expense_types),
                ],
                rows=[
                    [
                        month,
                        months[month]["payment"],
                        *(months[month][expense_type] for expense_type in expense_types),
                    ]
                    for month in sorted(months)
                ],
                chart="line",
                note=(
                    "By the month of the activity. Months with no claims are left out, and "
                    "so are types of expense nobody claimed."
                ),
            ),
            Table(
                slug="payments-by-type",
                caption="Involvement payments by what members chose to do with them (£)",
                columns=["Payment", "Amount (£)"],
                rows=[
                    [PAYMENT_LABELS[choice], item["amount"]] for choice, item in by_choice.items()
                ],
                chart="bar",
                note="A declined payment counts as £0.00.",
            ),
            Table(
                slug="expenses-by-type",
                caption="Expenses paid back, by type (£)",
                columns=["Expense", "Amount (£)"],
                rows=[
                    [ExpenseType(expense_type).label, amount]
                    for expense_type, amount in by_type.items()
                ],
                chart="bar",
            ),
        ]
        headlines = [
            Headline(
                "Involvement payments",
                money_text(total_payments),
                f"{sum(item['claims'] for item in by_choice.values())} claims with a payment.",
            ),
            Headline(
                "Expenses", money_text(total_expenses), "Travel, parking, care and other costs."
            ),
            Headline(
                "Paid out",
                money_text(by_status[ClaimStatus.PAID]),
                "Payments and expenses finance has paid.",
            ),
            Headline(
                "Still to pay",
                money_text(total_payments + total_expenses - by_status[ClaimStatus.PAID]),
                "Sent, queried or approved, not yet paid.",
            ),
        ]
        return ReportResult(headlines=headlines, tables=tables)
