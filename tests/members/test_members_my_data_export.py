"""The data export finds every model that holds a person's data, by walking the models."""

import csv
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from cms.badges.models import BadgeKind
from cms.badges.services import issue_badge, revoke_badge
from cms.members.factories import ActiveMemberFactory
from cms.members.models import EqualityMonitoring, MemberProfile, StatusChange
from cms.members.my_data.export import build_export, collect_personal_data
from cms.privacy.relations import EXPORT_ALLOW_LIST
from cms.users.factories import UserFactory

pytestmark = pytest.mark.django_db


def _models_pointing_at_people():
    """Written apart from the export's own walker, so a mistake in one shows in the other."""
    people = {get_user_model(), MemberProfile}
    found = set()
    for app_config in apps.get_app_configs():
        for model in app_config.get_models():
            if model in people or model._meta.proxy:
                continue
            for field in model._meta.local_fields + list(model._meta.local_many_to_many):
                if field.is_relation and field.related_model in people:
                    found.add(model._meta.label_lower)
    return found


def test_the_export_covers_every_model_that_points_at_a_person(member):
    exported = set(collect_personal_data(member))
    expected = _models_pointing_at_people()
    assert expected, "the walk found nothing: it is broken"
    missing = expected - exported - set(EXPORT_ALLOW_LIST)
    assert not missing, (
        "These models hold data about a person but are not in the data export: "
        f"{sorted(missing)}. Add a relation the walker follows, or list them in "
        "cms.privacy.relations.EXPORT_ALLOW_LIST with the reason."
    )
    # The people themselves, and one hop out (an email address's confirmations).
    assert {"users.user", "members.memberprofile"} <= exported
    assert {"badges.badge", "members.equalitymonitoring", "account.emailaddress"} <= exported
    assert "account.emailconfirmation" in exported


def test_the_zip_holds_json_and_a_csv_per_model_with_only_this_persons_data(coordinator):
    profile = ActiveMemberFactory(user=UserFactory(email="me@example.org"), phone="=1+2")
    EqualityMonitoring.objects.create(user=profile.user, age_band="45-54")
    StatusChange.objects.create(
        member=profile, from_status="induction", to_status="active", changed_by=coordinator
    )
    badge = issue_badge(member=profile, kind=BadgeKind.PHOTO_ID)
    revoke_badge(badge=badge, by=coordinator, reason="Lost")
    other = ActiveMemberFactory(user=UserFactory(email="someone-else@example.org"))
    issue_badge(member=other, kind=BadgeKind.PHOTO_ID)

    archive = zipfile.ZipFile(io.BytesIO(build_export(profile.user)))
    names = archive.namelist()
    assert {"README.txt", "data.json"} <= set(names)
    data = json.loads(archive.read("data.json"))["models"]

    assert data["users.user"][0]["email"] == "me@example.org"
    assert "password" not in data["users.user"][0]
    assert (
        data["members.memberprofile"][0]["emergency_contact_name"] == profile.emergency_contact_name
    )
    assert data["members.equalitymonitoring"][0]["age_band"] == "45-54"
    assert [row["code"] for row in data["badges.badge"]] == [badge.code]
    assert data["badges.badge"][0]["revoke_reason"] == "Lost"
    assert len(data["members.statuschange"]) == 1
    everything = archive.read("data.json").decode()
    assert "someone-else@example.org" not in everything

    for label in data:
        assert f"csv/{label}.csv" in names
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/members.memberprofile.csv").decode())))
    assert rows[0]["phone"] == "'=1+2", "a formula-like cell is kept as text"


def test_a_coordinator_named_on_someone_elses_record_sees_where_not_whose(coordinator):
    profile = ActiveMemberFactory()
    StatusChange.objects.create(
        member=profile, from_status="induction", to_status="active", changed_by=coordinator
    )
    data = collect_personal_data(coordinator)
    rows = data["members.statuschange"]
    assert len(rows) == 1
    assert rows[0]["you_are_named_as"] == ["changed_by"]
    assert "member_id" not in rows[0] and "reason" not in rows[0]
    assert profile.user.email not in json.dumps(data, default=str)
