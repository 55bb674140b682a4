"""The annual Experts Report (the organisation's Local Account): one row per calendar
year, with the introduction editors write and the PDF a coordinator asked for.

A PDF is made in the background. Asking again gives the row a new ``generation_id``;
the task only stores a file for the generation that is still current, and stores it
once, so a task that runs twice (or late) leaves one file.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.fields import RichTextField

from cms.badges.storage import private_storage

INTRODUCTION_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField(
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The calendar year the report covers, for example 2026.",
    )
    introduction = RichTextField(
        blank=True,
        features=INTRODUCTION_FEATURES,
        help_text=(
            "Opens the report, after the cover: what the year was like, in plain words. "
            "A few short paragraphs; the figures and outcomes follow it."
        ),
    )
    outcomes = models.ManyToManyField(
        "opportunities.OpportunityPage",
        blank=True,
        related_name="+",
        limit_choices_to={"outcome_published_on__isnull": False},
        help_text=(
            "The 'You said, we did' outcomes to feature. Leave empty to include every "
            "outcome published during the year."
        ),
    )
    generation_id = models.UUIDField(null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(storage=private_storage, blank=True, editable=False)
    file_generation_id = models.UUIDField(null=True, blank=True, editable=False)
    generated_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-year"]
        verbose_name = "annual Experts Report"

    def __str__(self):
        return f"Experts Report {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def is_ready(self) -> bool:
        return bool(self.file) and self.file_generation_id == self.generation_id

    @property
    def is_being_prepared(self) -> bool:
        return self.generation_id is not None and not self.is_ready and not self.last_error

    @property
    def filename(self) -> str:
        return f"experts-report-{self.year}.pdf"
