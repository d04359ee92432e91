"""Certificates issued before the site: the registrar's import, verification by number, the
holder's look-up with its JP, conflicts reported and a re-import that changes nothing."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

import pytest
from openpyxl import Workbook

from tests import factories
from tests.html import text
from webinars.certificates import legacy
from webinars.certificates.issuing import run_issuing
from webinars.models import Certificate, CertificateRun, LegacyCertificate
from webinars.statistics import figures

pytestmark = pytest.mark.django_db

NIP = "198507122010012004"
REGISTER = (
    "nomor;nama;email;nip;seri;tanggal;jp\r\n"
    "800.1/0012/BPSDM/2025;Dra. Rekaan Sitti Aminah, M.Pd.;rekaan.aminah@contoh.go.id;"
    f"{NIP};38;12/06/2025;2\r\n"
    f"800.1/0013/BPSDM/2025;Dra. Rekaan Sitti Aminah, M.Pd.;;{NIP};39;26/06/2025;3\r\n"
    "800.1/0014/BPSDM/2024;Contoh Peserta Umum;umum.rekaan@contoh.com;;20;14/03/2024;2\r\n"
)


def upload(client, data, name="daftar.csv"):
    return client.post("/admin/sertifikat-lama/impor/", {"berkas": SimpleUploadedFile(name, data)})


def test_registrar_imports_and_reimport_changes_nothing(client, registrar, now):
    client.force_login(registrar)
    response = upload(client, REGISTER.encode("cp1252"))
    assert response.status_code == 200
    assert "3 sertifikat baru disimpan" in text(response)
    stored = LegacyCertificate.objects.get(number="800.1/0012/BPSDM/2025")
    assert (stored.nip, stored.series_number, stored.episode_date, stored.jp) == (
        NIP,
        38,
        datetime.date(2025, 6, 12),
        2,
    )
    assert stored.imported_by == registrar
    again = upload(client, REGISTER.encode("utf-8-sig"))
    assert "0 sertifikat baru disimpan, 3 sudah tercatat sama" in text(again)
    assert LegacyCertificate.objects.count() == 3
    assert "800.1/0012/BPSDM/2025" in text(client.get("/admin/sertifikat-lama/"))


def test_a_legacy_certificate_verifies_by_number_however_typed(client, now):
    legacy.import_register(io.BytesIO(REGISTER.encode()), "daftar.csv")
    page = text(client.post("/sertifikat/verifikasi/", {"cara": "nomor", "nomor": "800 1 0012 bpsdm 2025"}))
    assert "Sertifikat 800.1/0012/BPSDM/2025 tercatat sah" in page
    assert "Dra. Rekaan Sitti Aminah, M.Pd." in page and "Seri ke-38" in page and "2 JP" in page
    assert "sebelum situs ini" in page
    assert NIP not in page and "rekaan.aminah" not in page
    typed = {"cara": "nomor", "nomor": "800.1/9999/BPSDM/2025"}
    missing = text(client.post("/sertifikat/verifikasi/", typed))
    assert "tidak ditemukan" in missing


def test_the_holder_finds_them_with_the_years_jp(client, now):
    legacy.import_register(io.BytesIO(REGISTER.encode()), "daftar.csv")
    response = client.post("/sertifikat/", {"email": "Rekaan.Aminah@contoh.go.id", "secret": NIP})
    page = text(response)
    assert response.status_code == 200
    assert "800.1/0012/BPSDM/2025" in page and "800.1/0013/BPSDM/2025" in page
    assert "Seri ke-39" in page and "3 JP" in page
    assert "5 JP" in page  # both were in 2025, the year of the frozen clock
    assert "800.1/0014/BPSDM/2024" not in page
    # The NIP alone with someone else's address shows nothing for a row that has an email.
    other = text(client.post("/sertifikat/", {"email": "lain@contoh.go.id", "secret": NIP}))
    assert "800.1/0012" not in other and "Tidak ada pendaftaran dengan data itu" not in other


def test_an_email_only_row_needs_a_registration_proving_the_address(client, now):
    legacy.import_register(io.BytesIO(REGISTER.encode()), "daftar.csv")
    page = text(client.post("/sertifikat/", {"email": "umum.rekaan@contoh.com", "secret": "ABCD2345"}))
    assert "800.1/0014" not in page and "Tidak ada pendaftaran dengan data itu" in page


def test_conflicts_are_reported_not_merged(client, registrar, held_episode, attendee):
    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    site_number = Certificate.objects.get().number
    legacy.import_register(io.BytesIO(REGISTER.encode()), "daftar.csv")
    data = (
        "nomor,nama,email,seri,tanggal,jp\n"
        "800.1/0012/BPSDM/2025,Orang Lain,lain@contoh.go.id,38,12/06/2025,2\n"  # number taken
        f"{site_number},Orang Lain,lain@contoh.go.id,41,24/07/2025,3\n"  # a number of this site
        "X-1,Dua Baris,a@contoh.go.id,30,01/01/2025,2\n"
        "x 1,Dua Baris Lagi,b@contoh.go.id,30,01/01/2025,2\n"  # the same number, typed otherwise
        "X-2,Tanpa JP,c@contoh.go.id,30,01/01/2025,\n"
        "X-3,Tanpa Kontak,,30,31/02/2025,2\n"
        "X-4,Baik,d@contoh.go.id,30,01/01/2025,2\n"
    )
    client.force_login(registrar)
    outcome = upload(client, data.encode()).context["outcome"]
    assert (outcome.created, outcome.conflicts, outcome.invalid) == (1, 4, 2)
    messages = {problem.line: problem.message for problem in outcome.problems}
    assert "sudah tercatat untuk Dra. Rekaan Sitti Aminah" in messages[2]
    assert "dipakai sertifikat yang diterbitkan situs" in messages[3]
    assert "lebih dari satu baris" in messages[4] and "lebih dari satu baris" in messages[5]
    assert "JP harus bilangan bulat" in messages[6]
    assert "Isi email atau NIP" in messages[7] and "Tanggal" in messages[7]
    assert LegacyCertificate.objects.get(number="800.1/0012/BPSDM/2025").full_name.startswith("Dra. Rekaan")


def test_xlsx_register_is_read_row_by_row(now):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nomor", "Nama", "NIP", "Seri", "Tanggal", "JP"])
    sheet.append(["L-1", "Rekaan Satu", NIP, 12, datetime.datetime(2023, 5, 4), 2])
    # Typed into a number cell, Excel keeps 15 digits: refused rather than stored wrong.
    sheet.append(["L-2", "Rekaan Dua", 198507122010012000, 12, datetime.datetime(2023, 5, 4), 2])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = legacy.import_register(io.BytesIO(buffer.getvalue()), "daftar.xlsx")
    assert (outcome.created, outcome.invalid) == (1, 1) and LegacyCertificate.objects.get().nip == NIP
    assert "format kolom NIP sebagai Teks" in outcome.problems[0].message


def test_only_registrars_import(client, editor):
    client.force_login(editor)
    assert upload(client, REGISTER.encode()).status_code in (302, 403)
    assert not LegacyCertificate.objects.exists()


def test_the_documented_sample_imports_cleanly(now):
    with open("docs/samples/sertifikat-lama-rekaan.csv", "rb") as sample:
        outcome = legacy.import_register(sample, "sertifikat-lama-rekaan.csv")
    assert (outcome.created, outcome.conflicts, outcome.invalid) == (3, 0, 0)


def _register(rows):
    lines = ["nomor,nama,email,seri,tanggal,jp"]
    lines += [
        f"L-{series}-{n},Rekaan {n},r{series}.{n}@contoh.go.id,{series},01/01/2024,2" for series, n in rows
    ]
    return io.BytesIO("\n".join(lines).encode())


def test_the_register_replaces_reported_figures_only_for_whole_episodes(
    now, django_capture_on_commit_callbacks
):
    factories.site_settings(certificates_baseline=7, certificates_baseline_episode=2)
    factories.make_episode(series_number=1, start=factories.wita(2024, 1, 1, 9), reported_certificates=3)
    factories.make_episode(series_number=2, start=factories.wita(2024, 2, 1, 9), reported_certificates=4)
    factories.make_episode(series_number=3, start=factories.wita(2024, 3, 1, 9), reported_certificates=5)
    legacy.import_register(
        _register([(1, 1), (1, 2), (1, 3), (2, 1), (3, 1), (3, 2), (3, 3), (3, 4), (3, 5), (3, 6)])
    )

    archive = figures.for_request(RequestFactory().get("/statistik/"))
    by_series = {row.series_number: row for row in archive.episodes}
    assert by_series[1].certificates == 3 and by_series[1].figures.certificates_from_register
    assert by_series[2].certificates == 4 and not by_series[2].figures.certificates_from_register  # 1 of 4
    assert by_series[3].certificates == 6  # the register holds more than was reported
    assert archive.totals.certificates == 7 + 6  # episode 2 is not whole: the baseline stays

    with django_capture_on_commit_callbacks(execute=True):  # the import drops the cached archive
        legacy.import_register(_register([(2, 2), (2, 3), (2, 4), (2, 5)]))
    archive = figures.for_request(RequestFactory().get("/statistik/"))
    assert archive.totals.certificates == 3 + 5 + 6  # the register replaces the baseline
