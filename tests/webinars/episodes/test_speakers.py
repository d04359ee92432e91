import pytest

from tests import factories
from tests.factories import wita
from tests.html import card_titles, h1_count, soup, text
from webinars.models import SpeakerRole

pytestmark = pytest.mark.django_db


def test_speakers_are_sorted_by_name_without_titles(client):
    factories.make_speaker(title="Prof. Muhammad Jufri", sort_name="Muhammad Jufri")
    factories.make_speaker(title="Dr. Drs. Arwin Malik, M.Si.", sort_name="Arwin Malik")
    factories.make_speaker(title="Astuti Azis, Ph.D.", sort_name="Astuti Azis")

    response = client.get("/narasumber/")

    assert h1_count(response) == 1
    names = [link.get_text() for link in soup(response).select(".speaker-card__name a")]
    assert names == ["Dr. Drs. Arwin Malik, M.Si.", "Astuti Azis, Ph.D.", "Prof. Muhammad Jufri"]


def test_speaker_card_shows_position_and_institution(client):
    factories.make_speaker(position="Widyaiswara Ahli Madya", institution="BPSDM Sulsel")

    assert "Widyaiswara Ahli Madya, BPSDM Sulsel" in text(client.get("/narasumber/"))


def test_speaker_page_lists_their_published_episodes_newest_first(client):
    speaker = factories.make_speaker(title="Dr. Arwin Malik")
    other = factories.make_speaker()
    factories.make_episode(title="Juni", start=wita(2025, 6, 12, 9), roles=[(speaker, SpeakerRole.MODERATOR)])
    factories.make_episode(
        title="Juli",
        start=wita(2025, 7, 10, 9),
        roles=[(speaker, SpeakerRole.SPEAKER), (speaker, SpeakerRole.OPENING)],
    )
    factories.make_episode(title="Orang lain", roles=[(other, SpeakerRole.SPEAKER)])
    factories.make_episode(title="Draf", roles=[(speaker, SpeakerRole.SPEAKER)]).unpublish()

    response = client.get(speaker.url)

    assert h1_count(response) == 1
    assert soup(response).h1.get_text() == "Dr. Arwin Malik"
    assert card_titles(response) == ["Juli", "Juni"]


def test_speaker_without_episodes_says_so(client):
    speaker = factories.make_speaker(sort_name="Arwin Malik")

    response = client.get(speaker.url)

    assert "Episode bersama Arwin Malik" in text(response)
    assert "Belum ada episode yang tayang." in text(response)


def test_speaker_biography_is_shown_as_rich_text(client):
    speaker = factories.make_speaker(biography="<p>Ahli <b>pembelajaran</b> di tempat kerja.</p>")

    assert soup(client.get(speaker.url)).select_one(".prose b").get_text() == "pembelajaran"
