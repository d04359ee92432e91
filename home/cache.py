"""Django's Redis cache, made cheaper per call and able to degrade to "nothing cached".

Django builds a new redis.Redis object (and its table of some 150 response callbacks) for every
cache call; pages make several calls each, so that was a tenth of a page's CPU. The objects hold
no connection of their own (the pool does) and are safe to share, so each pool gets one.

Pages, figures and rate limits use the cache only to go faster or count attempts: with Redis
down the site must keep answering, uncached. Every call that cannot reach Redis returns what a
miss returns, and for a few seconds afterwards this process does not try again, so an outage
costs one refused connection (or one short timeout) per process every few seconds instead of
one per cache call.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5


class CacheUnavailable(ValueError):
    """Raised by incr(): callers already treat ValueError as "no such key"."""


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


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

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @property
    def is_reachable(self):
        return not self._down_until

    def _count_in_window(self, key, timeout, version=None):
        """Add one to a counter that expires `timeout` seconds after its first count.

        Django's add() then incr() costs three round trips (incr first checks that the key
        exists); in a registration rush this one pipelined trip is a tenth of a POST's CPU.
        """
        key = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
        pipeline.set(key, 0, ex=timeout, nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]

    count_in_window = _degrades_to(_raise_unavailable)(_count_in_window)
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
