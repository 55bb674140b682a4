import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_q.brokers import get_broker
from django_q.status import Stat

logger = logging.getLogger(__name__)


def _database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any driver error means "cannot be reached"
        logger.warning("Health check: database unreachable", exc_info=True)
        return "down"
    return "ok"


def _cache_state() -> str:
    # The Redis cache carries on in memory when Redis is down (cms/core/cache.py), so ask
    # it directly; other caches answer a round trip.
    key = f"health-check:{uuid.uuid4().hex}"
    try:
        if hasattr(cache, "ping"):
            working = cache.ping()
        else:
            cache.set(key, "ok", 10)
            working = cache.get(key) == "ok"
            cache.delete(key)
    except Exception:
        working = False
    if not working:
        logger.warning("Health check: cache unreachable")
        return "down"
    return "ok"


def _task_queue_state() -> dict:
    try:
        broker = get_broker()
        queued = broker.queue_size()
    except Exception:
        logger.warning("Health check: task queue unreachable", exc_info=True)
        return {"status": "down"}
    try:
        stats = Stat.get_all(broker=broker)
    except Exception:  # cluster statistics live in the cache, which may be the part down
        stats = []
    heartbeats = [stat.timestamp for stat in stats if getattr(stat, "timestamp", None)]
    state = {
        # No running cluster is worth knowing about, but the site still serves pages.
        "status": "ok" if stats else "no workers",
        "queued": queued,
        "workers": len(stats),
    }
    if heartbeats:
        state["last_heartbeat"] = max(heartbeats).isoformat()
    return state


@never_cache
@require_GET
def health(request):
    """200 while the database answers, 503 when it does not; says what else is down.

    The cache and the task queue being down make the site slower or delay emails, but it
    still serves pages, so they are reported without failing the check.
    """
    database = _database_state()
    healthy = database == "ok"
    task_queue = _task_queue_state() if healthy else {"status": "unknown"}
    cache_state = _cache_state()
    down = [
        name
        for name, state in (
            ("database", database),
            ("cache", cache_state),
            ("task_queue", task_queue["status"]),
        )
        if state == "down"
    ]
    return JsonResponse(
        {
            "status": "ok" if healthy else "down",
            "database": database,
            "cache": cache_state,
            "task_queue": task_queue,
            "down": down,
        },
        status=200 if healthy else 503,
    )
