"""Supporters: a carer, family member, advocate or friend a member has named to act for
them on this site, with the member's recorded consent.

An arrangement is invited, then active once the supporter accepts with their own
sign-in, then ended (by the member, the supporter or a coordinator). Every move is
dated and attributed; the words the member agreed to are kept with it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cms.members.models import MemberProfile


class Relationship(models.TextChoices):
    CARER = "carer", "Carer"
    FAMILY = "family", "Family member"
    ADVOCATE = "advocate", "Advocate"
    FRIEND = "friend", "Friend"


class ArrangementStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class Permission(models.TextChoices):
    """What a supporter may do besides reading the member's dashboard."""

    EXPRESS_INTEREST = (
        "express_interest",
        "Say they are interested in opportunities, and confirm or withdraw a place",
    )
    FILL_IN_FORMS = "fill_in_forms", "Fill in forms, such as feedback after a session"


class SupportArrangementQuerySet(models.QuerySet):
    def active(self) -> "SupportArrangementQuerySet":
        return self.filter(status=ArrangementStatus.ACTIVE)

    def current(self) -> "SupportArrangementQuerySet":
        """Invited or active: not yet ended."""
        return self.exclude(status=ArrangementStatus.ENDED)

    def of_member(self, member) -> "SupportArrangementQuerySet":
        return self.filter(member=member)

    def for_supporter(self, user) -> "SupportArrangementQuerySet":
        """The arrangements in which ``user`` is the supporter; nothing for anyone else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(supporter=user)


class SupportArrangement(models.Model):
    """One member's consent for one supporter to act for them."""

    member = models.ForeignKey(
        MemberProfile,
        on_delete=models.CASCADE,
        related_name="support_arrangements",
        help_text="The member who named this supporter.",
    )
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supporting",
        help_text="The supporter's own sign-in. Empty until they accept the invitation.",
    )
    supporter_name = models.CharField(
        max_length=150, help_text="The supporter's name, as the member gave it."
    )
    supporter_email = models.EmailField(
        help_text="Where the invitation was sent. They must accept with a sign-in using it."
    )
    relationship = models.CharField(
        max_length=20,
        choices=Relationship.choices,
        help_text="How the supporter knows the member.",
    )
    may_express_interest = models.BooleanField(
        default=False,
        help_text="The supporter may say the member is interested in an opportunity.",
    )
    may_fill_in_forms = models.BooleanField(
        default=False,
        help_text="The supporter may fill in forms for the member, such as session feedback.",
    )
    gets_message_copies = models.BooleanField(
        default=False,
        help_text="The supporter gets an email copy of the messages we send the member.",
    )
    consent_wording = models.TextField(
        help_text="The exact words the member agreed to when naming the supporter."
    )
    consented_at = models.DateTimeField(
        default=timezone.now, help_text="When the member gave their consent."
    )
    status = models.CharField(
        max_length=10,
        choices=ArrangementStatus.choices,
        default=ArrangementStatus.INVITED,
        help_text="Invited until the supporter accepts; ended when anyone ends it.",
    )
    invited_at = models.DateTimeField(
        default=timezone.now, help_text="When the supporter was named and invited."
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who named the supporter: the member, or a coordinator for them.",
    )
    invitation_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the invitation email went out."
    )
    accepted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the supporter accepted."
    )
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When it was ended.")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who ended it.",
    )
    end_reason = models.TextField(blank=True, help_text="Why it was ended, if they said.")

    objects = SupportArrangementQuerySet.as_manager()

    class Meta:
        ordering = ["-invited_at", "-pk"]

    def __str__(self):
        return f"{self.supporter_name} for {self.member}"

    def allows(self, permission: str) -> bool:
        """Whether this arrangement lets the supporter do ``permission`` (see ``Permission``)."""
        return {
            Permission.EXPRESS_INTEREST: self.may_express_interest,
            Permission.FILL_IN_FORMS: self.may_fill_in_forms,
        }.get(permission, False)

    @property
    def member_name(self) -> str:
        return self.member.user.get_full_name() or self.member.user.email

    def what_they_may_do(self) -> list[str]:
        """In plain words, for the member's and the supporter's pages."""
        allowed = ["See the member's dashboard"]
        if self.may_express_interest:
            allowed.append(Permission.EXPRESS_INTEREST.label)
        if self.may_fill_in_forms:
            allowed.append(Permission.FILL_IN_FORMS.label)
        if self.gets_message_copies:
            allowed.append("Get copies of messages by email")
        return allowed


class MessageCopy(models.Model):
    """One email copy of a member's message sent to their supporter: sent once."""

    arrangement = models.ForeignKey(
        SupportArrangement,
        on_delete=models.CASCADE,
        related_name="message_copies",
        help_text="The arrangement the copy was sent under.",
    )
    notification = models.ForeignKey(
        "notifications.Notification",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The member's message that was copied.",
    )
    created_at = models.DateTimeField(default=timezone.now, help_text="When the copy was due.")
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the copy was emailed. Empty until then."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["arrangement", "notification"], name="one_copy_per_supporter"
            )
        ]

    def __str__(self):
        return f"Copy of {self.notification_id} to {self.arrangement.supporter_name}"
