import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

import pytest
from pypdf import PdfReader

from home.models import HomePage
from tests.factories import make_episode, make_registration, wita
from tests.html import h1_count, text
from webinars.attendance.service import check_in
from webinars.certificates.issuing import run_issuing
from webinars.certificates.signing import SignatureState, check_signature
from webinars.models import Certificate, CertificateRun, EpisodeIndexPage

pytestmark = pytest.mark.django_db


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "latest_revisions": dict(Page.objects.values_list("pk", "latest_revision_id")),
    }


def test_demo_becomes_the_default_site():
    load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.get_children().live().count() >= 4


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    before = snapshot()

    output = load_demo()

    assert snapshot() == before
    assert "tidak ada yang berubah" in output


def test_every_demo_page_renders(client):
    load_demo()

    home = Site.objects.get(is_default_site=True).root_page
    for page in Page.objects.descendant_of(home, inclusive=True).live():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert h1_count(response) == 1, page.url


def test_demo_episode_40_reads_as_reported(client):
    load_demo()

    response = client.get("/webinar/seri-40-workplace-learning/")

    content = response.content.decode()
    assert "Seri ke-40" in content
    assert "Kamis, 10 Juli 2025, pukul 09.00–12.00 WITA" in content
    assert "2.888" in content
    for role in ("Sambutan pembuka", "Narasumber", "Moderator"):
        assert role in content


def test_a_certificate_issued_on_the_demo_site_is_complete_and_signed(client, now):
    """The bar of a fresh `make run`: signatory block, emblem and a valid PAdES signature; a copy
    with one byte changed fails the upload check."""
    load_demo()
    episode = make_episode(parent=EpisodeIndexPage.objects.get(), start=wita(2025, 7, 24, 9, 0), jp=3)
    check_in(make_registration(episode, full_name="Besse Tenri Abeng, S.Sos."))
    run = run_issuing(CertificateRun.objects.create(episode=episode).pk)
    assert run.issued == 1
    certificate = Certificate.objects.get()
    with default_storage.open(certificate.pdf.name, "rb") as file:
        pdf = file.read()

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    printed = " ".join(page.extract_text().split())
    assert "Makassar, 24 Juli 2025 Kepala BPSDM Provinsi Sulawesi Selatan (contoh)" in printed
    assert "Nama Penanda Tangan (Contoh) NIP 19700101 199503 1 001" in printed
    assert "Ditandatangani secara elektronik oleh Nama Penanda Tangan (Contoh)" in printed
    assert len(page.images) == 1  # the emblem
    assert check_signature(pdf).state == SignatureState.INTACT

    changed = bytearray(pdf)
    changed[len(pdf) // 3] ^= 0x01
    response = client.post(
        "/sertifikat/verifikasi/",
        {"cara": "berkas", "berkas": SimpleUploadedFile("sertifikat.pdf", bytes(changed))},
    )
    assert "Berkas ini telah diubah" in text(response)
