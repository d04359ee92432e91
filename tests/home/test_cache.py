from django.core.cache import caches
from django.test import override_settings

import pytest

from tests.home.test_ratelimit import redis_is_up


@pytest.mark.skipif(not redis_is_up(), reason="Redis is not running on 127.0.0.1:6379")
def test_the_redis_cache_reuses_one_client_object():
    with override_settings(
        CACHES={
            "default": {"BACKEND": "home.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:6379/9"}
        }
    ):
        cache = caches["default"]
        try:
            cache.set("a", {"nilai": 2888})
            assert cache.get("a") == {"nilai": 2888}
            assert cache.get_many(["a", "b"]) == {"a": {"nilai": 2888}}
            assert cache._cache.get_client(write=True) is cache._cache.get_client()
        finally:
            cache.clear()
