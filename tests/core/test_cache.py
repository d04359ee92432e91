"""The production cache (django-redis, site_project/settings/base.py): shared by every process."""

from django.core.cache import caches


def test_what_one_process_caches_another_reads(production_cache):
    production_cache.set("a", {"nilai": 2888})
    # A second handle has its own client and connection pool, as another gunicorn process would.
    other_process = caches.create_connection("default")
    assert other_process.get("a") == {"nilai": 2888}
    assert other_process.get_many(["a", "b"]) == {"a": {"nilai": 2888}}
