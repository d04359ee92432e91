"""/sertifikat/verifikasi/: a number typed however people type it, and an uploaded PDF checked
against the files issued and their signatures; only what the certificate prints is shown."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

import pytest

from tests.html import text
from webinars.certificates.issuing import revoke, run_issuing
from webinars.models import Certificate, CertificateRun

pytestmark = pytest.mark.django_db

URL = "/sertifikat/verifikasi/"


@pytest.fixture
def certificate(held_episode, attendee):
    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    return Certificate.objects.get(registration=attendee)


@pytest.fixture
def issued_pdf(certificate):
    with default_storage.open(certificate.pdf.name, "rb") as file:
        return file.read()


def upload(client, data, name="sertifikat.pdf", **extra):
    return client.post(URL, {"cara": "berkas", "berkas": SimpleUploadedFile(name, data)}, **extra)


def assert_nothing_private(html, attendee):
    for private in [attendee.email, attendee.nip, "19800315 200501 2 003", attendee.whatsapp, attendee.code]:
        assert private not in html


def test_the_page_offers_both_ways_and_is_never_cached(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'name="nomor"' in html
        and 'type="file" name="berkas"' in html
        and 'accept="application/pdf,.pdf"' in html
    )
    assert 'enctype="multipart/form-data"' in html
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "typed",
    ["ASNA-041-00001", "asna-041-00001", "  asna 041 00001 ", "ASNA04100001", "Asna.41.1", "041/00001"],
)
def test_a_number_typed_in_any_case_or_spacing_verifies(client, certificate, attendee, typed):
    response = client.post(URL, {"cara": "nomor", "nomor": typed})
    page = text(response)
    assert response.status_code == 200
    assert "Sertifikat ASNA-041-00001 tercatat sah" in page
    assert "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si." in page and "Belajar di Tempat Kerja" in page
    assert "Kamis, 24 Juli 2025" in page and "3 JP" in page
    assert_nothing_private(response.content.decode(), attendee)
    # The number does not give away the code that downloads the file.
    assert certificate.verification_code not in response.content.decode()


def test_an_unknown_or_malformed_number_says_so(client, certificate):
    assert "Nomor ASNA-041-00002 tidak ditemukan" in text(
        client.post(URL, {"cara": "nomor", "nomor": "asna 41 2"})
    )
    page = text(client.post(URL, {"cara": "nomor", "nomor": "sertifikat saya"}))
    assert "Nomor sertifikat terdiri dari ASNA, nomor seri dan nomor urut" in page
    assert "tercatat sah" not in page


def test_a_revoked_number_says_it_is_revoked(client, certificate):
    revoke(certificate, "Nama salah")
    page = text(client.post(URL, {"cara": "nomor", "nomor": certificate.number}))
    assert "Sertifikat ASNA-041-00001 sudah dicabut" in page and "Nama salah" not in page


def test_the_issued_file_is_recognised_with_an_intact_signature(client, certificate, attendee, issued_pdf):
    response = upload(client, issued_pdf)
    page = text(response)
    assert response.status_code == 200
    assert "Berkas asli" in page
    assert "Berkas ini persis sama dengan sertifikat ASNA-041-00001 yang diterbitkan panitia." in page
    assert "Tanda tangan elektronik utuh" in page
    assert "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si." in page
    assert_nothing_private(response.content.decode(), attendee)


def test_a_copy_with_one_byte_changed_fails(client, certificate, issued_pdf):
    changed = bytearray(issued_pdf)
    changed[issued_pdf.index(b"Sertifikat ASNA") + 3] ^= 0x01
    page = text(upload(client, bytes(changed)))
    assert "Berkas ini telah diubah" in page
    assert "Berkas ini tidak sama dengan sertifikat mana pun yang diterbitkan panitia." in page
    assert "Tanda tangan elektronik rusak" in page
    assert "Berkas asli" not in page and "Nurhaedah" not in page


def test_an_unsigned_pdf_is_not_ours(client, certificate):
    page = text(upload(client, b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"))
    assert "Berkas ini bukan sertifikat yang diterbitkan panitia" in page
    assert "tidak bertanda tangan elektronik" in page


def test_only_pdf_files_are_checked(client, certificate):
    response = upload(client, b"\x89PNG\r\n\x1a\n...", name="sertifikat.png")
    assert "Ini bukan berkas PDF" in text(response)


@override_settings(CERTIFICATE_UPLOAD_MAX_BYTES=10_000)
def test_a_file_over_the_limit_is_refused(client, certificate, issued_pdf):
    assert len(issued_pdf) > 10_000
    page = text(upload(client, issued_pdf))
    assert "Berkas lebih besar dari" in page and "Berkas asli" not in page
    response = upload(client, b"%PDF-" + b"0" * 200_000)
    assert response.status_code == 413 and "Berkas terlalu besar" in text(response)


@override_settings(CERTIFICATE_LOOKUP_RATE_LIMIT=(3, 600))
def test_numbers_and_uploads_are_rate_limited_per_address(client, certificate, issued_pdf):
    for sequence in range(3):
        client.post(URL, {"cara": "nomor", "nomor": f"ASNA-041-{sequence + 10:05d}"})
    response = client.post(URL, {"cara": "nomor", "nomor": certificate.number})
    assert response.status_code == 429 and "Terlalu banyak pemeriksaan" in text(response)
    assert "Nurhaedah" not in text(response)
    assert upload(client, issued_pdf).status_code == 429
    other_office = client.post(URL, {"cara": "nomor", "nomor": certificate.number}, REMOTE_ADDR="10.1.2.3")
    assert "tercatat sah" in text(other_office)


def test_the_qr_page_points_to_the_file_check(client, certificate):
    html = client.get(certificate.verification_path()).content.decode()
    assert 'href="/sertifikat/verifikasi/"' in html
