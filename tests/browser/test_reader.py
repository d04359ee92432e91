"""What a reader does in a real browser: nothing loads from other servers, the video player
appears only on request, and a phone reader can reach the next episode and find an article."""

import re

import pytest

from tests.browser.support import DESKTOP, PHONE, screenshot, skip_unless_chromium

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The live server starts WhiteNoise, which warns that collectstatic has not been run: it need not be.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

EMBED = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_ask_no_other_server(demo_site, open_page, live_server, viewport):
    local = open_page(viewport)
    page = local.page
    external = {}
    for path in demo_site.values():
        local.requests.clear()
        page.goto(live_server.url + path, wait_until="networkidle")
        # Bring lazily loaded images into view so their requests are made too.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_load_state("networkidle")
        assert any(url.endswith(".css") for url in local.requests), f"no request recorded for {path}"
        if local.external_requests():
            external[path] = local.external_requests()
    assert not external, f"pages asked other servers for: {external}"


def test_video_loads_from_youtube_nocookie_only_when_asked(demo_site, add_recording, open_page, live_server):
    episode_path = add_recording()
    local = open_page(PHONE)
    page = local.page
    page.goto(live_server.url + episode_path, wait_until="networkidle")
    assert local.external_requests() == []
    expect(page.locator("iframe")).to_have_count(0)

    page.get_by_role("link", name=re.compile(r"^Putar video")).click()

    frame = page.locator(f'iframe[src^="{EMBED}"]')
    expect(frame).to_have_count(1)
    expect(frame).to_have_attribute("title", re.compile("Workplace Learning"))
    screenshot(page, "episode-40-video-clicked")
    # The player was asked for (and stopped by the test's network rule), nothing else was.
    assert local.external_requests(), "the player's frame made no request"
    assert all(url.startswith(EMBED) for url in local.external_requests()), local.external_requests()


def test_phone_reader_reaches_next_episode_and_finds_the_article(demo_site, open_page, live_server):
    local = open_page(PHONE)
    page = local.page
    page.goto(live_server.url + "/")
    screenshot(page, "flow-1-home")

    next_episode = page.locator("section", has=page.get_by_role("heading", name="Episode berikutnya"))
    next_episode.get_by_role("heading", level=3).get_by_role("link").click()
    expect(page).to_have_url(live_server.url + demo_site["episode-41"])
    expect(page.get_by_text("Seri ke-41").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Literasi Data")
    screenshot(page, "flow-2-episode-41")

    # On a phone the menu waits behind its button (a <details>, no script needed).
    expect(page.get_by_role("navigation", name="Menu utama")).to_have_count(0)
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Cari").click()
    search = page.get_by_role("search")
    search.get_by_label("Kata kunci").fill("workplace")
    search.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"/cari/\?q=workplace$"))
    screenshot(page, "flow-3-search")

    page.get_by_role("link", name=re.compile("Bahas Workplace Learning")).click()
    expect(page).to_have_url(live_server.url + demo_site["article"])
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Seri ke-40 ASN Adaptif Bahas Workplace Learning"
    )
    screenshot(page, "flow-4-article")
    assert local.external_requests() == []
