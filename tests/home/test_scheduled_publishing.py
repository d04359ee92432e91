"""Pages scheduled in the admin go live when `publish_scheduled` runs after their time.

`make run` runs the command every minute; production runs it from cron (see README).
"""

import datetime

from django.core.management import call_command
from django.urls import reverse

import pytest

from news.models import ArticlePage
from tests import factories
from tests.admin_forms import article_form

pytestmark = pytest.mark.django_db


def test_a_page_scheduled_by_a_moderator_goes_live_once_its_time_has_passed(client, now, time_machine):
    news = factories.news_index()
    client.force_login(factories.make_staff("Moderator"))
    go_live = now + datetime.timedelta(hours=2)
    form = article_form(
        title="Pengumuman Seri ke-41",
        slug="pengumuman-seri-41",
        go_live_at=go_live.strftime("%d-%m-%Y %H.%M"),
        **{"action-publish": "Terbitkan"},
    )

    response = client.post(reverse("wagtailadmin_pages:add", args=("news", "articlepage", news.pk)), form)

    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="pengumuman-seri-41")
    assert not article.live
    assert article.scheduled_revision is not None
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live, "published before its time"

    time_machine.move_to(go_live + datetime.timedelta(minutes=1), tick=False)
    call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live
    assert client.get("/berita/pengumuman-seri-41/").status_code == 200


def test_a_change_to_a_live_page_scheduled_for_a_time_now_past_is_published(client, now, time_machine):
    article = factories.make_article(title="Judul lama", slug="berita-terjadwal")
    article.title = "Judul baru"
    article.go_live_at = now + datetime.timedelta(minutes=30)
    article.save_revision().publish()
    assert ArticlePage.objects.get(pk=article.pk).title == "Judul lama"
    time_machine.move_to(now + datetime.timedelta(hours=1), tick=False)

    call_command("publish_scheduled")

    assert ArticlePage.objects.get(pk=article.pk).title == "Judul baru"
    assert "Judul baru" in client.get("/berita/berita-terjadwal/").content.decode()
