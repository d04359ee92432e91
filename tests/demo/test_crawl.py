"""Follow every link a visitor can reach from the home page of the demo site."""

from collections import deque
from urllib.parse import urldefrag, urlsplit

from django.core.files.storage import default_storage
from django.core.management import call_command

import pytest

from tests.html import csp_directives, loaded_urls, soup

pytestmark = pytest.mark.django_db

OWN_HOSTS = {"testserver", "localhost"}
SKIPPED_PREFIXES = ("/admin/", "/dokumen/", "/media/", "/static/")
MAX_PAGES = 300


def internal_path(href):
    parts = urlsplit(urldefrag(href).url)
    if parts.scheme not in ("", "http", "https") or (parts.hostname and parts.hostname not in OWN_HOSTS):
        return None
    if not parts.path.startswith("/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def crawl(client):
    call_command("load_demo", verbosity=0)
    seen, queue, responses = {"/"}, deque(["/"]), {}
    while queue and len(responses) < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        responses[path] = response
        if not response["Content-Type"].startswith("text/html"):
            continue
        for link in soup(response).find_all("a", href=True):
            target = internal_path(link["href"])
            if target and target not in seen and not target.startswith(SKIPPED_PREFIXES):
                seen.add(target)
                queue.append(target)
    return responses


def test_every_link_on_the_demo_site_works(crawl):
    broken = {path: response.status_code for path, response in crawl.items() if response.status_code >= 400}

    assert broken == {}
    assert len(crawl) > 15
    assert {"/webinar/kalender/", "/berita/rss/", "/webinar/rekaman/", "/cari/"} <= crawl.keys()


def test_every_image_on_the_demo_site_exists(crawl):
    images = {
        url
        for response in crawl.values()
        if response["Content-Type"].startswith("text/html")
        for url in loaded_urls(response)
        if url.startswith("/media/")
    }

    assert images
    missing = [src for src in images if not default_storage.exists(src.removeprefix("/media/"))]
    assert missing == []


def test_every_page_of_the_demo_site_keeps_to_the_content_security_policy(crawl):
    """The policy forbids inline scripts, event handlers and inline styles: none may be needed."""
    offences = []
    for path, response in crawl.items():
        assert csp_directives(response)["script-src"] == ["'self'"], path
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = soup(response)
        inline_scripts = page.find_all("script", src=False)
        offences += [(path, "script") for tag in inline_scripts if tag.get("type") != "application/ld+json"]
        offences += [(path, "style") for _ in page.find_all("style")]
        offences += [
            (path, tag.name, name)
            for tag in page.find_all(True)
            for name in tag.attrs
            if name == "style" or name.startswith("on")
        ]

    assert offences == []
