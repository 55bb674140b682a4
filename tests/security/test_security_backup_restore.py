"""`manage.py backup` then `manage.py restore` into a fresh database finds every record.

Runs against whichever database the suite is on: on SQLite it restores into a new file,
on PostgreSQL (CI's second run) into a new database made, and dropped, by the test, with
pg_dump and pg_restore. Every row of every table is compared, not just a count.
"""

import os
import secrets
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from cms.core.backups import BackupError, restore
from cms.core.crypto import decrypt_text
from cms.core.page_cache import lookup_with_generation
from cms.members.models import MemberProfile

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def raw_connection(settings_dict: dict):
    """A plain DB-API connection, the same kind for the original and the copy, so both are
    read with the same type conversions (and outside the test's own connection)."""
    if "sqlite" in settings_dict["ENGINE"]:
        import sqlite3

        return sqlite3.connect(
            settings_dict["NAME"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        )
    import psycopg

    return psycopg.connect(
        dbname=settings_dict["NAME"],
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
    )


def table_rows(settings_dict: dict) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    rows = {}
    db = raw_connection(settings_dict)
    try:
        cursor = db.cursor()
        if "sqlite" in settings_dict["ENGINE"]:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in cursor.fetchall():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    finally:
        db.close()
    return rows


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the same kind as the suite's (dropped afterwards)."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "fresh.sqlite3")
        yield settings_dict
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"backups do not support {connection.vendor}")
    name = f"involve_restore_{os.getpid()}_{secrets.token_hex(4)}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name
    try:
        yield settings_dict
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_database_has_every_record(fresh_database, tmp_path):
    call_command("load_demo_data", password="a-long-demo-password", stdout=StringIO())
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    (private / "backup-check").mkdir(parents=True, exist_ok=True)
    (private / "backup-check" / "receipt.txt").write_text("a receipt")
    before = table_rows(connection.settings_dict)
    files_before = sorted(
        str(path.relative_to(private)) for path in private.rglob("*") if path.is_file()
    )

    out = StringIO()
    call_command("backup", output_dir=str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("involve-*.tar.gz")
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    settings_dict = fresh_database
    restored_private, restored_media = tmp_path / "private", tmp_path / "media"
    kept_pages = lookup_with_generation("no-such-page")[0]
    with override_settings(PRIVATE_MEDIA_ROOT=restored_private, MEDIA_ROOT=restored_media):
        restore(archive=archive, db=settings_dict)
    after = table_rows(settings_dict)
    # Nothing the cache kept from the data before the restore is served after it.
    assert lookup_with_generation("no-such-page")[0] != kept_pages

    assert sorted(after) == sorted(before)
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after the restore"
    # The demo fills most of our apps: the comparison is not of empty tables.
    filled = {table.split("_")[0] for table, rows in before.items() if rows}
    assert len([table for table, rows in before.items() if rows]) > 60, filled
    files_after = sorted(
        str(path.relative_to(restored_private))
        for path in restored_private.rglob("*")
        if path.is_file()
    )
    assert files_after == files_before
    assert (restored_private / "backup-check" / "receipt.txt").read_text() == "a receipt"

    # Encrypted fields come back readable with the same key.
    original = MemberProfile.objects.exclude(meeting_support="").order_by("pk").first()
    table = MemberProfile._meta.db_table
    copy = raw_connection(settings_dict)
    try:
        cursor = copy.cursor()
        cursor.execute(f"SELECT meeting_support FROM {table} WHERE id = {original.pk}")  # noqa: S608
        (token,) = cursor.fetchone()
    finally:
        copy.close()
    assert original.meeting_support not in token
    assert decrypt_text(token) == original.meeting_support != ""


def test_a_backup_cannot_be_restored_into_the_other_kind_of_database(tmp_path):
    call_command("backup", output_dir=str(tmp_path), stdout=StringIO())
    (archive,) = tmp_path.glob("involve-*.tar.gz")
    other = (
        {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}
        if connection.vendor == "sqlite"
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3")}
    )
    with pytest.raises(BackupError, match="cannot be restored"):
        restore(archive=archive, db=other, files=False)


def test_restore_asks_before_replacing_the_database(tmp_path, monkeypatch):
    call_command("backup", output_dir=str(tmp_path), stdout=StringIO())
    (archive,) = tmp_path.glob("involve-*.tar.gz")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), stdout=StringIO())
