"""A django-q2 worker killed mid-task loses nothing, and failing tasks stop after a bound.

A real cluster (``manage.py qcluster`` with ``bench.qcluster_settings``, as the bulletin
kill test uses) runs on this test's database with a short retry, so a task whose worker
died is delivered again within seconds. The bulletin test
(tests/bulletins/test_bulletins_cluster.py) shows the same for a real send of 10,000
emails, exactly once each; this one is small and quick, and also shows the bound.
"""

import time

import pytest
from django.db import close_old_connections
from django_q.conf import Conf
from django_q.models import OrmQ, Success
from django_q.tasks import async_task

from bench.cluster import Cluster, sqlite_shared_with_a_cluster

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TIMEOUT, RETRY = 2, 3  # seconds: a task is delivered again RETRY seconds after it started
TIME_LIMIT = 45


def wait_for(condition, *, until: float, what: str):
    while time.monotonic() < until:
        close_old_connections()
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Gave up waiting: {what}")


def test_production_retries_a_bounded_number_of_times():
    import cms.settings.base as base

    assert base.Q_CLUSTER["max_attempts"] > 0  # 0 would mean "for ever"
    assert base.Q_CLUSTER["retry"] > base.Q_CLUSTER["timeout"]


def test_a_killed_worker_loses_nothing_and_failures_stop_after_max_attempts(tmp_path, monkeypatch):
    markers = tmp_path / "markers"
    markers.mkdir()
    monkeypatch.setattr(Conf, "SYNC", False)  # queue for the cluster, do not run here
    until = time.monotonic() + TIME_LIMIT
    max_attempts = 3  # bench.qcluster_settings, the same as production's

    with sqlite_shared_with_a_cluster():
        with Cluster(
            email_dir=tmp_path / "emails", timeout=TIMEOUT, retry=RETRY, workers=1
        ) as cluster:
            async_task("tests.security.resilience_tasks.dies_the_first_time", str(markers))
            async_task("tests.security.resilience_tasks.always_fails", str(markers))

            def finished():
                assert cluster.alive(), cluster.log_path.read_text()
                return (markers / "dies-finished").exists() and not OrmQ.objects.exists()

            wait_for(finished, until=until, what="both tasks to be done with")
            # One more retry period: nothing is delivered again.
            time.sleep(RETRY + 1)
            log = cluster.log_path.read_text()

        assert "reincarnated worker" in log
        dies = sorted(markers.glob("dies-attempt-*"))
        assert len(dies) == 2, "the killed task ran again, once"
        assert Success.objects.filter(func__endswith="dies_the_first_time").count() == 1
        assert len(list(markers.glob("fails-attempt-*"))) == max_attempts
        assert not OrmQ.objects.exists()
