"""Shared by the browser tests and their conftest: where the tools are, and what a page may reach."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# Where to keep screenshots while developing, e.g. BROWSER_SCREENSHOTS=/tmp/shots (never the repo).
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS")


def skip_unless_chromium():
    """Call at the top of each browser test module."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) "
            "to run the browser tests (.ci/run does)",
            allow_module_level=True,
        )
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: run `make install`")


# Marks, so that a missing tool skips before the database and browser are set up.
needs_axe = pytest.mark.skipif(
    not AXE_JS.exists(),
    reason=f"{AXE_JS.relative_to(ROOT)} is missing: run `npm ci` to check accessibility (axe-core)",
)
needs_vnu = pytest.mark.skipif(
    not VNU_JAR.exists(),
    reason=f"{VNU_JAR.relative_to(ROOT)} is missing: run `npm ci` to check HTML with the Nu checker",
)
needs_java = pytest.mark.skipif(
    not shutil.which("java"),
    reason="java is missing: install a Java runtime (default-jre-headless) for the Nu HTML checker",
)


class LocalOnlyPage:
    """A page in a fresh browser context that may only reach the live server.

    ``requests`` lists every URL the page asked for, including those that were aborted.
    """

    def __init__(self, browser, live_server_url, viewport):
        self.origin = urlsplit(live_server_url)
        self.requests = []
        phone = viewport["width"] < 600
        self.context = browser.new_context(
            viewport=viewport, is_mobile=phone, has_touch=phone, locale="id-ID", service_workers="block"
        )
        self.context.route("**/*", self._route)
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()

    def is_local(self, url):
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return True
        return (parts.scheme, parts.hostname, parts.port) == (
            self.origin.scheme,
            self.origin.hostname,
            self.origin.port,
        )

    def _route(self, route):
        if self.is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def external_requests(self):
        return [url for url in self.requests if not self.is_local(url)]


def screenshot(page, name):
    """Keep a full-page screenshot when BROWSER_SCREENSHOTS names a folder."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
