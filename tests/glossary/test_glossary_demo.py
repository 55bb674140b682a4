"""The jargon buster's demo content."""

from cms.glossary import demo
from cms.glossary.models import GlossaryTerm, JargonBusterPage


def snapshot():
    terms = list(
        GlossaryTerm.objects.order_by("slug").values_list(
            "pk", "slug", "term", "other_names", "meaning", "easy_read_meaning", "explain_on_pages"
        )
    )
    related = list(
        GlossaryTerm.related_terms.through.objects.order_by("pk").values_list(
            "from_glossaryterm", "to_glossaryterm"
        )
    )
    pages = list(
        JargonBusterPage.objects.values_list("pk", "title", "latest_revision", "last_published_at")
    )
    return terms, related, pages


def test_the_demo_builds_the_page_and_plenty_of_terms(home_page):
    page = demo.load_demo(home_page=home_page)

    assert page.slug == "jargon-buster"
    assert page.title == "Jargon buster"
    assert page.show_in_menus
    assert page.live
    assert page.get_parent().pk == home_page.pk
    assert GlossaryTerm.objects.count() >= 30
    assert GlossaryTerm.objects.exclude(easy_read_meaning="").count() >= 5
    for slug in ["co-production", "dbs-check", "safeguarding", "replacement-care", "cqc", "icb"]:
        assert GlossaryTerm.objects.filter(slug=slug).exists(), slug
    assert GlossaryTerm.objects.get(slug="tender").related_terms.filter(slug="tender-panel")
    assert not GlossaryTerm.objects.get(slug="minutes").explain_on_pages


def test_every_demo_term_is_valid(home_page):
    demo.load_demo(home_page=home_page)

    for term in GlossaryTerm.objects.all():
        term.full_clean()


def test_a_second_run_changes_nothing(home_page):
    first_page = demo.load_demo(home_page=home_page)
    before = snapshot()

    second_page = demo.load_demo(home_page=home_page)

    assert second_page.pk == first_page.pk
    assert snapshot() == before


def test_a_second_run_keeps_editors_changes(home_page):
    demo.load_demo(home_page=home_page)
    tender = GlossaryTerm.objects.get(slug="tender")
    tender.meaning = "Edited by an editor."
    tender.save()
    tender.related_terms.clear()

    demo.load_demo(home_page=home_page)

    tender.refresh_from_db()
    assert tender.meaning == "Edited by an editor."
    assert not tender.related_terms.exists()
