"""Guards over every public page type at once."""

import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import h1_count, is_external, loaded_urls, soup
from webinars.models import SpeakerRole

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


@pytest.fixture
def pages(now):
    """One page of each type, each as full as it gets, by URL."""
    factories.site_settings(logo=factories.make_image(), youtube_channel_url="https://www.youtube.com/@bpsdm")
    speaker = factories.make_speaker(photo=factories.make_image())
    past = factories.make_episode(
        image=factories.make_image(),
        recording_url=YOUTUBE,
        recording_duration=datetime.timedelta(hours=2),
        livestream_url=YOUTUBE,
        roles=[(speaker, SpeakerRole.SPEAKER)],
        tags=["pembelajaran"],
        materials=[factories.make_document()],
        body=[("video", {"url": "https://youtu.be/aqz-KE-bpKQ", "caption": "Cuplikan"})],
    )
    upcoming = factories.make_episode(
        start=wita(2025, 8, 14, 9), livestream_url=YOUTUBE, roles=[(speaker, SpeakerRole.MODERATOR)]
    )
    article = factories.make_article(
        lead_image=factories.make_image(),
        episodes=[past],
        body=[
            ("paragraph", "<p>Isi berita.</p>"),
            ("image", {"image": factories.make_image(), "caption": "Peserta", "credit": "Humas"}),
            ("video", {"url": YOUTUBE, "caption": ""}),
            ("quote", {"text": "Tempat kerja adalah ruang belajar.", "attribution": "Narasumber"}),
        ],
    )
    about = factories.make_standard_page(body=[("heading", "Sertifikat"), ("paragraph", "<p>JP.</p>")])
    return [
        "/",
        about.url,
        "/webinar/",
        "/webinar/?waktu=lampau",
        "/webinar/rekaman/",
        past.url,
        upcoming.url,
        "/narasumber/",
        speaker.url,
        "/berita/",
        article.url,
        factories.statistics_page().url,
        "/cari/",
        "/cari/?q=kompetensi",
    ]


def test_every_page_renders_with_exactly_one_h1(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url


def test_no_page_loads_anything_from_another_site_before_a_click(client, pages):
    for url in pages:
        response = client.get(url)
        assert soup(response).find(["iframe", "embed", "object"]) is None, url
        assert [src for src in loaded_urls(response) if is_external(src) or "youtube" in src] == [], url


def test_youtube_players_wait_for_a_click(client, pages):
    players = [player for url in pages for player in soup(client.get(url)).select("[data-video-embed]")]

    assert players
    assert {player["data-video-embed"].split("/embed/")[0] for player in players} == {
        "https://www.youtube-nocookie.com"
    }
