"""Reading every meeting report layout: each sample file, every person's minutes and email, and the
ways a report can be wrong (docs/attendance-formats.md says where each layout comes from)."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from webinars.attendance.meeting_reports import (
    MAX_BYTES,
    ReportError,
    parse_datetime,
    parse_duration,
    read_report,
)

REPORTS = Path(__file__).resolve().parent / "reports"
HOST_EMAIL = "host.zoom@bpsdm.example.go.id"


def load(name):
    return read_report((REPORTS / name).read_bytes(), name)


def people(report):
    """(name, email, minutes) per row, in the report's order."""
    return [(row.name, row.email, row.minutes) for row in report.rows]


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The two field cases: the participant's own columns, never the meeting's
# ----------------------------------------------------------------------


def test_unique_users_export_reads_the_total_duration_column():
    report = load("zoom-unique-users-total-duration-column.csv")
    assert report.layout == "zoom-unique-users-meeting-data"
    assert people(report) == [
        ("Budi Santoso", "budi.santoso+webinar@example.go.id", 182),
        ("Muhammad Rizal", "", 170),
    ]
    assert [row.source for row in report.rows] == [
        "Total Duration (Minutes), baris 5",
        "Total Duration (Minutes), baris 6",
    ]


def test_repeated_columns_credit_the_participants_own_email_and_duration():
    report = load("zoom-with-meeting-data-duplicate-email-duration-columns.csv")
    assert report.layout == "zoom-participants-meeting-data"
    assert people(report) == [
        ("Budi Santoso", "budi.santoso+webinar@example.go.id", 20),
        ("Muhammad Rizal", "rizal@example.go.id", 10),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "zoom-unique-users-total-duration-column.csv",
        "zoom-with-meeting-data-duplicate-email-duration-columns.csv",
        "zoom_participants_meeting_data.csv",
        "zoom_participants_meeting_data_single_header.csv",
        "zoom_webinar_attendees.csv",
    ],
)
def test_the_meeting_and_its_host_are_never_a_participant(name):
    for row in load(name).rows:
        assert row.email != HOST_EMAIL
        assert row.minutes not in (185, 191)  # the meeting's length
        assert "Admin Zoom BPSDM" not in row.name


def test_an_empty_participant_duration_never_falls_back_to_the_meetings():
    report = read_report(
        b"Topic,Meeting ID,User Name,User Email,Duration (Minutes),Participants,"
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        b"Seri 41,812 3456 7890,Admin Zoom BPSDM,host.zoom@bpsdm.example.go.id,191,2,"
        b"Tamu Tanpa Email,,12/10/2026 09:00:00 AM,12/10/2026 09:31:10 AM,,Yes\n"
    )
    assert people(report) == [("Tamu Tanpa Email", "", 31)]
    assert report.rows[0].source == "Waktu bergabung 09.00–09.31, baris 2"


def test_a_meeting_block_naming_its_host_is_not_the_participant_table():
    report = read_report(
        b"Topic,Meeting ID,User Name,User Email,Duration (Minutes),Participants\n"
        b"Seri 41,812 3456 7890,Admin Zoom BPSDM,host.zoom@bpsdm.example.go.id,191,1\n\n"
        b"Name (Original Name),User Email,Duration (Minutes)\nBudi Santoso,budi@example.go.id,44\n"
    )
    assert report.layout == "zoom-participants-meeting-data"
    assert people(report) == [("Budi Santoso", "budi@example.go.id", 44)]


# Zoom meeting participants, in every export option and language
# ---------------------------------------------------------------

ZOOM_PLAIN = [
    ("Admin Zoom BPSDM (Operator)", "operator.zoom@bpsdm.example.go.id", 163),
    ("Dra. Hj. Andi Nurhaedah, M.Si. (Dinas Pendidikan Gowa)", "andi.nurhaedah@example.go.id", 78),
    ("Dra. Hj. Andi Nurhaedah, M.Si. (Dinas Pendidikan Gowa)", "andi.nurhaedah@example.go.id", 73),
    ("Muh. Syahrir Galaxy A12", "", 145),
    ("Ir. H. Baso Tenri, S.T., M.T. (iPhone)", "baso.tenri@example.com", 41),
    ("vivo 1904", "", 8),
]


@pytest.mark.parametrize("name", ["zoom_participants.csv", "zoom_participants.xlsx"])
def test_zoom_participants(name):
    report = load(name)
    assert report.layout == "zoom-participants"
    assert people(report) == ZOOM_PLAIN
    assert [row.line for row in report.rows] == [2, 3, 4, 5, 6, 7]
    assert report.rows[1].source == "Duration (Minutes), baris 3"
    # The stay itself is kept, to count two devices at once only once.
    assert (report.rows[1].joined, report.rows[1].left) == (
        datetime.datetime(2026, 10, 14, 8, 58, 10),
        datetime.datetime(2026, 10, 14, 10, 15, 30),
    )


def test_zoom_meeting_block_above_the_table():
    report = load("zoom_participants_meeting_data.csv")
    assert report.layout == "zoom-participants-meeting-data"
    assert people(report) == [
        ("Drs. H. Abdul Rahman Daeng Ngalle, M.Si.", "abdul.rahman@example.go.id", 91),
        ("Siti Aminah S.Pd. - Redmi Note 8", "siti.aminah@example.org", 46),
        ("Siti Aminah S.Pd. - Redmi Note 8", "siti.aminah@example.org", 129),
        ("Hasanuddin (HP Kantor)", "", 60),
    ]
    assert [row.line for row in report.rows] == [5, 6, 7, 8]


def test_zoom_meeting_data_on_one_header_row():
    report = load("zoom_participants_meeting_data_single_header.csv")
    assert report.layout == "zoom-participants-meeting-data"
    assert people(report) == [
        ("Andi Besse Tenri Abeng, S.Sos.", "andi.besse@example.go.id", 120),
        ("dr. Nurul Hikmah, Sp.A (OPPO A5s)", "nurul.hikmah@example.com", 58),
        ("Rahmat", "", 12),
    ]


def test_zoom_unique_users():
    report = load("zoom_unique_users.csv")
    assert report.layout == "zoom-unique-users"
    assert people(report) == [
        ("Prof. Dr. Ir. H. Muhammad Yusuf Amin, M.Sc., Ph.D., IPU.", "m.yusuf.amin@example.go.id", 175),
        ("Fatmawati Rusdi", "fatmawati.rusdi@example.com", 151),
        ("Hj. Sitti Rahmah (Galaxy A12)", "", 88),
    ]


def test_zoom_in_indonesian():
    report = load("zoom_participants_id_ui.csv")
    assert report.layout == "zoom-participants"
    assert people(report) == [
        ("Andi Muhammad Ilham, S.IP.", "ilham@example.go.id", 105),
        ("Wa Ode Sitti Marhama (Android)", "", 45),
    ]
    assert report.rows[0].source == "Durasi (menit), baris 2"


def test_zoom_saved_again_by_excel_in_an_indonesian_locale():
    data = (REPORTS / "zoom_participants_excel_id.csv").read_bytes()
    assert b";" in data and b"\x92" in data  # semicolons, and Windows-1252's right quote
    report = read_report(data)
    assert report.layout == "zoom-participants"
    assert people(report) == [
        ("Nur\u2019aini Mu\u2019min, S.Pd.", "nuraini@example.go.id", 72),
        ("Andi Ahmad \u2013 Kominfo", "ahmad@example.com", 145),
        ("Hj. Rosmiati", "", 30),
    ]


def test_zoom_webinar_attendee_report_reads_the_attendees_only():
    report = load("zoom_webinar_attendees.csv")
    assert report.layout == "zoom-webinar-attendees"
    assert people(report) == [
        ("Nur Aisyah Djafar", "nur.aisyah@example.go.id", 91),
        ("Nur Aisyah Djafar", "nur.aisyah@example.go.id", 83),
        ("Muh. Ikhsan, S.Kom. (iPhone)", "ikhsan@example.com", 165),
        ("Ahmad Fauzi", "", 46),  # "Other Attended"
    ]
    assert [row.line for row in report.rows] == [13, 14, 15, 19]
    emails = {row.email for row in report.rows}
    assert "narasumber@example.org" not in emails  # a panelist
    assert "tenri.ajeng@example.org" not in emails  # registered, Attended = No


def test_zoom_webinar_2020_layout_with_first_and_last_names():
    report = read_report(
        b'Attendee Report,\nReport Generated:,"Apr 09, 2020 8:50 PM"\n'
        b"Topic,Webinar ID,Actual Start Time,Actual Duration (minutes)\n"
        b'Seri,328-972-509,"Mar 28, 2020 8:07 AM", 548\nHost Details,\n'
        b"Attended,User Name,Email,Join Time,Leave Time,Time in Session (minutes),Country/Region Name\n"
        b'Yes,Host,host@example.org,"Mar 28, 2020 08:07:27","Mar 28, 2020 17:14:45",548,Indonesia\n'
        b"Attendee Details,\n"
        b'"Attended","First Name","Last Name","Email","Registration Time","Approval Status","Join Time",'
        b'"Leave Time","Time in Session (minutes)","Country/Region Name"\n'
        b'"Yes","Rina","Kartika","rina@example.org","Mar 28, 2020 09:07:11","approved",'
        b'"Mar 28, 2020 09:07:39","Mar 28, 2020 09:26:54","20","Indonesia"\n'
        b'"No","Dedi","Kurnia","dedi@example.org","Mar 28, 2020 07:31:48","approved","--","--","--","--"\n'
    )
    assert report.layout == "zoom-webinar-attendees"
    assert people(report) == [("Rina Kartika", "rina@example.org", 20)]


def test_a_webinar_report_with_only_the_host_and_panelists_credits_nobody():
    data = (
        b"Attendee Report,\nHost Details,\nAttended,User Name,Email,Join Time,Leave Time,"
        b"Time in Session (minutes)\nYes,Host,host@example.org,x,y,185\n"
    )
    with pytest.raises(ReportError, match="bagian peserta"):
        read_report(data)


# Google Meet and Microsoft Teams
# -------------------------------

GOOGLE_MEET = [
    ("Rini Handayani", "rini.handayani@example.go.id", 65),
    ("Andi Muh. Ridwan, S.E.", "ridwan@example.com", 45),
    ("Budi Santoso", "budi.santoso@example.go.id", 120),
    ("Nirwana", "", 0),
]


@pytest.mark.parametrize("name", ["google_meet.csv", "google_meet.xlsx"])
def test_google_meet(name):
    report = load(name)
    assert report.layout == "google-meet"
    assert people(report) == GOOGLE_MEET
    assert report.rows[0].source == "Duration, baris 2"


def test_google_meet_in_indonesian():
    report = load("google_meet_id.csv")
    assert report.layout == "google-meet"
    assert people(report) == [
        ("Hasmawati Arsyad", "hasmawati@example.go.id", 65),
        ("Muh. Taufik Hidayat", "taufik.hidayat@example.com", 45),
        ("Irwan Saputra", "", 90),
    ]


TEAMS = [
    ("Admin BPSDM Sulsel", "admin.teams@bpsdm.example.go.id", 130),
    ("Dr. Hj. Hasnah Syam, M.Pd.", "hasnah.syam@example.go.id", 112),
    ("Rudi Hartono (Tamu)", "", 30),
    ("Andi Baso Amir", "andi.baso@example.com", 62),
]


def test_teams_reads_the_participants_section_only():
    data = (REPORTS / "teams_attendance.csv").read_bytes()
    assert data.startswith(b"\xff\xfe")  # UTF-16 with its byte-order mark, tab-separated
    report = read_report(data)
    assert report.layout == "teams"
    assert people(report) == TEAMS  # neither the summary's duration nor the activities twice
    assert [row.line for row in report.rows] == [11, 12, 13, 14]


def test_teams_big_endian():
    text = (REPORTS / "teams_attendance.csv").read_bytes().decode("utf-16")
    assert people(read_report(b"\xfe\xff" + text.encode("utf-16-be"))) == TEAMS


def test_teams_legacy_joined_and_left_events_become_stays():
    report = load("teams_legacy.csv")
    assert report.layout == "teams-legacy"
    assert people(report) == [
        ("Admin BPSDM Sulsel", "", 106),
        ("Syamsul Alam", "", 43),
        ("Syamsul Alam", "", 40),
        ("Nurhayati", "", 61),  # "Joined before"
        ("Andi Pratama (Guest)", "", 95),  # never left: counted to the report's last time, 10.45
    ]
    assert report.rows[1].source == "Bergabung 09.01 (baris 3), keluar 09.45 (baris 4)"
    assert "tanpa catatan keluar" in report.rows[4].source


def test_teams_legacy_unknown_action_names_the_line():
    data = (
        "Full Name\tUser Action\tTimestamp\n"
        "Ana\tJoined\t10/7/2025, 9:00:00 AM\nAna\tMuted\t10/7/2025, 9:05:00 AM\n"
    )
    with pytest.raises(ReportError, match="Baris 3"):
        read_report(data.encode("utf-16"))


def test_teams_live_event_report_is_refused_naming_the_missing_column():
    data = (
        b"Session Id,Participant Id,Full Name,UserAgent,UTC Event Timestamp,Action,Role\n"
        b"x,p@example.org,Per Son,UA,03/02/2023 10:56:00 AM,Joined,Attendee\n"
    )
    with pytest.raises(ReportError, match="Kolom durasi tidak ditemukan"):
        read_report(data)


def test_a_registrars_own_sheet_with_join_and_leave_times_only():
    report = load("registrar_join_leave_id.csv")
    assert report.layout == "generic"
    assert people(report) == [
        ("Ir. Abdul Karim, M.T.", "abdul.karim@example.go.id", 74),
        ("Hj. Nurlaela", "", 30),  # 23.50 to 00.20 the next day
        ("Yusran Samad", "yusran@example.org", 44),  # 09.00.30 to 09.45.10, seconds rounded down
    ]
    assert report.rows[0].source == "Waktu bergabung 09.01–10.15, baris 2"


# Encodings, separators, headers
# ------------------------------


def zoom_plain_text():
    return (REPORTS / "zoom_participants.csv").read_bytes().decode("utf-8-sig")


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode(),
        lambda text: b"\xef\xbb\xbf" + text.encode(),
        lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
        lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"],
)
def test_every_encoding_the_tools_use(encode):
    assert people(read_report(encode(zoom_plain_text()))) == ZOOM_PLAIN


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separators(delimiter):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(csv.reader(io.StringIO(zoom_plain_text())))
    assert people(read_report(out.getvalue().encode())) == ZOOM_PLAIN


def test_headers_compared_without_case_spaces_quotes_and_blank_rows_skipped():
    data = '\ufeff" NAME (original name) ", "user email" ,DURATION (MINUTES)\n,,\n'
    data += "Budi,Budi@Example.go.id, 12\n\nAni,,7\n"
    report = read_report(data.encode())
    assert people(report) == [("Budi", "budi@example.go.id", 12), ("Ani", "", 7)]
    assert [row.line for row in report.rows] == [3, 5]


def test_decimal_comma_minutes_in_a_semicolon_file():
    data = "Nama (nama asli);Email;Durasi (menit)\nBudi;budi@example.go.id;12,5\nAni;;7.9\n"
    assert people(read_report(data.encode())) == [("Budi", "budi@example.go.id", 12), ("Ani", "", 7)]


def test_xlsx_with_a_meeting_block_time_cells_and_blank_rows():
    data = xlsx(
        [
            [
                "Meeting ID",
                "Topic",
                "Start Time",
                "End Time",
                "User Email",
                "Duration (Minutes)",
                "Participants",
            ],
            ["812 3456 7890", "Seri 41", "x", "y", HOST_EMAIL, 191, 3],
            [],
            ["Name (Original Name)", "User Email", "Duration (Minutes)"],
            ["Budi", "budi@example.go.id", datetime.time(0, 45, 59)],
            [None, None, None],
            ["Ani", None, datetime.timedelta(hours=1, minutes=5, seconds=30)],
            ["Cici", "cici@example.go.id", 30.0],
        ]
    )
    report = read_report(data, "laporan.xlsx")
    assert report.layout == "zoom-participants-meeting-data"
    assert people(report) == [
        ("Budi", "budi@example.go.id", 45),
        ("Ani", "", 65),
        ("Cici", "cici@example.go.id", 30),
    ]
    assert [row.line for row in report.rows] == [5, 7, 8]


def test_xlsx_table_on_the_second_sheet():
    workbook = Workbook()
    workbook.active.append(["Catatan"])
    sheet = workbook.create_sheet("Peserta")
    sheet.append(["First name", "Last name", "Email", "Duration"])
    sheet.append(["Rini", "Handayani", "rini@example.go.id", "1 hr 5 min"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = read_report(buffer.getvalue())
    assert (report.layout, people(report)) == ("google-meet", [("Rini Handayani", "rini@example.go.id", 65)])


def test_xlsx_line_numbers_count_the_empty_rows_above():
    workbook = Workbook()
    sheet = workbook.active
    sheet["C4"], sheet["D4"] = "Name (Original Name)", "Duration (Minutes)"
    sheet["C5"], sheet["D5"] = "Budi", 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_report(buffer.getvalue()).rows[0].source == "Duration (Minutes), baris 5"


# Reports that cannot be read: an Indonesian reason, naming what is missing or the line
# ------------------------------------------------------------------------------------


def test_no_usable_columns_names_the_missing_columns_and_what_was_expected():
    with pytest.raises(ReportError) as caught:
        read_report(b"Nomor;Instansi;Jabatan\n1;Dinas Kominfo;Analis\n", "daftar.csv")
    message = str(caught.value)
    assert "Tabel peserta tidak ditemukan" in message
    assert "Kolom nama tidak ditemukan. Diharapkan salah satu dari: Name (Original Name)" in message
    assert (
        "Kolom durasi tidak ditemukan. Diharapkan salah satu dari: Duration (Minutes), Total Duration"
        in message
    )
    assert "Waktu bergabung + Waktu keluar" in message
    assert "Kolom yang ada (baris 1): Nomor, Instansi, Jabatan" in message


def test_a_name_without_a_duration_names_only_the_duration():
    with pytest.raises(ReportError) as caught:
        read_report(b"Nama Lengkap,Email\nBudi,budi@example.go.id\n")
    assert "Kolom durasi tidak ditemukan" in str(caught.value)
    assert "Kolom nama tidak ditemukan" not in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"Name (Original Name),User Email,Duration (Minutes)\nBudi,b@x.id,45\nAni,,sebentar\n",
            "Baris 3: durasi",
        ),
        (
            b"Name (Original Name),User Email,Duration (Minutes)\nBudi,budi@example.go.id,\n",
            "Baris 2: durasi kosong",
        ),
        (b"Nama;Waktu Bergabung;Waktu Keluar\nBudi;kemarin;10/07/2025 10.15\n", "Baris 2: waktu bergabung"),
        (b"Name (Original Name),User Email,Duration (Minutes)\n\n", "tidak ada baris peserta"),
        (b"", "kosong"),
        (b"\xef\xbb\xbf\r\n", "kosong"),
        (b"x" * (MAX_BYTES + 1), "batasnya 5 MB"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, r"\.xls"),
        (b"PK\x03\x04broken", "XLSX"),
        (b"%PDF-1.4\x00\x01\x02\x00binary\x00", "bukan berkas CSV maupun XLSX"),
    ],
)
def test_unreadable_reports_say_why(data, message):
    with pytest.raises(ReportError, match=message):
        read_report(data, "unggahan.csv")


# Durations and times as the tools write them
# -------------------------------------------


@pytest.mark.parametrize(
    ("value", "minutes"),
    [
        ("12", 12),
        (12, 12),
        (12.9, 12),
        ("12,5", 12),
        ("1:05:59", 65),
        ("01:05", 65),
        ("0:00:59", 0),
        ("1h 2m 3s", 62),
        ("10m 59s", 10),
        ("45s", 0),
        ("1 hr 5 min", 65),
        ("2 hrs", 120),
        ("1 jam 5 mnt", 65),
        ("45 menit", 45),
        ("2 menit 10 detik", 2),
        ("1 jam, 30 menit", 90),
        ("1,5 jam", 90),
        (datetime.time(1, 2, 59), 62),
        (datetime.timedelta(minutes=90, seconds=59), 90),
    ],
)
def test_durations(value, minutes):
    assert parse_duration(value) == minutes


@pytest.mark.parametrize(
    "value", [None, "", "sebentar", "5 x", "-3", "1:75", "lama 5 menit", -1, datetime.date(2026, 1, 1)]
)
def test_durations_refused(value):
    with pytest.raises(ValueError):
        parse_duration(value)


@pytest.mark.parametrize(
    ("value", "day_first", "expected"),
    [
        ("12/10/2026 09:00:00 AM", False, datetime.datetime(2026, 12, 10, 9, 0)),
        ("6/1/2021, 2:59:38 PM", False, datetime.datetime(2021, 6, 1, 14, 59, 38)),
        ("12/10/2026 12:05:40 AM", False, datetime.datetime(2026, 12, 10, 0, 5, 40)),
        ("10/07/2025 9:01", True, datetime.datetime(2025, 7, 10, 9, 1)),
        ("10-07-2025 09.01.30", True, datetime.datetime(2025, 7, 10, 9, 1, 30)),
        ("15/11/22, 09:30:47", False, datetime.datetime(2022, 11, 15, 9, 30, 47)),
        ("14.11.2022 09:30", True, datetime.datetime(2022, 11, 14, 9, 30)),
        ("2026-10-12T09:01:00+08:00", True, datetime.datetime(2026, 10, 12, 9, 1)),
        ("Mar 28, 2020 08:07:27", True, datetime.datetime(2020, 3, 28, 8, 7, 27)),
        ("12 Okt 2026 09.01", True, datetime.datetime(2026, 10, 12, 9, 1)),
        ("9:01 AM", True, datetime.datetime(2000, 1, 1, 9, 1)),
        ("18.02", True, datetime.datetime(2000, 1, 1, 18, 2)),
    ],
)
def test_times(value, day_first, expected):
    assert parse_datetime(value, day_first) == expected


@pytest.mark.parametrize("value", [None, "", "kemarin", "13/13/2026 09:00", "10/07/2025", "25:61", 45])
def test_times_refused(value):
    with pytest.raises(ValueError):
        parse_datetime(value)


def test_a_day_above_12_in_the_column_decides_the_date_order():
    report = read_report(
        b"Nama,Waktu Bergabung,Waktu Keluar\n"
        b"Budi,07/10/2025 09:00,07/10/2025 09:30\nAni,07/13/2025 09:00,07/13/2025 10:00\n"
    )
    assert report.rows[0].joined == datetime.datetime(2025, 7, 10, 9, 0)  # month first, as 07/13 shows
