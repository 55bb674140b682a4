"""Resources: the welcome pack, policies, support sheets and guides, with Easy Read versions.

An Easy Read resource points to the standard resource it is a version of (``easy_read_of``);
each page links to the other, so people can move between the two.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.blocks import BodyStreamBlock
from cms.core.models import READ_ONLY_METHODS
from cms.easyread.blocks import sections
from cms.easyread.fields import easy_read_field
from cms.easyread.pages import easy_read_redirect, standard_url
from cms.easyread.panels import WritingHelpPanel


class ResourceCategory(models.TextChoices):
    """The groups on the Resources page, in the order they are shown."""

    WELCOME_PACK = "welcome_pack", "Welcome pack"
    POLICIES = "policies", "Policies"
    SUPPORT_SHEETS = "support_sheets", "Support sheets"
    GUIDES = "guides", "Guides"


# Shown under each group's heading on the Resources page, and to editors as help text.
CATEGORY_DESCRIPTIONS = {
    ResourceCategory.WELCOME_PACK: (
        "Start here if you are new: what to expect, how we pay you and your costs, "
        "and how we work together."
    ),
    ResourceCategory.POLICIES: "The rules we follow, and what they mean for you.",
    ResourceCategory.SUPPORT_SHEETS: (
        "Short sheets to help you take part, such as getting ready for a meeting."
    ),
    ResourceCategory.GUIDES: "Longer guides on how involvement works and how to get the most from it.",
}


def _category_help_text() -> str:
    return "Which group this resource is listed in. " + " ".join(
        f"{category.label}: {CATEGORY_DESCRIPTIONS[category]}" for category in ResourceCategory
    )


class ResourceIndexPage(Page):
    """Every resource, grouped by category, each with its Easy Read version if there is one."""

    introduction = models.TextField(
        blank=True,
        help_text=(
            "A sentence or two under the title: what people will find here and how to ask "
            "for a resource in another format."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1
    template = "resources/resource_index_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "resources index"

    def resources(self) -> models.QuerySet:
        """The live, public resources under this page, in the order editors put them."""
        return (
            ResourcePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("document")
            .order_by("path")
        )

    def grouped_resources(self) -> list[dict]:
        """One group per category that has resources, in ``ResourceCategory`` order.

        An Easy Read resource is listed with its standard version, not on its own, unless its
        standard version is not listed here (unpublished, say).
        """
        resources = list(self.resources())
        listed_ids = {resource.pk for resource in resources}
        easy_read_for: dict[int, ResourcePage] = {}
        for resource in resources:
            if resource.easy_read_of_id in listed_ids:
                easy_read_for.setdefault(resource.easy_read_of_id, resource)
        groups = []
        for category in ResourceCategory:
            entries = [
                {"resource": resource, "easy_read": easy_read_for.get(resource.pk)}
                for resource in resources
                if resource.category == category and resource.easy_read_of_id not in listed_ids
            ]
            if entries:
                groups.append(
                    {
                        "category": category,
                        "label": category.label,
                        "description": CATEGORY_DESCRIPTIONS[category],
                        "anchor": category.value.replace("_", "-"),
                        "entries": entries,
                    }
                )
        return groups

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.grouped_resources()
        return context


class ResourcePage(Page):
    """One resource: a page people can read, and optionally a document they can download."""

    category = models.CharField(
        max_length=30,
        choices=ResourceCategory.choices,
        default=ResourceCategory.SUPPORT_SHEETS,
        help_text=_category_help_text(),
    )
    summary = models.TextField(
        max_length=300,
        help_text=(
            "One or two short sentences on what this resource is for, shown at the top of "
            "the page and in the list of resources."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        help_text=(
            "The resource itself, in plain English. Use short sentences, and headings that "
            "say what each part is about."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Optional. A version people can download and print, such as a PDF or Word "
            "document. It must be accessible, and say the same as the page."
        ),
    )
    easy_read_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="easy_read_versions",
        verbose_name="Easy Read version of",
        help_text=(
            "Only for an Easy Read resource: choose the standard resource it is the Easy "
            "Read version of. Each page then links to the other. Leave empty for a standard "
            "resource."
        ),
    )
    easy_read = easy_read_field(
        help_text=(
            "Only for an Easy Read resource: its points, each a short sentence with a picture "
            "beside it, shown above the text below. Leave empty for a standard resource."
        )
    )
    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "Optional. When someone last checked this resource was still right. Policies "
            "should show this."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "What the resource is, in a few words. For an Easy Read version, end the "
                "title with '(Easy Read)'."
            ),
        ),
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("document"), FieldPanel("last_reviewed")],
            heading="Download and review",
        ),
        MultiFieldPanel([FieldPanel("easy_read_of"), FieldPanel("easy_read")], heading="Easy Read"),
        WritingHelpPanel(),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    template = "resources/resource_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "resource"

    def clean(self):
        super().clean()
        if self.easy_read_of_id is None:
            return
        standard = ResourcePage.objects.filter(pk=self.easy_read_of_id).first()
        if self.pk and self.easy_read_of_id == self.pk:
            raise ValidationError(
                {"easy_read_of": "A resource cannot be the Easy Read version of itself."}
            )
        if standard is not None and standard.easy_read_of_id is not None:
            raise ValidationError(
                {
                    "easy_read_of": (
                        f"'{standard.title}' is itself an Easy Read version. Choose the "
                        "standard resource instead."
                    )
                }
            )
        if self.pk and ResourcePage.objects.filter(easy_read_of=self.pk).exists():
            raise ValidationError(
                {
                    "easy_read_of": (
                        "Other resources are Easy Read versions of this one, so it cannot be an "
                        "Easy Read version itself."
                    )
                }
            )
        others = ResourcePage.objects.filter(easy_read_of=self.easy_read_of_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        other = others.first()
        if other is not None:
            raise ValidationError(
                {
                    "easy_read_of": (
                        f"'{other.title}' is already the Easy Read version of this resource. "
                        "Edit that page instead, or remove its link first."
                    )
                }
            )

    @property
    def is_easy_read(self) -> bool:
        return self.easy_read_of_id is not None

    @cached_property
    def standard_version(self) -> "ResourcePage | None":
        """For an Easy Read resource, its published standard version."""
        if not self.is_easy_read:
            return None
        standard = self.easy_read_of
        return standard if standard is not None and standard.live else None

    @cached_property
    def easy_read_version(self) -> "ResourcePage | None":
        """For a standard resource, its published Easy Read version."""
        if self.is_easy_read or not self.pk:
            return None
        return self.easy_read_versions.live().order_by("path").first()

    @property
    def easy_read_sections(self) -> list[dict]:
        return sections(self.easy_read)

    def get_standard_version_url(self, request=None) -> str | None:
        """The standard version's address, marked so people who asked for Easy Read are not
        sent straight back here."""
        standard = self.standard_version
        return standard_url(standard.get_url(request=request)) if standard else None

    def serve(self, request, *args, **kwargs):
        easy_read = self.easy_read_version
        response = easy_read_redirect(
            request, self, easy_read.get_url(request=request) if easy_read else None
        )
        return response or super().serve(request, *args, **kwargs)

    @property
    def category_description(self) -> str:
        return CATEGORY_DESCRIPTIONS.get(self.category, "")
