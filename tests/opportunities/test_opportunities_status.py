"""Status follows from the dates: open, under way, completed, closed. Fixed clocks only."""

import datetime as dt
import zoneinfo

import pytest

from cms.opportunities.models import OpportunityPage
from cms.opportunities.selectors import opportunities_for_listing
from cms.opportunities.status import Status, derive_status

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(year, month, day, hour=12, minute=0) -> dt.datetime:
    """An aware moment in the site's time zone."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


CLOSING = dt.date(2030, 3, 1)
FIRST_START = at(2030, 3, 10, 10)
FIRST_END = at(2030, 3, 10, 12)
LAST_START = at(2030, 3, 20, 10)
LAST_END = at(2030, 3, 20, 12)

# (now, expected status) around the closing date and the sessions above.
CASES = [
    pytest.param(at(2030, 2, 1, 9), Status.OPEN, id="weeks-before-closing"),
    pytest.param(at(2030, 3, 1, 23, 59), Status.OPEN, id="last-minute-of-closing-day"),
    pytest.param(at(2030, 3, 2, 0, 0), Status.CLOSED, id="day-after-closing"),
    pytest.param(at(2030, 3, 10, 9, 59), Status.CLOSED, id="just-before-first-session"),
    pytest.param(at(2030, 3, 10, 10, 0), Status.UNDER_WAY, id="first-session-starts"),
    pytest.param(at(2030, 3, 15, 12), Status.UNDER_WAY, id="between-sessions"),
    pytest.param(at(2030, 3, 20, 11, 59), Status.UNDER_WAY, id="last-session-running"),
    pytest.param(at(2030, 3, 20, 12, 0), Status.COMPLETED, id="last-session-ends"),
    pytest.param(at(2031, 1, 1), Status.COMPLETED, id="long-after"),
]


@pytest.mark.parametrize(("now", "expected"), CASES)
def test_derive_status(now, expected):
    status = derive_status(
        closing_date=CLOSING,
        first_session_starts_at=FIRST_START,
        last_session_ends_at=LAST_END,
        now=now,
    )
    assert status == expected


def test_without_sessions_it_is_open_then_closed():
    def status(now):
        return derive_status(
            closing_date=CLOSING,
            first_session_starts_at=None,
            last_session_ends_at=None,
            now=now,
        )

    assert status(at(2030, 3, 1, 18)) == Status.OPEN
    assert status(at(2030, 3, 2, 9)) == Status.CLOSED
    assert status(at(2035, 1, 1)) == Status.CLOSED


def test_open_wins_while_sessions_have_already_begun():
    """A forum can keep recruiting after its first meeting."""
    status = derive_status(
        closing_date=CLOSING,
        first_session_starts_at=at(2030, 2, 1, 10),
        last_session_ends_at=LAST_END,
        now=at(2030, 2, 15),
    )
    assert status == Status.OPEN


@pytest.fixture
def dated_opportunity(make_opportunity):
    return make_opportunity(
        closing_date=CLOSING,
        sessions=[(FIRST_START, FIRST_END, False), (LAST_START, LAST_END, True)],
    )


@pytest.mark.parametrize(("now", "expected"), CASES)
def test_page_status_from_its_sessions(dated_opportunity, now, expected):
    page = OpportunityPage.objects.get(pk=dated_opportunity.pk)
    assert page.get_status(now) == expected


@pytest.mark.parametrize(("now", "expected"), CASES)
def test_database_status_agrees_with_the_rule(dated_opportunity, now, expected):
    """The list's annotation says exactly what derive_status says."""
    listed = opportunities_for_listing(now=now).get(pk=dated_opportunity.pk)
    assert listed.status_code == expected.value
    assert listed.first_session_starts_at == FIRST_START
    assert listed.last_session_ends_at == LAST_END


def test_database_status_without_sessions(make_opportunity):
    page = make_opportunity(closing_date=CLOSING)
    assert opportunities_for_listing(now=at(2030, 3, 1)).get(pk=page.pk).status_code == "open"
    assert opportunities_for_listing(now=at(2030, 4, 1)).get(pk=page.pk).status_code == "closed"


def test_status_label_and_tag(dated_opportunity):
    page = opportunities_for_listing(now=at(2030, 3, 15)).get(pk=dated_opportunity.pk)
    assert page.status == Status.UNDER_WAY
    assert page.status_label == "Under way"
    assert page.status_tag_class == "nhsuk-tag--blue"
