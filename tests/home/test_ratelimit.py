import socket

from django.core.cache import caches
from django.test import RequestFactory, override_settings

import pytest

from home.ratelimit import is_limited

REDIS = "home.cache.ResilientRedisCache"


def redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def attempts(count, address="10.0.0.1"):
    return [is_limited("test", request_from(address), 3, 600) for _ in range(count)]


def test_limit_counts_per_address_in_the_local_cache():
    assert attempts(5) == [False, False, False, True, True]
    assert attempts(1, address="10.0.0.2") == [False]


@pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_limit_is_shared_through_redis_and_expires_with_its_window():
    with override_settings(CACHES={"default": {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:6379/9"}}):
        cache = caches["default"]
        cache.clear()
        try:
            assert attempts(5) == [False, False, False, True, True]
            assert attempts(1, address="10.0.0.2") == [False]
            client = cache._cache.get_client(write=False)
            keys = client.keys("*ratelimit:test:10.0.0.1:*")
            assert len(keys) == 1
            assert 0 < client.ttl(keys[0]) <= 600
            assert int(client.get(keys[0])) == 5
        finally:
            cache.clear()


def test_an_unreachable_cache_lets_the_attempt_through():
    # Nothing listens on port 9: refusing every participant would be worse than a few extra tries.
    with override_settings(CACHES={"default": {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:9/0"}}):
        assert attempts(5) == [False] * 5
