"""The equality monitoring report: counts only, small numbers hidden, nothing to subtract."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.models import EqualityMonitoring, MemberProfile
from cms.opportunities.factories import ServiceAreaFactory
from cms.reports.base import SUPPRESSED, ReportFilter, get_report
from cms.reports.reports_equality import NOT_ANSWERED, suppress_column

pytestmark = pytest.mark.django_db

PERIOD = ReportFilter(start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
IN_PERIOD = timezone.make_aware(dt.datetime(2025, 3, 3, 12))
BEFORE = timezone.make_aware(dt.datetime(2024, 6, 1, 12))


def build(report_filter=PERIOD):
    return get_report("equality").build(report_filter)


def rows(result, slug) -> dict:
    return {row[0]: row[1:] for row in result.table(slug).rows}


def person(*, status=Status.ACTIVE, submitted_at=BEFORE, expertise=(), **answers):
    member = MemberProfileFactory(status=status, submitted_at=submitted_at, expertise=expertise)
    if answers:
        EqualityMonitoring.objects.create(user=member.user, **answers)
    return member


# --- suppression on its own -----------------------------------------------------------------


def test_small_numbers_are_hidden_and_zero_and_five_are_shown():
    assert suppress_column([0, 5, 7, 12]) == [0, 5, 7, 12]
    assert suppress_column([4, 3, 9, 12]) == [SUPPRESSED, SUPPRESSED, 9, 12]


def test_one_hidden_number_hides_the_next_smallest_too():
    # 3 could be worked out from the group's size (3 + 6 + 8 + 20 = 37): hide 6 as well.
    assert suppress_column([3, 8, 6, 20]) == [SUPPRESSED, 8, SUPPRESSED, 20]
    # Zeros are never the "next smallest": hiding a zero protects nothing.
    assert suppress_column([0, 2, 0, 9, 11]) == [0, SUPPRESSED, 0, SUPPRESSED, 11]


def test_a_column_with_one_hidden_number_and_nothing_else_stays_hidden():
    assert suppress_column([0, 1, 0]) == [0, SUPPRESSED, 0]


# --- the report against hand-built people ---------------------------------------------------


def test_counts_each_answer_for_applicants_and_active_members():
    # Six active members who applied long ago, all answering "white" and "no" disability.
    for _ in range(6):
        person(ethnicity="white", disability="no", age_band="50_64")
    # Five people who applied in the period: three Asian, two who gave no answers.
    for _ in range(3):
        person(status=Status.SUBMITTED, submitted_at=IN_PERIOD, ethnicity="asian")
    for _ in range(2):
        person(status=Status.SUBMITTED, submitted_at=IN_PERIOD)
    # Someone who applied in the period and is now active.
    person(submitted_at=IN_PERIOD, ethnicity="white", disability="prefer_not_to_say")

    result = build()
    ethnicity = rows(result, "ethnicity")
    columns = result.table("ethnicity").columns
    assert columns == ["Answer", "Applied in the period", "Active members now"]
    # Applied in period: asian 3, white 1, not answered 2 -> 1 and 3 hidden... and 2 too.
    assert ethnicity["Asian or Asian British"] == [SUPPRESSED, 0]
    assert ethnicity["White"] == [SUPPRESSED, 7]
    assert ethnicity[NOT_ANSWERED] == [SUPPRESSED, 0]
    disability = rows(result, "disability")
    # Active: 6 said no, 1 prefer not to say (hidden), so the 6 is hidden too.
    assert disability["No"] == [0, SUPPRESSED]
    assert disability["Prefer not to say"] == [SUPPRESSED, SUPPRESSED]
    # Applicants: 5 gave no answer and 1 preferred not to say (hidden), so 5 is hidden too.
    assert disability[NOT_ANSWERED] == [SUPPRESSED, 0]
    age = rows(result, "age-band")
    # Active: 6 aged 50 to 64 and 1 no answer (hidden), so the 6 is hidden too.
    assert age["50 to 64"] == [0, SUPPRESSED]
    assert age[NOT_ANSWERED] == [6, SUPPRESSED]

    headlines = {h.label: h.value for h in result.headlines}
    assert headlines["Applied in the period"] == 6
    assert headlines["Active members now"] == 7
    assert headlines["Active members who answered"] == "100%"
    assert "fewer than 5" in result.table("ethnicity").note


def test_no_table_shows_a_count_from_one_to_four():
    for index in range(9):
        person(
            ethnicity=[
                "white",
                "white",
                "black",
                "mixed",
                "white",
                "white",
                "white",
                "asian",
                "white",
            ][index],
            religion="christian" if index % 2 else "none",
            sex="female" if index < 7 else "male",
        )
    result = build()
    for table in result.tables:
        for row in table.rows:
            for value in row[1:]:
                assert value == SUPPRESSED or value == 0 or value >= 5, (table.slug, row)
    # In every column, a hidden cell is never the only hidden one while others are shown.
    for table in result.tables:
        for index in range(1, len(table.columns)):
            column = [row[index] for row in table.rows]
            assert column.count(SUPPRESSED) != 1, (table.slug, column)


def test_a_small_group_size_is_hidden_and_no_name_appears(client):
    member = person(ethnicity="white")
    result = build()
    headlines = {h.label: h.value for h in result.headlines}
    assert headlines["Active members now"] == SUPPRESSED
    assert headlines["Active members who answered"] == SUPPRESSED
    text = repr(result)
    assert member.user.last_name not in text
    assert member.user.email not in text


def test_service_area_picks_people_by_their_expertise():
    dementia = ServiceAreaFactory(name="Dementia")
    for _ in range(5):
        person(ethnicity="white", expertise=[dementia])
    for _ in range(5):
        person(ethnicity="black")
    result = build(ReportFilter(start=PERIOD.start, end=PERIOD.end, service_area=dementia))
    ethnicity = rows(result, "ethnicity")
    assert ethnicity["White"] == [0, 5]
    assert ethnicity["Black, Black British, Caribbean or African"] == [0, 0]


# --- a fixed number of queries ---------------------------------------------------------------


def bulk_people(count: int, offset: int) -> None:
    User = get_user_model()
    users = User.objects.bulk_create(
        User(email=f"equality{offset + n}@example.org", password="!") for n in range(count)
    )
    MemberProfile.objects.bulk_create(
        MemberProfile(
            user=user,
            status=Status.ACTIVE if n % 2 else Status.SUBMITTED,
            submitted_at=IN_PERIOD,
        )
        for n, user in enumerate(users)
    )
    EqualityMonitoring.objects.bulk_create(
        EqualityMonitoring(
            user=user,
            age_band=["16_24", "35_49", "75_plus"][n % 3],
            ethnicity=["white", "asian", "black", "mixed", "other"][n % 5],
            religion="none",
            disability="yes" if n % 4 else "no",
        )
        for n, user in enumerate(users)
        if n % 7
    )


def test_query_count_is_the_same_for_10_and_1000_members():
    ActiveMemberFactory()
    bulk_people(10, 0)
    with CaptureQueriesContext(connection) as few:
        build()
    bulk_people(990, 10)
    with CaptureQueriesContext(connection) as many:
        result = build()
    assert len(many) == len(few)
    assert {h.label: h.value for h in result.headlines}["Applied in the period"] == 1000
