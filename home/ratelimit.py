"""Counting attempts per client in the shared cache, so a limit holds across gunicorn workers."""

import logging
import time

from django.core.cache import caches

from home.cache import ResilientRedisCache
from home.client_ip import client_ip

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
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        return cache.count_in_window(key, window_seconds)
    return 1 if cache.add(key, 1, timeout=window_seconds) else cache.incr(key)
