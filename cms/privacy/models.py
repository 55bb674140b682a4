"""Requests to delete an account, confirmed by a coordinator before anything is removed."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeletionRequestQuerySet(models.QuerySet):
    def pending(self) -> "DeletionRequestQuerySet":
        return self.filter(completed_at__isnull=True)


class DeletionRequest(models.Model):
    """Someone asked for their account to be deleted. Kept (anonymised) as the record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deletion_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = DeletionRequestQuerySet.as_manager()

    class Meta:
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"Deletion request {self.pk} ({'done' if self.completed_at else 'waiting'})"
