"""The home page and what it loads (without images) stay under 100 KB over the wire.

That nothing comes from another server is checked in a real browser (tests/browser/test_reader.py).
"""

import gzip

from django.contrib.staticfiles import finders
from django.core.management import call_command

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024


def test_home_page_weighs_under_100_kb_compressed_without_images(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", verbosity=0)
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    page = BeautifulSoup(gzip.decompress(response.content), "html.parser")
    assets = [tag["href"] for tag in page.select('link[rel="stylesheet"]')]
    assets += [tag["src"] for tag in page.select("script[src]")]
    assert assets, "the page links its stylesheet and script"
    weight = len(response.content)
    for url in assets:
        assert url.startswith(settings.STATIC_URL), f"{url} is not served by us"
        with open(finders.find(url.removeprefix(settings.STATIC_URL)), "rb") as file:
            weight += len(gzip.compress(file.read()))
    assert weight < BUDGET
