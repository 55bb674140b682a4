"""The site keeps serving when Redis (cache and task queue) is down, and /health/ says so.

Redis is "down" here by pointing at a closed local port (127.0.0.1:1): every connection
is refused at once, as when the Redis service has stopped.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_q.conf import Conf

from cms.notifications.models import Delivery, Notification
from cms.notifications.services import notify, retry_unsent_emails
from cms.users.factories import UserFactory

DOWN = "redis://127.0.0.1:1/0"
CACHE_DOWN = {"default": {"BACKEND": "cms.core.cache.TolerantRedisCache", "LOCATION": DOWN}}


@pytest.fixture
def task_queue_down(monkeypatch):
    """django-q2 configured as production is with REDIS_URL set, and that Redis down."""
    monkeypatch.setattr(Conf, "BROKER_CLASS", "cms.core.broker.TolerantRedisBroker")
    monkeypatch.setattr(Conf, "REDIS", DOWN)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "SYNC", False)


def test_the_settings_use_the_tolerant_cache_and_broker_with_redis(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "cms.core.cache.TolerantRedisCache"
        assert reloaded.Q_CLUSTER["broker_class"] == "cms.core.broker.TolerantRedisBroker"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)


@pytest.mark.django_db
@override_settings(CACHES=CACHE_DOWN)
def test_pages_and_sign_in_still_work_with_the_cache_down(client, site, member):
    assert client.get("/").status_code == 200
    # allauth counts sign-in attempts in the cache: a wrong password is still just refused.
    response = client.post(
        "/accounts/login/", {"login": "member@example.org", "password": "wrong-password-1"}
    )
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()


@pytest.mark.django_db
@override_settings(CACHES=CACHE_DOWN)
def test_health_names_the_cache_and_queue_as_down_and_still_answers_200(client, task_queue_down):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "down"
    assert body["task_queue"]["status"] == "down"
    assert body["down"] == ["cache", "task_queue"]


@pytest.mark.django_db
def test_health_says_the_cache_is_ok_when_it_is(client):
    body = client.get("/health/").json()
    assert body["cache"] == "ok"
    assert body["down"] == []


@pytest.mark.django_db
def test_an_email_saved_while_the_queue_is_down_is_sent_by_the_retry_schedule(
    task_queue_down, django_capture_on_commit_callbacks
):
    person = UserFactory(email="sam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipient=person, topic="support", key="down-1", subject="Hello", body="Hi")
    delivery = Delivery.objects.get(notification__key="down-1")
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 0
    assert mail.outbox == []

    # Soon after, the queue's task might still be on its way: the schedule leaves it.
    assert retry_unsent_emails() == 0
    Notification.objects.filter(key="down-1").update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    assert retry_unsent_emails() == 1
    assert [message.to for message in mail.outbox] == [["sam@example.org"]]
    assert retry_unsent_emails() == 0  # sent once only


def test_with_redis_down_the_cache_carries_on_in_memory_and_says_so():
    from cms.core.cache import TolerantRedisCache

    cache = TolerantRedisCache(DOWN, {})
    assert cache.add("sign-in-lock", True) is True
    assert cache.add("sign-in-lock", True) is False  # locks and rate limits still count
    cache.set("attempts", [1, 2], 60)
    assert cache.get("attempts") == [1, 2]
    assert cache.ping() is False


def test_with_redis_up_the_cache_uses_it():
    import redis

    try:
        redis.from_url("redis://127.0.0.1:6379/15", socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    from cms.core.cache import TolerantRedisCache

    cache = TolerantRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "involve-test"})
    assert cache.ping() is True
    cache.set("resilience", "in redis", 30)
    other = TolerantRedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "involve-test"})
    assert other.get("resilience") == "in redis"
    cache.delete("resilience")
