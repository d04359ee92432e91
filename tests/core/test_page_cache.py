"""Whole pages cached for anonymous readers (home/page_cache.py)."""

import datetime
import threading
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

import pytest

from core import page_cache
from tests import factories
from tests.webinars.registrations.test_registration import VALID, open_episode
from webinars.models import Registration
from webinars.statistics import figures as statistics

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def home_page(**kwargs):
    home = factories.home_page(**kwargs)
    # Made here rather than by the first request, whose saving them would drop the pages.
    factories.site_settings()
    return home


def fetch(client, url="/", headers=None):
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response


def cache_state(response):
    return response.get("X-Page-Cache")


def test_the_second_anonymous_reader_gets_the_kept_page_without_a_query(client):
    home_page(intro="Belajar bersama.")
    assert cache_state(fetch(client)) == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client)
    assert cache_state(response) == "hit"
    assert len(queries) == 0
    assert "Belajar bersama." in response.content.decode()


def test_publishing_a_page_shows_at_once(client):
    home = home_page(intro="Sebelum.")
    fetch(client)
    fetch(client)
    home.intro = "Sesudah."
    home.save_revision().publish()
    response = fetch(client)
    assert cache_state(response) == "miss"
    assert "Sesudah." in response.content.decode()


def test_saving_the_site_settings_and_changed_figures_drop_the_pages(client):
    home_page()
    fetch(client)
    factories.site_settings(organisation_name="BPSDM Sulsel Baru")
    assert cache_state(fetch(client)) == "miss"
    assert cache_state(fetch(client)) == "hit"
    statistics.invalidate()
    assert cache_state(fetch(client)) == "miss"


def test_kept_pages_expire(client, time_machine):
    home_page()
    time_machine.move_to(datetime.datetime(2025, 8, 1, 2, 0, tzinfo=datetime.UTC), tick=False)
    fetch(client)
    time_machine.move_to(datetime.datetime(2025, 8, 1, 2, 1, 1, tzinfo=datetime.UTC), tick=False)
    assert cache_state(fetch(client)) == "miss"


def test_signed_in_staff_always_get_a_fresh_page(client):
    home_page()
    fetch(client)
    user = get_user_model().objects.create_superuser("staf", "staf@contoh.go.id", "kata-sandi-panjang")
    client.force_login(user)
    assert cache_state(fetch(client)) is None


def test_compressed_and_plain_pages_are_kept_apart(client):
    home_page()
    plain = fetch(client)
    compressed = fetch(client, headers={"Accept-Encoding": "gzip"})
    assert cache_state(compressed) == "miss"
    assert compressed["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in fetch(client)
    assert plain.content == fetch(client).content


def test_the_registration_form_is_never_kept_and_each_reader_gets_a_token(
    client, now, django_capture_on_commit_callbacks
):
    episode = open_episode()
    other = client.__class__()
    first, second = fetch(client, episode.url + "daftar/"), fetch(other, episode.url + "daftar/")
    assert cache_state(first) is cache_state(second) is None
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The episode page itself is kept, and registering from it still passes the CSRF check.
    fetch(client, episode.url)
    assert cache_state(fetch(client, episode.url)) == "hit"
    client.handler.enforce_csrf_checks = True
    token = first.context["csrf_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(episode.url + "daftar/", {**VALID, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_search_results_are_not_kept(client):
    home_page()
    fetch(client, "/cari/?q=webinar")
    assert cache_state(fetch(client, "/cari/?q=webinar")) is None


def test_deleting_a_page_drops_the_kept_pages(client):
    home_page()
    page = factories.make_standard_page(title="Halaman sementara", slug="sementara")
    fetch(client)
    assert cache_state(fetch(client)) == "hit"
    page.delete()
    assert cache_state(fetch(client)) == "miss"


def test_tracking_parameters_make_no_new_entry(client):
    home_page()
    assert cache_state(fetch(client, "/?utm_source=whatsapp&utm_medium=grup")) == "miss"
    for url in ["/", "/?fbclid=IwAR0abc", "/?gclid=xyz", "/?utm_campaign=seri-41"]:
        assert cache_state(fetch(client, url)) == "hit", url
    # A parameter that changes the page is still its own entry.
    factories.episode_index()
    fetch(client, "/webinar/")
    assert cache_state(fetch(client, "/webinar/?waktu=lampau&utm_source=wa")) == "miss"
    assert cache_state(fetch(client, "/webinar/?waktu=lampau")) == "hit"


def other_worker_renders(url="/"):
    """Take the render lock of `url` as another worker in the middle of rendering would."""
    request = RequestFactory().get(url)
    key = page_cache.cache_key(request)
    assert cache.add(f"{key}:rendering", 1, timeout=10)
    return key


def test_after_a_publish_readers_get_the_previous_copy_while_one_worker_renders(client):
    home = home_page(intro="Sebelum.")
    fetch(client)
    home.intro = "Sesudah."
    home.save_revision().publish()
    other_worker_renders()
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client)
    assert cache_state(response) == "stale"
    assert "Sebelum." in response.content.decode()
    assert len(queries) == 0, "nothing rendered"


def test_without_a_previous_copy_readers_wait_for_the_one_render(client):
    home_page(intro="Halaman baru.")
    fetch(client)  # a generation exists, nothing kept for this page yet
    factories.make_standard_page(slug="tentang", title="Tentang", intro="Tentang kami.")
    key = other_worker_renders("/tentang/")

    def finish():  # what the other worker keeps when its render is done
        cache.set(key, (cache.get(page_cache.GENERATION_KEY), HttpResponse("Tentang kami.")), timeout=60)
        cache.delete(f"{key}:rendering")

    timer = threading.Timer(0.3, finish)
    timer.start()
    with CaptureQueriesContext(connection) as queries:
        response = fetch(client, "/tentang/")
    timer.join()
    assert cache_state(response) == "hit"
    assert "Tentang kami." in response.content.decode()
    assert len(queries) == 0, "waited instead of rendering"


def test_a_page_not_to_keep_is_rendered_by_everyone_without_waiting(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    home_page()
    episode = open_episode()
    fetch(client)
    url = episode.url + "daftar/"
    assert cache_state(fetch(client, url)) is None
    # Marked for this generation: a held lock does not make the next reader wait.
    other_worker_renders(url)
    started = time.monotonic()
    assert cache_state(fetch(client, url)) is None
    assert time.monotonic() - started < 1
