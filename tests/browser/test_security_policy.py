"""The Content-Security-Policy breaks nothing: no page, public or admin, has anything refused."""

import re

import pytest

from tests.browser.support import DESKTOP, skip_unless_chromium

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def refusals(local):
    messages = []
    local.page.on(
        "console",
        lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return messages


def test_public_pages_run_under_the_policy(demo_site, add_recording, open_page, live_server):
    recording = add_recording()
    local = open_page(DESKTOP)
    refused = refusals(local)
    for name in ["home", "registration", "statistics", "news", "search"]:
        local.page.goto(live_server.url + demo_site[name], wait_until="networkidle")
    local.page.goto(live_server.url + recording, wait_until="networkidle")
    local.page.get_by_role("link", name=re.compile(r"^Putar video")).click()
    expect(local.page.locator("iframe")).to_have_count(1)
    assert refused == []


def test_the_admin_runs_under_its_policy(demo_site, open_page, live_server, django_user_model):
    from home.models import HomePage

    django_user_model.objects.create_superuser("csp", "csp@contoh.go.id", "sandi-uji-csp")
    local = open_page(DESKTOP)
    refused = refusals(local)
    page = local.page
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("csp")
    page.locator("#id_password").fill("sandi-uji-csp")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(live_server.url + "/admin/")
    home = HomePage.objects.get()
    for path in [f"/admin/pages/{home.pk}/edit/", "/admin/pages/", "/admin/images/", "/admin/pendaftaran/"]:
        page.goto(live_server.url + path, wait_until="networkidle")
    assert refused == []
