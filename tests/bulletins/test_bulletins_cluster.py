"""Ten thousand subscribers through a real django-q2 cluster, one worker killed half way.

The cluster runs as a separate process (``manage.py qcluster`` with ``bench.qcluster_settings``)
on this test's own database, with two workers, the file email backend and a short retry, so a
task whose worker died is delivered again within seconds. The test kills one worker that is
part-way through a batch (SIGKILL, by its process id) and expects every subscriber to get
exactly one email.

Why the kill is timed: between the mail server taking an email and the database committing its
"sent" mark there is a gap of a few microseconds that no program can close; a worker killed in
exactly that gap makes the next copy of the task send that one email again (with the same
Message-ID, so mail programs show it once). The test freezes the worker (SIGSTOP), checks that
the last email it wrote is already marked sent (so it is outside that gap), and only then kills
it; otherwise it lets it run a moment and tries again.
"""

import os
import re
import shutil
import signal
import time

import pytest
from django.db import close_old_connections
from django_q.conf import Conf

from bench.cluster import MESSAGE_ID, Cluster, message_ids, sqlite_shared_with_a_cluster
from cms.bulletins.factories import (
    BulletinIndexPageFactory,
    BulletinPageFactory,
    confirmed_subscribers,
)
from cms.bulletins.models import BulletinDelivery, BulletinSend
from cms.bulletins.sending import send_counts, start_send
from cms.subscriptions.models import Subscriber

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

RECIPIENTS = 10_000
PLAIN_TEXT = 1_000
TIME_LIMIT = 150  # seconds: the test gives up (and stops the cluster) after this
OUR_MESSAGE_ID = re.compile(rb"<bulletin-(\d+)-(\d+)@")


def wait_for(condition, *, until: float, every: float = 0.2, what: str):
    while time.monotonic() < until:
        close_old_connections()
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"Gave up waiting: {what}")


def last_email_is_marked_sent(email_file) -> bool:
    """True if the last email in a (frozen) worker's file is already committed as sent, or the
    file has none yet: killing the worker now cannot make anyone get a second copy."""
    found = MESSAGE_ID.findall(email_file.read_bytes())
    if not found:
        return True
    page_id, subscriber_id = OUR_MESSAGE_ID.match(found[-1]).groups()
    return BulletinDelivery.objects.filter(
        page_id=int(page_id), subscriber_id=int(subscriber_id), status="sent"
    ).exists()


def kill_a_sending_worker(cluster: Cluster, *, until: float) -> int:
    """SIGKILL one worker that is part-way through a batch, outside the hand-over gap."""
    while time.monotonic() < until:
        for pid, email_file in cluster.sending_workers().items():
            os.kill(pid, signal.SIGSTOP)
            try:
                safe = last_email_is_marked_sent(email_file)
            except Exception:
                os.kill(pid, signal.SIGCONT)
                raise
            if safe:
                os.kill(pid, signal.SIGKILL)
                return pid
            os.kill(pid, signal.SIGCONT)
        time.sleep(0.02)
    raise AssertionError("No worker could be caught part-way through a batch")


@pytest.fixture
def shared_database():
    with sqlite_shared_with_a_cluster():
        yield


def test_ten_thousand_emails_once_each_though_a_worker_is_killed_half_way(
    shared_database, home_page, site, editor, tmp_path, monkeypatch
):
    issue = BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home_page))
    confirmed_subscribers(RECIPIENTS - PLAIN_TEXT, prefix="html")
    confirmed_subscribers(
        PLAIN_TEXT, prefix="plain", email_format=Subscriber.EmailFormat.PLAIN_TEXT
    )
    # This process queues the tasks for the cluster instead of running them itself.
    monkeypatch.setattr(Conf, "SYNC", False)
    email_dir = tmp_path / "emails"
    until = time.monotonic() + TIME_LIMIT

    with Cluster(email_dir=email_dir, timeout=8, retry=10) as cluster:
        send = start_send(issue, service_areas=[], requested_by=editor)

        def half_sent():
            assert cluster.alive(), cluster.log_path.read_text()
            return send.deliveries.filter(status="sent").count() >= RECIPIENTS // 2

        wait_for(half_sent, until=until, what="half the emails sent")
        killed = kill_a_sending_worker(cluster, until=until)

        def finished():
            assert cluster.alive(), cluster.log_path.read_text()
            return BulletinSend.objects.get(pk=send.pk).status == BulletinSend.Status.FINISHED

        wait_for(finished, until=until, every=0.5, what="the send to finish")
        assert killed not in cluster.sending_workers()
        # django-q2's guard noticed the dead worker and started another in its place.
        assert "reincarnated worker" in cluster.log_path.read_text()

    assert send_counts(send) == {"queued": 0, "sent": RECIPIENTS, "failed": 0, "total": RECIPIENTS}
    ids = message_ids(email_dir)
    assert len(set(ids)) == RECIPIENTS
    assert len(ids) == RECIPIENTS, "someone got the issue twice"
    expected = {
        f"<bulletin-{issue.pk}-{pk}@localhost>".encode()
        for pk in Subscriber.objects.values_list("pk", flat=True)
    }
    assert set(ids) == expected
    shutil.rmtree(email_dir)  # tens of megabytes of email, checked
