"""People who get the e-bulletin by email, what about and in which format."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def receiving(self) -> "SubscriberQuerySet":
        """Subscribers who confirmed their address and have not unsubscribed."""
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def in_segments(self, service_areas) -> "SubscriberQuerySet":
        """Receiving subscribers who want news about any of ``service_areas``.

        Someone who chose no areas wants everything. With no areas given, everyone
        receiving is in the segment.
        """
        receiving = self.receiving()
        area_ids = [getattr(area, "pk", area) for area in service_areas]
        if not area_ids:
            return receiving
        return receiving.filter(
            models.Q(service_areas__in=area_ids) | models.Q(service_areas__isnull=True)
        ).distinct()


class Subscriber(models.Model):
    """One email address on the bulletin list.

    Nobody receives anything until they confirm from the email we send (double
    opt-in). Links in every email are signed with this subscriber's id, so they work
    without signing in and cannot be used for anyone else.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    class EmailFormat(models.TextChoices):
        HTML = "html", "Designed email (HTML) with a plain-text copy"
        PLAIN_TEXT = "plain_text", "Plain text only"

    email = models.EmailField(
        max_length=254, help_text="Where the bulletin is sent. Kept only for the bulletin."
    )
    # Members who subscribe from their profile are linked, so their address stays current.
    # Cascading makes the subscription the person's own row to the privacy walk
    # (cms.privacy.relations): it is in their data export and removed with their account.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="bulletin_subscription",
        help_text="The member this subscription belongs to, if they subscribed while signed in.",
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="Only subscribers who confirmed their address get the bulletin.",
    )
    email_format = models.CharField(
        max_length=20,
        choices=EmailFormat.choices,
        default=EmailFormat.HTML,
        help_text="Plain text suits some screen readers and slow connections.",
    )
    service_areas = models.ManyToManyField(
        "taxonomy.ServiceArea",
        blank=True,
        related_name="subscribers",
        help_text="The areas they want news about. None chosen means all of them.",
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text="When the address was first added to the list."
    )
    confirmation_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When we last asked to send the confirmation email. We wait a few minutes "
        "before sending another, so nobody can flood someone's inbox.",
    )
    # The request (its confirmation_sent_at) whose email has gone out: a task that runs
    # twice sees it and sends nothing more.
    confirmation_emailed_for = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When they last confirmed they want the bulletin."
    )
    unsubscribed_at = models.DateTimeField(
        null=True, blank=True, help_text="When they unsubscribed, if they have."
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(Lower("email"), name="one_subscriber_per_email")]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return self.email


class SubscriptionChange(models.Model):
    """One dated, attributed move of a subscriber from one status to another."""

    class How(models.TextChoices):
        FORM = "form", "Subscribe form"
        EMAIL_LINK = "email_link", "Link in an email"
        ONE_CLICK = "one_click", "One-click unsubscribe from their mail program"
        MEMBER = "member", "Members area"
        STAFF = "staff", "Staff"
        DEMO = "demo", "Demo data"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Subscriber.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Subscriber.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The signed-in person who made the change; empty when the subscriber "
        "used a link from an email.",
    )
    how = models.CharField(max_length=20, choices=How.choices)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.subscriber}: {self.from_status or 'new'} to {self.to_status}"
