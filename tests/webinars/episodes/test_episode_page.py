import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import h1_count, is_external, loaded_urls, soup, text
from webinars.models import SpeakerRole

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


@pytest.fixture
def episode_40():
    return factories.make_episode(
        series_number=40,
        title="Workplace Learning: Membangun Produktivitas ASN",
        start=wita(2025, 7, 10, 9),
        end=wita(2025, 7, 10, 12),
        jp=2,
        reported_participants=2888,
        tags=["workplace learning"],
        roles=[
            (factories.make_speaker(title="Dr. Arwin Malik"), SpeakerRole.SPEAKER),
            (factories.make_speaker(title="Astuti Azis, Ph.D."), SpeakerRole.MODERATOR),
            (
                factories.make_speaker(title="Prof. Muhammad Jufri"),
                SpeakerRole.OPENING,
                "Kepala BPSDM Sulsel",
            ),
            (factories.make_speaker(title="Dr. Muh. Djajadi"), SpeakerRole.SPEAKER),
        ],
    )


def facts(response):
    return {
        row.dt.contents[0].strip(): " ".join(row.dd.get_text(" ").split())
        for row in soup(response).select(".facts > div")
    }


def people(response):
    return [
        (
            person.select_one(".person__role").get_text(strip=True),
            person.select_one(".person__name").get_text(),
        )
        for person in soup(response).select(".people .person")
    ]


def test_episode_page_shows_series_title_and_time_in_wita(client, episode_40):
    response = client.get(episode_40.url)

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert soup(response).h1.get_text() == "Workplace Learning: Membangun Produktivitas ASN"
    assert "Seri ke-40" in text(response)
    assert "Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA" in text(response)


def test_people_are_listed_with_their_roles_opening_first(client, episode_40):
    assert people(client.get(episode_40.url)) == [
        ("Sambutan pembuka · Kepala BPSDM Sulsel", "Prof. Muhammad Jufri"),
        ("Narasumber", "Dr. Arwin Malik"),
        ("Narasumber", "Dr. Muh. Djajadi"),
        ("Moderator", "Astuti Azis, Ph.D."),
    ]


def test_speaker_names_link_to_their_pages(client, episode_40):
    links = soup(client.get(episode_40.url)).select(".person__name a")

    assert {link["href"] for link in links} == {role.speaker.url for role in episode_40.speaker_roles.all()}


def test_summary_box_shows_jp_participants_and_topics(client, episode_40):
    shown = facts(client.get(episode_40.url))

    assert shown["Seri"] == "ke-40"
    assert shown["Nilai JP"] == "2 JP"
    assert shown["Peserta"] == "2.888"
    assert shown["Topik"] == "workplace learning"


def test_jp_not_yet_set_is_left_out(client):
    episode = factories.make_episode(jp=None)

    assert "Nilai JP" not in facts(client.get(episode.url))


def test_topic_links_filter_the_episode_list(client, episode_40):
    link = soup(client.get(episode_40.url)).select_one(".facts a")

    assert link["href"] == "/webinar/?topik=workplace-learning"


def test_upcoming_episode_tells_how_to_join(client, now):
    episode = factories.make_episode(
        start=wita(2025, 8, 14, 9), meeting_url="https://zoom.us/j/123", livestream_url=YOUTUBE
    )

    response = client.get(episode.url)

    assert "Akan datang" in text(response)
    join = soup(response).find("section", attrs={"aria-labelledby": "cara-bergabung"})
    assert join.find("a", href="https://zoom.us/j/123")
    assert join.find("a", href=episode.url + "kalender/")
    assert "Dimulai dalam 1 minggu, 5 hari" in join.get_text().replace("\xa0", " ")


def test_upcoming_episode_without_links_says_they_come_later(client, now):
    episode = factories.make_episode(start=wita(2025, 8, 14, 9))

    assert "Tautan Zoom dan siaran langsung diumumkan menjelang acara." in text(client.get(episode.url))


def test_episode_on_air_is_marked_live(client, now):
    episode = factories.make_episode(start=now - datetime.timedelta(minutes=30))

    assert "Sedang berlangsung" in text(client.get(episode.url))


def test_past_episode_has_no_joining_section(client, now, episode_40):
    response = client.get(episode_40.url)

    assert "Selesai" in text(response)
    assert soup(response).find("section", attrs={"aria-labelledby": "cara-bergabung"}) is None


def test_an_ended_episode_leads_to_the_certificates(client, now, episode_40):
    section = soup(client.get(episode_40.url)).find("section", attrs={"aria-labelledby": "setelah-acara"})
    assert section.find("a", href="/sertifikat/") and section.find("a", href="/sertifikat/verifikasi/")
    upcoming = factories.make_episode(start=wita(2025, 8, 14, 9))
    assert soup(client.get(upcoming.url)).find("section", attrs={"aria-labelledby": "setelah-acara"}) is None


def test_recording_is_a_click_to_load_player(client, episode_40):
    episode_40.recording_url = YOUTUBE
    episode_40.recording_duration = datetime.timedelta(hours=2, minutes=45)
    episode_40.image = factories.make_image()
    episode_40.save_revision().publish()

    response = client.get(episode_40.url)

    player = soup(response).select_one("[data-video-embed]")
    assert player["data-video-embed"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"
    assert player.select_one("a.video__play")["href"] == YOUTUBE
    assert "Rekaman (2 jam 45 menit)" in text(response)
    assert soup(response).find("iframe") is None
    assert not [url for url in loaded_urls(response) if is_external(url) or "youtube" in url]


def test_recording_elsewhere_is_a_plain_link(client, episode_40):
    episode_40.recording_url = "https://vimeo.com/76979871"
    episode_40.save_revision().publish()

    response = client.get(episode_40.url)

    assert soup(response).select_one("[data-video-embed]") is None
    assert soup(response).find("a", href="https://vimeo.com/76979871").get_text().startswith("Tonton video")


def test_materials_link_to_their_documents(client):
    document = factories.make_document(title="Bahan tayang WPL")
    episode = factories.make_episode(materials=[document])

    link = soup(client.get(episode.url)).select_one(".downloads a")

    assert link.get_text() == "Bahan tayang WPL"
    assert link["href"] == document.url


def test_news_about_the_episode_is_listed(client, episode_40):
    factories.make_article(title="Seri ke-40 bahas WPL", episodes=[episode_40])
    factories.make_article(title="Berita lain")
    draft = factories.make_article(title="Draf berita", episodes=[episode_40])
    draft.unpublish()

    related = soup(client.get(episode_40.url)).find("section", attrs={"aria-labelledby": "berita-terkait"})

    assert [link.get_text() for link in related.select(".card__title a")] == ["Seri ke-40 bahas WPL"]


def test_unpublished_episode_and_its_calendar_file_are_not_found(client, episode_40):
    episode_40.unpublish()

    assert client.get(episode_40.url).status_code == 404
    assert client.get(episode_40.url + "kalender/").status_code == 404
