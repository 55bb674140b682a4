"""Bank details are encrypted at rest, masked when shown, and the key can be rotated."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from cms.banking import crypto
from cms.banking.checks import bank_details_key_is_set
from cms.banking.factories import BankDetailsFactory
from cms.banking.models import BankDetails
from cms.banking.services import rotate_all_bank_details

pytestmark = pytest.mark.django_db


def _raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT * FROM banking_bankdetails WHERE id = %s",
            [pk],
        )
        return " ".join(str(value) for value in cursor.fetchone())


def test_the_database_holds_ciphertext_not_the_numbers(bank_details):
    raw = _raw_row(bank_details.pk)
    for secret in ("00733445", "309480", "Dev Patel", "ROLL-77"):
        assert secret not in raw
    # The column is a Fernet token, which decrypts to what the member typed.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ciphertext FROM banking_bankdetails WHERE id = %s", [bank_details.pk]
        )
        (token,) = cursor.fetchone()
    assert token.startswith("gAAAAA")
    assert crypto.decrypt(token) == {
        "account_holder": "Dev Patel",
        "sort_code": "309480",
        "account_number": "00733445",
        "roll_number": "ROLL-77",
    }


def test_only_the_last_digits_are_kept_in_clear_and_shown(bank_details):
    assert bank_details.masked_account_number == "••••3445"
    assert bank_details.masked_sort_code == "••-••-80"
    assert str(bank_details) == "Bank details ending 3445"


def test_the_key_comes_from_the_environment_and_can_be_rotated(monkeypatch, active_profile):
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("BANK_DETAILS_KEY", old_key)
    BankDetailsFactory(member=active_profile, sort_code="309480", account_number="00733445")
    stored = BankDetails.objects.get().ciphertext
    assert Fernet(old_key).decrypt(stored.encode())

    # A new key first, the old one kept after it: old tokens still read.
    monkeypatch.setenv("BANK_DETAILS_KEY", f"{new_key},{old_key}")
    assert crypto.decrypt(stored)["account_number"] == "00733445"
    call_command("rotate_bank_details_key", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Now the old key can go.
    monkeypatch.setenv("BANK_DETAILS_KEY", new_key)
    assert crypto.decrypt(BankDetails.objects.get().ciphertext)["sort_code"] == "309480"
    # Running it again is harmless.
    assert rotate_all_bank_details() == 1
    assert Fernet(new_key).decrypt(BankDetails.objects.get().ciphertext.encode())


def test_a_wrong_key_is_reported_not_guessed(monkeypatch, bank_details):
    monkeypatch.setenv("BANK_DETAILS_KEY", Fernet.generate_key().decode())
    with pytest.raises(crypto.BankDetailsKeyError):
        crypto.decrypt(bank_details.ciphertext)


def test_the_deploy_check_needs_a_real_key(monkeypatch):
    assert [error.id for error in bank_details_key_is_set(None)] == ["banking.E001"]
    monkeypatch.setenv("BANK_DETAILS_KEY", "not-a-key")
    assert [error.id for error in bank_details_key_is_set(None)] == ["banking.E002"]
    monkeypatch.setenv("BANK_DETAILS_KEY", Fernet.generate_key().decode())
    assert bank_details_key_is_set(None) == []


def test_the_members_own_data_export_never_holds_the_numbers_in_clear(bank_details):
    import io
    import zipfile

    from cms.members.my_data.export import build_export

    archive = zipfile.ZipFile(io.BytesIO(build_export(bank_details.member.user)))
    everything = " ".join(archive.read(name).decode() for name in archive.namelist())
    assert "banking.bankdetails" in everything
    for secret in ("00733445", "309480", "ROLL-77"):
        assert secret not in everything
