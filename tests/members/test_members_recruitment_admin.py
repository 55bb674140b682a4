"""Coordinators list, filter and open applications, move them, keep the checklist and reviews."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.members.choices import Day, Format, RolePreference, Status, TimeOfDay
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.members.models import EqualityMonitoring, InvolvementRole, StatusChange
from cms.taxonomy.models import ServiceArea
from cms.users.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/applications/"
BANK = "/admin/involvement-bank/"


@pytest.fixture
def areas(db):
    return {
        slug: ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in [("dementia", "Dementia"), ("carers", "Carers"), ("autism", "Autism")]
    }


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


def names(response) -> str:
    return response.content.decode()


def person(first, last, **kwargs):
    return MemberProfileFactory(
        user=UserFactory(first_name=first, last_name=last, email=f"{first.lower()}@example.org"),
        **kwargs,
    )


# --- The applications list ---------------------------------------------------------------


def test_the_list_leaves_out_drafts_unless_asked(signed_in):
    person("Aisha", "Khan", status=Status.SUBMITTED)
    person("Dora", "Draft", status=Status.DRAFT)
    page = names(signed_in.get(APPLICATIONS))
    assert "Aisha Khan" in page and "Dora Draft" not in page
    page = names(signed_in.get(APPLICATIONS, {"status": "draft"}))
    assert "Dora Draft" in page and "Aisha Khan" not in page


def test_the_list_filters_by_status_expertise_and_when_sent(signed_in, areas):
    old = person("Owen", "Price", status=Status.IN_REVIEW, expertise=[areas["carers"]])
    old.submitted_at = dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC)
    old.save()
    new = person("Nia", "Jones", status=Status.SUBMITTED, expertise=[areas["dementia"]])
    new.submitted_at = dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC)
    new.save()

    page = names(signed_in.get(APPLICATIONS, {"status": "in_review"}))
    assert "Owen Price" in page and "Nia Jones" not in page
    page = names(signed_in.get(APPLICATIONS, {"expertise": areas["dementia"].pk}))
    assert "Nia Jones" in page and "Owen Price" not in page
    page = names(
        signed_in.get(
            APPLICATIONS, {"submitted_at_from": "2026-02-01", "submitted_at_to": "2026-03-31"}
        )
    )
    assert "Nia Jones" in page and "Owen Price" not in page


def test_the_list_searches_names_and_emails(signed_in):
    person("Grace", "Okoye", status=Status.SUBMITTED)
    person("Tom", "Hughes", status=Status.SUBMITTED)
    assert "Tom Hughes" not in names(signed_in.get(APPLICATIONS, {"q": "grace okoye"}))
    page = names(signed_in.get(APPLICATIONS, {"q": "tom@example"}))
    assert "Tom Hughes" in page and "Grace Okoye" not in page
    assert "Grace Okoye" in names(signed_in.get(APPLICATIONS + "results/", {"q": "Okoye"}))


def test_the_list_is_paginated(signed_in):
    for _ in range(30):
        MemberProfileFactory(status=Status.SUBMITTED)
    response = signed_in.get(APPLICATIONS)
    assert len(response.context["object_list"]) == 25
    assert response.context["paginator"].count == 30


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (APPLICATIONS, {}),
        (APPLICATIONS, {"q": "example"}),
        (BANK, {}),
        (BANK, {"checks_complete": "true"}),
    ],
)
def test_query_count_stays_flat_as_records_grow(signed_in, areas, url, params):
    role = InvolvementRole.objects.create(name="Panel member", needs_dbs_check=True)

    def make(count):
        for i in range(count):
            factory = ActiveMemberFactory if i % 2 else MemberProfileFactory
            factory(
                status=Status.ACTIVE if i % 2 else Status.SUBMITTED,
                expertise=list(areas.values())[: 1 + i % 3],
                roles=[role],
                references_received_on=dt.date(2026, 1, 1),
                induction_completed_on=dt.date(2026, 2, 1),
                dbs_checked_on=dt.date(2026, 1, 15),
            )

    make(10)
    _queries(signed_in, url, params)  # the first request fills per-process caches
    few = _queries(signed_in, url, params)
    make(190)
    many = _queries(signed_in, url, params)
    assert few == many


# --- The record ------------------------------------------------------------------------


def test_the_record_shows_every_section_but_not_equality_monitoring(signed_in, areas):
    record = person("Bea", "Lloyd", status=Status.SUBMITTED, expertise=[areas["autism"]])
    record.formats = [Format.EASY_READ]
    record.save()
    EqualityMonitoring.objects.create(user=record.user, ethnicity="Zzyzx-marker")
    page = names(signed_in.get(f"{APPLICATIONS}{record.pk}/"))
    for heading in [
        "About you",
        "Lived experience and expertise",
        "Skills",
        "How they would like to be involved",
        "When they are available",
        "Communication and access needs",
        "Emergency contact",
        "Consent",
    ]:
        assert heading in page
    assert "Autism" in page and "Easy Read" in page and "Sam Reid" in page
    assert "Zzyzx-marker" not in page
    assert "Move to: Being reviewed" in page and "Decline" in page
    assert "Move to: Active member" not in page


def test_a_valid_move_is_recorded_and_the_person_told_once(
    signed_in, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    record = person("Ravi", "Singh", status=Status.SUBMITTED)
    url = f"{APPLICATIONS}{record.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"action": "move", "to_status": "in_review"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == Status.IN_REVIEW
    change = StatusChange.objects.get(member=record)
    assert (change.from_status, change.to_status, change.changed_by) == (
        Status.SUBMITTED,
        Status.IN_REVIEW,
        coordinator,
    )
    assert [m.to for m in mailoutbox] == [["ravi@example.org"]]
    page = names(signed_in.get(url))
    assert "Being reviewed" in page and coordinator.get_full_name() in page


def test_an_invalid_move_is_refused_with_the_reason(signed_in, mailoutbox):
    record = person("Lily", "Ward", status=Status.SUBMITTED)
    response = signed_in.post(
        f"{APPLICATIONS}{record.pk}/", {"action": "move", "to_status": "active"}
    )
    assert response.status_code == 400
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [
        "An application that is 'Application received' cannot move to 'Active member'."
    ]
    record.refresh_from_db()
    assert record.status == Status.SUBMITTED
    assert not StatusChange.objects.exists() and not mailoutbox


def test_an_unknown_status_is_refused(signed_in):
    record = person("Ann", "Bell", status=Status.SUBMITTED)
    response = signed_in.post(
        f"{APPLICATIONS}{record.pk}/", {"action": "move", "to_status": "promoted"}, follow=True
    )
    assert "Choose where to move the application." in names(response)
    assert not StatusChange.objects.exists()


def test_declining_needs_a_reason(signed_in, mailoutbox, django_capture_on_commit_callbacks):
    record = person("Carl", "Moss", status=Status.IN_REVIEW)
    url = f"{APPLICATIONS}{record.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(url, {"action": "move", "to_status": "declined", "reason": " "})
    assert "Give a reason when you decline an application." in names(response)
    record.refresh_from_db()
    assert record.status == Status.IN_REVIEW and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        signed_in.post(
            url,
            {"action": "move", "to_status": "declined", "reason": "We have no places just now."},
        )
    record.refresh_from_db()
    assert record.status == Status.DECLINED
    assert StatusChange.objects.get(member=record).reason == "We have no places just now."
    assert len(mailoutbox) == 1 and "We have no places just now." in mailoutbox[0].body


def test_the_checklist_asks_for_dbs_only_when_a_role_needs_it(signed_in, coordinator):
    plain = InvolvementRole.objects.create(name="Survey reviewer")
    dbs = InvolvementRole.objects.create(name="Young people's panel", needs_dbs_check=True)
    record = person("Jade", "Fox", status=Status.CHECKS)
    url = f"{APPLICATIONS}{record.pk}/"
    assert 'name="dbs_certificate_number"' not in names(signed_in.get(url))

    response = signed_in.post(
        url,
        {
            "action": "checklist",
            "roles": [plain.pk, dbs.pk],
            "references_received_on": "2026-02-01",
            "induction_completed_on": "",
            "supervisor": coordinator.pk,
            "trial_period_ends_on": "2026-08-01",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.references_received_on == dt.date(2026, 2, 1)
    assert record.supervisor == coordinator
    assert 'name="dbs_certificate_number"' in names(signed_in.get(url))

    signed_in.post(
        url,
        {
            "action": "checklist",
            "roles": [dbs.pk],
            "references_received_on": "2026-02-01",
            "dbs_certificate_number": "001234567890",
            "dbs_checked_on": "2026-02-10",
            "supervisor": coordinator.pk,
        },
    )
    record.refresh_from_db()
    assert (record.dbs_certificate_number, record.dbs_checked_on) == (
        "001234567890",
        dt.date(2026, 2, 10),
    )


def test_the_supervisor_must_be_staff(signed_in):
    record = person("Kim", "Lowe", status=Status.ACTIVE)
    not_staff = UserFactory()
    response = signed_in.post(
        f"{APPLICATIONS}{record.pk}/", {"action": "checklist", "supervisor": not_staff.pk}
    )
    assert response.status_code == 200
    assert "supervisor" in response.context["checklist_form"].errors
    record.refresh_from_db()
    assert record.supervisor is None


def test_supervision_next_due_is_capped_at_two_months(signed_in):
    record = person("Ella", "Hart", status=Status.ACTIVE)
    url = f"{APPLICATIONS}{record.pk}/"
    signed_in.post(
        url,
        {
            "action": "review",
            "held_on": "2026-01-10",
            "notes": "Settling in well.",
            "next_due_on": "2026-06-01",
        },
    )
    review = record.supervision_reviews.get()
    assert review.next_due_on == dt.date(2026, 3, 10)
    page = names(signed_in.get(url))
    assert "10 March 2026" in page and "Overdue" in page


def test_a_review_with_next_due_before_it_is_refused(signed_in):
    record = person("Finn", "Cole", status=Status.ACTIVE)
    response = signed_in.post(
        f"{APPLICATIONS}{record.pk}/",
        {"action": "review", "held_on": "2026-05-10", "next_due_on": "2026-05-01"},
    )
    assert response.status_code == 200
    assert "The next review must be after this one." in names(response)
    assert not record.supervision_reviews.exists()


def test_a_future_review_is_not_overdue(signed_in):
    record = person("Ivy", "Shaw", status=Status.ACTIVE)
    url = f"{APPLICATIONS}{record.pk}/"
    signed_in.post(url, {"action": "review", "held_on": dt.date.today().isoformat()})
    assert 'data-testid="review-overdue"' not in names(signed_in.get(url))


# --- The involvement bank ------------------------------------------------------------------


@pytest.fixture
def bank(areas):
    dbs_role = InvolvementRole.objects.create(name="Children's panel", needs_dbs_check=True)
    plain_role = InvolvementRole.objects.create(name="Reader panel")
    people = {
        "monday": person(
            "Mona",
            "Day",
            status=Status.ACTIVE,
            expertise=[areas["dementia"]],
            available_days=[Day.MONDAY],
            available_times=[TimeOfDay.EVENING],
            formats=[Format.LARGE_PRINT],
            role_preference=RolePreference.PAID,
            roles=[plain_role],
            references_received_on=dt.date(2026, 1, 1),
            induction_completed_on=dt.date(2026, 1, 20),
        ),
        "friday": person(
            "Fred",
            "Rye",
            status=Status.ACTIVE,
            expertise=[areas["carers"]],
            available_days=[Day.FRIDAY],
            available_times=[TimeOfDay.MORNING],
            formats=[Format.BSL, Format.EASY_READ],
            role_preference=RolePreference.VOLUNTARY,
            roles=[dbs_role],
            references_received_on=dt.date(2026, 1, 1),
            induction_completed_on=dt.date(2026, 1, 20),
        ),
        "either": person(
            "Edie",
            "Ther",
            status=Status.ACTIVE,
            expertise=[areas["carers"], areas["dementia"]],
            available_days=[Day.MONDAY, Day.FRIDAY],
            role_preference=RolePreference.EITHER,
            roles=[dbs_role],
            references_received_on=dt.date(2026, 1, 1),
            induction_completed_on=dt.date(2026, 1, 20),
            dbs_checked_on=dt.date(2026, 1, 10),
        ),
    }
    person("Apple", "Cant", status=Status.IN_REVIEW, available_days=[Day.MONDAY])
    return people


def bank_names(client, params) -> set[str]:
    response = client.get(BANK, params)
    assert response.status_code == 200
    return {str(member) for member in response.context["object_list"]}


def test_the_bank_lists_active_members_only(signed_in, bank):
    assert bank_names(signed_in, {}) == {"Mona Day", "Fred Rye", "Edie Ther"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"available_days": "monday"}, {"Mona Day", "Edie Ther"}),
        ({"available_days": ["monday", "friday"]}, {"Mona Day", "Fred Rye", "Edie Ther"}),
        ({"available_times": "evening"}, {"Mona Day"}),
        ({"formats": "bsl"}, {"Fred Rye"}),
        ({"role_preference": "paid"}, {"Mona Day", "Edie Ther"}),
        ({"role_preference": "voluntary"}, {"Fred Rye", "Edie Ther"}),
        ({"checks_complete": "true"}, {"Mona Day", "Edie Ther"}),
        ({"checks_complete": "false"}, {"Fred Rye"}),
    ],
)
def test_the_bank_filters(signed_in, bank, params, expected):
    assert bank_names(signed_in, params) == expected


def test_the_bank_filters_by_expertise(signed_in, bank, areas):
    assert bank_names(signed_in, {"expertise": areas["dementia"].pk}) == {"Mona Day", "Edie Ther"}


def test_the_bank_record_opens_from_the_bank(signed_in, bank):
    page = names(signed_in.get(BANK))
    assert f"{BANK}{bank['monday'].pk}/" in page
    assert signed_in.get(f"{BANK}{bank['monday'].pk}/").status_code == 200


def test_a_coordinator_without_the_group_permission_is_refused(client):
    # Access comes from the Coordinators group's permission, not from being staff.
    client.force_login(StaffUserFactory(is_staff=True))
    assert client.get(APPLICATIONS).status_code in (302, 403)
