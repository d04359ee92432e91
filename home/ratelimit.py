"""Counting attempts per client in the shared cache, so a limit holds across gunicorn workers."""

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


def client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


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
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        # Django's add() then incr() costs Redis three round trips (incr checks that the key
        # exists); in a registration rush this one pipelined trip is a tenth of a POST's CPU.
        redis_key = cache.make_and_validate_key(key)
        pipeline = cache._cache.get_client(redis_key, write=True).pipeline(transaction=False)
        pipeline.set(redis_key, 0, ex=window_seconds, nx=True)
        pipeline.incr(redis_key)
        return pipeline.execute()[1]
    return 1 if cache.add(key, 1, timeout=window_seconds) else cache.incr(key)
