import datetime as dt

import pytest

from cms.benefits.periods import month_containing, week_containing

D = dt.date


@pytest.mark.parametrize(
    "day",
    [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 8)],
    ids=["monday", "wednesday", "sunday"],
)
def test_a_week_runs_from_monday_to_sunday(day):
    assert week_containing(day) == (D(2026, 3, 2), D(2026, 3, 8))


def test_the_next_monday_starts_a_new_week():
    assert week_containing(D(2026, 3, 9)) == (D(2026, 3, 9), D(2026, 3, 15))


def test_a_week_can_span_two_months_and_two_years():
    assert week_containing(D(2026, 12, 31)) == (D(2026, 12, 28), D(2027, 1, 3))
    assert week_containing(D(2027, 1, 1)) == (D(2026, 12, 28), D(2027, 1, 3))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 3, 1), (D(2026, 3, 1), D(2026, 3, 31))),
        (D(2026, 3, 31), (D(2026, 3, 1), D(2026, 3, 31))),
        (D(2026, 4, 30), (D(2026, 4, 1), D(2026, 4, 30))),
        (D(2026, 2, 14), (D(2026, 2, 1), D(2026, 2, 28))),
        (D(2028, 2, 29), (D(2028, 2, 1), D(2028, 2, 29))),
        (D(2026, 12, 31), (D(2026, 12, 1), D(2026, 12, 31))),
    ],
)
def test_a_month_runs_from_its_first_to_its_last_day(day, expected):
    assert month_containing(day) == expected
