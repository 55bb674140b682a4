from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import RichText, expand_db_html

from cms.glossary import explain

register = template.Library()


def render_rich_text(value) -> str:
    """The front-end HTML of a rich text value: a ``RichText`` (from a block) or the
    database HTML of a ``RichTextField``."""
    if isinstance(value, RichText):
        return expand_db_html(value.source)
    return expand_db_html(value or "")


@register.simple_tag(takes_context=True)
def explain_terms(context, value):
    """Render rich text, explaining each jargon-buster term the first time it appears on
    the page (see ``cms.glossary.explain``).

    Usage: ``{% load glossary_tags %}{% explain_terms page.some_rich_text_field %}``.
    Every field and block rendered for one request shares the record of what has been
    explained; without a request each call starts afresh. Nothing is explained on the
    jargon buster page itself.
    """
    from cms.glossary.models import JargonBusterPage

    html = render_rich_text(value)
    if not html or isinstance(context.get("page"), JargonBusterPage):
        # The HTML is the editor's rich text, cleaned by Wagtail's editor and expanded by
        # Wagtail: the same thing the |richtext filter marks safe.
        return mark_safe(html)  # noqa: S308
    request = context.get("request")
    if request is not None:
        matcher = explain.matcher_for_request(request)
        explained = explain.explained_for_request(request)
    else:
        matcher = explain.load_matcher()
        explained = set()
    # explain_html only adds elements built with BeautifulSoup, which escapes their text
    # and attributes when it serialises the tree; the rest is the editor's rich text.
    return mark_safe(explain.explain_html(html, matcher=matcher, explained=explained))  # noqa: S308
