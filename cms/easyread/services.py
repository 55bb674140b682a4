"""Writing help and the reading-age report, built on ``readability``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from . import readability
from .text import page_text


@dataclass
class WritingHelp:
    reading_age: int
    target: int
    longest_sentences: list[readability.Sentence] = field(default_factory=list)
    jargon: list = field(default_factory=list)

    @property
    def above_target(self) -> bool:
        return self.reading_age > self.target

    def as_json(self) -> dict:
        return {
            "reading_age": self.reading_age,
            "target": self.target,
            "above_target": self.above_target,
            "longest_sentences": [
                {"text": sentence.text, "words": sentence.words}
                for sentence in self.longest_sentences
            ],
            "jargon": [{"term": term.term, "meaning": term.meaning} for term in self.jargon],
        }


def writing_help(*, text: str, matcher=None) -> WritingHelp:
    """The reading age, three longest sentences and jargon-buster terms of ``text``."""
    return WritingHelp(
        reading_age=readability.reading_age(text),
        target=settings.READING_AGE_TARGET,
        longest_sentences=readability.longest_sentences(text, n=3),
        jargon=readability.jargon_terms_in(text, matcher=matcher),
    )


@dataclass
class PageReadingAge:
    page: object
    reading_age: int


def pages_above_target(*, page_models, target: int | None = None) -> list[PageReadingAge]:
    """Live pages of ``page_models`` whose reading age is above ``target`` (default: the
    setting), hardest first. One query per model, however many pages there are."""
    if target is None:
        target = settings.READING_AGE_TARGET
    rows = []
    for model in page_models:
        for page in model.objects.live().order_by("path"):
            age = readability.reading_age(page_text(page))
            if age > target:
                rows.append(PageReadingAge(page=page, reading_age=age))
    rows.sort(key=lambda row: (-row.reading_age, row.page.title.casefold()))
    return rows


# The page types editors write prose in, checked by the reading-age report.
READABLE_PAGE_MODELS = (
    "opportunities.OpportunityPage",
    "training.TrainingModulePage",
    "bulletins.BulletinPage",
    "resources.ResourcePage",
)


def readable_page_models() -> list:
    from django.apps import apps

    return [apps.get_model(label) for label in READABLE_PAGE_MODELS]
