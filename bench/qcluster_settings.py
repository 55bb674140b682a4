"""Settings for a real django-q2 cluster that a test or ``make bench`` starts as a separate
process (``manage.py qcluster``) against the database that test or benchmark made.

The test settings with three switches, all from the environment:

- ``INVOLVE_CLUSTER_DB_NAME``: the database to use (the SQLite file, or the PostgreSQL test
  database's name when ``DATABASE_URL`` is set);
- ``INVOLVE_CLUSTER_EMAIL_DIR``: where the file email backend writes each email, so the test
  can count them by Message-ID;
- ``INVOLVE_CLUSTER_TIMEOUT`` / ``INVOLVE_CLUSTER_RETRY``: django-q2's task time limit and how
  soon a task whose worker died is delivered again (short, so a test recovers quickly).
"""

import os

from cms.settings.test import *  # noqa: F403
from cms.settings.test import DATABASES

DATABASES["default"]["NAME"] = os.environ["INVOLVE_CLUSTER_DB_NAME"]
DATABASES["default"].pop("TEST", None)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two workers and the test write to one file: wait for the lock, read while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }  # the same as bench.cluster.SQLITE_SHARED_OPTIONS

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["INVOLVE_CLUSTER_EMAIL_DIR"]

Q_CLUSTER = {
    # The same name as the test settings' cluster, so it serves the queue the test fills.
    "name": "involve-test",
    "orm": "default",
    "sync": False,
    "workers": int(os.environ.get("INVOLVE_CLUSTER_WORKERS", "2")),
    "timeout": int(os.environ.get("INVOLVE_CLUSTER_TIMEOUT", "8")),
    "retry": int(os.environ.get("INVOLVE_CLUSTER_RETRY", "10")),
    "max_attempts": 3,
    "poll": 0.1,
    # Few tasks wait in memory, so none waits longer than "retry" and starts twice.
    "queue_limit": 2,
    "save_limit": 100,
    "catch_up": False,
}
