"""How hard a piece of text is to read: a reading age, the longest sentences, and jargon.

Reading age
-----------
``reading_age`` is the Flesch–Kincaid grade level plus 5, rounded to a whole year::

    grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
    reading age = round(grade) + 5

A US school grade is about five years less than the age of the children in it, hence the
"+ 5". A grade below 0 counts as 0, so the lowest reading age is 5 (the text has words but
cannot be made simpler by this measure); text with no words has a reading age of 0.

Limits, which editors should know (the writing help says so too):

- Syllables are counted by rule, not from a dictionary: groups of vowels, less a silent "e"
  at the end. Most words come out right; some (such as "stakeholders", counted as 4) are one
  out, so two texts a year apart may swap places.
- It only sees word and sentence length. A short sentence full of jargon, or a muddled one,
  can score well. Read the text aloud and check the jargon list as well.
- A sentence ends at ".", "!", "?" or a line break, so each heading, list item and field counts
  as a sentence. "e.g." and "Dr." end a sentence too: write "for example" instead.
- Numbers count as one-syllable words.

The functions here need no database except ``jargon_terms_in`` (one query for the terms, unless
a matcher is passed in).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cms.glossary.explain import Term, TermMatcher, build_matcher

# Grade 0 is the floor: a reading age of 5, the age children start school.
YOUNGEST_READING_AGE = 5
GRADE_TO_AGE = 5

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
VOWEL_GROUP = re.compile(r"[aeiouy]+")
# A silent ending: "-es", "-ed" or "-e" after a consonant other than "l" ("table" keeps it).
SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")


class Sentence(NamedTuple):
    text: str
    words: int


def count_syllables(word: str) -> int:
    """The syllables in one word, by rule: a number or a word of up to three letters has one;
    otherwise each group of vowels (y included) is one, after dropping a silent ending."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 1 if any(character.isalnum() for character in word) else 0
    if len(letters) <= 3:
        return 1
    letters = SILENT_ENDING.sub("", letters)
    letters = re.sub(r"^y", "", letters)
    return max(1, len(VOWEL_GROUP.findall(letters)))


def words_in(text: str) -> list[str]:
    return WORD.findall(text)


def sentences_in(text: str) -> list[str]:
    """The sentences in ``text``, each with its spaces tidied; pieces without words are dropped."""
    pieces = SENTENCE_END.split(text or "")
    return [" ".join(piece.split()) for piece in pieces if words_in(piece)]


def grade_level(text: str) -> float | None:
    """The Flesch–Kincaid grade level, or None for text with no words."""
    sentences = sentences_in(text)
    words = [word for sentence in sentences for word in words_in(sentence)]
    if not words:
        return None
    syllables = sum(count_syllables(word) for word in words)
    return 0.39 * (len(words) / len(sentences)) + 11.8 * (syllables / len(words)) - 15.59


def reading_age(text: str) -> int:
    """The age, in years, at which most people can read ``text`` easily (see the module's
    docstring for the formula and its limits). 0 for text with no words."""
    grade = grade_level(text)
    if grade is None:
        return 0
    return max(YOUNGEST_READING_AGE, round(grade) + GRADE_TO_AGE)


def longest_sentences(text: str, n: int = 3) -> list[Sentence]:
    """The ``n`` longest sentences by number of words, longest first (earlier first on a tie)."""
    sentences = [Sentence(sentence, len(words_in(sentence))) for sentence in sentences_in(text)]
    return sorted(sentences, key=lambda sentence: -sentence.words)[:n]


def load_all_terms_matcher() -> TermMatcher:
    """A matcher for every jargon-buster term, including those not explained on pages: writing
    help should flag them all. One query."""
    from cms.glossary.models import GlossaryTerm, split_other_names

    rows = GlossaryTerm.objects.order_by("pk").values_list("slug", "term", "other_names", "meaning")
    return build_matcher(
        Term(
            slug=slug,
            term=term,
            meaning=meaning,
            other_names=tuple(split_other_names(other_names)),
        )
        for slug, term, other_names, meaning in rows
    )


def jargon_terms_in(text: str, *, matcher: TermMatcher | None = None) -> list[Term]:
    """The jargon-buster terms in ``text``, each once, in the order they first appear. Terms
    are found exactly as pages explain them (whole words, any case, other names, plurals)."""
    if matcher is None:
        matcher = load_all_terms_matcher()
    if matcher.pattern is None or not text:
        return []
    found: dict[str, Term] = {}
    for match in matcher.pattern.finditer(text):
        term = matcher.term_for(match.group())
        if term is not None and term.slug not in found:
            found[term.slug] = term
    return list(found.values())
