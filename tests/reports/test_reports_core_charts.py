"""Server-drawn SVG charts: accessible, self-contained, and showing the table's own figures."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from cms.reports.base import SUPPRESSED, Table, suppress_small
from cms.reports.charts import chart_svg, number

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own markup, not untrusted input


def texts(root) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def assert_accessible_and_csp_safe(svg):
    markup = str(svg)
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert "style=" not in markup
    assert "<script" not in markup
    assert " on" not in markup.replace(" one", "")  # no event handlers


def test_a_bar_chart_labels_every_bar_with_its_name_and_value():
    table = Table(
        slug="by-state",
        caption="People by state",
        columns=["State", "People"],
        rows=[["Active member", 12], ["On hold", 3], ["Mental <health>", SUPPRESSED]],
    )
    svg = chart_svg(table)
    assert_accessible_and_csp_safe(svg)
    root = parse(svg)
    assert root.find(f"{SVG}title").text == "People by state"
    labels = texts(root)
    for expected in ["Active member", "12", "On hold", "3", "Mental <health>", SUPPRESSED]:
        assert any(expected in label for label in labels), expected
    assert "&lt;health&gt;" in str(svg)  # escaped, never markup
    assert len(root.findall(f"{SVG}rect")) == 1 + 2  # background, then a bar per number


def test_a_bar_chart_with_two_series_has_a_key_and_names_each_bar():
    table = Table(
        slug="two",
        caption="Joined and left",
        columns=["Month", "Joined", "Left"],
        rows=[["Jan 2026", 2, 1], ["Feb 2026", 0, 4]],
    )
    root = parse(chart_svg(table))
    labels = texts(root)
    assert labels.count("Joined") == 1 + 2  # key, then beside each month's bar
    assert labels.count("Left") == 1 + 2


def test_a_line_chart_has_a_point_per_period_and_a_key_beyond_colour():
    table = Table(
        slug="monthly",
        caption="Joiners and leavers",
        columns=["Month", "Joined", "Left"],
        rows=[["Jan 2026", 2, 1], ["Feb 2026", 5, 0], ["Mar 2026", 1, 3]],
        chart="line",
    )
    svg = chart_svg(table)
    assert_accessible_and_csp_safe(svg)
    root = parse(svg)
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 2
    # The two lines differ by dash pattern too, not by colour alone.
    assert lines[0].get("stroke-dasharray") != lines[1].get("stroke-dasharray")
    point_titles = [g.find(f"{SVG}title").text for g in root.findall(f"{SVG}g")]
    assert "Feb 2026: Joined 5" in point_titles
    assert len(point_titles) == 6
    assert {"Jan 2026", "Feb 2026", "Mar 2026", "Joined", "Left"} <= set(texts(root))


def test_no_chart_and_empty_tables_draw_nothing():
    assert (
        chart_svg(Table(slug="t", caption="c", columns=["A", "B"], rows=[["x", 1]], chart=None))
        == ""
    )
    assert chart_svg(Table(slug="t", caption="c", columns=["A", "B"], rows=[])) == ""


def test_all_zero_figures_still_draw():
    table = Table(slug="t", caption="c", columns=["A", "B"], rows=[["x", 0], ["y", 0]])
    assert "0" in texts(parse(chart_svg(table)))
    line = Table(slug="t", caption="c", columns=["A", "B"], rows=[["x", 0]], chart="line")
    assert_accessible_and_csp_safe(chart_svg(line))


def test_numbers_are_read_from_figures_as_shown():
    assert number(3) == 3
    assert number(Decimal("2.5")) == 2.5
    assert number("83%") == 83
    assert number(SUPPRESSED) is None
    assert number("–") is None
    assert number(True) is None


def test_small_numbers_are_suppressed_but_zero_and_five_are_shown():
    assert suppress_small(0) == 0
    assert [suppress_small(n) for n in range(1, 5)] == [SUPPRESSED] * 4
    assert suppress_small(5) == 5
