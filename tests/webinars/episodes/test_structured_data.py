import datetime

import pytest

from tests import factories
from tests.factories import wita
from tests.html import json_ld
from webinars.models import SpeakerRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def episode():
    return factories.make_episode(
        series_number=40,
        title="Workplace Learning",
        summary="Belajar sambil bekerja.",
        start=wita(2025, 7, 10, 9),
        end=wita(2025, 7, 10, 12),
        image=factories.make_image(),
        roles=[
            (factories.make_speaker(title="Prof. Muhammad Jufri"), SpeakerRole.OPENING),
            (factories.make_speaker(title="Dr. Arwin Malik"), SpeakerRole.SPEAKER),
            (factories.make_speaker(title="Dr. Muh. Djajadi"), SpeakerRole.SPEAKER),
            (factories.make_speaker(title="Astuti Azis, Ph.D."), SpeakerRole.MODERATOR),
        ],
    )


def event_data(client, episode):
    (data,) = json_ld(client.get(episode.url))
    return data


def test_episode_is_an_online_event(client, episode):
    data = event_data(client, episode)

    assert data["@type"] == "Event"
    assert data["name"] == "Webinar ASN Adaptif Seri ke-40: Workplace Learning"
    assert data["startDate"] == "2025-07-10T09:00:00+08:00"
    assert data["endDate"] == "2025-07-10T12:00:00+08:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "http://testserver" + episode.url}
    assert data["image"][0].startswith("http://testserver/media/")


def test_performers_are_the_speakers_only(client, episode):
    performers = event_data(client, episode)["performer"]

    assert performers == [
        {"@type": "Person", "name": "Dr. Arwin Malik"},
        {"@type": "Person", "name": "Dr. Muh. Djajadi"},
    ]


def test_organizer_comes_from_the_site_settings(client, episode):
    factories.site_settings(
        organisation_name="BPSDM Provinsi Sulawesi Selatan", website_url="https://bpsdm.example/"
    )

    assert event_data(client, episode)["organizer"] == {
        "@type": "Organization",
        "name": "BPSDM Provinsi Sulawesi Selatan",
        "url": "https://bpsdm.example/",
    }


def test_livestream_is_the_virtual_location_when_set(client, episode):
    episode.livestream_url = "https://www.youtube.com/live/aqz-KE-bpKQ"
    episode.save_revision().publish()

    assert event_data(client, episode)["location"]["url"] == "https://www.youtube.com/live/aqz-KE-bpKQ"


def test_recording_appears_once_it_is_set(client, episode):
    assert "recordedIn" not in event_data(client, episode)

    episode.recording_url = "https://youtu.be/aqz-KE-bpKQ"
    episode.recording_duration = datetime.timedelta(hours=2, minutes=45)
    episode.save_revision().publish()

    recording = event_data(client, episode)["recordedIn"]
    assert recording["@type"] == "VideoObject"
    assert recording["contentUrl"] == "https://youtu.be/aqz-KE-bpKQ"
    assert recording["embedUrl"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert recording["duration"] == "PT2H45M0S"
    assert recording["uploadDate"] == "2025-07-10T12:00:00+08:00"


def test_json_ld_cannot_break_out_of_its_script_tag(client):
    episode = factories.make_episode(title="</script><script>alert(1)</script>", summary="a & b <!--")

    response = client.get(episode.url)

    assert b"</script><script>alert(1)" not in response.content
    (data,) = json_ld(response)
    assert data["name"].endswith("</script><script>alert(1)</script>")
    assert data["description"] == "a & b <!--"


def test_speaker_page_describes_a_person(client):
    speaker = factories.make_speaker(
        title="Dr. Arwin Malik", position="Widyaiswara Ahli Madya", institution="BPSDM Sulsel"
    )

    (data,) = json_ld(client.get(speaker.url))

    assert data["@type"] == "Person"
    assert data["name"] == "Dr. Arwin Malik"
    assert data["jobTitle"] == "Widyaiswara Ahli Madya"
    assert data["worksFor"] == {"@type": "Organization", "name": "BPSDM Sulsel"}
