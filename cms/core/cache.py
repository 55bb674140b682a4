"""A Redis cache that lets the site keep serving when Redis is down.

Every page may touch the cache (sessions are in the database, but allauth's sign-in rate
limits, django-q2's cluster statistics and Wagtail's caches are not). With Django's own
Redis backend a stopped Redis turns every page into an error. This one logs the failure
and carries on with a cache in this process's memory until Redis answers again, so:
pages still serve; sign-in rate limits still count (per process rather than site-wide,
so a little looser); and while Redis is down it is only tried again every few seconds,
so a Redis that hangs rather than refuses does not slow every page. ``/health/`` reports
the cache as down meanwhile (``ping``).
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Seconds to wait for Redis before treating it as down: a page should not hang on it.
DEFAULT_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}
# Seconds to use the memory cache alone after Redis failed, before trying Redis again.
RETRY_AFTER = 5


def _with_fallback(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if time.monotonic() >= self._down_until:
            try:
                return redis_method(self, *args, **kwargs)
            except (RedisError, OSError):
                self._mark_down(name)
        return getattr(self._fallback, name)(*args, **kwargs)

    method.__name__ = name
    method.__doc__ = redis_method.__doc__
    return method


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, with an in-memory stand-in while Redis cannot be reached."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_TIMEOUTS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._fallback = LocMemCache(
            f"tolerant-redis-fallback-{id(self)}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "KEY_PREFIX": self.key_prefix},
        )

    def _mark_down(self, operation: str) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_AFTER
        logger.warning("Cache unavailable (%s): using this process's memory for now", operation)

    def ping(self) -> bool:
        """True if Redis answers now; used by /health/, never falls back."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError):
            return False

    get = _with_fallback("get")
    add = _with_fallback("add")
    set = _with_fallback("set")
    touch = _with_fallback("touch")
    delete = _with_fallback("delete")
    has_key = _with_fallback("has_key")
    incr = _with_fallback("incr")
    get_many = _with_fallback("get_many")
    set_many = _with_fallback("set_many")
    delete_many = _with_fallback("delete_many")
    clear = _with_fallback("clear")
