"""Every public page type passes axe-core (phone and desktop) and the W3C Nu HTML checker.

Each page is checked as the demo content leaves it, then the pages that change once episode 40
has a recording (its player, the home page's recordings) are checked again in that state.
"""

import json
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.support import (
    AXE_JS,
    DESKTOP,
    PHONE,
    VNU_JAR,
    needs_axe,
    needs_java,
    needs_vnu,
    screenshot,
    skip_unless_chromium,
)

skip_unless_chromium()

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    # The live server starts WhiteNoise, which warns that collectstatic has not been run: it need not be.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def pages_in_both_states(demo_site, add_recording):
    """(name, path) for every page, then for the pages a recording changes, with the recording."""
    yield from demo_site.items()
    episode_path = add_recording()
    yield "episode-40-recording", episode_path
    yield "home-recording", demo_site["home"]
    yield "episodes-recording", demo_site["episodes"]


def describe_violations(found):
    lines = []
    for name, path, violations in found:
        lines.append(f"{name} ({path}):")
        for violation in violations:
            lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"      at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


@needs_axe
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violations(demo_site, add_recording, open_page, live_server, viewport):
    local = open_page(viewport)
    page = local.page
    found = []
    for name, path in pages_in_both_states(demo_site, add_recording):
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path} answered {response.status}"
        # Evaluated through the DevTools protocol: a <script> tag would be (rightly) refused by the
        # site's Content-Security-Policy, which allows no inline script.
        page.evaluate(AXE_JS.read_text())
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        if results["violations"]:
            found.append((name, path, results["violations"]))
        screenshot(page, f"{name}-{viewport['width']}")
    assert not found, "axe-core found accessibility problems:\n" + describe_violations(found)


def describe_html_errors(messages, paths):
    lines = []
    for message in messages:
        name = Path(urlsplit(message.get("url", "")).path).stem
        where = f"{name} ({paths.get(name, '?')}) line {message.get('lastLine')}"
        lines.append(f"{where}: {message.get('message')}")
        if message.get("extract"):
            lines.append(f"      {message['extract'].strip()}")
    return "\n".join(lines)


@needs_vnu
@needs_java
def test_html_is_valid(demo_site, add_recording, live_server):
    paths = {}
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, path in pages_in_both_states(demo_site, add_recording):
            with urllib.request.urlopen(live_server.url + path, timeout=30) as response:  # noqa: S310
                assert response.status == 200, f"{path} answered {response.status}"
                body = response.read()
            paths[name] = path
            files.append(Path(folder) / f"{name}.html")
            files[-1].write_bytes(body)
        # One JVM for every page, as it is slow to start; the checker won't fetch 127.0.0.1 itself.
        result = subprocess.run(  # noqa: S603 (our own command line)
            [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    try:
        messages = json.loads(result.stderr)["messages"]
    except ValueError:
        pytest.fail(f"The Nu HTML checker failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    assert not messages, "The Nu HTML checker found errors:\n" + describe_html_errors(messages, paths)
    assert result.returncode == 0, result.stderr
