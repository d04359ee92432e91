"""Real-browser checks: headless Chromium (the system's, never a downloaded one) driven by Playwright
against pytest-django's live server, with the demo content loaded.

Nothing may leave the machine: every browser context aborts requests to any host but the live
server's, and records every request so tests can assert that none was attempted.
"""

import datetime
import os

from django.core.cache import cache
from django.core.management import call_command

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, PHONE, LocalOnlyPage

RECORDING_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


@pytest.fixture(scope="session")
def browser_media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("browser-media")


@pytest.fixture
def demo_site(live_server, settings, browser_media_root):
    """The demo content, committed so the live server's thread sees it; the paths under test."""
    from webinars.models import EpisodePage

    # Posters and renditions go to a temporary folder, not the project's.
    settings.MEDIA_ROOT = browser_media_root
    call_command("load_demo", verbosity=0)
    cache.clear()  # nothing rendered for an earlier test's (flushed) pages may be served
    upcoming = EpisodePage.objects.live().get(series_number=41)
    return {
        "home": "/",
        "episodes": "/webinar/",
        "episode-40": "/webinar/seri-40-workplace-learning/",
        "episode-41": upcoming.get_url(),
        "registration": upcoming.get_url() + "daftar/",
        "checkin": upcoming.get_url() + "presensi/",
        "certificates": "/sertifikat/",
        "certificate-verification": "/sertifikat/verifikasi/",
        "statistics": "/statistik/",
        "privacy": "/kebijakan-privasi/",
        "speaker": "/narasumber/arwin-malik/",
        "speakers": "/narasumber/",
        "news": "/berita/",
        "article": "/berita/seri-40-bahas-workplace-learning/",
        "search": "/cari/?q=workplace",
    }


@pytest.fixture(scope="package")
def chromium(django_db_setup):
    """One headless Chromium for all the browser tests; closed (with Playwright's event loop) after them.

    Playwright's sync API keeps an asyncio loop running on this thread between calls. While it
    runs, Django (through asgiref) keeps database connections in a separate, context-local store
    and would hand tests new connection objects: not the ones the test database was set up and
    serialized on (serialized rollback would silently restore nothing), nor the one an in-memory
    SQLite database shares with the live server. So the test database is set up first, and the
    same connection objects are put in that store for as long as the loop runs.
    """
    from django.db import connections

    from playwright.sync_api import sync_playwright

    # While the loop runs, Django also refuses ORM calls from this thread unless told it is safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    outside_loop = {alias: connections[alias] for alias in connections}
    try:
        with sync_playwright() as playwright:
            for alias, connection in outside_loop.items():
                connections[alias] = connection
            try:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                yield browser
                browser.close()
            finally:
                for alias in outside_loop:
                    del connections[alias]  # only from the loop's store: the thread's keeps them
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def open_page(chromium, live_server):
    """open_page(viewport) -> LocalOnlyPage; contexts are closed after the test."""
    opened = []

    def factory(viewport=PHONE):
        local = LocalOnlyPage(chromium, live_server.url, viewport)
        opened.append(local)
        return local

    yield factory
    for local in opened:
        local.context.close()


@pytest.fixture
def add_recording(demo_site):
    """add_recording() publishes a YouTube recording for episode 40 and returns its path."""
    from webinars.models import EpisodePage

    def publish():
        episode = EpisodePage.objects.get(series_number=40)
        episode.recording_url = RECORDING_URL
        episode.recording_duration = datetime.timedelta(hours=2, minutes=45)
        episode.save_revision().publish()
        cache.clear()
        return episode.get_url()

    return publish
