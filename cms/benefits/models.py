"""A member's own earnings limit: kept private to them (and finance when needed)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models


class EarningsLimitQuerySet(models.QuerySet):
    def for_user(self, user) -> "EarningsLimitQuerySet":
        """Only the member's own limit. Coordinators and editors get none: they are only
        ever told, through :func:`cms.benefits.guard.warning_for_coordinator`, that a
        limit might be reached, never what it is or why. Finance staff see limits only
        through their own audited admin page, not through this.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(member__user=user)


class EarningsLimit(models.Model):
    """The most a member wants to earn from involvement in a week and/or a calendar month.

    For example the permitted-work limit of a benefit they receive. Involve warns the
    member before they accept paid work that would take them over it; it never decides
    for them or blocks them.
    """

    member = models.OneToOneField(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="earnings_limit"
    )
    weekly_limit = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="The most the member wants to be paid in one week, Monday to Sunday.",
    )
    monthly_limit = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="The most the member wants to be paid in one calendar month.",
    )
    reason = models.TextField(
        blank=True,
        help_text="What the limit is for, in the member's words. Private to them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EarningsLimitQuerySet.as_manager()

    class Meta:
        verbose_name = "earnings limit"

    def __str__(self):
        # Never the amount: this may appear in logs or lists.
        return f"Earnings limit #{self.pk}"

    @property
    def is_set(self) -> bool:
        return self.weekly_limit is not None or self.monthly_limit is not None
