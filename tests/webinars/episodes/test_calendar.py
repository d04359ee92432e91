import datetime

import pytest
from icalendar import Calendar

from tests import factories
from tests.factories import wita

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


@pytest.fixture
def episode_40():
    return factories.make_episode(
        series_number=40,
        title="Workplace Learning",
        start=wita(2025, 7, 10, 9),
        end=wita(2025, 7, 10, 12),
        livestream_url="https://www.youtube.com/live/aqz-KE-bpKQ",
    )


def test_episode_calendar_file_downloads_one_event_in_utc(client, episode_40):
    response = client.get(episode_40.url + "kalender/")

    (event,) = events(response)
    assert response["Content-Disposition"] == 'attachment; filename="asn-adaptif-seri-40.ics"'
    assert event.decoded("dtstart") == datetime.datetime(2025, 7, 10, 1, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime.datetime(2025, 7, 10, 4, 0, tzinfo=UTC)
    assert b"DTSTART:20250710T010000Z" in response.content
    assert str(event["summary"]) == "ASN Adaptif Seri ke-40: Workplace Learning"
    assert str(event["url"]) == "http://testserver" + episode_40.url
    assert "Siaran langsung: https://www.youtube.com/live/aqz-KE-bpKQ" in str(event["description"])


def test_event_uid_stays_the_same_when_the_episode_changes(client, episode_40):
    (before,) = events(client.get(episode_40.url + "kalender/"))
    episode_40.title = "Workplace Learning (jadwal baru)"
    episode_40.start += datetime.timedelta(days=7)
    episode_40.end += datetime.timedelta(days=7)
    episode_40.save_revision().publish()

    (after,) = events(client.get(episode_40.url + "kalender/"))

    assert after["uid"] == before["uid"]
    assert after.decoded("dtstart") == datetime.datetime(2025, 7, 17, 1, 0, tzinfo=UTC)


def test_calendar_feed_holds_the_upcoming_episodes_only(client, now, episode_40):
    next_week = factories.make_episode(series_number=41, start=wita(2025, 8, 7, 9))
    next_month = factories.make_episode(series_number=42, start=wita(2025, 9, 4, 9))

    feed = events(client.get("/webinar/kalender/"))

    assert [str(event["summary"]).split(":")[0] for event in feed] == [
        "ASN Adaptif Seri ke-41",
        "ASN Adaptif Seri ke-42",
    ]
    assert len({event["uid"] for event in feed}) == 2
    assert {str(event["url"]) for event in feed} == {
        "http://testserver" + next_week.url,
        "http://testserver" + next_month.url,
    }


def test_feed_event_uid_matches_the_downloaded_file(client, now):
    episode = factories.make_episode(start=wita(2025, 8, 7, 9))

    (in_feed,) = events(client.get("/webinar/kalender/"))
    (downloaded,) = events(client.get(episode.url + "kalender/"))

    assert in_feed["uid"] == downloaded["uid"]
