import os
import socket

from django.core.cache import cache
from django.test import override_settings

import pytest

from tests.factories import wita


@pytest.fixture(autouse=True, scope="session")
def _media_root(tmp_path_factory):
    """Uploaded images and their renditions go to a throwaway folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Wagtail caches site root paths and renditions by id; ids are reused after a rollback."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def now(time_machine):
    """Friday 1 August 2025, 10.00 WITA: Seri ke-40 (10 July) is past, mid-August is upcoming."""
    moment = wita(2025, 8, 1, 10, 0)
    time_machine.move_to(moment, tick=False)
    return moment


# The machine's Redis database the tests may empty; another checkout testing at the same time
# sets its own (TEST_REDIS_DB=10 …).
TEST_REDIS_DB = os.environ.get("TEST_REDIS_DB", "9")
TEST_REDIS_URL = f"redis://127.0.0.1:6379/{TEST_REDIS_DB}"


def redis_is_up():
    """Whether the machine's Redis answers on 127.0.0.1:6379."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def free_port():
    """A local port with nothing listening on it (a server that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server_down():
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=free_port(),
        EMAIL_TIMEOUT=2,
    ):
        yield
