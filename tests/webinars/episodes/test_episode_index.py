import pytest

from tests import factories
from tests.factories import wita
from tests.html import card_titles, h1_count, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def episodes(now):
    factories.make_episode(title="Kepemimpinan", start=wita(2024, 12, 5, 9), tags=["kepemimpinan"])
    factories.make_episode(
        title="Workplace Learning", start=wita(2025, 7, 10, 9), tags=["workplace learning"]
    )
    factories.make_episode(title="Literasi Data", start=wita(2025, 8, 14, 9), tags=["workplace learning"])


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("", ["Literasi Data", "Workplace Learning", "Kepemimpinan"]),
        ("?waktu=mendatang", ["Literasi Data"]),
        ("?waktu=lampau", ["Workplace Learning", "Kepemimpinan"]),
        ("?tahun=2024", ["Kepemimpinan"]),
        ("?topik=workplace-learning", ["Literasi Data", "Workplace Learning"]),
        ("?waktu=lampau&tahun=2025&topik=workplace-learning", ["Workplace Learning"]),
    ],
)
def test_filters_choose_episodes(client, episodes, query, listed):
    response = client.get("/webinar/" + query)

    assert response.status_code == 200
    assert card_titles(response) == listed


@pytest.mark.parametrize(
    "query",
    ["?waktu=besok", "?tahun=abc", "?tahun=1999", "?topik=tidak-ada", "?topik=%00", "?tahun=" + "9" * 40],
)
def test_invalid_filter_values_are_ignored(client, episodes, query):
    response = client.get("/webinar/" + query)

    assert response.status_code == 200
    assert len(card_titles(response)) == 3


def test_filter_choices_offer_only_years_and_topics_in_use(client, episodes):
    form = soup(client.get("/webinar/"))

    years = [option["value"] for option in form.select("select[name=tahun] option")]
    topics = [option["value"] for option in form.select("select[name=topik] option")]
    assert years == ["", "2025", "2024"]
    assert topics == ["", "kepemimpinan", "workplace-learning"]


def test_unpublished_episodes_are_not_listed(client, episodes):
    factories.make_episode(title="Masih draf").unpublish()

    assert "Masih draf" not in card_titles(client.get("/webinar/"))


def test_listing_has_one_heading_and_links_to_recordings_and_calendar(client, episodes):
    response = client.get("/webinar/")

    assert h1_count(response) == 1
    assert soup(response).find("a", href="/webinar/rekaman/")
    assert soup(response).find("link", rel="alternate", type="text/calendar")["href"] == "/webinar/kalender/"


def test_no_match_offers_the_full_list(client, episodes):
    response = client.get("/webinar/?tahun=2024&waktu=mendatang")

    assert card_titles(response) == []
    assert "Tidak ada episode yang cocok" in response.content.decode()


class TestPagination:
    @pytest.fixture
    def thirteen_episodes(self, now):
        for day in range(1, 14):
            factories.make_episode(title=f"Episode {day:02d}", start=wita(2025, 7, day, 9))

    def test_twelve_episodes_per_page(self, client, thirteen_episodes):
        first, second = client.get("/webinar/"), client.get("/webinar/?halaman=2")

        assert len(card_titles(first)) == 12
        assert card_titles(second) == ["Episode 01"]
        assert "Halaman 2 dari 2" in second.content.decode()

    @pytest.mark.parametrize(
        ("page", "first_title"), [("99", "Episode 01"), ("abc", "Episode 13"), ("-1", "Episode 01")]
    )
    def test_out_of_range_page_numbers_show_the_nearest_page(
        self, client, thirteen_episodes, page, first_title
    ):
        response = client.get(f"/webinar/?halaman={page}")

        assert response.status_code == 200
        assert card_titles(response)[0] == first_title

    def test_page_links_keep_the_filters(self, client, thirteen_episodes):
        next_link = soup(client.get("/webinar/?waktu=lampau")).find("a", rel="next")

        assert next_link["href"] == "?waktu=lampau&halaman=2"
