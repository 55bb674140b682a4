"""What every report is made of, so views, CSV, charts and the annual PDF treat them alike.

A report is a plain class registered with ``@register``. Given a :class:`ReportFilter`
(a date range and, optionally, a service area) its ``build`` returns a
:class:`ReportResult`: a few headline figures and one or more tables. Each table can be
drawn as a chart, shown as an HTML table beside it and downloaded as CSV, all from the
same rows, so the three can never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

# Numbers smaller than this about people's protected characteristics are never shown.
SMALL_NUMBER_THRESHOLD = 5
SUPPRESSED = "fewer than 5"


@dataclass(frozen=True)
class ReportFilter:
    """The period a report covers (both ends included) and an optional service area."""

    start: dt.date
    end: dt.date
    service_area: object | None = None  # a cms.taxonomy ServiceArea, or None for all

    @property
    def service_area_id(self):
        return getattr(self.service_area, "pk", None)


@dataclass
class Headline:
    label: str
    value: object  # an int, a Decimal, a str such as "83%", or SUPPRESSED
    hint: str = ""


@dataclass
class Table:
    """Rows of figures. ``chart`` says how to draw them: "bar" (first column is the
    label, the others are series), "line" (first column is a period), or None."""

    slug: str  # unique within the report; used for the CSV address
    caption: str
    columns: list[str]
    rows: list[list[object]]
    chart: str | None = "bar"
    note: str = ""  # for example, why some cells say "fewer than 5"


@dataclass
class ReportResult:
    headlines: list[Headline] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def table(self, slug: str) -> Table:
        for candidate in self.tables:
            if candidate.slug == slug:
                return candidate
        raise KeyError(slug)


class Report:
    slug: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]  # one sentence: the question this report answers
    order: ClassVar[int] = 100

    def build(self, report_filter: ReportFilter) -> ReportResult:
        raise NotImplementedError


REGISTRY: dict[str, type[Report]] = {}


def register(report_class: type[Report]) -> type[Report]:
    if report_class.slug in REGISTRY:
        raise ValueError(f"Two reports are called {report_class.slug!r}")
    REGISTRY[report_class.slug] = report_class
    return report_class


def all_reports() -> list[Report]:
    return [cls() for cls in sorted(REGISTRY.values(), key=lambda cls: (cls.order, cls.title))]


def get_report(slug: str) -> Report:
    return REGISTRY[slug]()


def suppress_small(count: int) -> object:
    """A count about protected characteristics, or SUPPRESSED when it could identify someone."""
    return SUPPRESSED if 0 < count < SMALL_NUMBER_THRESHOLD else count
