import logging

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


def _task_queue_state() -> dict:
    try:
        broker = get_broker()
        queued = broker.queue_size()
        workers = len(Stat.get_all(broker=broker))
    except Exception:
        logger.warning("Health check: task queue unreachable", exc_info=True)
        return {"status": "down"}
    # No running cluster is worth knowing about, but the site still serves pages.
    return {"status": "ok" if workers else "no workers", "queued": queued, "workers": workers}


@never_cache
@require_GET
def health(request):
    """200 while the database answers, 503 when it does not; says how the queue is."""
    database = _database_state()
    task_queue = _task_queue_state() if database == "ok" else {"status": "unknown"}
    healthy = database == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "down", "database": database, "task_queue": task_queue},
        status=200 if healthy else 503,
    )
