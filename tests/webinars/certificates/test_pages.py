from django.test import override_settings

import pytest

from tests.factories import make_episode, make_registration, wita
from tests.html import text
from webinars.attendance.service import check_in, record_durations
from webinars.certificates.issuing import revoke, run_issuing
from webinars.models import Certificate, CertificateRun, CertificateSettings

pytestmark = pytest.mark.django_db


def issue(episode):
    run_issuing(CertificateRun.objects.create(episode=episode).pk)


@pytest.fixture
def certificate(held_episode, attendee):
    issue(held_episode)
    return Certificate.objects.get(registration=attendee)


def test_verification_shows_only_what_the_certificate_says(client, certificate, attendee):
    response = client.get(f"/sertifikat/verifikasi/{certificate.verification_code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sertifikat sah" in html
    for shown in [
        "ASNA-041-00001",
        "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.",
        "Seri ke-41",
        "Belajar di Tempat Kerja",
    ]:
        assert shown in html
    assert "24 Juli 2025" in html and "3 JP" in html
    for private in [
        attendee.email,
        attendee.nip,
        attendee.whatsapp,
        "081298765432",
        attendee.code,
        attendee.agency,
    ]:
        assert private not in html
    assert "no-cache" in response["Cache-Control"]


def test_revoked_certificate_says_so_and_cannot_be_downloaded(client, certificate):
    revoke(certificate, "Nama tertulis salah")
    html = client.get(certificate.verification_path()).content.decode()
    assert "Sertifikat dicabut" in html and "Sertifikat sah" not in html
    assert "Nama tertulis salah" not in html  # the reason stays in the admin
    assert client.get(certificate.download_path()).status_code == 404


def test_unknown_code_is_a_clear_not_found(client, certificate):
    response = client.get("/sertifikat/verifikasi/bukan-kode-yang-ada/")
    assert response.status_code == 404
    assert "Sertifikat tidak ditemukan" in response.content.decode()


def test_a_code_typed_in_capitals_still_verifies(client, certificate):
    response = client.get(f"/sertifikat/verifikasi/{certificate.verification_code.upper()}/")
    assert response.status_code == 200
    assert certificate.number in response.content.decode()


def test_download_serves_the_pdf_through_the_code(client, certificate):
    response = client.get(f"/sertifikat/unduh/{certificate.verification_code}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "sertifikat-ASNA-041-00001.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    code = certificate.verification_code
    other = code[:-1] + ("2" if code[-1] != "2" else "3")  # one character changed, whatever it was
    assert client.get(f"/sertifikat/unduh/{other}/").status_code == 404


def test_lookup_with_email_and_nip_lists_certificates_and_jp_progress(client, certificate):
    response = client.post(
        "/sertifikat/", {"email": "Andi.Nurhaedah@contoh.go.id", "secret": "198003152005012003"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ASNA-041-00001" in html and certificate.download_path() in html
    assert "3 dari 20 JP" in html
    assert '<progress class="jp-progress" max="20" value="3"' in html
    assert "no-cache" in response["Cache-Control"]


def test_lookup_with_email_and_registration_code(client, certificate, attendee):
    html = client.post("/sertifikat/", {"email": attendee.email, "secret": attendee.code}).content.decode()
    assert "ASNA-041-00001" in html


def test_jp_counts_this_year_against_the_target_for_the_participant_type(client, now, held_episode):
    settings = CertificateSettings.for_site(held_episode.get_site())
    settings.jp_target_pppk = 24
    settings.save()
    older = make_episode(
        series_number=30, start=wita(2024, 11, 7, 9, 0), jp=5, registration_opens_at=wita(2024, 11, 1, 8, 0)
    )
    for episode in [held_episode, older]:
        registration = make_registration(
            episode, email="besse@contoh.go.id", participant_type="pppk", nip="199203042021212001"
        )
        check_in(registration)
        issue(episode)
    html = client.post(
        "/sertifikat/", {"email": "besse@contoh.go.id", "secret": "199203042021212001"}
    ).content.decode()
    assert "3 dari 24 JP" in html  # 2024's 5 JP are listed but not counted for 2025
    assert "Seri ke-30" in html


def test_non_asn_participants_see_their_total_without_a_target(client, held_episode):
    registration = make_registration(held_episode, email="umum@contoh.com", participant_type="non-asn")
    check_in(registration)
    issue(held_episode)
    html = client.post(
        "/sertifikat/", {"email": "umum@contoh.com", "secret": registration.code}
    ).content.decode()
    assert "3 JP" in html and "<progress" not in html


@pytest.mark.parametrize(
    "data",
    [
        {"email": "andi.nurhaedah@contoh.go.id", "secret": "198003152005012004"},  # wrong NIP
        {"email": "orang.lain@contoh.go.id", "secret": "198003152005012003"},  # wrong email
        {"email": "orang.lain@contoh.go.id", "secret": "ABCDEFGH"},
    ],
)
def test_lookup_reveals_nothing_unless_both_halves_match(client, certificate, data):
    html = client.post("/sertifikat/", data).content.decode()
    assert "Tidak ada pendaftaran dengan data itu" in html
    assert "ASNA-041" not in html and "Nurhaedah" not in html


def test_lookup_needs_an_email(client, certificate, attendee):
    html = client.post("/sertifikat/", {"secret": attendee.code}).content.decode()
    assert "wajib diisi" in html and "ASNA-041" not in html


@override_settings(CERTIFICATE_LOOKUP_RATE_LIMIT=(5, 600))
def test_lookup_is_rate_limited_per_address(client, certificate, attendee):
    for number in range(5):
        client.post("/sertifikat/", {"email": attendee.email, "secret": f"19800315200501{number:04d}"})
    response = client.post("/sertifikat/", {"email": attendee.email, "secret": "198003152005012003"})
    assert response.status_code == 429
    assert "Terlalu banyak pencarian" in response.content.decode()
    assert "ASNA-041" not in response.content.decode()
    other_office = client.post(
        "/sertifikat/", {"email": attendee.email, "secret": "198003152005012003"}, REMOTE_ADDR="10.1.2.3"
    )
    assert "ASNA-041-00001" in other_office.content.decode()


def test_lookup_form_page(client):
    response = client.get("/sertifikat/")
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


def lookup_page(client, attendee):
    return text(client.post("/sertifikat/", {"email": attendee.email, "secret": attendee.code}))


def test_lookup_explains_each_episode_registered_for(client, held_episode, attendee):
    """Issued (download, verify), not yet issued (and when), or not eligible (and why)."""
    short = make_episode(
        series_number=42, start=wita(2025, 7, 28, 9, 0), jp=2, certificate_minimum_minutes=10
    )
    coming = make_episode(series_number=43, start=wita(2025, 8, 14, 9, 0), jp=2)
    absent = make_episode(series_number=44, start=wita(2025, 7, 30, 9, 0), jp=2)
    waiting = make_episode(series_number=45, start=wita(2025, 7, 31, 9, 0), jp=2)
    email, nip = attendee.email, attendee.nip
    record_durations(short, {make_registration(short, email=email, nip=nip).pk: 5})
    for episode, status in [(coming, "confirmed"), (absent, "confirmed"), (waiting, "waitlisted")]:
        make_registration(episode, email=email, nip=nip, status=status)
    issue(held_episode)
    certificate = Certificate.objects.get()

    response = client.post("/sertifikat/", {"email": email, "secret": nip})
    page, html = text(response), response.content.decode()

    assert "Seri ke-41: Belajar di Tempat Kerja" in page and "Sertifikat ASNA-041-00001" in page
    assert certificate.download_path() in html and certificate.verification_path() in html
    assert "Tidak mendapat sertifikat. Tercatat hadir 5 menit; minimal 10 menit." in page
    assert (
        "Sertifikat belum terbit. Terbit setelah acara selesai bagi yang tercatat hadir, "
        "paling lambat Kamis, 21 Agustus 2025." in page
    )
    assert "Tidak mendapat sertifikat. Tidak tercatat hadir." in page
    assert "Tidak mendapat sertifikat. Tidak mendapat tempat: masih di daftar tunggu." in page
    assert page.index("Seri ke-43") < page.index("Seri ke-41")  # newest first


def test_an_attendee_of_an_ended_episode_learns_when_the_certificate_comes(client, held_episode, attendee):
    assert "Sertifikat belum terbit. Belum terbit; paling lambat Kamis, 31 Juli 2025." in lookup_page(
        client, attendee
    )
    CertificateRun.objects.create(episode=held_episode)  # queued for the worker
    assert "Sedang diterbitkan" in lookup_page(client, attendee)


def test_the_jp_year_is_written_as_a_year(client, time_machine, attendee):
    time_machine.move_to(wita(2026, 11, 30, 10, 0), tick=False)
    page = lookup_page(client, attendee)
    assert "JP tahun 2026" in page and "2.026" not in page


def test_a_revoked_certificate_is_listed_as_revoked(client, certificate, attendee):
    revoke(certificate, "Nama salah")
    page = lookup_page(client, attendee)
    assert "Sertifikat ASNA-041-00001 dicabut dan tidak berlaku lagi." in page
    assert certificate.download_path() not in page
