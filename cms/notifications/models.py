"""What Involve told each person, and how each message reached them.

A ``Notification`` is one thing a person was told: it always shows on their
dashboard. Each way it went out (email, or a text message, letter or phone call a
coordinator must send by hand, as no gateway is configured) is a ``Delivery``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.users.access import is_coordinator


class Topic(models.TextChoices):
    APPLICATION = "application", "Your application"
    TAKING_PART = "taking_part", "Taking part"
    PAPERS = "papers", "Meeting papers"
    FEEDBACK = "feedback", "Your feedback"
    TRAINING = "training", "Training"
    SUPPORT = "support", "Supervision and support"
    MENTORING = "mentoring", "Mentoring"
    CLAIMS = "claims", "Payments and expenses"
    MESSAGE = "message", "Message from the team"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    POST = "post", "Letter by post"
    PHONE = "phone", "Phone call"


# Channels with no gateway: a coordinator sends these by hand from the admin.
BY_HAND = (Channel.TEXT, Channel.POST, Channel.PHONE)

# A key starting with this marks a notification whose recipient staff must not learn from
# the notifications log, such as the reply to feedback given anonymously.
PRIVATE_KEY_PREFIX = "private:"


class EmailFormat(models.TextChoices):
    HTML = "html", "HTML with a plain-text copy"
    LARGE_PRINT = "large_print", "Large-print HTML with a plain-text copy"
    PLAIN_TEXT = "plain_text", "Plain text only"


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationQuerySet":
        """A person's own notifications; nobody reads anyone else's here."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient=user)

    def for_staff(self, user) -> "NotificationQuerySet":
        """Everyone's notifications for coordinators and administrators; nothing for others."""
        return self if is_coordinator(user) else self.none()

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing Involve told one person. ``key`` makes telling them twice impossible."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    # Names the event, e.g. "interest-change:41"; the same key for the same person is
    # the same notification, so a task that runs twice tells them once.
    key = models.CharField(max_length=200)
    subject = models.CharField(max_length=200)
    body = models.TextField(help_text="The message in plain text.")
    url = models.CharField(
        max_length=500, blank=True, help_text="Where on the site the person can act on it."
    )
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_key")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.subject

    @property
    def action_url(self) -> str:
        """The path to act on it, only if it stays on this site."""
        url = self.url or ""
        return url if url.startswith("/") and not url.startswith("//") else ""

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def hides_recipient(self) -> bool:
        return self.key.startswith(PRIVATE_KEY_PREFIX)


class DeliveryQuerySet(models.QuerySet):
    def for_staff(self, user) -> "DeliveryQuerySet":
        """Coordinators and administrators send messages by hand; nobody else sees them."""
        return self if is_coordinator(user) else self.none()

    def to_send_by_hand(self) -> "DeliveryQuerySet":
        """Text messages, letters and calls that a coordinator still has to send."""
        return self.filter(channel__in=BY_HAND, status=Delivery.Status.PENDING)


class Delivery(models.Model):
    """One way one notification went out, and what happened to it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    email_format = models.CharField(max_length=20, choices=EmailFormat.choices, blank=True)
    # Where it went, as it was when sent: the person may change their details later.
    address = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # For text messages, letters and calls: the coordinator who sent it by hand.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"], name="one_delivery_per_channel"
            )
        ]
        indexes = [models.Index(fields=["channel", "status"])]

    def __str__(self):
        return f"{self.get_channel_display()}: {self.notification.subject}"


class TeamMessageQuerySet(models.QuerySet):
    def for_user(self, user) -> "TeamMessageQuerySet":
        """Only coordinators and administrators see the team's messages to members."""
        return self if is_coordinator(user) else self.none()


class TeamMessage(models.Model):
    """A message a coordinator sent to a group of members (a mailing list).

    The group is every active member with expertise in any chosen service area and/or
    holding any chosen involvement role. Each person is told through ``notify`` with the
    key ``team-message:<pk>:<user>``, so sending again reaches only people missed.
    """

    # Set by the compose form when it is first shown: the same form sent twice
    # (a double click, a resubmitted page) is still one message.
    form_token = models.UUIDField(unique=True)
    subject = models.CharField(max_length=150, help_text="The subject line people see.")
    body = models.TextField(help_text="The message, in plain English.")
    service_areas = models.ManyToManyField(
        "taxonomy.ServiceArea",
        blank=True,
        related_name="+",
        help_text="Members with expertise in any of these areas receive it.",
    )
    roles = models.ManyToManyField(
        "members.InvolvementRole",
        blank=True,
        related_name="+",
        help_text="Members who hold any of these roles receive it.",
    )
    match_all = models.BooleanField(
        default=False,
        help_text=(
            "Tick to send only to members in a chosen area AND holding a chosen role; "
            "otherwise anyone matching either receives it."
        ),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    recipient_count = models.PositiveIntegerField(
        default=0, help_text="How many people it was sent to."
    )

    objects = TeamMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject


class SentEmailQuerySet(models.QuerySet):
    def for_staff(self, user) -> "SentEmailQuerySet":
        return self if is_coordinator(user) else self.none()


class SentEmail(models.Model):
    """A copy of an email sent in development, so staff can read it in the admin.

    Written only by ``mail_backends.ConsoleAndRecordBackend``; production sends by SMTP
    and keeps no copies.
    """

    to = models.TextField(help_text="Who it was sent to, one address a line.")
    from_email = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    text_body = models.TextField(blank=True)
    html_body = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    objects = SentEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = "sent email (development)"

    def __str__(self):
        return self.subject
