"""An issue as plain text: for the text part of the email and for anyone who finds a plain page
easier to read or to listen to.

No decoration that a screen reader would read out (no rows of dashes or capitals): each item
starts with what kind of item it is and its heading, blank lines separate paragraphs, and every
link is written out in full.
"""

import textwrap
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag
from django.utils.dateformat import format as format_date
from wagtail.rich_text import RichText, expand_db_html

from .blocks import item_heading

WIDTH = 72
DATE_FORMAT = "l j F Y"


def wrap(text: str, *, indent: str = "", first: str = "") -> str:
    """Wrap a paragraph for email, never breaking a word or a web address."""
    return textwrap.fill(
        " ".join(text.split()),
        width=WIDTH,
        initial_indent=first or indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _inline_text(element, *, base_url: str) -> str:
    parts = []
    for node in element.children:
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name == "a" and node.get("href"):
            label = node.get_text(" ", strip=True)
            href = urljoin(base_url, node["href"])
            parts.append(label if label == href else f"{label} ({href})")
        elif isinstance(node, Tag) and node.name == "br":
            parts.append(" ")
        elif isinstance(node, Tag):
            parts.append(_inline_text(node, base_url=base_url))
    return "".join(parts)


def rich_text_to_text(value, *, base_url: str) -> str:
    """Wagtail rich text (a ``RichText`` or the database HTML) as wrapped paragraphs."""
    source = value.source if isinstance(value, RichText) else (value or "")
    soup = BeautifulSoup(expand_db_html(source), "html.parser")
    paragraphs = []
    for element in soup.children:
        if isinstance(element, NavigableString):
            if element.strip():
                paragraphs.append(wrap(str(element)))
        elif element.name in ("ul", "ol"):
            lines = []
            for number, item in enumerate(element.find_all("li", recursive=False), start=1):
                marker = f"{number}. " if element.name == "ol" else "- "
                text = _inline_text(item, base_url=base_url)
                lines.append(wrap(text, first=marker, indent=" " * len(marker)))
            paragraphs.append("\n".join(lines))
        else:
            text = _inline_text(element, base_url=base_url)
            if text.strip():
                paragraphs.append(wrap(text))
    return "\n\n".join(paragraphs)


def _item_paragraphs(child, *, base_url: str, request=None) -> list[str]:
    """The paragraphs of one item, after its heading."""
    value = child.value
    kind = child.block_type
    paragraphs: list[str] = []
    if kind == "news":
        paragraphs.append(rich_text_to_text(value["body"], base_url=base_url))
    elif kind == "opportunity_spotlight":
        opportunity = value["opportunity"].specific
        paragraphs.append(wrap(opportunity.summary))
        if value.get("editors_note"):
            paragraphs.append(wrap(value["editors_note"]))
        if opportunity.is_open:
            paragraphs.append(
                wrap(
                    "You can say you are interested until the end of "
                    f"{format_date(opportunity.closing_date, DATE_FORMAT)}."
                )
            )
        else:
            paragraphs.append("This opportunity has now closed.")
        paragraphs.append(f"Find out more: {opportunity.get_full_url(request)}")
    elif kind == "training_reminder":
        module = value["module"].specific
        paragraphs.append(wrap(module.summary))
        paragraphs.append(f"Time it takes: {module.duration}")
        if value.get("note"):
            paragraphs.append(wrap(value["note"]))
        paragraphs.append(f"Find out more: {module.get_full_url(request)}")
    elif kind == "event":
        when = format_date(value["date"], DATE_FORMAT)
        if value.get("time"):
            when = f"{when}, {value['time']}"
        paragraphs.append(wrap(f"When: {when}"))
        paragraphs.append(wrap(f"Where: {value['location']}"))
        if value.get("details"):
            paragraphs.append(rich_text_to_text(value["details"], base_url=base_url))
    elif kind == "quote":
        paragraphs.append(wrap(f"“{value['quote']}”"))
        if value.get("attribution"):
            paragraphs.append(wrap(value["attribution"]))
    return [paragraph for paragraph in paragraphs if paragraph]


def bulletin_as_text(page, *, request=None, organisation_name: str = "") -> str:
    """The whole issue ``page`` (a ``BulletinPage``) as plain text.

    Links are full addresses on the site's own domain (its Wagtail ``Site``), so the same text
    works in an email.
    """
    page_url = page.get_full_url(request)
    base_url = urljoin(page_url, "/")
    intro = f"{organisation_name} e-bulletin" if organisation_name else "E-bulletin"
    sections = [
        f"{page.title}\n{intro}, {format_date(page.issue_date, 'j F Y')}\n\n"
        f"{wrap(page.summary)}\n\nRead this issue on the website: {page_url}"
    ]
    items = page.visible_items()
    headed = [(child, item_heading(child)) for child in items]
    contents = [heading for _child, heading in headed if heading]
    if len(contents) > 1:
        sections.append(
            "In this issue:\n"
            + "\n".join(wrap(heading, first="- ", indent="  ") for heading in contents)
        )
    for child, heading in headed:
        paragraphs = _item_paragraphs(child, base_url=base_url, request=request)
        if heading:
            paragraphs.insert(0, wrap(heading))
        sections.append("\n\n".join(paragraphs))
    sections.append("End of this issue.")
    return "\n\n\n".join(section for section in sections if section) + "\n"
