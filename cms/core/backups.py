"""Back up and restore the whole site: the database and both media folders, one archive.

An archive (``backups/involve-<UTC time>.tar.gz``) holds:

- ``database.sqlite3``: a consistent copy made with SQLite's online backup API, so the
  site can keep running while it is taken; or ``database.pgdump``: ``pg_dump``'s custom
  format, restored with ``pg_restore``;
- ``media/`` and ``private-media/``: public uploads (``MEDIA_ROOT``) and member files
  (``PRIVATE_MEDIA_ROOT``: receipts, badge photos, papers);
- ``manifest.json``: when, from which kind of database, and the latest migration of
  each app (restore into code at least that new, then run ``migrate``).

The archive holds everything personal the site keeps (bank details and health fields
still encrypted, but their keys are in the environment, not the archive): store it as
carefully as the database itself, and keep the keys somewhere else.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.pgdump"
FOLDERS = {"media": "MEDIA_ROOT", "private-media": "PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def database_settings(url: str | None = None) -> dict:
    """The database to work on: ``url`` if given, else the site's own."""
    if url:
        return dj_database_url.parse(url)
    return dict(connections["default"].settings_dict)


def _vendor(db: dict) -> str:
    engine = db["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _postgres_args(db: dict) -> tuple[list[str], dict]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict) -> None:
    # The arguments come from the database settings, never from a request.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")


def _sqlite_path(db: dict) -> str:
    name = str(db["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return name


def _migrations(alias: str = "default") -> dict[str, str]:
    latest: dict[str, str] = {}
    recorder = MigrationRecorder(connections[alias])
    for app, name in recorder.applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def dump_database(db: dict, folder: Path) -> str:
    """Write the database into ``folder``; returns the file name used."""
    if _vendor(db) == "sqlite":
        target = folder / SQLITE_NAME
        source = sqlite3.connect(_sqlite_path(db))
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
        return SQLITE_NAME
    args, env = _postgres_args(db)
    target = folder / POSTGRES_NAME
    _run(
        ["pg_dump", *args, "--format=custom", "--no-owner", "--file", str(target), db["NAME"]],
        env,
    )
    return POSTGRES_NAME


def restore_database(db: dict, folder: Path, file_name: str) -> None:
    """Replace the contents of ``db`` with the dump in ``folder``."""
    vendor = _vendor(db)
    if (vendor == "sqlite") != (file_name == SQLITE_NAME):
        raise BackupError(
            f"This backup is of a {'SQLite' if file_name == SQLITE_NAME else 'PostgreSQL'} "
            f"database and cannot be restored into {vendor}."
        )
    if vendor == "sqlite":
        source = sqlite3.connect(folder / SQLITE_NAME)
        destination = sqlite3.connect(_sqlite_path(db))
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
            source.close()
        return
    args, env = _postgres_args(db)
    _run(
        [
            "pg_restore",
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            db["NAME"],
            str(folder / POSTGRES_NAME),
        ],
        env,
    )


def backup(*, output_dir: Path, db: dict | None = None) -> Path:
    """Make one archive of the database and media in ``output_dir``; returns its path."""
    db = db or database_settings()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    archive = output_dir / f"involve-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(prefix="involve-backup-") as work:
        work = Path(work)
        database_file = dump_database(db, work)
        manifest = {
            "created_at": datetime.now(UTC).isoformat(),
            "database": database_file,
            "migrations": _migrations(),
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        # Written beside the final name, then renamed: a half-written archive never
        # looks like a backup.
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / database_file, arcname=database_file)
            for arcname, setting in FOLDERS.items():
                folder = Path(getattr(settings, setting))
                if folder.is_dir():
                    tar.add(folder, arcname=arcname)
        os.chmod(partial, 0o600)
        partial.rename(archive)
    return archive


def forget_cached_copies() -> None:
    """Stop using every copy the shared cache keeps of the database's content (visitors'
    pages, the header and footer, members' dashboards), for when the database is
    replaced under a running cache. Queued tasks and sessions in Redis are left alone."""
    from .page_cache import bump_generation
    from .personal_cache import forget_for_everyone

    bump_generation()
    forget_for_everyone()


def restore(*, archive: Path, db: dict | None = None, files: bool = True) -> dict:
    """Restore ``archive`` into ``db`` (default: the site's database) and the media
    folders; returns the archive's manifest."""
    db = db or database_settings()
    with tempfile.TemporaryDirectory(prefix="involve-restore-") as work:
        work = Path(work)
        with tarfile.open(archive, "r:gz") as tar:
            # The data filter refuses absolute paths, links out of the folder and devices.
            tar.extractall(work, filter="data")
        manifest = json.loads((work / "manifest.json").read_text())
        restore_database(db, work, manifest["database"])
        # A dashboard or page kept from the data just replaced must not be shown again.
        forget_cached_copies()
        if files:
            for arcname, setting in FOLDERS.items():
                source = work / arcname
                if not source.is_dir():
                    continue
                target = Path(getattr(settings, setting))
                target.mkdir(parents=True, exist_ok=True)
                shutil.copytree(source, target, dirs_exist_ok=True)
    return manifest
