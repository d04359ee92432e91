"""A Redis cache that degrades to "nothing cached" when Redis is unreachable.

Pages, figures and rate limits use the cache only to go faster or count attempts: with Redis
down the site must keep answering, uncached. Every call that cannot reach Redis returns what a
miss returns, and for a few seconds afterwards this process does not try again, so an outage
costs one refused connection (or one short timeout) per process every few seconds instead of
one per cache call.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5


class CacheUnavailable(ValueError):
    """Raised by incr(): callers already treat ValueError as "no such key"."""


def _degrades_to(fallback):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                if not self._down_until:
                    logger.warning("Redis unreachable, serving without cache: %s", type(error).__name__)
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                return fallback(*args, **kwargs)
            if self._down_until:
                logger.warning("Redis reachable again")
                self._down_until = 0
            return result

        return wrapper

    return decorate


def _raise_unavailable(*args, **kwargs):
    raise CacheUnavailable("cache unavailable")


class ResilientRedisCache(RedisCache):
    _down_until = 0

    @property
    def is_reachable(self):
        return not self._down_until

    add = _degrades_to(lambda *a, **k: False)(RedisCache.add)
    get = _degrades_to(lambda key, default=None, version=None: default)(RedisCache.get)
    set = _degrades_to(lambda *a, **k: None)(RedisCache.set)
    touch = _degrades_to(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrades_to(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrades_to(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrades_to(lambda *a, **k: False)(RedisCache.has_key)
    incr = _degrades_to(_raise_unavailable)(RedisCache.incr)
    set_many = _degrades_to(lambda data, *a, **k: list(data))(RedisCache.set_many)
    delete_many = _degrades_to(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrades_to(lambda *a, **k: False)(RedisCache.clear)
