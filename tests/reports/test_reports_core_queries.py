"""Every report asks the database the same number of questions with 10 members or 1,000."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.members.choices import RolePreference, Status
from cms.members.models import MemberProfile, StatusChange
from cms.opportunities.factories import ServiceAreaFactory
from cms.participation.models import Attendance, Interest, InterestStatus
from cms.reports.periods import default_period

pytestmark = pytest.mark.django_db

STATUSES = [Status.SUBMITTED, Status.IN_REVIEW, Status.ACTIVE, Status.ACTIVE, Status.WITHDRAWN]
PREFERENCES = [RolePreference.PAID, RolePreference.VOLUNTARY, RolePreference.EITHER, ""]


def add_members(count, *, offset, areas, opportunity, session):
    """``count`` members with a history, expertise, an interest and an attendance each,
    written in a handful of bulk inserts so 1,000 of them take a moment."""
    now = timezone.now()
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"bulk{offset + n}@example.org", password="!") for n in range(count)
    )
    members = MemberProfile.objects.bulk_create(
        MemberProfile(
            user=user,
            status=STATUSES[n % len(STATUSES)],
            role_preference=PREFERENCES[n % len(PREFERENCES)],
            submitted_at=now - dt.timedelta(days=40 + n % 200),
        )
        for n, user in enumerate(users)
    )
    changes = []
    for n, member in enumerate(members):
        submitted = now - dt.timedelta(days=40 + n % 200)
        changes += [
            StatusChange(
                member=member,
                from_status=Status.DRAFT,
                to_status=Status.SUBMITTED,
                changed_at=submitted,
            ),
            StatusChange(
                member=member,
                from_status=Status.SUBMITTED,
                to_status=Status.IN_REVIEW,
                changed_at=submitted + dt.timedelta(days=3),
            ),
        ]
        if member.status == Status.ACTIVE:
            changes.append(
                StatusChange(
                    member=member,
                    from_status=Status.INDUCTION,
                    to_status=Status.ACTIVE,
                    changed_at=submitted + dt.timedelta(days=30),
                )
            )
    StatusChange.objects.bulk_create(changes)
    Through = MemberProfile.expertise.through
    Through.objects.bulk_create(
        Through(memberprofile_id=member.pk, servicearea_id=areas[n % len(areas)].pk)
        for n, member in enumerate(members)
    )
    interests = Interest.objects.bulk_create(
        Interest(member=member, opportunity=opportunity, status=InterestStatus.CONFIRMED)
        for member in members
    )
    Attendance.objects.bulk_create(
        Attendance(
            interest=interest,
            session=session,
            attended=n % 3 != 0,
            hours=Decimal(2),
            method=Attendance.Method.COORDINATOR,
        )
        for n, interest in enumerate(interests)
    )


@pytest.fixture
def programme(make_opportunity):
    areas = [ServiceAreaFactory(name=name) for name in ("Dementia", "Carers", "Mental health")]
    starts = timezone.now() - dt.timedelta(days=20)
    opportunity = make_opportunity(
        places=2000,
        service_areas=areas[:1],
        sessions=[(starts, starts + dt.timedelta(hours=2), False)],
    )
    return {"areas": areas, "opportunity": opportunity, "session": opportunity.sessions.get()}


@pytest.mark.parametrize("slug", ["experts", "recruitment", "involvement"])
@pytest.mark.parametrize("area", [False, True])
def test_the_query_count_does_not_grow_with_the_members(client, coordinator, programme, slug, area):
    add_members(10, offset=0, **programme)
    client.force_login(coordinator)
    start, end = default_period()
    params = {"start": start.isoformat(), "end": end.isoformat()}
    if area:
        params["service_area"] = programme["areas"][0].slug
    url = reverse("insight:report", args=[slug])
    client.get(url, params)  # warm caches (site, settings) that are asked for once

    with CaptureQueriesContext(connection) as few:
        small = client.get(url, params)
    add_members(990, offset=10, **programme)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url, params)

    assert small.status_code == large.status_code == 200
    assert small.context["result"].headlines != large.context["result"].headlines
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
