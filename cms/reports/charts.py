"""Charts drawn on the server as self-contained SVG, from the same rows as the table.

Why SVG on the server: no JavaScript to load or to fail, nothing for the content security
policy to refuse (no scripts, no ``style`` attributes: only SVG presentation attributes),
and the annual PDF (WeasyPrint) can draw the very same markup.

Each chart is an image with a title and a description for screen readers
(``role="img"`` and ``aria-labelledby``); the figures themselves are in the table beside
it. Every bar and point carries its value as text, and lines differ by dash pattern and
marker shape as well as by colour, so no meaning rests on colour alone.
"""

from __future__ import annotations

import math
import uuid
from decimal import Decimal, InvalidOperation

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .base import Table

# Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
COLOURS = ["#005eb8", "#007f3b", "#330072", "#8a1538", "#425563", "#ae2573"]
DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 1", "8 2"]
TEXT_COLOUR = "#212b32"
GRID_COLOUR = "#d8dde0"
FONT = 'font-family="Arial, Helvetica, sans-serif"'

WIDTH = 720
LABEL_WIDTH = 230
VALUE_ROOM = 110
BAR_HEIGHT = 20
ROW_GAP = 8
MAX_LABEL_CHARS = 34


def number(value) -> float | None:
    """The value as a number for drawing, or None when it is not one (such as
    "fewer than 5"); percentages like "83%" count as 83."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return float(value)
    text = str(value).strip().rstrip("%").replace(",", "")
    try:
        return float(Decimal(text))
    except (InvalidOperation, ValueError):
        return None


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _text(x, y, content, *, anchor="start", size=14, weight="normal", full=None) -> str:
    title = f"<title>{escape(full)}</title>" if full and full != content else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" font-weight="{weight}" '
        f'fill="{TEXT_COLOUR}" text-anchor="{anchor}">{title}{escape(content)}</text>'
    )


def _nice_max(largest: float) -> float:
    """A round number at or above ``largest``, so bar lengths compare easily."""
    if largest <= 0:
        return 1
    step = 1.0
    while step * 10 < largest:
        step *= 10
    for multiple in (1, 2, 2.5, 5, 10):
        if step * multiple >= largest:
            return step * multiple
    return step * 10


def _axis(largest: float, *, whole: bool) -> tuple[float, float]:
    """The top of a value axis and the step between its gridlines: round numbers, about
    four or five lines, and whole-number steps for counts of people."""
    if largest <= 0:
        return 1, 1
    raw = largest / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(
        m * magnitude
        for m in (1, 2, 2.5, 5, 10)
        if m * magnitude >= raw and not (whole and (m * magnitude) % 1)
    )
    return step * math.ceil(largest / step), step


def _format_tick(value: float) -> str:
    return f"{value:g}"


def _wrap(table: Table, kind: str, height: float, body: list[str]) -> SafeString:
    ident = f"chart-{table.slug}-{uuid.uuid4().hex[:8]}"
    series = table.columns[1:]
    description = (
        f"{kind} of {', '.join(series)} by {table.columns[0].lower()}. "
        "The same figures are in the table with this chart."
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="insight-chart" '
        f'width="{WIDTH}" height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="{ident}-title {ident}-desc">'
        f'<title id="{ident}-title">{escape(table.caption)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>'
        + "".join(body)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every piece of text above is escaped


def _legend(series: list[str], y: float, *, lines: bool) -> tuple[list[str], float]:
    """A key naming each series beside its swatch (and, for lines, its dash and marker)."""
    parts = []
    x = LABEL_WIDTH if not lines else 60
    for index, name in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        if lines:
            dash = DASHES[index % len(DASHES)]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<line x1="{x}" y1="{y - 5}" x2="{x + 28}" y2="{y - 5}" stroke="{colour}" '
                f'stroke-width="3"{dash_attr}/>'
            )
            parts.append(_marker(index, x + 14, y - 5, colour))
        else:
            parts.append(
                f'<rect x="{x}" y="{y - 14}" width="16" height="16" fill="{colour}" '
                f'fill-opacity="{_opacity(index)}" stroke="{colour}"/>'
            )
        parts.append(_text(x + 36, y, name))
        x += 36 + 8 * len(name) + 30
    return parts, y + 14


def _opacity(index: int) -> str:
    # Alternate solid and pale fills so neighbouring series differ by more than hue.
    return "1" if index % 2 == 0 else "0.45"


def _marker(index: int, x: float, y: float, colour: str) -> str:
    if index % 3 == 1:
        return f'<rect x="{x - 4}" y="{y - 4}" width="8" height="8" fill="{colour}"/>'
    if index % 3 == 2:
        return (
            f'<path d="M {x:.1f} {y - 5:.1f} L {x + 5:.1f} {y + 4:.1f} L {x - 5:.1f} {y + 4:.1f} Z"'
            f' fill="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def _bar_chart(table: Table) -> SafeString:
    series = table.columns[1:]
    several = len(series) > 1
    values = [number(cell) for row in table.rows for cell in row[1:]]
    largest = _nice_max(max([v for v in values if v is not None] + [0]))
    bar_room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    body: list[str] = []
    y = 10.0
    if several:
        legend, y = _legend(series, y + 14, lines=False)
        body += legend
        y += 6
    for row in table.rows:
        label = str(row[0])
        if several:
            body.append(_text(0, y + 15, _short(label), weight="bold", full=label))
            y += BAR_HEIGHT + 4
        for index, cell in enumerate(row[1:]):
            colour = COLOURS[index % len(COLOURS)]
            value = number(cell)
            line_label = series[index] if several else label
            body.append(
                _text(LABEL_WIDTH - 10, y + 15, _short(line_label), anchor="end", full=line_label)
            )
            width = 0 if value is None else max(bar_room * value / largest, 0)
            if width:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{width:.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{colour}" fill-opacity="{_opacity(index)}" '
                    f'stroke="{colour}"/>'
                )
            body.append(_text(LABEL_WIDTH + width + 6, y + 15, str(cell)))
            y += BAR_HEIGHT + ROW_GAP
        if several:
            y += 6
    body.insert(
        0,
        f'<line x1="{LABEL_WIDTH}" y1="4" x2="{LABEL_WIDTH}" y2="{y:.1f}" '
        f'stroke="{TEXT_COLOUR}" stroke-width="1"/>',
    )
    return _wrap(table, "Bar chart", y + 6, body)


def _line_chart(table: Table) -> SafeString:
    series = table.columns[1:]
    rows = table.rows
    left, right, top = 60.0, 45.0, 20.0
    plot_height = 240.0
    plot_width = WIDTH - left - right
    values = [v for v in (number(cell) for row in rows for cell in row[1:]) if v is not None]
    largest, step_size = _axis(max(values + [0]), whole=all(v == int(v) for v in values))
    bottom = top + plot_height
    body: list[str] = []
    ticks = round(largest / step_size)
    for step in range(ticks + 1):
        value = step_size * step
        y = bottom - plot_height * step / ticks
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{GRID_COLOUR}" stroke-width="1"/>'
        )
        body.append(_text(left - 8, y + 5, _format_tick(value), anchor="end", size=13))
    body.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{TEXT_COLOUR}"/>'
        f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - right}" y2="{bottom}" '
        f'stroke="{TEXT_COLOUR}"/>'
    )
    count = len(rows)
    gap = plot_width / max(count - 1, 1)
    # Label every period when there is room, otherwise every second or third one.
    every = max(1, -(-count * 70 // int(plot_width)))
    for position, row in enumerate(rows):
        x = left + gap * position if count > 1 else left + plot_width / 2
        if position % every == 0:
            body.append(_text(x, bottom + 20, str(row[0]), anchor="middle", size=13))
    for index, name in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = []
        markers = []
        for position, row in enumerate(rows):
            value = number(row[index + 1])
            if value is None:
                continue
            x = left + gap * position if count > 1 else left + plot_width / 2
            y = bottom - plot_height * value / largest
            points.append(f"{x:.1f},{y:.1f}")
            markers.append(
                f"<g><title>{escape(f'{row[0]}: {name} {row[index + 1]}')}</title>"
                + _marker(index, x, y, colour)
                + "</g>"
            )
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(points) > 1:
            body.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                f'stroke-width="3"{dash_attr}/>'
            )
        body += markers
    legend, end = _legend(series, bottom + 52, lines=True)
    body += legend
    return _wrap(table, "Line chart", end + 8, body)


def chart_svg(table: Table) -> SafeString:
    """The table drawn as its ``chart`` says ("bar" or "line"), or "" when it has none."""
    if not table.chart or not table.rows or len(table.columns) < 2:
        return mark_safe("")
    if table.chart == "line":
        return _line_chart(table)
    if table.chart == "bar":
        return _bar_chart(table)
    raise ValueError(f"No chart called {table.chart!r}")
