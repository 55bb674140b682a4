"""Read-side queries for the jargon buster."""

import string
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

NUMBERS_AND_SYMBOLS = "0–9"


@dataclass
class LetterGroup:
    """One letter of the A to Z and the terms that start with it (none, for an empty letter)."""

    letter: str
    terms: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The id of this letter's section on the page, such as ``letter-a``."""
        if self.letter == NUMBERS_AND_SYMBOLS:
            return "letter-0-9"
        return f"letter-{self.letter.lower()}"


def first_letter(term: str) -> str:
    """The A to Z letter a term is listed under: accents are dropped ('Élan' goes under E),
    and terms starting with a number or a symbol go under '0–9'."""
    plain = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode()
    for character in plain:
        if character.isalnum():
            letter = character.upper()
            return letter if letter in string.ascii_uppercase else NUMBERS_AND_SYMBOLS
    return NUMBERS_AND_SYMBOLS


def all_terms() -> QuerySet:
    """Every term in A to Z order, with its related terms fetched alongside."""
    from .models import GlossaryTerm

    return GlossaryTerm.objects.order_by(Lower("term"), "pk").prefetch_related("related_terms")


def terms_by_letter() -> list[LetterGroup]:
    """Every letter from A to Z, each with its terms (empty letters included, so the
    letter navigation can show them), then a '0–9' group if any term starts with one."""
    groups = {letter: LetterGroup(letter) for letter in string.ascii_uppercase}
    others = LetterGroup(NUMBERS_AND_SYMBOLS)
    for term in all_terms():
        groups.get(first_letter(term.term), others).terms.append(term)
    result = list(groups.values())
    if others.terms:
        result.append(others)
    return result


def terms_matching(*, query: str) -> QuerySet:
    """Terms whose name, other names or meaning contain ``query``, ignoring case: those
    whose name matches first, then those with a matching other name, then the rest, each
    group in A to Z order."""
    query = query.strip()
    in_term = Q(term__icontains=query)
    in_other_names = Q(other_names__icontains=query)
    in_meaning = Q(meaning__icontains=query)
    return (
        all_terms()
        .filter(in_term | in_other_names | in_meaning)
        .annotate(
            relevance=Case(
                When(in_term, then=Value(0)),
                When(in_other_names, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("relevance", Lower("term"), "pk")
    )
