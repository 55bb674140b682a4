"""Involvement payments and expenses: the rates finance staff keep, and members' claims.

Rates (``PaymentRate``, ``MileageRate``, ``ExpenseCap``) each say from which date they
apply; a claim uses the ones in force on the activity's date (see
``docs/decisions/0007-payment-rates.md``). A ``Claim`` is one member's claim for one
session they attended: the involvement payment worked out from the rate, never typed,
and expenses lines kept apart from it. Its state moves only through
``services.TRANSITIONS``, each move kept as a ``ClaimChange``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from cms.badges.storage import private_storage
from cms.members.models import InvolvementRole, MemberProfile
from cms.opportunities.models import InvolvementLevel, OpportunitySession, PaymentUnit

from .access import can_see_claim_states, is_finance
from .money import ZERO, pounds


class ExpenseType(models.TextChoices):
    MILEAGE = "mileage", "Mileage (using your own car)"
    FARES = "fares", "Bus, train or taxi fares"
    PARKING = "parking", "Parking"
    SUBSISTENCE = "subsistence", "Food and drink"
    REPLACEMENT_CARE = "replacement_care", "Replacement care"
    OTHER = "other", "Something else"


class PaymentRate(models.Model):
    """What an hour, half day, day or activity is paid, from a date, for a level or a role."""

    level_of_involvement = models.CharField(
        max_length=20,
        choices=InvolvementLevel.choices,
        blank=True,
        help_text="The level of involvement this rate is for. Leave blank for every level.",
    )
    role = models.ForeignKey(
        InvolvementRole,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment_rates",
        help_text=(
            "Only for members who hold this role, for example an interview panel member. "
            "Leave blank for everyone. A rate for a role comes before a rate for a level."
        ),
    )
    unit = models.CharField(
        max_length=20,
        choices=PaymentUnit.choices,
        help_text=(
            "What the amount pays for. A half day is up to 4 hours and a day up to 8 hours; "
            "'per activity' is a fixed amount however long it takes."
        ),
    )
    amount = models.DecimalField(
        max_digits=7, decimal_places=2, help_text="The amount in pounds, for example 25.00."
    )
    applies_from = models.DateField(
        help_text="The first activity date this rate is used for. Claims use the rate in force "
        "on the day of the activity, so add a new rate rather than changing an old one."
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="Why this rate was set, for finance records."
    )

    panels = [
        FieldPanel("level_of_involvement"),
        FieldPanel("role"),
        FieldPanel("unit"),
        FieldPanel("amount"),
        FieldPanel("applies_from"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["-applies_from", "level_of_involvement", "pk"]
        verbose_name = "involvement payment rate"

    def __str__(self):
        who = self.role.name if self.role_id else (self.get_level_of_involvement_display() or "All")
        return f"{who}: £{self.amount:,.2f} {self.get_unit_display()} from {self.applies_from:%d %B %Y}"

    @property
    def text(self) -> str:
        return f"£{self.amount:,.2f} {self.get_unit_display()}"


class MileageRate(models.Model):
    """What we pay back for each mile driven in a member's own car, from a date."""

    amount_per_mile = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Pounds a mile, for example 0.45."
    )
    applies_from = models.DateField(
        unique=True, help_text="The first activity date this mileage rate is used for."
    )

    panels = [FieldPanel("amount_per_mile"), FieldPanel("applies_from")]

    class Meta:
        ordering = ["-applies_from"]
        verbose_name = "mileage rate"

    def __str__(self):
        return f"£{self.amount_per_mile:,.2f} a mile from {self.applies_from:%d %B %Y}"


class ExpenseCap(models.Model):
    """The most one claim may have paid back for one type of expense, from a date."""

    expense_type = models.CharField(
        max_length=20,
        choices=ExpenseType.choices,
        help_text="The type of expense this limit is for.",
    )
    max_amount = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        help_text="The most we pay back for this type of expense for one activity, in pounds.",
    )
    applies_from = models.DateField(help_text="The first activity date this limit is used for.")

    panels = [FieldPanel("expense_type"), FieldPanel("max_amount"), FieldPanel("applies_from")]

    class Meta:
        ordering = ["expense_type", "-applies_from"]
        verbose_name = "expense limit"
        constraints = [
            models.UniqueConstraint(
                fields=["expense_type", "applies_from"], name="one_expense_cap_a_day"
            )
        ]

    def __str__(self):
        return (
            f"{self.get_expense_type_display()}: up to £{self.max_amount:,.2f} "
            f"from {self.applies_from:%d %B %Y}"
        )


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    SUBMITTED = "submitted", "Sent to finance"
    QUERIED = "queried", "Finance has a question"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"
    PAID = "paid", "Paid"


# Tag colours (NHS.UK frontend) so a state reads the same on every list.
STATUS_TAGS = {
    ClaimStatus.DRAFT: "nhsuk-tag--grey",
    ClaimStatus.SUBMITTED: "nhsuk-tag--blue",
    ClaimStatus.QUERIED: "nhsuk-tag--orange",
    ClaimStatus.APPROVED: "nhsuk-tag--aqua-green",
    ClaimStatus.REJECTED: "nhsuk-tag--red",
    ClaimStatus.PAID: "nhsuk-tag--green",
}


class PaymentChoice(models.TextChoices):
    """What the member wants done with the involvement payment for one activity."""

    PAY_ME = "paid", "Pay me"
    VOUCHER = "voucher", "Give me a voucher instead"
    REDUCED = "reduced", "Pay me a smaller amount"
    DECLINED = "declined", "No payment, thank you"
    CHARITY = "charity", "Give it to a charity"


# Which choices count as the member's earnings (for benefits): money or a voucher paid
# to them. Declined and charity gifts are not theirs; a reduced amount counts as reduced.
EARNING_CHOICES = (PaymentChoice.PAY_ME, PaymentChoice.VOUCHER, PaymentChoice.REDUCED)
# Claims that count towards totals: sent, being looked at, approved or paid.
COUNTED_STATUSES = (
    ClaimStatus.SUBMITTED,
    ClaimStatus.QUERIED,
    ClaimStatus.APPROVED,
    ClaimStatus.PAID,
)


class ClaimQuerySet(models.QuerySet):
    def for_user(self, user) -> "ClaimQuerySet":
        """The claims ``user`` may read in full (amounts and receipts).

        Finance staff and administrators: everyone's. Anyone else: only their own, so
        a coordinator or editor sees none but their own, and an id in a URL from
        another member finds nothing.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_finance(user):
            return self
        return self.filter(member__user=user)

    def states_for_user(self, user) -> "ClaimQuerySet":
        """Claims whose state (not amounts or receipts) ``user`` may see: coordinators too."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if can_see_claim_states(user):
            return self
        return self.filter(member__user=user)

    def counted(self) -> "ClaimQuerySet":
        return self.filter(status__in=COUNTED_STATUSES)

    def with_lines(self) -> "ClaimQuerySet":
        return self.select_related("member__user", "session__page").prefetch_related("lines")


class Claim(models.Model):
    """One member's claim for one activity: an involvement payment and expenses, kept apart."""

    member = models.ForeignKey(MemberProfile, on_delete=models.PROTECT, related_name="claims")
    session = models.ForeignKey(
        OpportunitySession,
        null=True,
        blank=True,
        # Payment records outlive a session an editor removes: the title and date are copied.
        on_delete=models.SET_NULL,
        related_name="claims",
        help_text="The session the member attended.",
    )
    activity_title = models.CharField(max_length=300, help_text="What the member took part in.")
    activity_date = models.DateField(help_text="The day of the activity: it decides the rates.")
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, help_text="Hours the activity counted for."
    )
    status = models.CharField(max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT)

    # The involvement payment: worked out by services.work_out_payment, never typed.
    payment_offered = models.BooleanField(default=False)
    no_payment_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why there is no involvement payment, if there is none.",
    )
    rate_amount = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    rate_unit = models.CharField(max_length=20, choices=PaymentUnit.choices, blank=True)
    rate_quantity = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    payment_amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=ZERO,
        help_text="The payment worked out from the rate.",
    )
    payment_choice = models.CharField(max_length=20, choices=PaymentChoice.choices, blank=True)
    reduced_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    charity_name = models.CharField(max_length=200, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    paid_on = models.DateField(null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-activity_date", "-pk"]
        constraints = [
            # A rejected claim does not block a fresh one; any other does.
            models.UniqueConstraint(
                fields=["member", "session"],
                condition=~Q(status="rejected"),
                name="one_claim_per_session",
            )
        ]
        indexes = [models.Index(fields=["status", "activity_date"])]

    def __str__(self):
        return f"Claim for {self.activity_title} on {self.activity_date:%d %B %Y}"

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAGS.get(self.status, "nhsuk-tag--grey")

    @property
    def reference(self) -> str:
        return f"C{self.pk:06d}" if self.pk else ""

    @property
    def earnings(self):
        """The involvement payment that is the member's own: see ``EARNING_CHOICES``."""
        if not self.payment_offered:
            return ZERO
        if self.payment_choice == PaymentChoice.REDUCED:
            return pounds(self.reduced_amount)
        if self.payment_choice in (PaymentChoice.PAY_ME, PaymentChoice.VOUCHER):
            return pounds(self.payment_amount)
        return ZERO

    @property
    def to_charity(self):
        if self.payment_offered and self.payment_choice == PaymentChoice.CHARITY:
            return pounds(self.payment_amount)
        return ZERO

    @property
    def expenses_total(self):
        """Sum of the expenses lines (uses prefetched lines when there are any)."""
        return pounds(sum((line.amount for line in self.lines.all()), ZERO))

    @property
    def is_editable(self) -> bool:
        return self.status == ClaimStatus.DRAFT


def receipt_upload_to(instance, filename: str) -> str:
    # Never the member's file name on disk: a random name, the extension from the content.
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(
        instance.receipt_content_type, "bin"
    )
    return f"claims/receipts/{secrets.token_hex(16)}.{extension}"


class ExpenseLine(models.Model):
    """One expense in a claim: mileage by miles, or an amount with a receipt."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="lines")
    expense_type = models.CharField(max_length=20, choices=ExpenseType.choices)
    description = models.CharField(max_length=200, blank=True)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    rate_per_mile = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    receipt = models.FileField(upload_to=receipt_upload_to, storage=private_storage, blank=True)
    receipt_content_type = models.CharField(max_length=40, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_expense_type_display()}: £{self.amount:,.2f}"

    @property
    def receipt_is_image(self) -> bool:
        return self.receipt_content_type in ("image/png", "image/jpeg")


class ClaimChange(models.Model):
    """One move of a claim: dated, attributed, with the question, answer or reason."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"
