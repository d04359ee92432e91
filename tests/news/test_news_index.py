import datetime

import pytest

from tests import factories
from tests.html import card_titles, h1_count, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    factories.make_article(title="Juli", date=datetime.date(2025, 7, 10), tags=["workplace learning"])
    factories.make_article(title="Juni", date=datetime.date(2025, 6, 12), tags=["kepemimpinan"])
    factories.make_article(title="Agustus", date=datetime.date(2025, 8, 1), tags=["workplace learning"])


def test_news_is_listed_newest_first(client, articles):
    response = client.get("/berita/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert card_titles(response) == ["Agustus", "Juli", "Juni"]


def test_topic_filter_lists_that_topic_and_names_it(client, articles):
    response = client.get("/berita/?topik=workplace-learning")

    assert card_titles(response) == ["Agustus", "Juli"]
    assert soup(response).h1.get_text() == "Berita: workplace learning"
    assert soup(response).select_one(".tag-list [aria-current=page]").get_text() == "workplace learning"


@pytest.mark.parametrize("topic", ["tidak-ada", "", "%3Cscript%3E", "x" * 500])
def test_unknown_topic_lists_everything(client, articles, topic):
    response = client.get(f"/berita/?topik={topic}")

    assert response.status_code == 200
    assert card_titles(response) == ["Agustus", "Juli", "Juni"]


def test_ten_articles_per_page(client):
    for day in range(1, 12):
        factories.make_article(title=f"Berita {day:02d}", date=datetime.date(2025, 7, day))

    first, second, beyond = (client.get(f"/berita/?halaman={page}") for page in (1, 2, 50))

    assert len(card_titles(first)) == 10
    assert card_titles(second) == ["Berita 01"]
    assert beyond.status_code == 200
    assert card_titles(beyond) == ["Berita 01"]


def test_news_index_advertises_its_rss_feed(client, articles):
    feed_link = soup(client.get("/berita/")).find("link", rel="alternate", type="application/rss+xml")

    assert feed_link["href"] == "/berita/rss/"
