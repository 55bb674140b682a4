"""A member's pause from involvement, and how they say they are doing.

A ``Pause`` stops invitations and reminders from the day it starts until the day they
come back (``until``), or until they say they are back when there is no date. It ends
by itself on that date: nothing needs to run. Ending it early is dated and attributed.

A ``WellbeingCheckIn`` is the member's own word on how they are: a point on a simple
scale, an optional note (health data, so encrypted at rest) and whether they would like a
call from a coordinator.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from cms.core.crypto import EncryptedTextField
from cms.users.access import is_coordinator


class PauseQuerySet(models.QuerySet):
    def in_force_on(self, day) -> "PauseQuerySet":
        """Pauses that stop invitations and reminders on ``day``."""
        return self.filter(
            Q(until__isnull=True) | Q(until__gt=day),
            starts_on__lte=day,
            ended_at__isnull=True,
        )

    def open_on(self, day) -> "PauseQuerySet":
        """Pauses in force on ``day`` or still to come: a member has at most one."""
        return self.filter(Q(until__isnull=True) | Q(until__gt=day), ended_at__isnull=True)

    def for_user(self, user) -> "PauseQuerySet":
        """The member's own pauses; every member's for coordinators; none for anyone else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(member__user=user)


class Pause(models.Model):
    member = models.ForeignKey(
        "members.MemberProfile",
        on_delete=models.CASCADE,
        related_name="pauses",
        help_text="The member taking a break.",
    )
    starts_on = models.DateField(
        help_text="The first day they are not invited or reminded.",
    )
    until = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day they come back: invitations and reminders start again on this day. "
            "Empty means until they say they are back."
        ),
    )
    reason = EncryptedTextField(
        blank=True,
        help_text="Why, in the member's words, if they said. Private to them: not shown to staff.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the pause was set.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who set the pause: the member, or someone acting for them.",
    )
    ended_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the member came back early (or cancelled a pause still to come).",
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who ended the pause early.",
    )

    objects = PauseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gt=models.F("starts_on")),
                name="wellbeing_pause_until_after_start",
            )
        ]

    def __str__(self):
        # No reason and no name: this may appear in logs.
        return f"Pause #{self.pk}"


class Feeling(models.TextChoices):
    """A simple scale in plain words, best first."""

    GOOD = "good", "Good"
    OKAY = "okay", "Okay"
    NOT_GREAT = "not_great", "Not great"
    STRUGGLING = "struggling", "Struggling"


class WellbeingCheckInQuerySet(models.QuerySet):
    def for_user(self, user) -> "WellbeingCheckInQuerySet":
        """The member's own check-ins; every member's for coordinators; none for others."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_coordinator(user):
            return self
        return self.filter(member__user=user)

    def waiting_for_a_call(self) -> "WellbeingCheckInQuerySet":
        return self.filter(wants_call=True, called_at__isnull=True)


class WellbeingCheckIn(models.Model):
    member = models.ForeignKey(
        "members.MemberProfile",
        on_delete=models.CASCADE,
        related_name="wellbeing_check_ins",
        help_text="The member saying how they are.",
    )
    feeling = models.CharField(
        max_length=20,
        choices=Feeling.choices,
        help_text="How they said they are doing.",
    )
    note = EncryptedTextField(
        blank=True,
        help_text="Anything more they chose to say. Health data: encrypted when stored.",
    )
    wants_call = models.BooleanField(
        default=False,
        help_text="They would like a coordinator to phone them.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When they said it.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who sent it: the member, or someone acting for them.",
    )
    called_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a coordinator recorded that they had called.",
    )
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The coordinator who called.",
    )

    objects = WellbeingCheckInQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "wellbeing check-in"

    def __str__(self):
        return f"Wellbeing check-in #{self.pk}"
