"""How long an e-bulletin send to 10,000 subscribers takes through a real django-q2 cluster
with two workers: ``make bench`` (``python -m bench.bulletin_send``).

Makes a throw-away database (SQLite by default; PostgreSQL when ``DATABASE_URL`` is set) with
10,000 confirmed subscribers, starts ``manage.py qcluster`` on it with the file email backend,
and times, three times each, a send to 1,000 of them and a send to all 10,000: from
``start_send`` until the send is finished. Prints the median of each, the ratio between them,
and whether the 10,000 send stays under the 60-second target. Not part of ``make test``.
"""

import logging
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django

django.setup()
logging.disable(logging.INFO)  # the numbers, not every page save

from django.db import close_old_connections, connection  # noqa: E402
from django_q.conf import Conf  # noqa: E402

from bench.cluster import Cluster, sqlite_shared_with_a_cluster  # noqa: E402
from cms.bulletins.factories import (  # noqa: E402
    BulletinIndexPageFactory,
    BulletinPageFactory,
    confirmed_subscribers,
)
from cms.bulletins.models import BulletinSend  # noqa: E402
from cms.bulletins.sending import send_counts, start_send  # noqa: E402
from cms.home.models import HomePage  # noqa: E402
from cms.opportunities.factories import ServiceAreaFactory  # noqa: E402
from cms.users import roles  # noqa: E402
from cms.users.factories import StaffUserFactory  # noqa: E402

RUNS = 3
SMALL, LARGE = 1_000, 10_000
TARGET_SECONDS = 60
GIVE_UP_AFTER = 600


def timed_send(issue, *, areas, editor, expected: int) -> float:
    started = time.monotonic()
    send = start_send(issue, service_areas=areas, requested_by=editor)
    while True:
        close_old_connections()
        if BulletinSend.objects.get(pk=send.pk).status == BulletinSend.Status.FINISHED:
            break
        if time.monotonic() - started > GIVE_UP_AFTER:
            raise SystemExit(f"Gave up: the send was not finished after {GIVE_UP_AFTER} s")
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    counts = send_counts(send)
    if counts["sent"] != expected:
        raise SystemExit(f"Expected {expected} sent, found {counts}")
    return elapsed


def main() -> int:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    work = Path(tempfile.mkdtemp(prefix="involve-bench-"))
    try:
        with sqlite_shared_with_a_cluster():
            return measure(work)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        for path in sorted(work.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        work.rmdir()


def measure(work: Path) -> int:
    index = BulletinIndexPageFactory(parent=HomePage.objects.get(depth=2))
    editor = StaffUserFactory(email="bench-editor@example.org", role=roles.EDITORS)
    small_area = ServiceAreaFactory(name="Bench small segment")
    other_area = ServiceAreaFactory(name="Bench everyone else")
    confirmed_subscribers(SMALL, prefix="small", areas=[small_area])
    confirmed_subscribers(LARGE - SMALL, prefix="rest", areas=[other_area])
    Conf.SYNC = False  # queue tasks for the cluster instead of running them here
    small, large = [], []
    with Cluster(email_dir=work / "emails", timeout=60, retry=90) as cluster:
        time.sleep(3)  # let the workers start before the clock does
        for run in range(1, RUNS + 1):
            for size, areas, times in (
                (SMALL, [small_area], small),
                (LARGE, [], large),
            ):
                issue = BulletinPageFactory(parent=index, title=f"Bench {size} run {run}")
                seconds = timed_send(issue, areas=areas, editor=editor, expected=size)
                if not cluster.alive():
                    raise SystemExit(cluster.log_path.read_text())
                times.append(seconds)
                print(
                    f"run {run}: {size:>6} recipients in {seconds:6.1f} s "
                    f"({size / seconds:5.0f} emails a second)",
                    flush=True,
                )
    small_median, large_median = statistics.median(small), statistics.median(large)
    print(f"database: {connection.vendor}; workers: 2; cpus: {os.cpu_count()}")
    print(f"median {SMALL:>6}: {small_median:.1f} s")
    print(f"median {LARGE:>6}: {large_median:.1f} s")
    print(f"ratio {LARGE} / {SMALL}: {large_median / small_median:.1f}")
    verdict = "meets" if large_median < TARGET_SECONDS else "MISSES"
    print(f"{verdict} the target of {TARGET_SECONDS} s for {LARGE} recipients")
    return 0


if __name__ == "__main__":
    sys.exit(main())
