import datetime

import feedparser
import pytest

from news.feeds import FEED_LENGTH
from tests import factories

pytestmark = pytest.mark.django_db


def parse(client):
    response = client.get("/berita/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(response.content)


def test_feed_is_valid_rss_with_the_newest_articles(client, now):
    factories.news_index(title="Berita")
    article = factories.make_article(
        title="Seri ke-40 Bahas Workplace Learning",
        date=datetime.date(2025, 7, 10),
        intro="Diikuti 2.888 peserta.",
        author="Redaksi ASN Adaptif",
        tags=["workplace learning", "seri 40"],
    )
    factories.make_article(title="Lebih lama", date=datetime.date(2025, 6, 12))

    feed = parse(client)

    assert not feed.bozo
    assert feed.feed.title == "Berita ASN Adaptif"
    assert feed.feed.language == "id"
    assert [entry.title for entry in feed.entries] == ["Seri ke-40 Bahas Workplace Learning", "Lebih lama"]
    newest = feed.entries[0]
    assert newest.summary == "Diikuti 2.888 peserta."
    assert newest.link == "http://testserver" + article.url
    assert newest.author == "Redaksi ASN Adaptif"
    assert sorted(tag.term for tag in newest.tags) == ["seri 40", "workplace learning"]
    assert newest.published == "Thu, 10 Jul 2025 10:00:00 +0800"


def test_feed_leaves_out_drafts_and_stops_at_its_length(client):
    for day in range(1, FEED_LENGTH + 3):
        factories.make_article(
            title=f"Berita {day}", date=datetime.date(2025, 7, 1) + datetime.timedelta(days=day)
        )
    factories.make_article(title="Draf", date=datetime.date(2025, 9, 1)).unpublish()

    feed = parse(client)

    assert len(feed.entries) == FEED_LENGTH
    assert "Draf" not in [entry.title for entry in feed.entries]
