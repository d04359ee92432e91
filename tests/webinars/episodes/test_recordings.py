import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import card_titles, h1_count, soup, text

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def test_recordings_lists_only_recorded_episodes_newest_first(client, now):
    factories.make_episode(title="Juni", start=wita(2025, 6, 12, 9), recording_url=YOUTUBE)
    factories.make_episode(title="Tanpa rekaman", start=wita(2025, 7, 3, 9))
    factories.make_episode(
        title="Juli",
        start=wita(2025, 7, 10, 9),
        recording_url=YOUTUBE,
        recording_duration=datetime.timedelta(hours=2, minutes=45),
    )

    response = client.get("/webinar/rekaman/")

    assert response.status_code == 200
    assert h1_count(response) == 1
    assert card_titles(response) == ["Juli", "Juni"]
    assert "2 rekaman" in text(response)
    assert soup(response).select_one(".card__duration").get_text() == "2 jam 45 menit"


def test_recording_duration_under_an_hour_is_in_minutes(client):
    factories.make_episode(recording_url=YOUTUBE, recording_duration=datetime.timedelta(minutes=45))

    assert soup(client.get("/webinar/rekaman/")).select_one(".card__duration").get_text() == "45 menit"


def test_without_recordings_the_page_points_to_the_youtube_channel(client):
    factories.make_episode()
    factories.site_settings(youtube_channel_url="https://www.youtube.com/@bpsdmsulsel")

    response = client.get("/webinar/rekaman/")

    assert card_titles(response) == []
    assert "Belum ada rekaman yang diunggah." in text(response)
    assert soup(response).find("a", href="https://www.youtube.com/@bpsdmsulsel")
