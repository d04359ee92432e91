"""The per-process copy of the episodes behind /webinar/<slug>/daftar/ (webinars/registering_episodes.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import wita
from tests.webinars.test_registration import VALID, open_episode
from webinars.models import Registration
from webinars.registering_episodes import RegisteringEpisodes, registering_episodes

pytestmark = pytest.mark.django_db


def episode_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query for query in queries if "webinars_episodepage" in query["sql"]]


def test_the_episode_is_loaded_once_per_process_in_a_rush(client, now):
    url = open_episode().url + "daftar/"
    assert episode_queries(client, url)
    assert not episode_queries(client, url)


def test_an_editors_change_is_seen_at_once_in_the_same_process(client, now):
    episode = open_episode()
    assert client.get(episode.url + "daftar/").status_code == 200
    episode.registration_closes_at = wita(2025, 7, 31, 17, 0)
    episode.save_revision().publish()
    response = client.post(episode.url + "daftar/", VALID)
    assert response.status_code == 409
    assert "Pendaftaran sudah ditutup" in response.content.decode()
    assert not Registration.objects.exists()


def test_an_unpublished_episode_is_gone_at_once(client, now):
    episode = open_episode()
    assert client.get(episode.url + "daftar/").status_code == 200
    episode.unpublish()
    assert client.get(episode.url + "daftar/").status_code == 404


def test_unknown_slugs_are_not_kept(client, now):
    for number in range(3):
        assert client.get(f"/webinar/tidak-ada-{number}/daftar/").status_code == 404
    assert registering_episodes._entries == {}


def test_a_copy_expires(now):
    slug = open_episode().slug
    episodes = RegisteringEpisodes(ttl=0)
    episodes.get(slug)
    with CaptureQueriesContext(connection) as queries:
        episodes.get(slug)
    assert len(queries) >= 1
