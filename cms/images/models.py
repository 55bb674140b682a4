from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """Public pictures for pages. Never member files: those live in private storage."""

    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who took or owns the picture, if they should be named.",
    )

    admin_form_fields = Image.admin_form_fields + ("credit",)


class Rendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
