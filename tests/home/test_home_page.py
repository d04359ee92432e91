import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import card_titles, h1_count, soup

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def section(response, heading_id):
    return soup(response).find("section", attrs={"aria-labelledby": heading_id})


def section_text(response, heading_id):
    return " ".join(section(response, heading_id).get_text(" ").split())


def figures(response):
    """Each headline figure's label (without its small print) → the number shown."""
    return {
        figure.dt.contents[0].strip(): figure.dd.get_text(strip=True)
        for figure in section(response, "angka-seri").select(".figure")
    }


def test_home_page_has_one_heading_and_the_intro(client):
    factories.home_page(title="Webinar ASN Adaptif", intro="Belajar bersama aparatur Sulawesi Selatan.")

    response = client.get("/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert "Belajar bersama aparatur Sulawesi Selatan." in response.content.decode()


def test_next_episode_is_the_soonest_one_not_yet_over(client, now):
    factories.make_episode(title="Sudah lewat", start=wita(2025, 7, 10, 9))
    factories.make_episode(title="Berikutnya", start=wita(2025, 8, 14, 9))
    factories.make_episode(title="Bulan depan", start=wita(2025, 9, 11, 9))

    shown = section_text(client.get("/"), "episode-berikutnya")

    assert "Berikutnya" in shown
    assert "Kamis, 14 Agustus 2025, pukul 09.00–12.00 WITA" in shown
    assert "Sudah lewat" not in shown
    assert "Bulan depan" not in shown


def test_an_episode_on_air_is_the_next_episode(client, now):
    factories.make_episode(title="Sedang tayang", start=now - datetime.timedelta(hours=1))
    factories.make_episode(title="Minggu depan", start=wita(2025, 8, 7, 9))

    shown = section_text(client.get("/"), "episode-berikutnya")

    assert "Sedang tayang" in shown
    assert "Sedang berlangsung" in shown


def test_without_a_scheduled_episode_the_home_page_says_so(client, now):
    factories.make_episode(start=wita(2025, 7, 10, 9))

    shown = section_text(client.get("/"), "episode-berikutnya")

    assert "Jadwal episode berikutnya belum diumumkan" in shown


def test_latest_news_shows_the_three_newest_articles(client):
    for day in (1, 2, 3, 4):
        factories.make_article(title=f"Berita tanggal {day}", date=datetime.date(2025, 7, day))

    response = client.get("/")

    latest = [title for title in card_titles(response) if title.startswith("Berita")]
    assert latest == ["Berita tanggal 4", "Berita tanggal 3", "Berita tanggal 2"]


def test_recent_recordings_are_the_newest_recorded_episodes(client, now):
    factories.make_episode(title="Tanpa rekaman", start=wita(2025, 7, 31, 9))
    for day in (3, 10, 17, 24):
        factories.make_episode(
            title=f"Rekaman {day} Juli",
            start=wita(2025, 7, day, 9),
            recording_url=YOUTUBE,
            recording_duration=datetime.timedelta(hours=2, minutes=45),
        )

    recordings = section(client.get("/"), "rekaman-terbaru")

    titles = [link.get_text(strip=True) for link in recordings.select(".card__title a")]
    assert titles == ["Rekaman 24 Juli", "Rekaman 17 Juli", "Rekaman 10 Juli"]
    assert "2 jam 45 menit" in recordings.get_text()


def test_headline_figures_count_from_the_baseline(client, now):
    factories.site_settings(certificates_baseline=75404, certificates_baseline_episode=40)
    factories.make_episode(series_number=39, start=wita(2025, 6, 12, 9), reported_certificates=500)
    factories.make_episode(series_number=41, start=wita(2025, 7, 24, 9), reported_certificates=1200)
    factories.make_episode(series_number=42, start=wita(2025, 8, 14, 9))

    shown = figures(client.get("/"))

    assert shown["Episode terselenggara"] == "41"
    assert shown["Sertifikat diterbitkan"] == "76.604"


def test_headline_figures_without_a_baseline_leave_certificates_out(client, now):
    factories.make_episode(series_number=40, start=wita(2025, 7, 10, 9))

    shown = figures(client.get("/"))

    assert shown["Episode terselenggara"] == "40"
    assert "Sertifikat diterbitkan" not in shown
