"""The registration form is the episode page's own sub-route, served through Wagtail's serve().

So whatever applies to the page applies to its form: privacy, passwords, a renamed episode index,
publishing; and each request works on its own page instance, never one shared by threads. (An
episode cannot have an alias: its series number is unique.)
"""

import io
import os
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.core.files.images import ImageFile
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest
from PIL import Image as PILImage

from tests.factories import episode_index, make_image
from tests.webinars.registrations.test_registration import VALID, open_episode
from webinars.models import Registration

pytestmark = pytest.mark.django_db


def poster():
    """A fresh poster with no renditions yet, slow to decode (a large PNG of noise), so that
    requests sharing one image object would read its file at the same time."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (2400, 1350), os.urandom(2400 * 1350 * 3)).save(buffer, "PNG")
    return make_image(file=ImageFile(buffer, name="poster-baru.png"))


# SQLite's shared in-memory test database locks whole tables: concurrent requests there fail on
# the database, not on the code under test.
@pytest.mark.skipif(not settings.IS_POSTGRES, reason="concurrent requests need PostgreSQL")
# Served by another thread, so committed; the data migrations' rows come back afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_burst_of_first_requests_for_a_new_episodes_form_all_succeed(live_server, now):
    episode = open_episode(image=poster())
    url = live_server.url + episode.url + "daftar/"

    def fetch(_number):
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (our own test server)
            return response.status

    with ThreadPoolExecutor(max_workers=64) as pool:
        statuses = list(pool.map(fetch, range(64)))

    assert statuses == [200] * 64


def test_a_password_protected_episode_asks_for_the_password_then_takes_the_registration(now):
    episode = open_episode()
    restriction = PageViewRestriction.objects.create(
        page=episode, restriction_type=PageViewRestriction.PASSWORD, password="sulsel"
    )
    client = Client()
    form_url = episode.url + "daftar/"

    asked = client.get(form_url)
    assert asked.status_code == 200
    assert 'name="password"' in asked.content.decode()
    refused = client.post(form_url, VALID)
    assert 'name="password"' in refused.content.decode()
    assert not Registration.objects.exists()

    unlocked = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{episode.pk}/",
        {"password": "sulsel", "return_url": form_url},
    )
    assert unlocked.status_code == 302
    assert client.get(form_url).status_code == 200
    response = client.post(form_url, VALID)
    assert response.status_code == 302
    assert Registration.objects.get().episode_id == episode.pk


def test_a_login_restricted_episode_sends_its_form_to_the_login_as_the_page_does(client, now):
    episode = open_episode()
    PageViewRestriction.objects.create(page=episode, restriction_type=PageViewRestriction.LOGIN)

    page = client.get(episode.url)
    form = client.get(episode.url + "daftar/")

    assert page.status_code == form.status_code == 302
    assert "/_util/login/" in form["Location"]


def test_the_form_follows_a_renamed_episode_index(client, now):
    index = episode_index()
    index.slug = "acara"
    index.save_revision().publish()
    episode = open_episode()

    assert episode.url.startswith("/acara/")
    assert client.get(episode.url + "daftar/").status_code == 200
    assert client.get(f"/webinar/{episode.slug}/daftar/").status_code == 404
    assert client.post(episode.url + "daftar/", VALID).status_code == 302
    assert Registration.objects.count() == 1


def test_an_unpublished_episode_takes_no_registration(client, now):
    episode = open_episode()
    episode.unpublish()

    assert client.get(episode.url + "daftar/").status_code == 404
    assert client.post(episode.url + "daftar/", VALID).status_code == 404
    assert not Registration.objects.exists()
