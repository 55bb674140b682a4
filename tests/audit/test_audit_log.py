"""The audit log: append-only events, written where people look at or change personal
records, searchable by administrators only, with a flat number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.audit.models import AuditEvent, AuditLogIsAppendOnly
from cms.audit.services import record
from cms.claims import services as claim_services
from cms.claims.factories import PaymentRateFactory, attended
from cms.members.choices import Status
from cms.members.factories import ActiveMemberFactory, MemberProfileFactory
from cms.opportunities.factories import OpportunitySessionFactory
from cms.opportunities.models import PaymentType
from cms.privacy.services import anonymise_user
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db

LOG = "/admin/audit-log/"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def profile():
    user = UserFactory(first_name="Rowan", last_name="Hale", email="rowan@example.org")
    return ActiveMemberFactory(user=user)


def events(**filters):
    return list(AuditEvent.objects.filter(**filters))


# --- Append-only -------------------------------------------------------------------------


def test_record_writes_an_event_and_refuses_unknown_values(coordinator, profile):
    event = record(
        actor=coordinator,
        action="viewed",
        subject_type="member_record",
        subject_id=profile.pk,
        member=profile,
        summary="Record opened",
    )
    assert event.pk and event.actor == coordinator and event.subject_id == str(profile.pk)
    with pytest.raises(ValueError):
        record(actor=coordinator, action="tweaked", subject_type="claim")
    with pytest.raises(ValueError):
        record(actor=coordinator, action="viewed", subject_type="diary")


def test_an_anonymous_actor_is_stored_as_nobody(profile):
    from django.contrib.auth.models import AnonymousUser

    event = record(actor=AnonymousUser(), action="viewed", subject_type="claim")
    assert event.actor is None


def test_events_cannot_be_changed_or_deleted(coordinator, profile):
    event = record(actor=coordinator, action="viewed", subject_type="member_record")
    event.summary = "Nothing happened"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.update(summary="Rewritten")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.update(actor=UserFactory())
    event.refresh_from_db()
    assert event.summary == ""


def test_removing_a_person_clears_the_link_but_keeps_the_event(coordinator, profile):
    record(actor=profile.user, action="changed", subject_type="profile", member=profile)
    record(actor=coordinator, action="viewed", subject_type="member_record", member=profile)
    anonymise_user(profile.user)
    assert AuditEvent.objects.count() == 2
    assert not AuditEvent.objects.filter(actor=profile.user).exists()
    assert not AuditEvent.objects.filter(member=profile).exists()
    throwaway = UserFactory()
    record(actor=throwaway, action="viewed", subject_type="claim")
    throwaway.delete()
    assert AuditEvent.objects.filter(subject_type="claim", actor__isnull=True).count() == 1


def test_the_admin_offers_no_way_to_change_the_log(administrator):
    assert set(AuditEvent._meta.default_permissions) == {"view"}


# --- The administrators' page ------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "editor", "finance_user", "member"])
def test_only_administrators_see_the_audit_log(client, request, who, profile):
    record(actor=profile.user, action="changed", subject_type="profile", summary="Kilo")
    client.force_login(request.getfixturevalue(who))
    response = client.get(LOG, follow=True)
    # Wagtail sends signed-in staff it refuses back to the dashboard; others to sign in.
    assert response.redirect_chain or response.status_code == 403
    assert response.request["PATH_INFO"] != LOG
    assert "Kilo" not in response.content.decode()


def test_a_visitor_is_asked_to_sign_in(client, db):
    response = client.get(LOG)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_menu_item_is_shown_to_administrators_only(client, administrator, coordinator):
    client.force_login(administrator)
    assert LOG in client.get("/admin/").content.decode()
    client.force_login(coordinator)
    assert LOG not in client.get("/admin/").content.decode()


def test_administrators_search_by_person_actor_action_type_and_dates(
    client, administrator, coordinator, finance_user, profile
):
    other = ActiveMemberFactory(
        user=UserFactory(first_name="Ida", last_name="Quill", email="ida@example.org")
    )
    record(
        actor=coordinator,
        action="viewed",
        subject_type="member_record",
        member=profile,
        summary="Alpha",
    )
    record(
        actor=finance_user,
        action="revealed",
        subject_type="bank_details",
        member=other,
        summary="Bravo",
    )
    AuditEvent.objects.create(
        occurred_at=timezone.make_aware(dt.datetime(2025, 3, 1, 12)),
        actor=coordinator,
        action="changed",
        subject_type="member_record",
        member=other,
        summary="Charlie",
    )
    client.force_login(administrator)

    def found(**params):
        response = client.get(LOG, params)
        assert response.status_code == 200
        page = response.content.decode()
        return {word for word in ("Alpha", "Bravo", "Charlie") if word in page}

    assert found() == {"Alpha", "Bravo", "Charlie"}
    assert found(person="Rowan Hale") == {"Alpha"}
    assert found(person="ida@example") == {"Bravo", "Charlie"}
    assert found(actor=finance_user.email) == {"Bravo"}
    assert found(action="changed") == {"Charlie"}
    assert found(subject_type="bank_details") == {"Bravo"}
    assert found(date_from="2025-01-01", date_to="2025-12-31") == {"Charlie"}
    assert found(date_from=timezone.localdate().isoformat()) == {"Alpha", "Bravo"}
    # An impossible range is an error, and the search is not run.
    response = client.get(LOG, {"date_from": "2025-12-31", "date_to": "2025-01-01"})
    assert "on or after the first day" in response.content.decode()


def test_the_log_page_runs_the_same_number_of_queries_however_long(
    client, administrator, coordinator
):
    def add(count):
        for _ in range(count):
            member = ActiveMemberFactory()
            record(
                actor=coordinator,
                action="viewed",
                subject_type="member_record",
                subject_id=member.pk,
                member=member,
            )

    client.force_login(administrator)
    add(10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LOG).status_code == 200
    add(50)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LOG).status_code == 200
    assert len(many) == len(few)
    second_page = client.get(LOG, {"p": 2}).content.decode()
    assert "Page 2 of 2" in second_page


# --- Where events are written --------------------------------------------------------------


def test_a_coordinator_viewing_and_changing_a_record_is_logged(client, coordinator, profile):
    applicant = MemberProfileFactory(status=Status.SUBMITTED)
    client.force_login(coordinator)
    url = f"/admin/applications/{applicant.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"action": "move", "to_status": Status.IN_REVIEW, "reason": ""})
    logged = events(member=applicant, actor=coordinator, subject_type="member_record")
    assert sorted(event.action for event in logged) == ["changed", "viewed"]
    assert any("Being reviewed" in event.summary for event in logged)
    # Nothing of the record itself is copied into the log.
    assert not any(applicant.phone in event.summary for event in logged)


def test_an_editor_opening_a_record_is_refused_and_nothing_is_logged(client, editor, profile):
    client.force_login(editor)
    response = client.get(f"/admin/applications/{profile.pk}/")
    assert response.status_code in (302, 403)
    assert profile.phone not in response.content.decode()
    assert AuditEvent.objects.count() == 0


def test_a_member_changing_their_own_profile_is_logged(client, profile):
    client.force_login(profile.user)
    client.post("/members/profile/biography/", {"biography": "New words."})
    profile.refresh_from_db()
    assert profile.biography == "New words."
    (event,) = events(subject_type="profile")
    assert event.actor == profile.user and event.member == profile
    assert event.action == "changed"
    assert "New words" not in event.summary


def test_equality_monitoring_answers_saved_are_logged(client, member):
    MemberProfileFactory(user=member)
    client.force_login(member)
    client.post("/members/apply/equality/", {"age_band": "65_74", "sex": "prefer_not_to_say"})
    (event,) = events(subject_type="equality_monitoring")
    assert event.actor == member and event.action == "changed"
    assert "65" not in event.summary


def test_bank_details_changes_and_reveals_are_logged(client, finance_user, profile, monkeypatch):
    monkeypatch.delenv("BANK_DETAILS_KEY", raising=False)
    from cms.banking import services as banking

    details = banking.save_bank_details(
        member=profile,
        account_holder="Rowan Hale",
        sort_code="309480",
        account_number="00733445",
        by=profile.user,
        tell_member=False,
    )
    client.force_login(finance_user)
    response = client.post(
        reverse("banking_admin:reveal", args=[details.pk]),
        {"purpose": "payment", "reason": "Paying the October claims."},
    )
    assert response.status_code == 200
    banking.remove_bank_details(member=profile, by=profile.user)
    logged = events(subject_type="bank_details", member=profile)
    assert sorted(event.action for event in logged) == ["added", "deleted", "revealed"]
    revealed = next(event for event in logged if event.action == "revealed")
    assert revealed.actor == finance_user
    assert not any("00733445" in event.summary or "7344" in event.summary for event in logged)


def test_finance_viewing_and_deciding_a_claim_is_logged(
    client, finance_user, profile, make_opportunity
):
    PaymentRateFactory(amount=Decimal("20.00"), applies_from=dt.date(2025, 4, 6))
    page = make_opportunity(
        title="Home care panel",
        payment_type=PaymentType.PAID,
        payment_rate=20,
        payment_unit="hour",
    )
    starts = timezone.make_aware(dt.datetime(2025, 11, 12, 10))
    session = OpportunitySessionFactory(
        page=page, title="Panel", starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    attended(profile, session)
    claim = claim_services.start_claim(member=profile, session=session, by=profile.user)
    claim_services.set_payment_choice(claim=claim, choice="paid")
    claim_services.submit_claim(claim=claim, by=profile.user)

    client.force_login(finance_user)
    url = f"/admin/claims/{claim.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"action": "approve"})
    client.get("/admin/claims/export/")
    logged = events(subject_type="claim", actor=finance_user)
    assert sorted(event.action for event in logged) == ["decided", "exported", "viewed"]
    decided = next(event for event in logged if event.action == "decided")
    assert decided.member == profile and decided.subject_id == str(claim.pk)
