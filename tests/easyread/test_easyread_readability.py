"""The reading age against sample texts worked out by hand, longest sentences, jargon and the
words of a page."""

import pytest
from wagtail.rich_text import RichText

from cms.easyread import readability
from cms.easyread.text import page_text
from cms.glossary.factories import GlossaryTermFactory


def test_a_simple_sentence_has_the_youngest_reading_age():
    """ "The cat sat on the mat.": 6 words, 1 sentence, 6 syllables.

    grade = 0.39 × 6/1 + 11.8 × 6/6 − 15.59 = 2.34 + 11.8 − 15.59 = −1.45, below 0,
    so the reading age is the floor of 5.
    """
    text = "The cat sat on the mat."
    assert readability.grade_level(text) == pytest.approx(-1.45)
    assert readability.reading_age(text) == 5


def test_plain_english_has_a_reading_age_of_ten():
    """Two sentences, 22 words, 31 syllables as the counter counts them (about 2, local 2,
    experience 3, services 2, answers 2, improve 2, people 2, receive 2, the rest 1 each).

    grade = 0.39 × 22/2 + 11.8 × 31/22 − 15.59 = 4.29 + 16.627 − 15.59 = 5.327,
    rounded to 5, plus 5 = 10.
    """
    text = (
        "Please tell us about your experience of local health services. "
        "We will use your answers to improve the care that people receive."
    )
    assert readability.grade_level(text) == pytest.approx(5.327, abs=0.001)
    assert readability.reading_age(text) == 10


def test_a_dense_policy_sentence_has_a_very_high_reading_age():
    """9 words, 1 sentence, 32 syllables: The 1, organisation's 5, strategic 3,
    commissioning 4, framework 3, necessitates 4, comprehensive 4, stakeholder 4,
    consultation 4.

    grade = 0.39 × 9 + 11.8 × 32/9 − 15.59 = 3.51 + 41.956 − 15.59 = 29.876, rounded to 30,
    plus 5 = 35.
    """
    text = (
        "The organisation's strategic commissioning framework necessitates comprehensive "
        "stakeholder consultation."
    )
    assert readability.reading_age(text) == 35


def test_text_without_words_has_no_reading_age():
    assert readability.reading_age("") == 0
    assert readability.reading_age(" ... \n !") == 0


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("table", 2),
        ("policy", 3),
        ("organisation", 5),
        ("making", 2),
        ("2026", 1),
        ("—", 0),
    ],
)
def test_syllables_are_counted_by_rule(word, syllables):
    assert readability.count_syllables(word) == syllables


def test_line_breaks_end_sentences_so_headings_count_on_their_own():
    assert readability.sentences_in("What you will do\nYou read. You score!") == [
        "What you will do",
        "You read.",
        "You score!",
    ]


def test_longest_sentences_are_longest_first_earlier_first_on_a_tie():
    text = "One two. One two three four. One two three. Five six seven eight."
    longest = readability.longest_sentences(text, n=2)
    assert [(s.text, s.words) for s in longest] == [
        ("One two three four.", 4),
        ("Five six seven eight.", 4),
    ]


@pytest.mark.django_db
def test_jargon_terms_are_found_once_each_in_order_with_other_names_and_plurals():
    GlossaryTermFactory(term="Commissioning", other_names="commission")
    GlossaryTermFactory(term="Care plan", explain_on_pages=False)
    GlossaryTermFactory(term="Tender")
    text = "Our care plans change. The commission wrote the tender. More commissioning."
    found = readability.jargon_terms_in(text)
    # Terms not explained on pages are still jargon to the writer.
    assert [term.term for term in found] == ["Care plan", "Commissioning", "Tender"]


@pytest.mark.django_db
def test_jargon_is_matched_as_whole_words_only():
    GlossaryTermFactory(term="Care")
    assert readability.jargon_terms_in("A careful, self-care approach.") == []


@pytest.mark.django_db
def test_page_text_has_the_title_and_prose_but_not_the_easy_read_version(make_opportunity):
    page = make_opportunity(
        title="Help choose a provider",
        summary="Score the bids.",
        body=[("text", RichText("<p>First paragraph.</p><ul><li>An item</li></ul>"))],
    )
    page.easy_read = [("heading", "Easy Read heading words")]
    text = page_text(page)
    assert text.startswith("Help choose a provider\n")
    assert "Score the bids." in text
    assert "First paragraph.\nAn item" in text
    assert "Easy Read heading" not in text
    assert page.slug not in text.split("\n")
