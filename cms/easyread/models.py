"""Each signed-in person's display settings (larger text, higher contrast).

Visitors' settings live only in a cookie; see ``display.py``.
"""

from django.conf import settings
from django.db import models


class DisplayPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="display_preference",
        help_text="The person these settings belong to.",
    )
    large_text = models.BooleanField(default=False, help_text="Show text larger than standard.")
    high_contrast = models.BooleanField(
        default=False, help_text="Show pages in black, white and yellow, with stronger outlines."
    )
    updated_at = models.DateTimeField(auto_now=True, help_text="When the settings last changed.")

    class Meta:
        verbose_name = "display preference"

    def __str__(self):
        return f"Display settings for {self.user}"
