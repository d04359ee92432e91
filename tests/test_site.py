"""Guards over every public page type at once."""

import datetime
import re

import pytest

from tests import factories
from tests.factories import wita
from tests.html import h1_count, is_external, loaded_urls, soup, text
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
        "/sertifikat/",
        "/sertifikat/verifikasi/",
    ]


def test_every_page_renders_with_exactly_one_h1(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert h1_count(response) == 1, url


def test_no_year_or_identifier_is_written_with_a_thousands_dot(client, pages, time_machine):
    """ "JP tahun 2.026" was seen: ints in templates get Indonesian thousands dots, years must not."""
    time_machine.move_to(wita(2026, 3, 5, 10, 0), tick=False)
    factories.make_episode(start=wita(2026, 2, 12, 9, 0))  # a second year in the listing's filter
    for url in pages:
        page = text(client.get(url))
        for match in re.finditer(r"\b\d\.\d{3}\b", page):
            assert "tahun" not in page[max(0, match.start() - 40) : match.start()].lower(), (
                url,
                match.group(),
            )
    assert "Semua tahun 2026 2025" in text(client.get("/webinar/"))


def test_certificates_are_linked_from_the_menu_of_every_page(client, pages):
    for url in pages:
        assert soup(client.get(url)).select_one('.site-nav a[href="/sertifikat/"]'), url


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
