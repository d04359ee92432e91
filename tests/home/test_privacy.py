from wagtail.models import PageViewRestriction

import pytest

from tests import factories
from tests.factories import wita
from tests.html import card_titles, soup

pytestmark = pytest.mark.django_db


def make_private(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def test_private_episode_is_left_out_of_every_listing(client, now):
    factories.make_episode(title="Terbuka", start=wita(2025, 8, 21, 9))
    private = factories.make_episode(title="Khusus panitia", start=wita(2025, 8, 14, 9))
    make_private(private)

    assert card_titles(client.get("/webinar/")) == ["Terbuka"]
    assert "Khusus panitia" not in soup(client.get("/")).get_text()
    assert client.get(private.url).status_code == 302


def test_news_in_a_private_section_is_left_out(client):
    episode = factories.make_episode()
    factories.make_article(title="Berita internal", episodes=[episode])
    make_private(factories.news_index())

    assert "Berita internal" not in card_titles(client.get("/"))
    assert "Berita internal" not in card_titles(client.get(episode.url))
    assert client.get("/berita/").status_code == 302
