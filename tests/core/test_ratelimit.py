from django.test import RequestFactory, override_settings

from core.rate_limits import is_limited
from site_project.settings.base import redis_cache
from tests.conftest import free_port


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def attempts(count, address="10.0.0.1"):
    return [is_limited("test", request_from(address), 3, 600) for _ in range(count)]


def test_limit_counts_per_address_in_the_local_cache():
    assert attempts(5) == [False, False, False, True, True]
    assert attempts(1, address="10.0.0.2") == [False]


def test_limit_is_shared_through_redis_and_expires_with_its_window(production_cache):
    assert attempts(5) == [False, False, False, True, True]
    assert attempts(1, address="10.0.0.2") == [False]
    redis = production_cache.client.get_client(write=False)
    keys = redis.keys("*ratelimit:test:10.0.0.1:*")
    assert len(keys) == 1
    assert 0 < redis.ttl(keys[0]) <= 600
    assert int(redis.get(keys[0])) == 5


def test_an_unreachable_cache_lets_the_attempt_through():
    # Refusing every participant would be worse than a few extra tries.
    with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}):
        assert attempts(5) == [False] * 5
