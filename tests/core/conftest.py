from django.core.cache import cache
from django.test import override_settings

import pytest

from site_project.settings.base import redis_cache
from tests.conftest import TEST_REDIS_URL, redis_is_up


@pytest.fixture
def production_cache():
    """The production cache configuration, on the machine's Redis (TEST_REDIS_URL, emptied)."""
    if not redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with override_settings(CACHES={"default": redis_cache(TEST_REDIS_URL)}):
        cache.clear()
        try:
            yield cache
        finally:
            cache.clear()
