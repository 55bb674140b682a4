"""The involvement report's figures, against opportunities, sessions and attendance built by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import ServiceAreaFactory
from cms.opportunities.models import InvolvementLevel, InvolvementType
from cms.participation.models import Attendance, Interest, InterestStatus
from cms.reports.base import ReportFilter, get_report
from cms.reports.reports_involvement import frequency_rows, top_share

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def at(day: str, hour: int) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00")


@pytest.fixture
def dementia():
    return ServiceAreaFactory(name="Dementia")


@pytest.fixture
def involvement(make_opportunity, dementia):
    focus = make_opportunity(
        involvement_type=InvolvementType.FOCUS_GROUP,
        level_of_involvement=InvolvementLevel.CONSULT,
        places=4,
        service_areas=[dementia],
        sessions=[
            (at("2026-02-10", 10), at("2026-02-10", 12), False),
            (at("2026-03-10", 10), at("2026-03-10", 12), False),
        ],
    )
    survey = make_opportunity(
        involvement_type=InvolvementType.SURVEY,
        level_of_involvement=InvolvementLevel.INFORM,
        places=None,
        sessions=[(at("2026-04-01", 9), at("2026-04-01", 17), True)],
    )
    earlier = make_opportunity(
        places=5, sessions=[(at("2025-12-01", 10), at("2025-12-01", 12), False)]
    )
    often, once, not_chosen, never = (ActiveMemberFactory() for _ in range(4))
    not_chosen.expertise.set([dementia])
    MemberProfileFactory(status=Status.SUBMITTED)  # an applicant: not in the bank

    def take_part(member, page, status=InterestStatus.CONFIRMED, attended=()):
        interest = Interest.objects.create(member=member, opportunity=page, status=status)
        for session, came in zip(page.sessions.order_by("starts_at"), attended, strict=False):
            hours = Decimal((session.ends_at - session.starts_at).seconds // 3600)
            Attendance.objects.create(
                interest=interest,
                session=session,
                attended=came,
                hours=hours if came else 0,
                method=Attendance.Method.COORDINATOR,
            )

    take_part(often, focus, attended=[True, True])
    take_part(often, survey, attended=[True])
    take_part(often, earlier, attended=[True])  # before the period
    take_part(once, focus, status=InterestStatus.SELECTED, attended=[True, False])
    take_part(not_chosen, focus, status=InterestStatus.NOT_SELECTED)
    return {"often": often, "once": once, "not_chosen": not_chosen, "never": never}


def headlines(result):
    return {headline.label: headline.value for headline in result.headlines}


def test_involvement_for_all_service_areas(involvement):
    result = get_report("involvement").build(ReportFilter(start=START, end=END))
    assert headlines(result) == {
        "Opportunities": 2,
        "Sessions": 3,
        "Places filled": "3 of 4",
        "Attendance": "80%",
        "Hours of involvement": Decimal("14.0"),
        "Involvement taken by the busiest 10% of members": "75%",
    }
    assert result.table("by-type").rows == [["Focus group", 1], ["Survey", 1]]
    assert result.table("by-level").rows == [
        ["Inform", 1],
        ["Consult", 1],
        ["Involve", 0],
        ["Collaborate", 0],
        ["Co-produce", 0],
    ]
    assert result.table("places-and-attendance").rows == [
        ["Places offered", 4],
        ["People selected", 3],
        ["Times people came to a session", 4],
        ["Times people did not come", 1],
    ]
    assert result.table("how-often").rows == [
        ["Not at all", 2],
        ["Once", 1],
        ["2 or 3 times", 1],
        ["4 or 5 times", 0],
        ["6 times or more", 0],
    ]


def test_involvement_in_one_service_area(involvement, dementia):
    result = get_report("involvement").build(
        ReportFilter(start=START, end=END, service_area=dementia)
    )
    assert headlines(result) == {
        "Opportunities": 1,
        "Sessions": 2,
        "Places filled": "2 of 4",
        "Attendance": "75%",
        "Hours of involvement": Decimal("6.0"),
        "Involvement taken by the busiest 10% of members": "67%",
    }
    # The dementia bank (one member) and the two who came to the dementia focus group.
    assert [row[1] for row in result.table("how-often").rows] == [1, 1, 1, 0, 0]


def test_frequency_bands_and_the_busiest_tenth():
    times = [0] * 5 + [1, 2, 3, 4, 5, 6, 20]
    assert frequency_rows(times) == [
        ["Not at all", 5],
        ["Once", 1],
        ["2 or 3 times", 2],
        ["4 or 5 times", 2],
        ["6 times or more", 2],
    ]
    # 12 people: the busiest 2 took 26 of 41.
    assert top_share(times) == "63%"
    assert top_share([0, 0]) == "None yet"
    assert top_share([]) == "None yet"
