"""Counting attempts per client in the shared cache, so a limit holds across gunicorn workers."""

import logging
import time

from django.core.cache import cache

from core.client_ip import client_ip

logger = logging.getLogger(__name__)


def is_limited(scope, request, limit, window_seconds):
    """Count this attempt; True when the client has made more than `limit` in the window.

    When the cache is unreachable the attempt is allowed: refusing every participant because
    Redis is down would be worse than letting a few extra attempts through.
    """
    bucket = int(time.time() // window_seconds)
    key = f"ratelimit:{scope}:{client_ip(request)}:{bucket}"
    try:
        count = _count(key, window_seconds)
    except Exception:  # noqa: BLE001 (any cache failure means "not counted", never an error page)
        logger.warning("Rate limit for %s not counted: cache unavailable", scope)
        return False
    return count > limit


def _count(key, window_seconds):
    """This attempt's number in its window."""
    redis_client = getattr(cache, "client", None)  # django-redis; None for the local-memory cache
    if redis_client is None:
        return 1 if cache.add(key, 1, timeout=window_seconds) else cache.incr(key)
    # One pipelined trip instead of add() and incr() (three, since incr() first checks that the
    # key exists): in a registration rush that was a tenth of a POST's CPU.
    redis_key = redis_client.make_key(key)
    pipeline = redis_client.get_client(write=True).pipeline(transaction=False)
    pipeline.set(redis_key, 0, ex=window_seconds, nx=True)
    pipeline.incr(redis_key)
    return pipeline.execute()[1]
