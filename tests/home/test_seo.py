import pytest

from home.seo import SOCIAL_IMAGE_FILTER
from tests import factories
from tests.html import meta_property, soup

pytestmark = pytest.mark.django_db


def test_episode_link_preview_has_title_description_and_a_1200x630_image(client):
    episode = factories.make_episode(
        title="Workplace Learning", summary="Belajar sambil bekerja.", image=factories.make_image()
    )

    response = client.get(episode.url)

    assert meta_property(response, "og:title") == "Workplace Learning"
    assert meta_property(response, "og:description") == "Belajar sambil bekerja."
    rendition = episode.image.get_rendition(SOCIAL_IMAGE_FILTER)
    assert meta_property(response, "og:image") == f"http://testserver{rendition.url}"


def test_social_image_overrides_the_lead_image(client):
    article = factories.make_article(lead_image=factories.make_image(), social_image=factories.make_image())

    response = client.get(article.url)

    rendition = article.social_image.get_rendition(SOCIAL_IMAGE_FILTER)
    assert meta_property(response, "og:image") == f"http://testserver{rendition.url}"


def test_seo_title_and_search_description_win_over_title_and_intro(client):
    article = factories.make_article(
        title="Judul panjang", seo_title="Judul singkat", search_description="Ringkasan untuk mesin pencari."
    )

    response = client.get(article.url)

    assert meta_property(response, "og:title") == "Judul singkat"
    assert meta_property(response, "og:description") == "Ringkasan untuk mesin pencari."
    assert soup(response).title.get_text().startswith("Judul singkat")


def test_page_without_an_image_has_no_og_image(client):
    speaker = factories.make_speaker(position="Widyaiswara Ahli Madya", institution="BPSDM Sulsel")

    response = client.get(speaker.url)

    assert meta_property(response, "og:image") is None
    assert meta_property(response, "og:description") == "Widyaiswara Ahli Madya, BPSDM Sulsel"
    assert soup(response).find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
