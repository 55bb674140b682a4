"""The explanation of jargon-buster terms in rich text: plain functions, no database."""

from cms.glossary.explain import Term, build_matcher, explain_html, meaning_text

CO_PRODUCTION = Term(
    slug="co-production",
    term="Co-production",
    meaning="Working together as equals from the start.",
    other_names=("coproduction",),
)
CARE_PLAN = Term(slug="care-plan", term="Care plan", meaning="A written plan of your care.")
CARE = Term(slug="care", term="Care", meaning="Help with daily life.")
DBS = Term(
    slug="dbs-check",
    term="DBS check",
    meaning="A check of someone's criminal record.",
    other_names=("DBS", "Disclosure and Barring Service check"),
)
CARERS_ASSESSMENT = Term(
    slug="carers-assessment", term="Carer's assessment", meaning="A talk about caring."
)
CARER = Term(slug="carer", term="Carer", meaning="Someone who looks after someone.")
ALL_TERMS = [CO_PRODUCTION, CARE_PLAN, CARE, DBS, CARERS_ASSESSMENT, CARER]
URL = "/jargon-buster/"


def explain(html, terms=ALL_TERMS, explained=None, glossary_url=URL):
    matcher = build_matcher(terms, glossary_url=glossary_url)
    return explain_html(html, matcher=matcher, explained=set() if explained is None else explained)


def test_the_first_occurrence_is_wrapped_with_its_meaning_and_a_link():
    html = explain("<p>We believe in co-production.</p>")

    assert html == (
        '<p>We believe in <dfn class="involve-term" id="explained-co-production">'
        '<a href="/jargon-buster/#term-co-production">co-production</a></dfn> '
        '<span class="involve-term__meaning">(meaning: Working together as equals from the '
        "start)</span>.</p>"
    )


def test_only_the_first_occurrence_is_explained():
    html = explain("<p>Co-production is good.</p><p>We do co-production and coproduction.</p>")

    assert html.count("involve-term__meaning") == 1
    assert html.count('id="explained-co-production"') == 1
    assert "We do co-production and coproduction." in html


def test_matching_ignores_case_and_keeps_the_original_text():
    html = explain("<p>Ask about a CARE PLAN.</p>")

    assert '<a href="/jargon-buster/#term-care-plan">CARE PLAN</a>' in html


def test_other_names_are_explained_as_their_term():
    html = explain("<p>You may need a DBS first.</p>")

    assert 'id="explained-dbs-check"' in html
    assert ">DBS</a></dfn>" in html
    assert "(meaning: A check of someone's criminal record)" in html


def test_the_longest_name_wins():
    html = explain("<p>Your care plan and your care.</p>")

    assert ">care plan</a>" in html
    assert 'id="explained-care-plan"' in html
    # "care" on its own is a different term, explained where it appears alone.
    assert '<a href="/jargon-buster/#term-care">care</a>' in html


def test_the_longest_name_wins_over_a_term_with_an_apostrophe():
    html = explain("<p>Ask for a carer’s assessment.</p>")

    assert 'id="explained-carers-assessment"' in html
    assert ">carer’s assessment</a>" in html
    assert 'id="explained-carer"' not in html


def test_whole_words_only():
    html = explain("<p>Be careful. Self-care matters. The care's cost. Cares.</p>", terms=[CARE])

    assert 'id="explained-care"' in html
    assert '<a href="/jargon-buster/#term-care">Cares</a>' in html
    assert "Be careful. Self-care matters. The care's cost." in html


def test_a_plural_is_explained_as_its_term():
    html = explain("<p>We pay carers.</p>")

    assert '<a href="/jargon-buster/#term-carer">carers</a>' in html


def test_a_closing_quote_stays_with_the_term():
    html = explain("<p>We call it ‘co-production’ here.</p>")

    assert "co-production</a></dfn>’ <span" in html


def test_text_in_links_headings_and_code_is_left_alone():
    source = (
        "<h2>Co-production</h2>"
        '<p><a href="/about/">co-production</a> <code>co-production</code></p>'
        "<p><dfn>co-production</dfn></p>"
        "<p>Then co-production.</p>"
    )

    html = explain(source)

    assert html.startswith(
        "<h2>Co-production</h2>"
        '<p><a href="/about/">co-production</a> <code>co-production</code></p>'
        "<p><dfn>co-production</dfn></p>"
    )
    assert "<p>Then <dfn" in html
    assert html.count("involve-term__meaning") == 1


def test_nested_inline_elements_are_searched():
    html = explain("<ul><li>Bring your <strong>DBS check</strong> number.</li></ul>")

    assert '<strong><dfn class="involve-term" id="explained-dbs-check">' in html


def test_text_and_meanings_are_escaped():
    nasty = Term(
        slug="quorum",
        term="Quorum",
        meaning='Enough people <script>alert("x")</script> & "more".',
    )

    html = explain("<p>Is it quorum? 1 &lt; 2 &amp; <b>&lt;script&gt;</b></p>", terms=[nasty])

    assert "<script>" not in html
    assert '(meaning: Enough people &lt;script&gt;alert("x")&lt;/script&gt; &amp; "more")' in html
    assert "1 &lt; 2 &amp; <b>&lt;script&gt;</b>" in html


def test_a_term_already_explained_on_the_page_is_not_explained_again():
    explained = set()

    first = explain("<p>A DBS check.</p>", explained=explained)
    second = explain("<p>Another DBS check.</p>", explained=explained)

    assert "involve-term__meaning" in first
    assert second == "<p>Another DBS check.</p>"
    assert explained == {"dbs-check"}


def test_without_a_jargon_buster_page_terms_are_explained_without_a_link():
    html = explain("<p>Co-production.</p>", glossary_url=None)

    assert '<dfn class="involve-term" id="explained-co-production">Co-production</dfn>' in html
    assert "<a" not in html


def test_html_with_nothing_to_explain_is_returned_as_it_was():
    source = "<p>Nothing   to <br>explain here &amp; now.</p>"

    assert explain(source) == source
    assert explain(source, terms=[]) == source


def test_meaning_text_drops_the_last_full_stop_and_extra_space():
    assert (
        meaning_text("Working  together.\nAs equals.") == "(meaning: Working together. As equals)"
    )
