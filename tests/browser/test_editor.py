"""A writer (Penulis) logs into the admin, writes a news article and sends it for review: it waits
for a moderator and is not on the site."""

import pytest

from tests.browser.support import DESKTOP, screenshot, skip_unless_chromium

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PASSWORD = "sandi-penulis-uji"


def test_a_writer_submits_an_article_for_moderation(demo_site, open_page, live_server):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.models import WorkflowState

    from news.models import ArticlePage, NewsIndexPage

    writer = get_user_model().objects.create_user("penulis", "penulis@bpsdm.example", PASSWORD)
    writer.groups.add(Group.objects.get(name="Penulis"))
    news = NewsIndexPage.objects.get()
    page = open_page(DESKTOP).page

    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("penulis")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_title("Dasbor - Admin ASN Adaptif")

    page.goto(f"{live_server.url}/admin/pages/add/news/articlepage/{news.pk}/")
    page.locator("#id_title").fill("Pendaftaran Seri ke-41 dibuka")
    page.locator("#id_intro").fill("Seri ke-41 ASN Adaptif membahas literasi data untuk pelayanan publik.")
    page.locator("[data-contentpath=body] .c-sf-add-button").first.click()
    page.get_by_role("option", name="Paragraf").click()
    editor = page.locator("[data-contentpath=body] [contenteditable=true]").first
    editor.click()
    editor.type("Pendaftaran dibuka lewat situs ASN Adaptif.")
    page.wait_for_timeout(2000)  # the admin autosaves half a second after a change: let it finish
    screenshot(page, "editor-article-filled")
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-submit]").click()

    expect(page.locator(".messages")).to_contain_text("Pendaftaran Seri ke-41 dibuka")
    screenshot(page, "editor-article-submitted")
    article = ArticlePage.objects.get(title="Pendaftaran Seri ke-41 dibuka")
    assert not article.live
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == writer
    assert page.request.get(live_server.url + "/berita/" + article.slug + "/").status == 404
