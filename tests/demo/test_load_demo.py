import io

from django.core.management import call_command

from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

import pytest

from home.models import HomePage
from tests.html import h1_count

pytestmark = pytest.mark.django_db


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "latest_revisions": dict(Page.objects.values_list("pk", "latest_revision_id")),
    }


def test_demo_becomes_the_default_site():
    load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.get_children().live().count() >= 4


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = snapshot()

    output = load_demo()

    assert snapshot() == before
    assert "tidak ada yang berubah" in output


def test_every_demo_page_renders(client):
    load_demo()

    home = Site.objects.get(is_default_site=True).root_page
    for page in Page.objects.descendant_of(home, inclusive=True).live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert h1_count(response) == 1, page.url


def test_demo_episode_40_reads_as_reported(client):
    load_demo()

    response = client.get("/webinar/seri-40-workplace-learning/")

    content = response.content.decode()
    assert "Seri ke-40" in content
    assert "Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA" in content
    assert "2.888" in content
    for role in ("Sambutan pembuka", "Narasumber", "Moderator"):
        assert role in content
