"""Test and demo data for the jargon buster."""

import factory
import wagtail_factories
from django.utils.text import slugify

from .models import GlossaryTerm, JargonBusterPage


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    """A term; ``GlossaryTermFactory(term="Tender")`` gets the slug ``tender``."""

    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    term = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.term))
    meaning = factory.LazyAttribute(lambda obj: f"What {obj.term} means, in plain English.")
    other_names = ""
    easy_read_meaning = ""

    @factory.post_generation
    def related_terms(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_terms.add(*extracted)


class JargonBusterPageFactory(wagtail_factories.PageFactory):
    """The A to Z page: pass ``parent=home_page``."""

    class Meta:
        model = JargonBusterPage

    title = "Jargon buster"
    slug = "jargon-buster"
    introduction = "What the words that health and care services use really mean."
