"""Start, watch and stop a real django-q2 cluster (``manage.py qcluster``) in a separate
process, for the bulletin kill test and the send benchmark.

Only processes this module started are ever signalled, each by its own id.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
MESSAGE_ID = re.compile(rb"^Message-ID: (<[^>\s]+>)", re.MULTILINE)


SQLITE_SHARED_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


@contextlib.contextmanager
def sqlite_shared_with_a_cluster():
    """While a cluster writes to this process's SQLite file: WAL (readers carry on while one
    writes), a busy timeout, and transactions that take the write lock at once (so two writers
    wait for each other instead of failing). Nothing changes on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    before = connection.settings_dict.get("OPTIONS")
    connection.close()
    connection.settings_dict["OPTIONS"] = dict(SQLITE_SHARED_OPTIONS)
    try:
        connection.ensure_connection()
        yield
    finally:
        connection.close()
        if before is None:
            connection.settings_dict.pop("OPTIONS", None)
        else:
            connection.settings_dict["OPTIONS"] = before


def children(pid: int) -> list[int]:
    """The ids of ``pid``'s child processes (Linux: from /proc)."""
    found = []
    for children_file in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in children_file.read_text().split())
        except OSError:  # the process or thread has just ended
            continue
    return found


def descendants(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        found.append(child)
        found.extend(descendants(child))
    return found


def open_email_file(pid: int, email_dir: Path) -> Path | None:
    """The email file ``pid`` is writing to (a worker part-way through a batch), if any."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                target = Path(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:
                continue
            if target.parent == email_dir:
                return target
    except OSError:
        return None
    return None


def message_ids(email_dir: Path) -> list[bytes]:
    """Every Message-ID the file email backend has written, once per email."""
    ids = []
    for path in sorted(email_dir.iterdir()):
        ids.extend(MESSAGE_ID.findall(path.read_bytes()))
    return ids


class Cluster:
    """``with Cluster(email_dir=...) as cluster:`` runs ``manage.py qcluster`` on the
    database this process uses (the test database in a test)."""

    def __init__(self, *, email_dir: Path, timeout: int = 8, retry: int = 10, workers: int = 2):
        self.email_dir = Path(email_dir)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.qcluster_settings",
            "INVOLVE_CLUSTER_DB_NAME": str(connection.settings_dict["NAME"]),
            "INVOLVE_CLUSTER_EMAIL_DIR": str(self.email_dir),
            "INVOLVE_CLUSTER_TIMEOUT": str(timeout),
            "INVOLVE_CLUSTER_RETRY": str(retry),
            "INVOLVE_CLUSTER_WORKERS": str(workers),
        }
        self.process = None
        self.log_path = self.email_dir.parent / "qcluster.log"

    def __enter__(self):
        self.email_dir.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "wb")  # closed in stop()
        # Our own interpreter and manage.py: nothing here comes from outside.
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def stop(self) -> None:
        """Ask the cluster to stop; kill whatever of it is left after a while, by id."""
        if self.process is None:
            return
        family = descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        for pid in family:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()
        self.process = None

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def sending_workers(self) -> dict[int, Path]:
        """Workers part-way through a batch, with the email file each is writing."""
        found = {}
        for pid in descendants(self.process.pid):
            path = open_email_file(pid, self.email_dir)
            if path is not None:
                found[pid] = path
        return found
