"""Every public page type rendered with the least content an editor can save: nothing meant for
editors, no heading over nothing, no "belum ditetapkan" field reaches a reader."""

import datetime

import pytest

from tests import factories
from tests.html import soup
from webinars.models import SpeakerPage

pytestmark = pytest.mark.django_db

EDITOR_PHRASES = ["belum ditetapkan", "ganti atau hapus", "load_demo", "isi di admin", "none"]
HEADINGS = ["h1", "h2", "h3", "h4"]


def minimal_site(now):
    factories.site_settings(footer_text="", address="", email="", phone="")
    past = factories.make_episode(
        series_number=7,
        title="Tema Minimal Lampau",
        slug="minimal-lampau",
        summary="Ringkasan singkat.",
        start=factories.wita(2025, 3, 6, 9),
    )
    upcoming = factories.make_episode(
        series_number=8,
        title="Tema Minimal Mendatang",
        slug="minimal-mendatang",
        summary="Ringkasan singkat.",
        start=now + datetime.timedelta(days=9),
    )
    speaker = SpeakerPage(title="Nama Saja", slug="nama-saja")
    factories.speaker_index().add_child(instance=speaker)
    speaker.save_revision().publish()
    article = factories.make_article(body=[], tags=[])
    standard = factories.make_standard_page(body=[])
    factories.statistics_page()
    return [
        "/",
        past.url,
        upcoming.url,
        "/webinar/",
        "/webinar/rekaman/",
        "/narasumber/",
        speaker.url,
        "/berita/",
        article.url,
        standard.url,
        "/statistik/",
        "/sertifikat/",
        "/sertifikat/verifikasi/",
        "/cari/",
    ]


def _empty_headings(html):
    """Headings with no text, and sections that hold a heading and nothing else."""
    found = []
    for heading in html.find_all(HEADINGS):
        if not heading.get_text(strip=True):
            found.append(str(heading))
    for section in html.find_all(["section", "aside"]):
        heading = section.find(HEADINGS)
        if heading is None:
            continue
        others = [child for child in section.find_all(True, recursive=False) if child.name not in HEADINGS]
        loose_text = "".join(section.find_all(string=True, recursive=False)).strip()
        has_content = loose_text or any(
            child.get_text(strip=True) or child.find(["img", "svg", "form", "canvas", "input"])
            for child in others
        )
        if not has_content:
            found.append(heading.get_text(strip=True))
    return found


def test_minimal_pages_show_no_editor_text_or_empty_headings(client, now):
    for url in minimal_site(now):
        response = client.get(url)
        assert response.status_code == 200, url
        html = soup(response)
        for tag in html(["script", "style", "template"]):
            tag.decompose()
        visible = " ".join(html.get_text(" ").split()).casefold()
        for phrase in EDITOR_PHRASES:
            assert f" {phrase} " not in f" {visible} ", (url, phrase)
        assert _empty_headings(html) == [], url


def test_an_ended_episode_offers_the_certificates_not_the_calendar(client, now):
    episode = factories.make_episode(series_number=9, slug="selesai", start=factories.wita(2025, 3, 6, 9))
    html = client.get(episode.url).content.decode()
    assert "Sertifikat saya" in html and ".ics" not in html and "kalender/" not in html
