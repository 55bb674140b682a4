"""{% explain_terms %}: terms loaded once per request and explained once per page."""

from django.template import Context, Template
from django.test import RequestFactory
from wagtail.rich_text import RichText

from cms.glossary.explain import load_matcher, matcher_for_request
from cms.glossary.factories import GlossaryTermFactory

TEMPLATE = Template("{% load glossary_tags %}{% explain_terms first %}|{% explain_terms second %}")


def render(context):
    return TEMPLATE.render(Context(context))


def test_terms_are_loaded_with_one_query_and_kept_on_the_request(
    co_production, dbs_check, jargon_buster, django_assert_num_queries
):
    request = RequestFactory().get("/")
    jargon_buster.get_url(request)  # Wagtail keeps the site's details on the request

    with django_assert_num_queries(2):  # the terms, then the jargon buster page
        matcher = matcher_for_request(request)
    with django_assert_num_queries(0):
        assert matcher_for_request(request) is matcher
    assert matcher.glossary_url == "/jargon-buster/"


def test_without_terms_the_page_is_not_looked_up(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        matcher = load_matcher()

    assert matcher.pattern is None


def test_fields_rendered_for_one_request_explain_a_term_once(co_production, jargon_buster):
    request = RequestFactory().get("/")
    html = render(
        {
            "request": request,
            "first": RichText("<p>We do co-production.</p>"),
            "second": "<p>More co-production.</p>",
        }
    )

    first, second = html.split("|")
    assert '<a href="/jargon-buster/#term-co-production">co-production</a>' in first
    assert second == "<p>More co-production.</p>"


def test_without_a_request_each_call_explains_afresh_with_absolute_links(
    co_production, jargon_buster
):
    html = render({"first": "<p>Co-production.</p>", "second": "<p>Co-production.</p>"})

    first, second = html.split("|")
    assert 'href="http://localhost/jargon-buster/#term-co-production"' in first
    assert "involve-term__meaning" in second


def test_without_a_jargon_buster_page_terms_are_explained_without_links(co_production):
    html = render({"request": RequestFactory().get("/"), "first": "<p>Co-production.</p>"})

    assert '<dfn class="involve-term" id="explained-co-production">Co-production</dfn>' in html
    assert "(meaning: Working together as equals from the start)" in html


def test_nothing_is_explained_on_the_jargon_buster_page_itself(co_production, jargon_buster):
    html = render(
        {
            "request": RequestFactory().get("/"),
            "page": jargon_buster,
            "first": "<p>Co-production.</p>",
        }
    )

    assert html == "<p>Co-production.</p>|"


def test_terms_editors_chose_not_to_explain_are_left_alone(jargon_buster):
    GlossaryTermFactory(term="Minutes", meaning="A record of a meeting.", explain_on_pages=False)

    html = render({"request": RequestFactory().get("/"), "first": "<p>It takes 5 minutes.</p>"})

    assert html == "<p>It takes 5 minutes.</p>|"


def test_links_stored_in_the_database_are_expanded(co_production, jargon_buster):
    source = f'<p>See <a linktype="page" id="{jargon_buster.pk}">the list</a> on co-production.</p>'

    html = render({"request": RequestFactory().get("/"), "first": source})

    assert '<a href="/jargon-buster/">the list</a>' in html
    assert 'id="explained-co-production"' in html


def test_empty_values_render_nothing(db):
    assert render({"first": None, "second": RichText("")}) == "|"
