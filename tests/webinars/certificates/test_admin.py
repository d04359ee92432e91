"""The registrar's certificate pages: download, re-send through the outbox, revoke; times in
WITA; no "None" anywhere; issuing says what the settings lack."""

from django.core import mail

from wagtail.models import ModelLogEntry

import pytest

from tests.html import soup, text
from webinars.certificates.issuing import revoke, run_issuing
from webinars.models import Certificate, CertificateRun, CertificateSettings, EmailKind, OutgoingEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(held_episode, attendee):
    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    return Certificate.objects.get()


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


def test_no_admin_view_of_certificates_shows_none(registrar_client, certificate, held_episode):
    revoked = Certificate.objects.get(pk=certificate.pk)
    failed_run = CertificateRun.objects.create(episode=held_episode, status="failed", error="")
    pages = [
        "/admin/sertifikat/",
        f"/admin/sertifikat/inspect/{certificate.pk}/",
        f"/admin/sertifikat/cabut/{certificate.pk}/",
        f"/admin/sertifikat/kirim-ulang/{certificate.pk}/",
        "/admin/sertifikat/terbitkan/",
        "/admin/penerbitan-sertifikat/",
        f"/admin/penerbitan-sertifikat/inspect/{CertificateRun.objects.first().pk}/",
        f"/admin/penerbitan-sertifikat/inspect/{failed_run.pk}/",
        "/admin/",
    ]
    for url in pages:
        response = registrar_client.get(url)
        assert response.status_code == 200, url
        assert "None" not in text(response), url
    revoke(revoked, "Nama salah")
    assert "None" not in text(registrar_client.get(f"/admin/sertifikat/inspect/{certificate.pk}/"))


def test_the_details_give_times_in_wita(registrar_client, certificate):
    revoke(certificate, "Nama salah")
    page = text(registrar_client.get(f"/admin/sertifikat/inspect/{certificate.pk}/"))
    # Issued and revoked at the tests' frozen clock: Friday 1 August 2025, 10.00 WITA (02.00 UTC).
    assert "Dicabut pada Jumat, 1 Agustus 2025 pukul 10.00 WITA" in page
    assert "Diterbitkan Jumat, 1 Agustus 2025 pukul 10.00 WITA" in page


def test_the_registrar_downloads_the_pdf_even_after_revoking(registrar_client, certificate):
    revoke(certificate, "Nama salah")
    response = registrar_client.get(f"/admin/sertifikat/unduh/{certificate.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    page = registrar_client.get(f"/admin/sertifikat/inspect/{certificate.pk}/").content.decode()
    assert f"/admin/sertifikat/unduh/{certificate.pk}/" in page
    assert f"/admin/sertifikat/cabut/{certificate.pk}/" not in page  # already revoked


def test_resending_goes_through_the_outbox_and_the_history(
    registrar_client, registrar, certificate, attendee
):
    page = registrar_client.get(f"/admin/sertifikat/kirim-ulang/{certificate.pk}/").content.decode()
    assert attendee.email in page
    sent_before = len(mail.outbox)
    response = registrar_client.post(f"/admin/sertifikat/kirim-ulang/{certificate.pk}/")
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(registration=attendee, kind=EmailKind.CERTIFICATE).count() == 2
    assert len(mail.outbox) == sent_before + 1 and certificate.download_url() in mail.outbox[-1].body
    entry = ModelLogEntry.objects.get(action="webinars.certificate.resend")
    assert entry.user == registrar and entry.object_id == str(certificate.pk)


def test_nothing_is_resent_to_an_anonymised_participant(registrar_client, certificate, attendee):
    attendee.email = ""
    attendee.save()
    registrar_client.post(f"/admin/sertifikat/kirim-ulang/{certificate.pk}/")
    assert OutgoingEmail.objects.filter(kind=EmailKind.CERTIFICATE).count() == 1


def test_issuing_says_what_the_settings_lack(registrar_client, held_episode, attendee):
    CertificateSettings.objects.update(signatory_name="", emblem=None)
    page = text(registrar_client.get("/admin/sertifikat/terbitkan/"))
    assert (
        "Sertifikat belum dapat diterbitkan sebelum ini dilengkapi: nama penanda tangan lambang instansi"
        in page
    )
    page = text(registrar_client.post("/admin/sertifikat/terbitkan/", {"episode": held_episode.pk}))
    assert (
        "Lengkapi dulu di Pengaturan › Pengaturan sertifikat: nama penanda tangan, lambang instansi." in page
    )
    assert not CertificateRun.objects.exists()


def test_the_runs_listing_keeps_to_six_columns(registrar_client, certificate):
    response = registrar_client.get("/admin/penerbitan-sertifikat/")
    headings = [th.get_text(" ", strip=True) for th in soup(response).select("table thead th")]
    assert [heading for heading in headings if heading] == [
        "Episode",
        "Status",
        "Kemajuan",
        "Terbit",
        "Dilewati",
        "Diminta",
    ]
