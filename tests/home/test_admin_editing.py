"""What staff get from the admin for every page type: history, comparison, rollback, previews on
a phone and a desktop, and an admin that speaks Indonesian."""

from django.urls import reverse

from wagtail.models import get_page_models
from wagtail.users.models import UserProfile

import pytest

from tests import factories
from tests.html import soup, text

pytestmark = pytest.mark.django_db

PAGE_MAKERS = {
    "home": factories.home_page,
    "standard": factories.make_standard_page,
    "episode_index": factories.episode_index,
    "episode": factories.make_episode,
    "speaker_index": factories.speaker_index,
    "speaker": factories.make_speaker,
    "news_index": factories.news_index,
    "article": factories.make_article,
    "statistics": factories.statistics_page,
}


def test_every_page_type_is_covered_here():

    ours = {model for model in get_page_models() if model._meta.app_label in {"home", "webinars", "news"}}
    made = {type(make()) for make in PAGE_MAKERS.values()}
    assert made == ours


@pytest.mark.parametrize("kind", PAGE_MAKERS)
def test_history_compare_and_rollback_work_for_every_page_type(client, kind):
    page = PAGE_MAKERS[kind]().specific
    first = page.live_revision
    original_title = page.title
    page.title = f"{original_title} (diubah)"
    second = page.save_revision()
    second.publish()
    client.force_login(factories.make_staff("Moderator"))

    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    compare = client.get(reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk)))
    view = client.get(reverse("wagtailadmin_pages:revisions_view", args=(page.pk, first.pk)))
    revert = client.get(reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first.pk)))

    assert history.status_code == 200
    assert compare.status_code == 200
    assert original_title in text(compare) and f"{original_title} (diubah)" in text(compare)
    assert view.status_code == 200 and original_title in view.content.decode()
    # Rolling back opens the editor with the old revision's content, to be saved or submitted again.
    assert revert.status_code == 200
    assert soup(revert).find("input", attrs={"name": "title"})["value"] == original_title


@pytest.mark.parametrize("kind", PAGE_MAKERS)
def test_every_page_type_previews_on_a_phone_and_a_desktop(client, kind):
    page = PAGE_MAKERS[kind]().specific
    client.force_login(factories.make_staff("Penulis"))

    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))

    assert response.status_code == 200
    assert [size["name"] for size in page.preview_sizes] == ["mobile", "desktop"]
    widths = [element["data-device-width"] for element in soup(response).select("[data-device-width]")]
    assert widths == ["375", "1280"]


def test_the_admin_speaks_indonesian_unless_the_user_chose_otherwise(client):
    factories.home_page()  # with the tree's root: two pages
    staff = factories.make_staff("Penulis")
    client.force_login(staff)

    dashboard = soup(client.get("/admin/"))
    assert dashboard.html["lang"] == "id-id"
    assert dashboard.title.get_text().startswith("Dasbor")
    # The site summary, which Wagtail's catalogue leaves in English, from our locale/.
    assert "2 halaman dibuat di ASN Adaptif" in " ".join(dashboard.get_text(" ").split())

    UserProfile.objects.update_or_create(user=staff, defaults={"preferred_language": "en"})
    dashboard = soup(client.get("/admin/"))
    assert dashboard.html["lang"] == "en"
    assert dashboard.title.get_text().startswith("Dashboard")


def test_admin_dates_follow_the_indonesian_locale(client, now):
    episode = factories.make_episode(start=factories.wita(2025, 8, 14, 9, 0))
    client.force_login(factories.make_staff("Penulis"))

    edit = soup(client.get(reverse("wagtailadmin_pages:edit", args=(episode.pk,))))

    assert edit.find("input", attrs={"name": "start"})["value"] == "14-08-2025 09.00"


def test_the_admin_scripts_speak_indonesian_too(client):
    client.force_login(factories.make_staff("Penulis"))

    catalog = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()

    # Wagtail's own catalogue has these in English; ours (locale/) fills them in.
    assert "Sisipkan blok" in catalog
    assert "Perubahan sudah tersimpan otomatis." in catalog
