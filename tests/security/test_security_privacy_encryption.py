"""Health and access needs, DBS numbers: ciphertext in the database, plain text to the code."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from cms.core import crypto
from cms.core.checks import field_encryption_key_is_set
from cms.members.factories import ActiveMemberFactory
from cms.members.models import MemberProfile
from cms.participation.models import Interest
from cms.privacy.services import anonymise_user

SECRETS = {
    "meeting_support": "A BSL interpreter because of my hearing loss",
    "reasonable_adjustments": "Breaks for my insulin injections",
    "lived_experience_note": "Ten years of bipolar disorder",
    "dbs_certificate_number": "001587462391",
}


@pytest.fixture(autouse=True)
def no_key_in_environment(monkeypatch):
    monkeypatch.delenv(crypto.ENV_VARIABLE, raising=False)


def raw_column(model, pk, column) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def profile(db):
    return ActiveMemberFactory(**SECRETS)


def test_the_database_holds_no_plain_text_and_the_code_reads_it(profile):
    for name, secret in SECRETS.items():
        raw = raw_column(MemberProfile, profile.pk, name)
        assert secret not in raw
        assert raw.startswith("gAAAAA"), f"{name} is not a Fernet token"
    fresh = MemberProfile.objects.get(pk=profile.pk)
    for name, secret in SECRETS.items():
        assert getattr(fresh, name) == secret
    assert MemberProfile.objects.filter(pk=profile.pk).values("meeting_support")[0] == {
        "meeting_support": SECRETS["meeting_support"]
    }


def test_blank_values_stay_blank_so_they_can_still_be_asked_about(db):
    profile = ActiveMemberFactory(meeting_support="")
    assert raw_column(MemberProfile, profile.pk, "meeting_support") == ""
    assert MemberProfile.objects.filter(pk=profile.pk, meeting_support="").exists()


def test_an_interests_adjustments_are_encrypted(profile, make_opportunity):
    opportunity = make_opportunity()
    interest = Interest.objects.create(
        member=profile, opportunity=opportunity, adjustments="Wheelchair space, please"
    )
    assert "Wheelchair" not in raw_column(Interest, interest.pk, "adjustments")
    assert Interest.objects.get(pk=interest.pk).adjustments == "Wheelchair space, please"


def test_why_an_application_moved_and_what_a_review_said_are_encrypted(profile):
    import datetime as dt

    from cms.members.models import StatusChange, SupervisionReview

    change = StatusChange.objects.create(
        member=profile,
        from_status="submitted",
        to_status="declined",
        reason="Said they are in crisis after a hospital stay",
    )
    review = SupervisionReview.objects.create(
        member=profile,
        held_on=dt.date(2026, 11, 2),
        next_due_on=dt.date(2027, 1, 2),
        notes="Finding the panel hard since their diagnosis",
    )
    assert "crisis" not in raw_column(StatusChange, change.pk, "reason")
    assert "diagnosis" not in raw_column(SupervisionReview, review.pk, "notes")
    assert StatusChange.objects.get(pk=change.pk).reason.startswith("Said they are in crisis")
    assert SupervisionReview.objects.get(pk=review.pk).notes.endswith("their diagnosis")


def test_the_dbs_number_keeps_its_length_limit_and_one_line_box(profile):
    field = MemberProfile._meta.get_field("dbs_certificate_number")
    form_field = field.formfield()
    assert form_field.max_length == 20
    assert form_field.widget.input_type == "text"
    profile.dbs_certificate_number = "1" * 21
    with pytest.raises(Exception, match="at most 20"):
        profile.full_clean()


def test_rotation_moves_every_value_to_the_new_key(db, monkeypatch):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv(crypto.ENV_VARIABLE, old_key)
    profile = ActiveMemberFactory(**SECRETS)
    monkeypatch.setenv(crypto.ENV_VARIABLE, f"{new_key},{old_key}")
    call_command("rotate_field_encryption_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    monkeypatch.setenv(crypto.ENV_VARIABLE, new_key)
    fresh = MemberProfile.objects.get(pk=profile.pk)
    assert fresh.meeting_support == SECRETS["meeting_support"]
    assert fresh.dbs_certificate_number == SECRETS["dbs_certificate_number"]
    monkeypatch.setenv(crypto.ENV_VARIABLE, old_key)
    with pytest.raises(crypto.FieldKeyError):
        MemberProfile.objects.get(pk=profile.pk)


def test_the_data_migration_encrypts_plain_rows_and_is_reversible(profile):
    encrypt, decrypt = crypto.migration_operations(
        "members", {"memberprofile": ["meeting_support"]}
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    from django.apps import apps

    decrypt(apps, editor)
    assert raw_column(MemberProfile, profile.pk, "meeting_support") == SECRETS["meeting_support"]
    encrypt(apps, editor)
    encrypt(apps, editor)  # twice is safe: a token is left alone
    raw = raw_column(MemberProfile, profile.pk, "meeting_support")
    assert SECRETS["meeting_support"] not in raw
    assert MemberProfile.objects.get(pk=profile.pk).meeting_support == SECRETS["meeting_support"]


def test_deletion_clears_the_encrypted_fields(profile):
    anonymise_user(profile.user)
    for name in SECRETS:
        assert raw_column(MemberProfile, profile.pk, name) == ""


def test_production_must_set_a_valid_key(monkeypatch):
    assert [error.id for error in field_encryption_key_is_set(None)] == ["core.E001"]
    monkeypatch.setenv(crypto.ENV_VARIABLE, "not-a-key")
    assert [error.id for error in field_encryption_key_is_set(None)] == ["core.E002"]
    monkeypatch.setenv(crypto.ENV_VARIABLE, Fernet.generate_key().decode())
    assert field_encryption_key_is_set(None) == []
