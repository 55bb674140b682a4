"""django-q2's Redis broker, made safe to enqueue on while Redis is down.

Tasks are queued from ``transaction.on_commit`` callbacks in requests: with the stock
broker a stopped Redis raises there, after the data is saved, and the visitor sees an
error for something that worked. This broker logs the failure and drops the message; the
work is not lost, because every task works from rows in the database that its app's
schedule sweeps up again (for example ``retry_unsent_emails`` for unsent notifications).
"""

import logging

from django_q.brokers.redis_broker import Redis
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class TolerantRedisBroker(Redis):
    def enqueue(self, task):
        try:
            return super().enqueue(task)
        except (RedisError, OSError):
            logger.warning(
                "Task queue unavailable: a task was not queued; its schedule will retry it"
            )
            return None
