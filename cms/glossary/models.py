"""The jargon buster: glossary terms (snippets) and the A to Z page that lists them.

A term is also explained where it first appears in any page's rich text: see
``explain.py`` and the ``{% explain_terms %}`` template tag.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cms.core.models import READ_ONLY_METHODS

from . import selectors


def split_other_names(text: str) -> list[str]:
    """The other names in ``text``: one a line or separated by commas, trimmed, no repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for line in (text or "").splitlines():
        for part in line.split(","):
            name = " ".join(part.split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


class GlossaryTerm(index.Indexed, models.Model):
    """A word or phrase that services use, with what it means in plain English."""

    term = models.CharField(
        max_length=100,
        help_text=(
            "The word or phrase as people usually write it, for example 'Co-production'. "
            "Start with a capital letter only if it is a name or an abbreviation."
        ),
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text=(
            "Used in the term's web address on the jargon buster page. "
            "Leave empty to make one from the term."
        ),
    )
    other_names = models.TextField(
        blank=True,
        help_text=(
            "Other names and abbreviations for the same thing, one a line (or separated by "
            "commas), for example 'DBS' for 'DBS check'. They are listed with the term and "
            "explained on pages too."
        ),
    )
    meaning = models.TextField(
        help_text=(
            "What it means, in plain English: short words and one or two short sentences. "
            "It is shown in brackets next to the term where it first appears on a page."
        ),
    )
    easy_read_meaning = models.TextField(
        blank=True,
        help_text=(
            "Optional. The meaning in Easy Read: very short sentences and everyday words. "
            "Shown on the jargon buster page."
        ),
    )
    related_terms = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Optional. Other terms people may want to look up too (linked both ways).",
    )
    explain_on_pages = models.BooleanField(
        default=True,
        help_text=(
            "Explain this term where it first appears on every page. Untick it for words that "
            "also have an everyday meaning, such as 'minutes', so they are not explained in "
            "the wrong place. The term stays in the A to Z either way."
        ),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("other_names"),
        MultiFieldPanel(
            [FieldPanel("meaning"), FieldPanel("easy_read_meaning")], heading="What it means"
        ),
        FieldPanel("related_terms"),
        FieldPanel("explain_on_pages"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.SearchField("other_names", boost=2),
        index.SearchField("meaning"),
        index.SearchField("easy_read_meaning"),
        index.AutocompleteField("term"),
        index.AutocompleteField("other_names"),
    ]

    class Meta:
        ordering = [Lower("term")]
        verbose_name = "jargon buster term"
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="glossary_term_unique_term",
                violation_error_message="There is already a term with this name.",
            )
        ]

    def __str__(self):
        return self.term

    def clean(self):
        super().clean()
        self.term = " ".join(self.term.split())
        if not self.slug:
            self.slug = slugify(self.term)[:100]
        if not self.slug:
            raise ValidationError({"term": "The term needs at least one letter or number."})
        if self.term.casefold() in {name.casefold() for name in self.other_names_list}:
            raise ValidationError({"other_names": "Other names should not repeat the term itself."})

    @property
    def other_names_list(self) -> list[str]:
        """The other names, one item each."""
        return split_other_names(self.other_names)

    @property
    def has_easy_read(self) -> bool:
        return bool(self.easy_read_meaning.strip())

    @property
    def anchor(self) -> str:
        """The id of this term on the jargon buster page."""
        return f"term-{self.slug}"


class JargonBusterPage(Page):
    """The A to Z of every glossary term, with a search box. There is one per site."""

    introduction = models.TextField(
        blank=True,
        help_text=(
            "A sentence or two under the title, for example what the jargon buster is for. "
            "Also used in search results."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "glossary/jargon_buster_page.html"
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = "jargon buster page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:100]
        context["glossary_query"] = query
        if query:
            context["results"] = selectors.terms_matching(query=query)
        else:
            letters = selectors.terms_by_letter()
            context["letters"] = letters
            context["has_terms"] = any(group.terms for group in letters)
        return context
