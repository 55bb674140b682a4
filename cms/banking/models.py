"""A member's bank details, encrypted at rest, and the record of every look at them.

The account holder's name, sort code, account number and roll number are kept only
as one Fernet token (``ciphertext``). The last digits kept beside it are all any page
shows (``••••1234``, ``••-••-56``). Decrypting happens in one place,
``services.reveal_bank_details``, which only finance staff may call and which writes a
``BankDetailsAccess`` row each time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.claims.access import is_finance

MASK = "••••"


class BankDetailsQuerySet(models.QuerySet):
    def for_user(self, user) -> "BankDetailsQuerySet":
        """Whose (masked) details ``user`` may see: their own, or everyone's for finance.

        Coordinators and editors get none, not even masked. Seeing a row here is never
        seeing the full details: that needs ``services.reveal_bank_details``.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_finance(user):
            return self
        return self.filter(member__user=user)


class BankDetails(models.Model):
    """The account a member's payments go to. Changed only through ``services``."""

    member = models.OneToOneField(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="bank_details"
    )
    ciphertext = models.TextField(
        help_text="Holder name, sort code, account and roll number, encrypted together."
    )
    sort_code_last_two = models.CharField(
        max_length=2, help_text="The last two digits of the sort code, for the masked view."
    )
    account_number_last_four = models.CharField(
        max_length=4, help_text="The last four digits of the account number, for the masked view."
    )
    has_roll_number = models.BooleanField(
        default=False, help_text="Whether a building society roll number was given."
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BankDetailsQuerySet.as_manager()

    class Meta:
        verbose_name = "bank details"
        verbose_name_plural = "bank details"
        # No add/change/delete/view permissions to hand out by mistake: members change
        # their own through the site, and finance's one power is to reveal, audited.
        default_permissions = ()
        permissions = [("reveal_bankdetails", "Can reveal a member's full bank details")]

    def __str__(self):
        return f"Bank details ending {self.account_number_last_four}"

    @property
    def masked_account_number(self) -> str:
        return f"{MASK}{self.account_number_last_four}"

    @property
    def masked_sort_code(self) -> str:
        return f"••-••-{self.sort_code_last_two}"


class BankDetailsChange(models.Model):
    """Each time a member's bank details were added, changed or removed: when and by whom."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        REMOVED = "removed", "Removed"

    member = models.ForeignKey(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="bank_details_changes"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} on {self.changed_at:%d %B %Y}"


class BankDetailsAccess(models.Model):
    """One look at a member's full bank details: who, when and why. Never deleted by
    the site; kept with the member's payment records."""

    class Purpose(models.TextChoices):
        PAYMENT = "payment", "Making a payment"
        CHECK = "check", "Checking a payment that failed or was queried"
        MEMBER_REQUEST = "member_request", "The member asked us to check them"
        OTHER = "other", "Something else (explained below)"

    member = models.ForeignKey(
        "members.MemberProfile", on_delete=models.CASCADE, related_name="bank_details_accesses"
    )
    viewed_at = models.DateTimeField(default=timezone.now)
    viewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    reason = models.TextField(help_text="Why the full details were needed, in a sentence.")

    class Meta:
        ordering = ["-viewed_at", "-pk"]
        verbose_name = "bank details access"

    def __str__(self):
        return f"Bank details viewed on {self.viewed_at:%d %B %Y %H:%M}"
