"""Retake the screenshots of docs/editors.md from a running copy of the site: `make screenshots`.

Builds a throwaway site (SQLite and media in a temporary folder, the demo content, a writer and a
moderator), serves it with runserver on 127.0.0.1, walks through publishing an episode and an
article in the admin with Playwright on the system's Chromium, and writes small PNGs to docs/img/.
Nothing is fetched from outside 127.0.0.1.
"""

import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
VIEWPORT = {"width": 1280, "height": 800}
# The public pages and the admin home, as a phone and a desktop show them.
SIZES = {"390x844": {"width": 390, "height": 844}, "1280x900": {"width": 1280, "height": 900}}
PASSWORD = "contoh-sandi-dokumentasi"  # noqa: S105 (a throwaway site, deleted when the script ends)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_site(folder):
    """Migrate, load the demo and add one writer and one moderator; returns the server's environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.dev",
        "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
        "MEDIA_ROOT": str(folder / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=io.StringIO())
    for username, first_name, group in (("penulis", "Rina", "Penulis"), ("moderator", "Andi", "Moderator")):
        user = get_user_model().objects.create_user(username, f"{username}@bpsdm.example", PASSWORD)
        user.first_name = first_name
        user.save()
        user.groups.add(Group.objects.get(name=group))
    return env


def serve(env, port):
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(60):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return server
        except OSError:
            time.sleep(1)
    server.kill()
    raise RuntimeError("runserver did not start")


def save(page, name, locator=None, full_page=False):
    """A viewport-sized PNG (or the whole page), reduced to 128 colours: plenty for these screens,
    a fraction of the size."""
    from PIL import Image

    path = IMAGES / f"{name}.png"
    if locator is not None:
        locator.screenshot(path=str(path))
    else:
        page.screenshot(path=str(path), full_page=full_page)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.FASTOCTREE)
    small.save(path, optimize=True)
    sys.stdout.write(f"{path.relative_to(ROOT)} ({path.stat().st_size // 1024} kB)\n")


def log_in(browser, base, username, viewport=VIEWPORT):
    context = browser.new_context(viewport=viewport, locale="id-ID")
    # The admin may only reach the local server.
    context.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
    )
    page = context.new_page()
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    return page


def take(base):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls in between are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    from news.models import NewsIndexPage
    from webinars.models import EpisodePage

    upcoming = EpisodePage.objects.get(series_number=41)
    past = EpisodePage.objects.get(series_number=40)
    news = NewsIndexPage.objects.get()
    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        writer = log_in(browser, base, "penulis")
        writer.goto(f"{base}/admin/pages/{upcoming.pk}/edit/")
        save(writer, "01-episode-baru")

        writer.goto(f"{base}/admin/pages/add/news/articlepage/{news.pk}/")
        writer.locator("#id_title").fill("Pendaftaran Seri ke-41 dibuka")
        writer.locator("#id_intro").fill(
            "Seri ke-41 ASN Adaptif membahas literasi data untuk pelayanan publik."
        )
        body = writer.locator("[data-contentpath=body]")
        body.scroll_into_view_if_needed()
        body.locator(".c-sf-add-button").first.click()
        writer.wait_for_timeout(500)
        save(writer, "02-pilih-blok")
        writer.get_by_role("option", name="Paragraf").click()
        editor = body.locator("[contenteditable=true]").first
        editor.click()
        editor.type("Pendaftaran dibuka lewat situs ASN Adaptif sampai sehari sebelum acara.")
        writer.wait_for_timeout(2000)  # the admin autosaves half a second after a change: let it finish
        writer.locator("footer [data-w-dropdown-target=toggle]").last.click()
        writer.wait_for_timeout(300)
        save(writer, "03-kirim-untuk-ditinjau")
        with writer.expect_navigation():
            writer.locator("button[name=action-submit]").click()

        moderator = log_in(browser, base, "moderator")
        moderator.wait_for_timeout(300)
        save(moderator, "04-dasbor-moderator")
        article = news.get_children().get(title="Pendaftaran Seri ke-41 dibuka")
        moderator.goto(f"{base}/admin/pages/{article.pk}/edit/")
        moderator.locator("footer [data-w-dropdown-target=toggle]").last.click()
        moderator.wait_for_timeout(300)
        save(moderator, "05-setujui-atau-kembalikan")

        moderator.goto(f"{base}/admin/pages/{past.pk}/edit/")
        recording = moderator.locator("#id_recording_url")
        recording.scroll_into_view_if_needed()
        recording.fill("https://www.youtube.com/watch?v=aqz-KE-bpKQ")
        moderator.locator("#id_recording_duration").fill("2:45:00")
        moderator.evaluate("window.scrollBy(0, -200)")
        save(moderator, "06-rekaman")

        public_pages(browser, base, past)
        for label, viewport in SIZES.items():
            dashboard = log_in(browser, base, "moderator", viewport=viewport)
            dashboard.wait_for_timeout(300)
            save(dashboard, f"situs/admin-dasbor-{label}")

        browser.close()


def public_pages(browser, base, episode):
    """The public pages a reader meets first, whole, at a phone's and a desktop's size; on the
    phone also the home page with its menu opened."""
    pages = {
        "beranda": "/",
        "episode": episode.url,
        "narasumber": "/narasumber/arwin-malik/",
        "statistik": "/statistik/",
    }
    (IMAGES / "situs").mkdir(parents=True, exist_ok=True)
    for label, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, locale="id-ID")
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
        )
        page = context.new_page()
        for name, path in pages.items():
            page.goto(base + path)
            save(page, f"situs/{name}-{label}", full_page=True)
        if label == "390x844":
            page.goto(base + "/")
            page.locator(".site-nav--phone summary").click()
            save(page, f"situs/beranda-menu-{label}")
        context.close()


def main():
    with tempfile.TemporaryDirectory() as folder:
        env = prepare_site(Path(folder))
        # SCREENSHOT_PORT: when several copies of the site share a machine, each keeps to its ports.
        port = int(os.environ.get("SCREENSHOT_PORT") or free_port())
        server = serve(env, port)
        try:
            take(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
