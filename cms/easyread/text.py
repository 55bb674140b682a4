"""The words of a page, as plain text, for the writing help and the reading-age report.

Each field, paragraph, heading and list item ends with a line break, so each counts as a
sentence of its own (see ``readability``).
"""

from __future__ import annotations

import html
import re

from django.db import models
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField

# Fields that are not the page's prose: the Easy Read version is judged on its own, and the
# knowledge check's questions are tests, not reading.
SKIPPED_FIELDS = frozenset({"easy_read", "knowledge_check"})
BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|h[1-6]|blockquote|div|dt|dd|td|th)>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Rich text as plain text, with a line break after each paragraph, heading and item."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", value or "")))


def _looks_like_prose(value: str) -> bool:
    # Choices, ids and addresses in blocks are single words or links, never prose.
    value = value.strip()
    return " " in value and not value.startswith(("http://", "https://", "/", "mailto:"))


def _stream_strings(value) -> list[str]:
    if isinstance(value, str):
        return [html_to_text(value)] if _looks_like_prose(value) else []
    if isinstance(value, dict):
        if "type" in value and "value" in value:
            return _stream_strings(value["value"])
        return [text for item in value.values() for text in _stream_strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _stream_strings(item)]
    return []


def page_text(page) -> str:
    """The title and prose fields of ``page`` (its specific type), one field a paragraph."""
    parts = [page.title]
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in SKIPPED_FIELDS:
            continue
        if field.model._meta.app_label == "wagtailcore":
            # Wagtail's own fields (slug, search description...) are not the page's prose.
            continue
        if isinstance(field, StreamField):
            stream = getattr(page, field.name)
            parts.extend(_stream_strings(list(stream.raw_data)))
        elif isinstance(field, RichTextField):
            parts.append(html_to_text(getattr(page, field.name)))
        elif isinstance(field, models.TextField):
            parts.append(getattr(page, field.name) or "")
    return "\n".join(part.strip() for part in parts if part and part.strip())
