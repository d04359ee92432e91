import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import h1_count, json_ld, meta_property, soup, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    episode = factories.make_episode(series_number=40, title="Workplace Learning", start=wita(2025, 7, 10, 9))
    return factories.make_article(
        title="Seri ke-40 Bahas Workplace Learning",
        date=datetime.date(2025, 7, 10),
        author="Redaksi ASN Adaptif",
        intro="Diikuti 2.888 peserta.",
        lead_image=factories.make_image(description="Peserta webinar di depan layar"),
        episodes=[episode],
        tags=["workplace learning"],
    )


def test_article_shows_date_author_and_intro(client, article):
    response = client.get(article.url)

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "Kamis, 10 Juli 2025 · Redaksi ASN Adaptif" in text(response)
    assert "Diikuti 2.888 peserta." in text(response)


def test_lead_image_has_its_description_as_caption(client, article):
    figure = soup(client.get(article.url)).select_one(".article__image")

    assert figure.figcaption.get_text() == "Peserta webinar di depan layar"
    assert figure.img["src"].startswith("/media/")


def test_article_links_the_episode_it_is_about(client, article):
    related = soup(client.get(article.url)).find("section", attrs={"aria-labelledby": "episode-terkait"})

    link = related.find("a")
    assert link.get_text() == "Seri ke-40: Workplace Learning"
    assert link["href"] == "/webinar/seri-40/"
    assert "Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA" in related.get_text()


def test_unpublished_episode_is_not_linked(client, article):
    article.episode_links.first().episode.unpublish()

    assert soup(client.get(article.url)).find("section", attrs={"aria-labelledby": "episode-terkait"}) is None


def test_topic_links_filter_the_news_list(client, article):
    link = soup(client.get(article.url)).select_one(".tag-list a")

    assert link["href"] == "/berita/?topik=workplace-learning"


def test_article_is_a_news_article_for_search_engines(client, article):
    factories.site_settings(organisation_name="BPSDM Provinsi Sulawesi Selatan")

    response = client.get(article.url)

    (data,) = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Seri ke-40 Bahas Workplace Learning"
    assert data["datePublished"] == "2025-07-10"
    assert data["author"] == {"@type": "Person", "name": "Redaksi ASN Adaptif"}
    assert data["publisher"]["name"] == "BPSDM Provinsi Sulawesi Selatan"
    assert data["mainEntityOfPage"] == "http://testserver" + article.url
    assert data["image"] == [meta_property(response, "og:image")]
    assert meta_property(response, "og:type") == "article"


def test_video_in_the_body_waits_for_a_click(client):
    article = factories.make_article(
        body=[("video", {"url": "https://youtu.be/aqz-KE-bpKQ", "caption": "Rekaman lengkap"})]
    )

    player = soup(client.get(article.url)).select_one(".block-video [data-video-embed]")

    assert player["data-video-embed"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    assert player.find("iframe") is None
