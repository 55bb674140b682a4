"""Explain jargon-buster terms where they first appear in a page's rich text.

The first time a term (or one of its other names) appears on a page, it is wrapped
like this, with the meaning as real text beside it, so it works with a screen
reader, a keyboard, in print and without JavaScript::

    <dfn class="involve-term" id="explained-dbs-check"><a href="/jargon-buster/#term-dbs-check">DBS
    check</a></dfn> <span class="involve-term__meaning">(meaning: a check of ...)</span>

Terms are matched ignoring case, as whole words (so "care" is not found in
"careful"), longest name first (so "carer's assessment" wins over "carer"), with an
optional plural "s". Text inside links, headings, code, buttons, labels and existing
definitions is left alone.

The functions here are plain: ``build_matcher`` and ``explain_html`` need no database.
``matcher_for_request`` loads the terms once per request (one query) and keeps the
compiled pattern on the request, with the set of terms already explained on the page,
so several fields and blocks on one page explain each term only once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString

# Text inside these elements is never changed: links and buttons already do something,
# headings must stay short, code is literal, and dfn/abbr already explain themselves.
SKIP_TAGS = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dfn",
        "abbr",
        "code",
        "pre",
        "kbd",
        "samp",
        "button",
        "label",
        "summary",
        "textarea",
        "select",
        "option",
        "script",
        "style",
        "template",
    }
)
TERM_CLASS = "involve-term"
MEANING_CLASS = "involve-term__meaning"

APOSTROPHES = "'’"
HYPHENS = "-‐‑"
CLOSING_QUOTES = "'’\"”"

REQUEST_MATCHER_ATTRIBUTE = "_involve_glossary_matcher"
REQUEST_EXPLAINED_ATTRIBUTE = "_involve_glossary_explained"


@dataclass(frozen=True)
class Term:
    """What the explainer needs to know about one glossary term."""

    slug: str
    term: str
    meaning: str
    other_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.other_names)


@dataclass(frozen=True)
class TermMatcher:
    """A compiled pattern for every term's names, and the term each name belongs to."""

    pattern: re.Pattern | None
    terms_by_name: dict[str, Term] = field(default_factory=dict)
    glossary_url: str | None = None

    def term_for(self, matched_text: str) -> Term | None:
        """The term that ``matched_text`` (a match of ``pattern``) is a name of."""
        key = normalise_name(matched_text)
        term = self.terms_by_name.get(key)
        if term is None and key.endswith("s"):
            term = self.terms_by_name.get(key[:-1])
        return term


def normalise_name(text: str) -> str:
    """A name as a lookup key: case folded, with spaces, apostrophes and hyphens made alike."""
    text = " ".join(text.split()).casefold()
    for apostrophe in APOSTROPHES[1:]:
        text = text.replace(apostrophe, APOSTROPHES[0])
    for hyphen in HYPHENS[1:]:
        text = text.replace(hyphen, HYPHENS[0])
    return text


def name_pattern(name: str) -> str:
    """The regular expression for one name: any run of spaces matches any other, and
    straight and curly apostrophes (or the different hyphens) match each other."""
    parts = []
    for word in name.split():
        characters = []
        for character in word:
            if character in APOSTROPHES:
                characters.append(f"[{APOSTROPHES}]")
            elif character in HYPHENS:
                characters.append(f"[{HYPHENS}]")
            else:
                characters.append(re.escape(character))
        parts.append("".join(characters))
    return r"\s+".join(parts)


def build_matcher(terms: Iterable[Term], *, glossary_url: str | None = None) -> TermMatcher:
    """Compile one pattern that finds any name of any of ``terms``.

    Longer names come first in the pattern, so where two names start at the same
    place the longer one wins. A name matches only as whole words: not straight after
    or before a letter or number, nor joined to one by a hyphen or an apostrophe (so
    "care" is not found in "careful", "self-care" or "care's"). A plural "s" may follow.
    If two terms share a name, the first given keeps it.
    """
    terms_by_name: dict[str, Term] = {}
    for term in terms:
        for name in term.names:
            key = normalise_name(name)
            if key and key not in terms_by_name:
                terms_by_name[key] = term
    if not terms_by_name:
        return TermMatcher(pattern=None, glossary_url=glossary_url)
    names = sorted(terms_by_name, key=lambda key: (-len(key), key))
    alternatives = "|".join(name_pattern(name) for name in names)
    joiners = re.escape(APOSTROPHES + HYPHENS)
    pattern = re.compile(
        rf"(?<!\w)(?<!\w[{joiners}])(?:{alternatives})s?(?!\w)(?![{joiners}]\w)",
        re.IGNORECASE,
    )
    return TermMatcher(pattern=pattern, terms_by_name=terms_by_name, glossary_url=glossary_url)


def meaning_text(meaning: str) -> str:
    """The meaning as it is shown in brackets: on one line, without its last full stop."""
    meaning = " ".join(meaning.split())
    if meaning.endswith(".") and not meaning.endswith(".."):
        meaning = meaning[:-1]
    return f"(meaning: {meaning})"


def _skipped(node: NavigableString) -> bool:
    for parent in node.parents:
        if parent.name in SKIP_TAGS:
            return True
        if MEANING_CLASS in (parent.get("class") or []):
            return True
    return False


def _explanation(soup: BeautifulSoup, term: Term, matched_text: str, glossary_url: str | None):
    definition = soup.new_tag("dfn", attrs={"class": TERM_CLASS, "id": f"explained-{term.slug}"})
    if glossary_url:
        link = soup.new_tag("a", attrs={"href": f"{glossary_url}#term-{term.slug}"})
        link.string = matched_text
        definition.append(link)
    else:
        definition.string = matched_text
    meaning = soup.new_tag("span", attrs={"class": MEANING_CLASS})
    meaning.string = meaning_text(term.meaning)
    return definition, meaning


def _explain_node(node, soup, matcher: TermMatcher, explained: set[str]) -> None:
    text = str(node)
    pieces: list = []
    position = 0
    for match in matcher.pattern.finditer(text):
        if match.start() < position:
            continue
        term = matcher.term_for(match.group())
        if term is None or term.slug in explained:
            continue
        explained.add(term.slug)
        definition, meaning = _explanation(soup, term, match.group(), matcher.glossary_url)
        pieces += [text[position : match.start()], definition]
        position = match.end()
        # A closing quote (or the apostrophe of a plural possessive) stays with the term.
        while position < len(text) and text[position] in CLOSING_QUOTES:
            position += 1
        pieces += [text[match.end() : position] + " ", meaning]
    if not pieces:
        return
    pieces.append(text[position:])
    node.replace_with(*[NavigableString(p) if isinstance(p, str) else p for p in pieces if p])


def explain_html(html: str, *, matcher: TermMatcher, explained: set[str]) -> str:
    """Explain, in ``html``, each term not yet in ``explained``, at its first appearance.

    ``explained`` holds the slugs of the terms already explained on this page; the
    slugs of the terms explained now are added to it. The HTML is returned unchanged
    (not even re-serialised) when there is nothing to explain. Every piece of text is
    escaped by BeautifulSoup when the result is serialised.
    """
    if not html or matcher.pattern is None or not matcher.pattern.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    before = len(explained)
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or _skipped(node):
            continue
        _explain_node(node, soup, matcher, explained)
    if len(explained) == before:
        return html
    return str(soup)


def load_matcher(*, request=None) -> TermMatcher:
    """A matcher for every term that editors want explained on pages (one query for the
    terms, one for the jargon buster page's address). Links are relative when there is
    a request, and absolute without one (in an email, say). With no live jargon buster
    page, terms are still explained but not linked."""
    from .models import GlossaryTerm, JargonBusterPage, split_other_names

    rows = GlossaryTerm.objects.filter(explain_on_pages=True).order_by("pk")
    terms = [
        Term(
            slug=slug,
            term=term,
            meaning=meaning,
            other_names=tuple(split_other_names(other_names)),
        )
        for slug, term, other_names, meaning in rows.values_list(
            "slug", "term", "other_names", "meaning"
        )
    ]
    glossary_url = None
    if terms:
        page = JargonBusterPage.objects.live().first()
        if page is not None:
            glossary_url = page.get_url(request=request) if request else page.full_url
    return build_matcher(terms, glossary_url=glossary_url)


def matcher_for_request(request) -> TermMatcher:
    """The request's matcher, loaded the first time it is needed and kept on the request."""
    matcher = getattr(request, REQUEST_MATCHER_ATTRIBUTE, None)
    if matcher is None:
        matcher = load_matcher(request=request)
        setattr(request, REQUEST_MATCHER_ATTRIBUTE, matcher)
    return matcher


def explained_for_request(request) -> set[str]:
    """The slugs of the terms already explained while rendering this request's page."""
    explained = getattr(request, REQUEST_EXPLAINED_ATTRIBUTE, None)
    if explained is None:
        explained = set()
        setattr(request, REQUEST_EXPLAINED_ATTRIBUTE, explained)
    return explained
