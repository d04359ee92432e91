"""On a 360 px phone: an attendee opens the evaluation link of an episode that requires it, rates
the speaker, the moderator and the organisation, and then downloads the certificate that the
answer released. The page passes axe-core and never scrolls sideways."""

import re
import shutil
import subprocess
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.support import (
    AXE_JS,
    VNU_JAR,
    needs_axe,
    needs_java,
    needs_vnu,
    screenshot,
    skip_unless_chromium,
)

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def attendee_waiting(demo_site):
    """An attendee of an ended episode that requires the evaluation first: the registrar has
    already issued the episode's certificates, which skipped her for want of an answer."""
    import datetime

    from django.utils import timezone

    from tests.factories import make_episode, make_registration, make_speaker, wita
    from webinars.attendance.service import check_in
    from webinars.certificates.issuing import run_issuing
    from webinars.evaluations.links import evaluation_path
    from webinars.models import CertificateRun, EpisodeIndexPage, SpeakerRole

    speaker = make_speaker(title="Dr. Hasnawati Saleh, M.Si.")
    moderator = make_speaker(title="Andi Moderator, S.Sos.")
    episode = make_episode(
        parent=EpisodeIndexPage.objects.get(),
        start=wita(2025, 7, 24, 9, 0),
        jp=3,
        roles=[(speaker, SpeakerRole.SPEAKER), (moderator, SpeakerRole.MODERATOR)],
        evaluation_required=True,
        evaluation_closes_at=timezone.now() + datetime.timedelta(days=7),
    )
    registration = make_registration(episode, full_name="Andi Nurhaedah, S.E.", email="andi@contoh.go.id")
    check_in(registration)
    run = CertificateRun.objects.create(episode=episode)
    # Playwright runs an event loop on this thread, and pyHanko signs through asyncio: issue on
    # another thread, as the task worker would.
    with ThreadPoolExecutor(1) as worker:
        assert worker.submit(run_issuing, run.pk).result().skipped_no_evaluation == 1
    return evaluation_path(registration)


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW_PHONE["width"], f"{page.url} is {width} px wide"


def assert_no_axe_violations(page):
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = [
        f"{violation['id']}: {violation['help']} at {node['target']}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]
    assert not found, "\n".join(found)


@needs_axe
def test_attendee_evaluates_on_a_phone_then_downloads_the_certificate(
    attendee_waiting, open_page, live_server, tmp_path
):
    local = open_page(NARROW_PHONE)
    page = local.page
    page.goto(live_server.url + attendee_waiting)
    expect(page.get_by_text("Sertifikat episode ini terbit setelah Anda mengisi evaluasi.")).to_be_visible()
    expect(page.get_by_role("group", name="Narasumber: Dr. Hasnawati Saleh, M.Si.")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_no_axe_violations(page)
    screenshot(page, "evaluation-360")

    # Sending with nothing chosen says what is missing, and keeps the page usable.
    page.get_by_role("button", name="Kirim evaluasi").click()
    expect(page.get_by_role("heading", name="Periksa kembali isian Anda")).to_be_visible()
    assert_no_axe_violations(page)

    speaker = page.get_by_role("group", name="Narasumber: Dr. Hasnawati Saleh, M.Si.")
    speaker.get_by_role("group", name=re.compile("^Penguasaan materi")).get_by_label(
        "4 – Sangat baik"
    ).check()
    speaker.get_by_role("group", name=re.compile("^Cara penyampaian")).get_by_label("3 – Baik").check()
    speaker.get_by_role("group", name=re.compile("^Interaksi")).get_by_label("4 – Sangat baik").check()
    moderator = page.get_by_role("group", name="Moderator: Andi Moderator, S.Sos.")
    for question in ["Penguasaan materi", "Cara penyampaian", "Interaksi"]:
        moderator.get_by_role("group", name=re.compile(f"^{question}")).get_by_label("3 – Baik").check()
    organisation = page.get_by_role("group", name="Penyelenggaraan", exact=True)
    radios = organisation.get_by_role("radio", name="4 – Sangat baik")
    for index in range(radios.count()):
        radios.nth(index).check()
    page.get_by_label("Saran dan komentar").fill("Materinya langsung bisa dipakai di kantor.")
    page.get_by_role("button", name="Kirim evaluasi").click()

    expect(page.get_by_role("heading", name="Terima kasih, evaluasi Anda tersimpan.")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"masih bisa mengubahnya sampai \w+, \d+ \w+ \d{4} pukul"))
    ).to_be_visible()
    assert_no_sideways_scroll(page)
    screenshot(page, "evaluation-saved-360")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh sertifikat (PDF)").click()
    saved = tmp_path / "sertifikat.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert all(local.is_local(url) for url in local.requests)


@needs_vnu
@needs_java
def test_the_evaluation_page_is_valid_html(attendee_waiting, live_server, tmp_path):
    with urllib.request.urlopen(live_server.url + attendee_waiting, timeout=30) as response:  # noqa: S310
        (tmp_path / "evaluasi.html").write_bytes(response.read())
    result = subprocess.run(  # noqa: S603 (our own command line)
        [shutil.which("java"), "-jar", str(VNU_JAR), "--errors-only", str(tmp_path / "evaluasi.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
