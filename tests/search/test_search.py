from django.db import connection

import pytest

from search.views import MAX_QUERY_LENGTH
from tests import factories
from tests.html import h1_count, soup, text

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "kompetensi " * 600,
    "komp\x00etensi",
    "<script>alert(1)</script>",
    "' OR 1=1; DROP TABLE wagtailcore_page; --",
    '"kompetensi',
    "title:kompetensi AND (OR NOT *",
    "\u202e\u200b\t\n",
]


def results(response):
    return [
        (item.select_one(".eyebrow").get_text(), item.h3.a.get_text())
        for item in soup(response).select("ol.results > li")
    ]


def search(client, query, **params):
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    return response


def test_search_finds_episodes_speakers_and_news_by_their_text(client):
    factories.make_episode(title="Workplace Learning", summary="Cara aparatur mengembangkan kompetensi.")
    factories.make_speaker(title="Dr. Arwin Malik", institution="Universitas Hasanuddin")
    factories.make_article(title="Seri ke-40", intro="Diikuti peserta dari kabupaten Gowa.")

    assert results(search(client, "kompetensi")) == [("Episode webinar", "Workplace Learning")]
    assert results(search(client, "Hasanuddin")) == [("Narasumber", "Dr. Arwin Malik")]
    assert results(search(client, "Gowa")) == [("Berita", "Seri ke-40")]


def test_stray_quotes_and_spaces_do_not_stop_a_search(client):
    factories.make_episode(title="Workplace Learning", summary="Cara aparatur mengembangkan kompetensi.")

    assert results(search(client, '  "kompetensi  ')) == [("Episode webinar", "Workplace Learning")]


def test_search_does_not_find_unpublished_pages(client):
    factories.make_episode(title="Draf rahasia", summary="Belum diumumkan.").unpublish()

    response = search(client, "rahasia")

    assert results(response) == []
    assert "Tidak ada hasil untuk “rahasia”" in text(response)


def test_results_come_ten_to_a_page(client):
    for number in range(12):
        factories.make_speaker(title=f"Widyaiswara {number}", position="Widyaiswara Ahli Madya")

    first, second = search(client, "Madya"), search(client, "Madya", halaman=2)

    assert len(results(first)) == 10
    assert len(results(second)) == 2
    assert "12 hasil untuk “Madya”" in text(first)
    assert soup(first).find("a", rel="next")["href"] == "?q=Madya&halaman=2"


def test_search_page_is_not_indexed_and_has_one_heading(client):
    for response in (client.get("/cari/"), search(client, "apa saja")):
        assert soup(response).find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert h1_count(response) == 1


def test_empty_search_shows_only_the_form(client):
    response = client.get("/cari/")

    assert soup(response).find("input", attrs={"name": "q"})
    assert soup(response).select("ol.results") == []


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_answered_safely(client, query):
    factories.make_episode(title="Workplace Learning", summary="Cara aparatur mengembangkan kompetensi.")

    response = search(client, query)

    assert b"<script>alert" not in response.content
    assert len(soup(response).find("input", attrs={"name": "q"})["value"]) <= MAX_QUERY_LENGTH
    assert client.get("/webinar/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Indonesian stemming needs PostgreSQL")
def test_postgresql_search_matches_indonesian_word_forms(client):
    factories.make_episode(title="Workplace Learning", summary="Pembelajaran di tempat kerja.")

    assert results(search(client, "belajar")) == [("Episode webinar", "Workplace Learning")]
