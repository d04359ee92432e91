import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

import pytest

from tests import factories
from tests.html import h1_count, soup, text

pytestmark = pytest.mark.django_db


def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="msgfmt is missing: install gettext")
def test_compiled_translations_match_their_source(tmp_path):
    for source in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"):
        compiled = tmp_path / "django.mo"
        subprocess.run([shutil.which("msgfmt"), "-o", str(compiled), str(source)], check=True)  # noqa: S603
        assert compiled.read_bytes() == source.with_suffix(".mo").read_bytes(), (
            f"run `make messages` ({source})"
        )


def test_unknown_page_is_an_indonesian_404(client):
    factories.home_page()

    response = client.get("/tidak-ada/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in text(response)
    assert h1_count(response) == 1
    assert b'<meta name="robots" content="noindex">' in response.content


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    factories.home_page()  # the Site record (hostname testserver) is what robots.txt names
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_sitemap_lists_the_public_pages(client):
    episode = factories.make_episode(slug="seri-40")
    speaker = factories.make_speaker(slug="arwin-malik")
    article = factories.make_article(slug="seri-40-bahas-wpl")
    draft = factories.make_episode(slug="konsep")
    draft.unpublish()

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    paths = {loc.get_text().removeprefix("http://testserver") for loc in soup(response).find_all("loc")}
    assert {
        "/",
        "/webinar/",
        "/webinar/rekaman/",
        episode.url,
        "/narasumber/",
        speaker.url,
        "/berita/",
        article.url,
    } <= paths
    assert draft.url not in paths
