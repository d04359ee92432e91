"""Remembered page routes (core/page_routes.py): a rush does not walk the page tree, and no change
to the tree, a page or its privacy is ever served stale."""

import re

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

import pytest

from tests.factories import episode_index, home_page, wita
from tests.webinars.registrations.test_registration import VALID, open_episode, person
from webinars.models import Registration

pytestmark = pytest.mark.django_db

TREE_QUERY = re.compile(r'FROM "wagtailcore_(site|page|pageviewrestriction)"')


def tree_queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    return response, [query["sql"] for query in queries if TREE_QUERY.search(query["sql"])]


def route_entries():
    return [key for key in cache._cache if ":page-route:" in key]


def test_a_second_registration_finds_the_episode_without_walking_the_tree(now):
    episode = open_episode()
    client = Client()
    first, walked = tree_queries(client, "post", episode.url + "daftar/", person(1))
    second, remembered = tree_queries(client, "post", episode.url + "daftar/", person(2))

    assert first.status_code == second.status_code == 302
    assert walked
    assert remembered == []
    assert Registration.objects.filter(episode=episode).count() == 2


def test_an_editors_change_is_seen_by_the_next_request(now):
    episode = open_episode()
    client = Client()
    assert client.get(episode.url + "daftar/").status_code == 200
    episode.registration_closes_at = wita(2025, 7, 31, 17, 0)
    episode.save_revision().publish()

    response = client.post(episode.url + "daftar/", VALID)

    assert response.status_code == 409
    assert "Pendaftaran sudah ditutup" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_page_saved_without_publishing_is_seen_too(now):
    episode = open_episode()
    client = Client()
    assert client.get(episode.url + "daftar/").status_code == 200
    episode.registration_closes_at = wita(2025, 7, 31, 17, 0)
    episode.save()

    assert client.post(episode.url + "daftar/", VALID).status_code == 409


def test_an_unpublished_episode_is_gone_at_once(now):
    episode = open_episode()
    client = Client()
    assert client.get(episode.url + "daftar/").status_code == 200
    episode.unpublish()

    assert client.get(episode.url + "daftar/").status_code == 404
    assert client.get(episode.url).status_code == 404


def test_a_new_password_applies_at_once(now):
    episode = open_episode()
    client = Client()
    assert client.get(episode.url + "daftar/").status_code == 200
    PageViewRestriction.objects.create(
        page=episode_index(), restriction_type=PageViewRestriction.PASSWORD, password="sulsel"
    )

    response = client.post(episode.url + "daftar/", VALID)

    assert 'name="password"' in response.content.decode()
    assert not Registration.objects.exists()


def test_a_renamed_index_moves_its_episodes_at_once(now):
    episode = open_episode()
    client = Client()
    assert client.get(episode.url + "daftar/").status_code == 200
    index = episode_index()
    index.slug = "acara"
    index.save_revision().publish()

    assert client.get(f"/webinar/{episode.slug}/daftar/").status_code == 404
    assert client.get(f"/acara/{episode.slug}/daftar/").status_code == 200


def test_each_host_has_its_own_routes(now, settings):
    settings.ALLOWED_HOSTS = ["testserver", "lain.example"]
    episode = open_episode()
    path = episode.get_url_parts()[2] + "daftar/"
    other_root = home_page().add_child(instance=type(home_page())(title="Situs lain", slug="situs-lain"))
    Site.objects.create(hostname="lain.example", port=80, root_page=other_root)
    client = Client()

    assert client.get(path).status_code == 200
    assert client.get(path, HTTP_HOST="lain.example").status_code == 404
    assert client.get(path).status_code == 200


def test_one_entry_per_page_whatever_the_tokens_and_unknown_addresses(now):
    episode = open_episode()
    client = Client()
    for number in range(3):
        confirmation = client.post(episode.url + "daftar/", person(number))["Location"]
        assert client.get(confirmation).status_code == 200
    for number in range(3):
        assert client.get(f"/tidak-ada-{number}/").status_code == 404

    assert len(route_entries()) == 1
