"""Two web servers and two task clusters on PostgreSQL and Redis, behind the round-robin
proxy, as ``make cluster`` runs them (``bench.cluster_run.LocalCluster``).

One test, in steps, because starting the cluster is the slow part: the processes run on
this test's own database (committed as it goes: ``transaction=True``), their own Redis
database number (emptied before and after) and one shared media folder under ``tmp_path``.
Every process is stopped by its id when the test ends, whether it passed or not.

It runs in CI's PostgreSQL pass; on SQLite it is skipped (several servers need a database
server), and so it is when Redis does not answer.
"""

import re
import threading
import time

import pytest
import requests
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import close_old_connections, connection
from django.utils import timezone
from django_q.models import Schedule, Task

from bench.cluster import message_ids
from bench.cluster_run import LocalCluster, cluster_environment, flush_redis
from bench.proxy import SERVER_HEADER
from cms.bulletins.factories import (
    BulletinIndexPageFactory,
    BulletinPageFactory,
    confirmed_subscribers,
)
from cms.bulletins.models import BulletinSend
from cms.core.management.commands.ensure_schedules import declared_schedules
from cms.resources.factories import ResourceIndexPageFactory, ResourcePageFactory
from cms.users import roles
from cms.users.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Its own Redis database number, so nothing else on the machine is touched.
REDIS_URL = "redis://127.0.0.1:6379/12"
PASSWORD = "a-long-cluster-password"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
RECIPIENTS = 10_000
DAILY_SCHEDULE = "subscriptions: forget unconfirmed addresses"
# django-q2's guard looks for due schedules every 30 seconds of its own running
# (django_q/cluster.py, Sentinel.guard): waiting this long after both clusters report
# running means both have looked at least once.
BOTH_SCHEDULERS_HAVE_LOOKED = 45
TIME_LIMIT = 170  # seconds for the whole test once the cluster runs


def wait_for(condition, *, until: float, what: str, every: float = 0.3):
    while time.monotonic() < until:
        close_old_connections()
        result = condition()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"Gave up waiting: {what}")


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def form_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def post_form(browser: requests.Session, url: str, data: dict, *, form_url: str = ""):
    """GET the form (for its CSRF token), then POST it; redirects are not followed."""
    page = browser.get(form_url or url, timeout=30)
    assert page.status_code == 200, (page.status_code, form_url or url)
    return browser.post(
        url, data={"csrfmiddlewaretoken": form_token(page.text), **data}, allow_redirects=False
    )


def sign_in(browser: requests.Session, server: str, email: str, *, two_factor=False):
    answer = post_form(browser, f"{server}/accounts/login/", {"login": email, "password": PASSWORD})
    if two_factor:
        assert "/2fa/authenticate/" in answer.headers["Location"], answer.status_code
        counter = int(time.time()) // 30
        if 30 - time.time() % 30 < 3:  # never a code about to expire before it is checked
            time.sleep(3.5)
            counter += 1
        answer = post_form(
            browser,
            f"{server}/accounts/2fa/authenticate/",
            {"code": format_hotp_value(hotp_value(TOTP_SECRET, counter))},
        )
    return answer


def person(factory=UserFactory, **fields):
    """A person who can sign in to the servers: their password hashed with a hasher the
    production settings accept (the test settings' fast one is not among them)."""
    user = factory(**fields)
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def cluster(tmp_path):
    """The cluster, not yet started, on this test's database and its own Redis database."""
    import redis

    if connection.vendor != "postgresql":
        pytest.skip("the cluster test needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    try:
        flush_redis(REDIS_URL)
    except redis.RedisError as error:
        pytest.skip(f"Redis does not answer at {REDIS_URL}: {error}")
    env = cluster_environment(database_url=database_url(), redis_url=REDIS_URL, work=tmp_path)
    env["Q_LOG_LEVEL"] = "INFO"  # so the log says which cluster ran the schedule
    cluster = LocalCluster(env, work=tmp_path, web_servers=2, task_clusters=2)
    cluster.email_dir = tmp_path / "emails"
    cluster.media_dir = tmp_path / "media"
    yield cluster
    cluster.stop()  # already stopped unless the test failed while starting it
    flush_redis(REDIS_URL)


def test_two_servers_and_two_task_clusters_share_everything(cluster, home_page, site):
    # --- Data, committed before the processes start -------------------------------------
    member = person(email="asha.member@example.org")
    locked_out = person(email="sam.forgetful@example.org")
    editor = person(StaffUserFactory, email="cluster-editor@example.org", role=roles.EDITORS)
    TOTP.activate(editor, TOTP_SECRET)
    resource = ResourcePageFactory(
        parent=ResourceIndexPageFactory(parent=home_page), title="Travel help before"
    )
    issue = BulletinPageFactory(parent=BulletinIndexPageFactory(parent=home_page))
    confirmed_subscribers(RECIPIENTS, prefix="cluster")
    Schedule.objects.all().delete()
    daily = next(spec for spec in declared_schedules() if spec["name"] == DAILY_SCHEDULE)
    assert daily["schedule_type"] == Schedule.DAILY
    schedule = Schedule.objects.create(
        **daily, repeats=-1, next_run=timezone.now() - timezone.timedelta(minutes=1)
    )

    with cluster:
        started = time.monotonic()
        until = started + TIME_LIMIT
        one, two = cluster.server_url(0), cluster.server_url(1)

        # --- A person signs in through one server and carries on through the other -----
        browser = requests.Session()
        answer = sign_in(browser, one, member.email)
        assert answer.status_code == 302, answer.status_code
        carried_on = browser.get(f"{two}/accounts/email/", allow_redirects=False, timeout=30)
        assert carried_on.status_code == 200
        assert member.email in carried_on.text
        assert (
            requests.get(f"{two}/accounts/email/", allow_redirects=False, timeout=30).status_code
            == 302
        )

        # --- Sign-in limits count across servers (allauth's rate limits in Redis) -------
        # allauth's key includes the Host header, which a load balancer passes on unchanged.
        for attempt in range(5):
            anyone = requests.Session()
            anyone.headers["Host"] = "localhost"
            wrong = post_form(
                anyone,
                f"{(one, two)[attempt % 2]}/accounts/login/",
                {"login": locked_out.email, "password": "not-the-password"},
            )
            assert wrong.status_code == 200  # the form again, with an error
            assert "Too many failed login attempts" not in wrong.text
        anyone = requests.Session()
        anyone.headers["Host"] = "localhost"
        refused = sign_in(anyone, two, locked_out.email)
        assert refused.status_code == 200
        assert "Too many failed login attempts" in refused.text

        # --- An editor publishes through one server; the other serves it at once -------
        # A visitor's pages come from the cache the servers share (the page cache keys on
        # the Host header, so through the proxy): the second read is a hit on the other one.
        visitor = f"{cluster.url}{resource.url}"
        first = requests.get(visitor, timeout=30)
        again = requests.get(visitor, timeout=30)
        assert "Travel help before" in first.text
        assert first.headers["X-Involve-Cache"] == "miss"
        assert again.headers["X-Involve-Cache"] == "hit"
        assert first.headers[SERVER_HEADER] != again.headers[SERVER_HEADER]
        resource.title = "Travel help after"
        resource.save_revision(user=editor)  # a draft: visitors still see the old title
        assert "Travel help before" in requests.get(visitor, timeout=30).text

        staff = requests.Session()
        signed_in = sign_in(staff, one, editor.email, two_factor=True)
        assert signed_in.status_code == 302, signed_in.text[:500]
        publish = f"{one}/admin/bulk/wagtailcore/page/publish/?id={resource.pk}"
        published = post_form(staff, publish, {})
        assert published.status_code == 302, published.text[:500]
        # Both servers, at once: neither serves the page it had cached.
        for _server in range(2):
            fresh = requests.get(visitor, timeout=30)
            assert "Travel help after" in fresh.text
            assert "Travel help before" not in fresh.text

        # --- Files an editor uploads through one server, the other serves ---------------
        upload = f"{one}/admin/documents/add/"
        token = form_token(staff.get(upload, timeout=30).text)
        added = staff.post(
            upload,
            data={"csrfmiddlewaretoken": token, "title": "Travel claim form"},
            files={"file": ("travel-claim-form.txt", b"Fill in the date and the fare.\n")},
            allow_redirects=False,
        )
        assert added.status_code == 302, added.text[:500]
        from wagtail.documents import get_document_model

        close_old_connections()
        document = get_document_model().objects.get(title="Travel claim form")
        assert (cluster.media_dir / document.file.name).exists()
        download = requests.get(f"{two}{document.url}", timeout=30)
        assert download.status_code == 200
        assert download.content == b"Fill in the date and the fare.\n"

        # --- A 10,000-recipient bulletin while both task clusters run ----------------------
        send_page = f"{two}/admin/bulletins/issue/{issue.pk}/"
        sent = post_form(staff, send_page, {"action": "send", "checked_count": str(RECIPIENTS)})
        assert sent.status_code == 302, sent.text[:500]
        send = BulletinSend.objects.get(page=issue)

        def finished():
            cluster.check_alive()
            return BulletinSend.objects.get(pk=send.pk).status == BulletinSend.Status.FINISHED

        wait_for(finished, until=until, what="the bulletin send to finish", every=0.5)
        ours = re.compile(rf"^<bulletin-{issue.pk}-(\d+)@".encode())
        ids = [found for found in message_ids(cluster.email_dir) if ours.match(found)]
        assert len(ids) == RECIPIENTS, "someone got the issue twice, or not at all"
        assert len(set(ids)) == RECIPIENTS
        logs = {name: (cluster.logs / f"{name}.log").read_text() for name in ("tasks-1", "tasks-2")}
        assert all("Processed" in log for log in logs.values()), "a cluster did no work"

        # --- A daily schedule runs once, not once per cluster -------------------------------
        def both_clusters_have_looked_and_it_ran():
            looked = time.monotonic() - started > BOTH_SCHEDULERS_HAVE_LOOKED
            return looked and Task.objects.filter(group=DAILY_SCHEDULE).exists()

        wait_for(both_clusters_have_looked_and_it_ran, until=until, what="the daily schedule")
        assert Task.objects.filter(group=DAILY_SCHEDULE).count() == 1
        schedule.refresh_from_db()
        assert schedule.next_run > timezone.now() + timezone.timedelta(hours=23)
        logs = [(cluster.logs / f"{name}.log").read_text() for name in ("tasks-1", "tasks-2")]
        created = sum(log.count(f"from schedule [{DAILY_SCHEDULE}]") for log in logs)
        assert created == 1
        # Every task either cluster ran succeeded: none started before the rows it works on
        # were committed (the uploaded document's search indexing, for one).
        failed_tasks = list(Task.objects.filter(success=False).values_list("name", flat=True))
        assert not failed_tasks, failed_tasks

        # --- One web server killed mid-load; the other carries on, nothing fails -----------
        results = []  # (after the kill?, status or error, server)
        killed = threading.Event()
        stop = threading.Event()
        paths = ["/", resource.url, "/health/"]

        def load():
            session = requests.Session()
            n = 0
            while not stop.is_set():
                n += 1
                after = killed.is_set()
                try:
                    answer = session.get(f"{cluster.url}{paths[n % 3]}", timeout=30)
                    results.append((after, answer.status_code, answer.headers.get(SERVER_HEADER)))
                except requests.RequestException as error:
                    results.append((after, repr(error), None))

        clients = [threading.Thread(target=load) for _ in range(6)]
        for client in clients:
            client.start()
        try:
            wait_for(lambda: len(results) >= 150, until=until, what="load before the kill")
            cluster.kill_web_server(0)
            killed.set()
            count_at_kill = len(results)
            wait_for(lambda: len(results) >= count_at_kill + 300, until=until, what="load after it")
        finally:
            stop.set()
            for client in clients:
                client.join(30)

        before = [r for r in results if not r[0]]
        after = [r for r in results if r[0]]
        failed = [r for r in results if r[1] != 200]
        assert not failed, f"{len(failed)} of {len(results)} requests failed: {failed[:5]}"
        first_port, second_port = one.rsplit(":", 1)[1], two.rsplit(":", 1)[1]
        assert {r[2].rsplit(":", 1)[1] for r in before} == {first_port, second_port}
        # Requests sent just before the kill may have been answered by it; later, only two.
        late = after[len(after) // 2 :]
        assert {r[2].rsplit(":", 1)[1] for r in late} == {second_port}
