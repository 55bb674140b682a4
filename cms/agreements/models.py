"""Agreements members sign online: the documents, their versions and who signed which.

Each document (confidentiality agreement, volunteer agreement, code of conduct) has
numbered versions. Members sign the latest published version by typing their name;
publishing a new version means they are asked to sign again (see ``services``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

# Agreements sit inside the member's page under its own heading, so no headings of their own
# above h3.
AGREEMENT_RICH_TEXT = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]


class AgreementKind(models.TextChoices):
    CONFIDENTIALITY = "confidentiality-agreement", "Confidentiality agreement"
    VOLUNTEER = "volunteer-agreement", "Volunteer agreement"
    CODE_OF_CONDUCT = "code-of-conduct", "Code of conduct"


class AgreementDocument(index.Indexed, models.Model):
    """One agreement members sign, such as the code of conduct. Its wording lives in versions."""

    kind = models.CharField(
        max_length=40,
        choices=AgreementKind.choices,
        unique=True,
        help_text="Which agreement this is. There is one of each; its wording changes by version.",
    )
    title = models.CharField(
        max_length=120,
        help_text="The name members see, for example 'Our code of conduct'.",
    )
    introduction = models.TextField(
        blank=True,
        help_text="One or two plain sentences saying what this agreement is for.",
    )

    panels = [FieldPanel("kind"), FieldPanel("title"), FieldPanel("introduction")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = "agreement"

    def __str__(self):
        return self.title

    def latest_version(self) -> "AgreementVersion | None":
        """The newest version that has been published, or None."""
        return self.versions.published().order_by("-number").first()


class AgreementVersionQuerySet(models.QuerySet):
    def published(self) -> "AgreementVersionQuerySet":
        return self.filter(published_at__isnull=False, published_at__lte=timezone.now())


class AgreementVersion(models.Model):
    """A numbered version of an agreement's wording. Members sign a version, not a document."""

    document = models.ForeignKey(
        AgreementDocument,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text="The agreement this wording belongs to.",
    )
    number = models.PositiveIntegerField(
        "version number",
        editable=False,
        help_text="Given automatically: 1 for the first version, then 2, 3 and so on.",
    )
    body = RichTextField(
        features=AGREEMENT_RICH_TEXT,
        help_text=(
            "The full wording members read and agree to. Use short sentences and plain "
            "English. Once someone has signed this version, add a new version to change it."
        ),
    )
    summary_of_changes = models.TextField(
        blank=True,
        help_text=(
            "What is different from the last version, in plain English. Members see this "
            "when they are asked to sign again. Leave empty for the first version."
        ),
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "When this version takes effect. Leave empty to keep it as a draft. Once it is "
            "published, every member is asked to sign it, even if they signed an older version."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementVersionQuerySet.as_manager()

    panels = [
        FieldPanel("document"),
        FieldPanel("body"),
        FieldPanel("summary_of_changes"),
        FieldPanel("published_at"),
    ]

    class Meta:
        ordering = ["document__title", "-number"]
        verbose_name = "agreement version"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="agreements_one_number_per_document"
            )
        ]

    def __str__(self):
        return f"{self.document} – version {self.number}"

    def save(self, *args, **kwargs):
        # Numbering is part of the record itself, not a side effect: the next free number.
        if self.number is None:
            highest = AgreementVersion.objects.filter(document_id=self.document_id).aggregate(
                highest=Max("number")
            )["highest"]
            self.number = (highest or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()


class AgreementSignature(models.Model):
    """A person's signature on one version of an agreement: the name they typed, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agreement_signatures",
        help_text="The person who signed.",
    )
    version = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="The version of the agreement they signed.",
    )
    typed_name = models.CharField(
        max_length=200, help_text="The name the person typed to sign, exactly as typed."
    )
    signed_at = models.DateTimeField(default=timezone.now, help_text="When they signed.")

    class Meta:
        ordering = ["-signed_at"]
        verbose_name = "agreement signature"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version"], name="agreements_one_signature_per_version"
            )
        ]

    def __str__(self):
        return f"{self.typed_name} signed {self.version} on {self.signed_at:%d %B %Y}"
