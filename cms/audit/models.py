"""The audit log: who looked at or changed a person's record, a claim, bank details or
equality monitoring answers, and when.

Rows are only ever added, through ``services.record``. Saving an existing row again,
or deleting one, raises: the product has no way to edit the log, and the admin only
searches it. The one change allowed is clearing the link to a person (actor or
member), which Django does when someone's account is removed and the privacy app does
when it anonymises one; the event itself stays.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditLogIsAppendOnly(Exception):
    """Something tried to change or remove an audit event."""


# Fields that may be cleared (set to None) on existing rows, and nothing else.
CLEARABLE_LINKS = frozenset({"actor", "actor_id", "member", "member_id"})


class Action(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CHANGED = "changed", "Changed"
    ADDED = "added", "Added"
    REVEALED = "revealed", "Revealed"
    EXPORTED = "exported", "Exported"
    DECIDED = "decided", "Decided"
    DELETED = "deleted", "Deleted"


class SubjectType(models.TextChoices):
    MEMBER_RECORD = "member_record", "Member record"
    PROFILE = "profile", "Member's own profile"
    CLAIM = "claim", "Claim"
    BANK_DETAILS = "bank_details", "Bank details"
    EQUALITY_MONITORING = "equality_monitoring", "Equality monitoring"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if not set(kwargs) <= CLEARABLE_LINKS or any(
            value is not None for value in kwargs.values()
        ):
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        return super().update(**kwargs)

    def delete(self):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One look at or change to something personal. Append-only."""

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who did it. Empty for the system, or once their account is removed.",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    subject_type = models.CharField(max_length=30, choices=SubjectType.choices)
    subject_id = models.CharField(
        max_length=64, blank=True, help_text="The id of the claim, record or answers."
    )
    member = models.ForeignKey(
        "members.MemberProfile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The member it concerns, if any.",
    )
    summary = models.CharField(
        max_length=200,
        blank=True,
        help_text="What happened, in a few words, never the personal data itself.",
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        # Deletions and SET_NULL go through the base manager: make that refuse too.
        base_manager_name = "objects"
        # Only viewing exists: nobody may be given rights to add, change or delete events.
        default_permissions = ("view",)
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self):
        return f"{self.get_action_display()} {self.get_subject_type_display().lower()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted.")
