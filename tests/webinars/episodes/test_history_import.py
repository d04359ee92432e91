"""Moderators import the series' history from a spreadsheet: preview, confirm, re-import."""

import csv
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import PageLogEntry, Revision

import pytest
from openpyxl import Workbook, load_workbook

from tests.factories import episode_index, make_speaker, make_staff, speaker_index, statistics_page
from webinars.episodes import history
from webinars.models import EpisodePage, SpeakerPage

pytestmark = pytest.mark.django_db

HEADER = "seri;mulai;selesai;tema;narasumber;moderator;jp;peserta;sertifikat;rekaman;topik"


def invented_history(rows=40):
    """A history file of ``rows`` invented episodes (series 1…rows), as Excel in an Indonesian
    locale saves it: semicolons, Windows-1252, day-first dates, Word's curly quotes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER.split(";"))
    for number in range(1, rows + 1):
        day = datetime.date(2022, 1, 6) + datetime.timedelta(weeks=2 * number)
        writer.writerow(
            [
                str(number),
                f"{day:%d/%m/%Y} 09.00",
                "12.00",
                f"“Tema Rekaan” Nomor {number}",
                f"Dr. Narasumber Rekaan {number % 7}, M.Si.; Contoh Kedua {number % 3}, S.E.",
                "Moderator Rekaan, S.Sos.",
                "2",
                f"{1000 + number * 10:,}".replace(",", "."),
                str(900 + number * 10),
                f"https://www.youtube.com/watch?v=rekaan{number:05d}",
                "rekaan, contoh",
            ]
        )
    return buffer.getvalue().encode("cp1252")


@pytest.fixture
def moderator():
    return make_staff("Moderator")


@pytest.fixture
def site_tree(now):
    episode_index()
    speaker_index()
    statistics_page()


def upload(client, data, name="riwayat.csv"):
    return client.post("/admin/impor-riwayat/", {"berkas": SimpleUploadedFile(name, data)})


def confirm(client, response, publish=True):
    token = response.context["confirm_form"].initial["token"]
    return client.post("/admin/impor-riwayat/", {"token": token, "terbitkan": "1" if publish else "0"})


def test_forty_rows_fill_the_archive_and_reimporting_changes_nothing(client, moderator, site_tree):
    client.force_login(moderator)
    preview = upload(client, invented_history())
    assert preview.status_code == 200
    assert preview.context["errors"] == []
    assert "40 episode baru" in preview.content.decode()
    assert not EpisodePage.objects.exists()  # nothing saved before the confirmation

    assert confirm(client, preview).status_code == 302
    assert EpisodePage.objects.live().count() == 40
    episode = EpisodePage.objects.get(series_number=12)
    assert episode.title == '"Tema Rekaan" Nomor 12'
    assert episode.reported_participants == 1120 and episode.reported_certificates == 1020
    assert episode.start.hour == 1  # 09.00 WITA is 01.00 UTC
    assert episode.end - episode.start == datetime.timedelta(hours=3)
    assert [(role.speaker.title, role.role) for role in episode.speaker_roles.all()] == [
        ("Dr. Narasumber Rekaan 5, M.Si.", "narasumber"),
        ("Contoh Kedua 0, S.E.", "narasumber"),
        ("Moderator Rekaan, S.Sos.", "moderator"),
    ]
    assert SpeakerPage.objects.count() == 7 + 3 + 1  # matched by name, made once
    assert Revision.page_revisions.filter(user=moderator).count() == 40 + 11

    statistics = client.get("/statistik/").content.decode()
    assert "Tema Rekaan" in statistics and "48.200" in statistics  # participants 1010…1400 added up
    listing = client.get("/webinar/")
    assert listing.context["episodes"].paginator.count == 40

    client.force_login(moderator)
    revisions, entries = Revision.objects.count(), PageLogEntry.objects.count()
    again = upload(client, invented_history())
    assert "40 tidak berubah" in again.content.decode()
    confirm(client, again)
    assert (Revision.objects.count(), PageLogEntry.objects.count()) == (revisions, entries)
    assert EpisodePage.objects.count() == 40


def test_a_changed_row_updates_its_page_only_with_one_revision(client, moderator, site_tree):
    client.force_login(moderator)
    confirm(client, upload(client, invented_history(3)))
    changed = invented_history(3).replace(b"1.030", b"1.031")
    preview = upload(client, changed)
    assert [action for _row, action in preview.context["rows"]] == ["tetap", "tetap", "diperbarui"]
    confirm(client, preview)
    episode = EpisodePage.objects.get(series_number=3)
    assert episode.reported_participants == 1031
    assert episode.revisions.count() == 2 and episode.latest_revision.user == moderator


def test_drafts_stay_off_the_public_site(client, moderator, site_tree):
    client.force_login(moderator)
    confirm(client, upload(client, invented_history(2)), publish=False)
    assert EpisodePage.objects.count() == 2 and not EpisodePage.objects.live().exists()
    client.logout()
    assert client.get("/webinar/").context["episodes"].paginator.count == 0


def test_speakers_are_matched_by_name(client, moderator, site_tree):
    existing = make_speaker(title="Moderator Rekaan, S.Sos.")
    client.force_login(moderator)
    confirm(client, upload(client, invented_history(1)))
    assert EpisodePage.objects.get().moderators[0].speaker == existing


def test_bad_rows_are_listed_in_indonesian_and_not_imported(client, moderator, site_tree):
    data = (
        HEADER + "\n"
        "1;31/02/2024 09.00;;Tema;;;;;;;\n"
        "2;01/03/2024 09.00;08.00;Tema Dua;;;dua;;;bukan-url;\n"
        "3;01/04/2024 09.00;;;;;;;;;\n"
        "4;01/05/2024 09.00;;Tema Empat;;;;;;;\n"
        "4;01/06/2024 09.00;;Tema Empat lagi;;;;;;;\n"
        "5;01/07/2024 09.00;;Tema Lima;;;;;;;\n"
    ).encode()
    client.force_login(moderator)
    preview = upload(client, data)
    errors = {error.line: " ".join(error.messages) for error in preview.context["errors"]}
    assert "Waktu mulai" in errors[2]
    assert "Waktu selesai harus setelah" in errors[3] and "JP harus bilangan bulat" in errors[3]
    assert "Tautan rekaman" in errors[3]
    assert "Tema kosong" in errors[4]
    assert "juga ada di baris 6" in errors[5] and "juga ada di baris 5" in errors[6]
    confirm(client, preview)
    assert list(EpisodePage.objects.values_list("series_number", flat=True)) == [5]


def test_a_file_without_the_columns_is_refused(client, moderator, site_tree):
    client.force_login(moderator)
    response = upload(client, b"nama;tanggal\nA;B\n")
    assert "Kolom wajib tidak ditemukan: seri, tema" in response.content.decode()


def test_xlsx_and_the_template(client, moderator, site_tree):
    client.force_login(moderator)
    template = client.get("/admin/impor-riwayat/templat/")
    sheet = load_workbook(io.BytesIO(template.content), read_only=True).worksheets[0]
    header, example = list(sheet.iter_rows(values_only=True))[:2]
    assert header[:4] == ("seri", "mulai", "selesai", "tema")
    workbook = Workbook()
    workbook.active.append(header)
    workbook.active.append([901, datetime.datetime(2024, 3, 14, 9), datetime.time(11, 30), "Tema XLSX"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    confirm(client, upload(client, buffer.getvalue(), "riwayat.xlsx"))
    episode = EpisodePage.objects.get(series_number=901)
    assert episode.summary == "Tema XLSX" and episode.end - episode.start == datetime.timedelta(hours=2.5)


def test_writers_and_registrars_cannot_import(client, site_tree):
    client.force_login(make_staff("Penulis"))
    assert client.get("/admin/impor-riwayat/").status_code in (302, 403)
    assert client.get("/admin/impor-riwayat/templat/").status_code in (302, 403)


def test_reading_a_utf16_file():
    data = invented_history(2).decode("cp1252").encode("utf-16")
    read = history.read_history(io.BytesIO(data), "riwayat.csv")
    assert [row.title for row in read.rows] == ['"Tema Rekaan" Nomor 1', '"Tema Rekaan" Nomor 2']


def test_the_documented_sample_reads_without_errors():
    with open("docs/samples/riwayat-rekaan.csv", "rb") as sample:
        read = history.read_history(sample, "riwayat-rekaan.csv")
    assert [row.series_number for row in read.rows] == [901, 902, 903] and read.errors == []
    assert all("Rekaan" in row.title for row in read.rows)  # invented, and says so
