"""Lighthouse (npm, run with Node) scores the home page and an episode page on Debian's Chromium.

Each category must score at least 95. The scores are printed (pytest -s, or the CI log on failure)
and kept in LIGHTHOUSE_REPORTS when set (a folder outside the repo).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, ROOT, skip_unless_chromium

skip_unless_chromium()

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = 0.95

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
    pytest.mark.skipif(
        not LIGHTHOUSE.exists() or not shutil.which("node"),
        reason="Lighthouse is missing: install Node.js and run `npm ci` to score pages with it",
    ),
]


def lighthouse(url, tmp_path, attempts=3):
    """Lighthouse's JSON report. On a loaded machine it sometimes fails to record the page load
    ("NO_NAVSTART", "Please run Lighthouse again"): such a run is repeated, a score never is."""
    report = tmp_path / "report.json"
    flags = " ".join(flag for flag in CHROMIUM_ARGS if flag != "--headless")
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-flags=--headless=new {flags}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
        "--quiet",
    ]
    for _ in range(attempts):
        done = subprocess.run(  # noqa: S603 (our own command line)
            command,
            env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if done.returncode == 0:
            break
    assert done.returncode == 0, done.stderr
    if os.environ.get("LIGHTHOUSE_REPORTS"):
        folder = Path(os.environ["LIGHTHOUSE_REPORTS"])
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(report, folder / (url.rstrip("/").rsplit("/", 1)[-1] or "home") + ".json")
    return json.loads(report.read_text())


def shortfalls(result):
    """The audits that cost points, to say why a score is low."""
    for category in result["categories"].values():
        for reference in category["auditRefs"]:
            audit = result["audits"][reference["id"]]
            if reference.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                yield f"{category['id']}: {audit['id']} {audit.get('displayValue', '')}".strip()


@pytest.mark.parametrize("page", ["home", "episode-41"])
def test_lighthouse_scores_at_least_95(demo_site, live_server, tmp_path, page):
    result = lighthouse(live_server.url + demo_site[page], tmp_path)
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    print(f"Lighthouse {demo_site[page]}: {scores}")  # noqa: T201 (the scores are reported)
    assert all(score >= MINIMUM * 100 for score in scores.values()), (scores, list(shortfalls(result)))
