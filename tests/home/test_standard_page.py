import pytest

from tests import factories
from tests.html import h1_count, soup

pytestmark = pytest.mark.django_db


def test_standard_page_renders_its_blocks(client):
    episodes = factories.episode_index()
    document = factories.make_document(title="Panduan sertifikat")
    page = factories.make_standard_page(
        title="Tentang ASN Adaptif",
        intro="Seri webinar BPSDM Sulsel.",
        body=[
            ("heading", "Sertifikat dan jam pelajaran"),
            ("paragraph", "<p>PNS menargetkan <b>20 JP</b> setahun.</p>"),
            ("quote", {"text": "Tempat kerja adalah ruang belajar.", "attribution": "Kepala BPSDM"}),
            ("document", {"document": document, "title": ""}),
            ("call_to_action", {"text": "Lihat semua episode", "page": episodes, "url": ""}),
        ],
    )

    response = client.get(page.url)

    html = soup(response)
    assert h1_count(response) == 1
    assert html.select_one("h2.block-heading").get_text() == "Sertifikat dan jam pelajaran"
    assert html.select_one(".prose b").get_text() == "20 JP"
    assert html.select_one(".block-quote figcaption").get_text() == "Kepala BPSDM"
    assert html.select_one(".block-document a")["href"] == document.url
    assert html.select_one(".block-document a").get_text() == "Panduan sertifikat"
    assert html.select_one(".block-cta a")["href"] == "/webinar/"


def test_pages_nest_under_standard_pages(client):
    about = factories.make_standard_page(slug="tentang")
    privacy = factories.make_standard_page(about, slug="privasi", title="Kebijakan Privasi")

    response = client.get("/tentang/privasi/")

    assert response.status_code == 200
    assert soup(response).h1.get_text() == "Kebijakan Privasi"
    assert privacy.url == "/tentang/privasi/"


def test_menu_lists_the_sections_marked_for_it(client):
    factories.episode_index()
    factories.speaker_index()
    factories.make_standard_page(title="Tersembunyi", show_in_menus=False)

    menu = [link.get_text() for link in soup(client.get("/")).select(".site-nav--wide a")]

    assert menu == ["Webinar", "Narasumber", "Sertifikat", "Cari"]


@pytest.mark.parametrize(
    "path", ["/webinar/tidak-ada/", "/narasumber/tidak-ada/", "/berita/x/y/", "/tentang/z/"]
)
def test_missing_pages_below_any_section_are_not_found(client, path):
    factories.episode_index()
    factories.speaker_index()
    factories.news_index()
    factories.make_standard_page(slug="tentang")

    assert client.get(path).status_code == 404
