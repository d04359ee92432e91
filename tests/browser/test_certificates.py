"""On a 360 px phone: a participant finds her certificates, an employer verifies one by number and
by file, and an ended episode page; nothing scrolls sideways and numbers never break."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.support import screenshot, skip_unless_chromium

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

NARROW_PHONE = {"width": 360, "height": 740}
LONG_NAME = (
    "Prof. Dr. Ir. H. Andi Muhammad Syahrul Ramadhan Nur Alamsyah Putra Pratama, S.T., M.T., "
    "M.Sc., Ph.D., IPU., ASEAN Eng."
)


@pytest.fixture
def certificate(demo_site, tmp_path):
    from django.core.files.storage import default_storage

    from tests.factories import make_episode, make_registration, wita
    from webinars.attendance.service import check_in
    from webinars.certificates.issuing import run_issuing
    from webinars.models import Certificate, CertificateRun, EpisodeIndexPage

    episode = make_episode(parent=EpisodeIndexPage.objects.get(), start=wita(2025, 7, 24, 9, 0), jp=3)
    check_in(
        make_registration(episode, full_name=LONG_NAME, email="andi@contoh.go.id", nip="198003152005012003")
    )
    run = CertificateRun.objects.create(episode=episode)
    # Playwright runs an event loop on this thread, and pyHanko signs through asyncio: issue on
    # another thread, as the task worker would.
    with ThreadPoolExecutor(1) as worker:
        worker.submit(run_issuing, run.pk).result()
    certificate = Certificate.objects.get()
    pdf = tmp_path / "sertifikat.pdf"
    with default_storage.open(certificate.pdf.name, "rb") as file:
        pdf.write_bytes(file.read())
    return certificate, pdf


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW_PHONE["width"], f"{page.url} is {width} px wide"
    # The factories number this episode above 1000: a series is an identifier, never "1.001".
    assert not re.search(r"ke-\d{1,3}\.\d{3}", page.inner_text("main")), page.url


def assert_on_one_line(locator):
    """Each matching element (a certificate number) is laid out as one line box."""
    for index in range(locator.count()):
        lines = locator.nth(index).evaluate("element => element.getClientRects().length")
        assert lines == 1, locator.nth(index).text_content()


def test_certificate_pages_fit_a_360_px_phone(demo_site, certificate, open_page, live_server):
    certificate, pdf = certificate
    page = open_page(NARROW_PHONE).page

    page.goto(live_server.url + "/")
    page.locator("summary", has_text="Menu").click()
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Sertifikat").click()
    page.get_by_label("Email").fill("andi@contoh.go.id")
    page.get_by_label("NIP atau kode pendaftaran").fill("19800315 200501 2 003")
    page.get_by_role("button", name="Tampilkan sertifikat").click()
    expect(page.get_by_role("heading", name=re.compile(r"^JP tahun \d{4}$"))).to_be_visible()
    expect(page.get_by_text(f"Sertifikat {certificate.number}")).to_be_visible()
    screenshot(page, "certificate-lookup-360")
    assert_no_sideways_scroll(page)
    assert_on_one_line(page.locator(".nowrap"))

    page.get_by_role("main").get_by_role("link", name="Periksa keaslian sertifikat").click()
    typed = certificate.number.lower().replace("-", " ")  # "asna 1001 00001"
    page.get_by_role("textbox", name=re.compile("^Nomor sertifikat")).fill(typed)
    page.get_by_role("button", name="Periksa nomor").click()
    expect(page.get_by_role("heading", name=f"Sertifikat {certificate.number} tercatat sah")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_on_one_line(page.locator(".nowrap"))

    page.get_by_label("Berkas sertifikat (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("heading", name="Berkas asli")).to_be_visible()
    screenshot(page, "certificate-file-check-360")
    assert_no_sideways_scroll(page)

    page.goto(live_server.url + certificate.verification_path())
    expect(page.get_by_role("heading", name="Sertifikat sah")).to_be_visible()
    assert_no_sideways_scroll(page)

    page.goto(live_server.url + demo_site["episode-40"])
    expect(page.get_by_role("main").get_by_role("link", name="Sertifikat saya")).to_be_visible()
    screenshot(page, "episode-40-360")
    assert_no_sideways_scroll(page)
