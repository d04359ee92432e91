"""Every public page renders in at most 15 queries, and no more when the site holds more content."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests import factories
from tests.factories import wita
from webinars.models import EpisodePage, SpeakerRole

pytestmark = pytest.mark.django_db

BUDGET = 15
YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def add_content(episodes, opener):
    """Weekly past episodes with a recording, plus one upcoming, all fully dressed; news about some.

    ``opener`` opens every episode, so their page lists more episodes as the site grows.
    """
    speakers = [factories.make_speaker(photo=factories.make_image()) for _ in range(episodes // 3 + 2)]
    made = []
    weeks_back = EpisodePage.objects.count()
    for number in range(episodes):
        start = wita(2025, 7, 31, 9) - datetime.timedelta(weeks=weeks_back + number)
        made.append(
            factories.make_episode(
                summary="Cara aparatur mengembangkan kompetensi di tempat kerja.",
                start=start,
                image=factories.make_image(),
                recording_url=YOUTUBE,
                recording_duration=datetime.timedelta(hours=2, minutes=45),
                jp=2,
                reported_participants=2888,
                tags=["pembelajaran", f"topik {start:%Y%m%d}"],
                materials=[factories.make_document()],
                roles=[
                    (opener, SpeakerRole.OPENING),
                    (speakers[number % len(speakers)], SpeakerRole.SPEAKER),
                    (speakers[(number + 1) % len(speakers)], SpeakerRole.MODERATOR),
                ],
            )
        )
        if number % 3 == 0:
            factories.make_article(
                intro="Kabar kompetensi aparatur.",
                lead_image=factories.make_image(),
                episodes=[made[-1]],
                tags=["pembelajaran", f"berita {number}"],
            )
    factories.make_episode(
        start=wita(2025, 8, 14, 9), image=factories.make_image(), roles=[(speakers[1], SpeakerRole.SPEAKER)]
    )
    return made


@pytest.fixture
def opener():
    return factories.make_speaker(photo=factories.make_image())


@pytest.fixture
def site(now, opener):
    factories.site_settings(
        logo=factories.make_image(), certificates_baseline=75404, certificates_baseline_episode=40
    )
    episode = add_content(3, opener)[0]
    article = episode.article_links.get().page
    return {
        "home": "/",
        "episodes": "/webinar/",
        "recordings": "/webinar/rekaman/",
        "episode": episode.url,
        "speakers": "/narasumber/",
        "speaker": opener.url,
        "news": "/berita/",
        "article": article.url,
        "search": "/cari/?q=kompetensi",
        "statistics": factories.statistics_page().url,
        "calendar feed": "/webinar/kalender/",
        "news feed": "/berita/rss/",
        "sitemap": "/sitemap.xml",
    }


def query_counts(client, urls):
    counts = {}
    for name, url in urls.items():
        client.get(url)  # renditions and cached figures are made on the first visit
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_every_public_page_renders_within_budget(client, site, django_assert_max_num_queries):
    for url in site.values():
        client.get(url)
        with django_assert_max_num_queries(BUDGET, info=url):
            client.get(url)


def test_query_counts_do_not_grow_with_content(client, site, opener):
    with_three_episodes = query_counts(client, site)
    add_content(57, opener)
    with_sixty_episodes = query_counts(client, site)

    assert with_sixty_episodes == with_three_episodes
