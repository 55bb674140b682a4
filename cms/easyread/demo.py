"""Easy Read versions for demo pages: each app's ``demo.py`` calls ``add_easy_read``."""

from __future__ import annotations

from .pictures import easy_read_picture


def easy_read_stream(items: list[tuple]) -> list[tuple]:
    """StreamField data from ``("heading", text)`` and ``("point", text, picture kind)``."""
    stream = []
    for item in items:
        if item[0] == "heading":
            stream.append(("heading", item[1]))
        else:
            _, text, kind = item
            stream.append(
                ("point", {"text": text, "image": easy_read_picture(kind), "alt_text": ""})
            )
    return stream


def add_easy_read(page, items: list[tuple]) -> None:
    """Give ``page`` an Easy Read version and publish it, unless it already has one (so
    loading the demo again changes nothing)."""
    if page is None or page.easy_read:
        return
    page.easy_read = easy_read_stream(items)
    page.save_revision().publish()
