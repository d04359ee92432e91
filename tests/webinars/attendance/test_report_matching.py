"""Every sample report imported through the admin: who is matched to whom, by what, and the minutes
recorded for each person; names as meeting tools mangle them; namesakes left to the registrar."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from tests.factories import make_registration
from webinars.attendance.meeting_reports import read_report
from webinars.attendance.report_matching import name_key, preview
from webinars.models import Attendance

pytestmark = pytest.mark.django_db

REPORTS = Path(__file__).resolve().parent / "reports"
HOST = ("Admin Zoom BPSDM", "host.zoom@bpsdm.example.go.id")

# Per sample: the registrations of the episode (name as registered, email), the minutes each must
# be credited (by registered name; None: nothing recorded) and the names of the rows that must
# stay unmatched. Registered names and emails differ from the report's the way real ones do.
CASES = {
    "zoom_participants.csv": (
        [
            ("Dra. Hj. Andi Nurhaedah, M.Si.", "Andi.Nurhaedah@example.go.id"),
            ("Muh. Syahrir", "syahrir@kantor.go.id"),
            ("Ir. H. Baso Tenri, S.T., M.T.", "baso@kantor.go.id"),
        ],
        {"Dra. Hj. Andi Nurhaedah, M.Si.": 151, "Muh. Syahrir": 145, "Ir. H. Baso Tenri, S.T., M.T.": 41},
        ["Admin Zoom BPSDM (Operator)", "vivo 1904"],
    ),
    "zoom_participants.xlsx": (
        [
            ("Dra. Hj. Andi Nurhaedah, M.Si.", "andi.nurhaedah@example.go.id"),
            ("Muh. Syahrir", "syahrir@kantor.go.id"),
            ("Baso Tenri", "baso@kantor.go.id"),
        ],
        {"Dra. Hj. Andi Nurhaedah, M.Si.": 151, "Muh. Syahrir": 145, "Baso Tenri": 41},
        ["Admin Zoom BPSDM (Operator)", "vivo 1904"],
    ),
    "zoom-with-meeting-data-duplicate-email-duration-columns.csv": (
        [HOST, ("Budi Santoso", "budi.santoso@example.go.id"), ("Muhammad Rizal", "rizal@example.go.id")],
        {"Budi Santoso": 20, "Muhammad Rizal": 10, HOST[0]: None},
        [],
    ),
    "zoom-unique-users-total-duration-column.csv": (
        [
            HOST,
            ("Budi Santoso, S.E.", "budi.santoso@example.go.id"),
            ("Muhammad Rizal", "rizal@example.go.id"),
        ],
        {"Budi Santoso, S.E.": 182, "Muhammad Rizal": 170, HOST[0]: None},
        [],
    ),
    "zoom_participants_meeting_data.csv": (
        [
            HOST,
            ("Drs. H. Abdul Rahman Daeng Ngalle, M.Si.", "abdul.rahman@example.go.id"),
            ("Siti Aminah, S.Pd.", "siti.aminah@kantor.go.id"),
        ],
        {"Drs. H. Abdul Rahman Daeng Ngalle, M.Si.": 91, "Siti Aminah, S.Pd.": 175, HOST[0]: None},
        ["Hasanuddin (HP Kantor)"],
    ),
    "zoom_participants_meeting_data_single_header.csv": (
        [
            HOST,
            ("Andi Besse Tenri Abeng", "andi.besse@example.go.id"),
            ("dr. Nurul Hikmah", "nurul.hikmah@example.com"),
        ],
        {"Andi Besse Tenri Abeng": 120, "dr. Nurul Hikmah": 58, HOST[0]: None},
        ["Rahmat"],
    ),
    "zoom_unique_users.csv": (
        [
            ("Prof. Dr. Ir. H. Muhammad Yusuf Amin", "m.yusuf.amin@example.go.id"),
            ("Fatmawati Rusdi", "fatmawati.rusdi@example.com"),
            ("Sitti Rahmah", "sitti.rahmah@kantor.go.id"),
        ],
        {"Prof. Dr. Ir. H. Muhammad Yusuf Amin": 175, "Fatmawati Rusdi": 151, "Sitti Rahmah": 88},
        [],
    ),
    "zoom_participants_id_ui.csv": (
        [
            ("Andi Muhammad Ilham, S.IP.", "ilham@example.go.id"),
            ("Wa Ode Sitti Marhama", "waode@kantor.go.id"),
        ],
        {"Andi Muhammad Ilham, S.IP.": 105, "Wa Ode Sitti Marhama": 45},
        [],
    ),
    "zoom_participants_excel_id.csv": (
        [
            ("Nur'aini Mu'min, S.Pd.", "nuraini@example.go.id"),
            ("Andi Ahmad", "andi.ahmad@kominfo.go.id"),
            ("Rosmiati", "rosmiati@kantor.go.id"),
        ],
        {"Nur'aini Mu'min, S.Pd.": 72, "Andi Ahmad": 145, "Rosmiati": 30},
        [],
    ),
    "zoom_webinar_attendees.csv": (
        [
            HOST,
            ("Nur Aisyah Djafar", "nur.aisyah@example.go.id"),
            ("Muhammad Ikhsan", "ikhsan@example.com"),
            ("Ahmad Fauzi", "fauzi@kantor.go.id"),
            ("Dr. Ir. Andi Makkasau, M.Si.", "narasumber@example.org"),
            ("Andi Tenri Ajeng", "tenri.ajeng@example.org"),
        ],
        {
            "Nur Aisyah Djafar": 174,
            "Muhammad Ikhsan": 165,
            "Ahmad Fauzi": 46,
            HOST[0]: None,
            "Dr. Ir. Andi Makkasau, M.Si.": None,  # a panelist: the speakers are not credited
            "Andi Tenri Ajeng": None,  # registered for the webinar, did not attend
        },
        [],
    ),
    "google_meet.csv": (
        [
            ("Rini Handayani", "rini.handayani@example.go.id"),
            ("Andi Muh. Ridwan, S.E.", "ridwan@example.com"),
            ("Budi Santoso", "budi.santoso@example.go.id"),
            ("Nirwana", "nirwana@kantor.go.id"),
        ],
        {"Rini Handayani": 65, "Andi Muh. Ridwan, S.E.": 45, "Budi Santoso": 120, "Nirwana": 0},
        [],
    ),
    "google_meet.xlsx": (
        [("Rini Handayani", "rini.handayani@example.go.id"), ("Budi Santoso", "budi.santoso@example.go.id")],
        {"Rini Handayani": 65, "Budi Santoso": 120},
        ["Andi Muh. Ridwan, S.E.", "Nirwana"],
    ),
    "google_meet_id.csv": (
        [
            ("Hasmawati Arsyad", "hasmawati@example.go.id"),
            ("Muh. Taufik Hidayat", "taufik.hidayat@example.com"),
            ("Irwan Saputra", "irwan@kantor.go.id"),
        ],
        {"Hasmawati Arsyad": 65, "Muh. Taufik Hidayat": 45, "Irwan Saputra": 90},
        [],
    ),
    "teams_attendance.csv": (
        [
            ("Dr. Hj. Hasnah Syam, M.Pd.", "hasnah.syam@example.go.id"),
            ("Rudi Hartono", "rudi@kantor.go.id"),
            ("Andi Baso Amir", "andi.baso@example.com"),
        ],
        {"Dr. Hj. Hasnah Syam, M.Pd.": 112, "Rudi Hartono": 30, "Andi Baso Amir": 62},
        ["Admin BPSDM Sulsel"],
    ),
    "teams_legacy.csv": (
        [
            ("Syamsul Alam", "syamsul@kantor.go.id"),
            ("Nurhayati", "nurhayati@kantor.go.id"),
            ("Andi Pratama", "andi.pratama@kantor.go.id"),
        ],
        {"Syamsul Alam": 83, "Nurhayati": 61, "Andi Pratama": 95},
        ["Admin BPSDM Sulsel"],
    ),
    "registrar_join_leave_id.csv": (
        [
            ("Ir. Abdul Karim, M.T.", "abdul.karim@example.go.id"),
            ("Nurlaela", "nurlaela@kantor.go.id"),
            ("Yusran Samad", "yusran@example.org"),
        ],
        {"Ir. Abdul Karim, M.T.": 74, "Nurlaela": 30, "Yusran Samad": 44},
        [],
    ),
}


def upload(client, episode, name, data):
    file = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post("/admin/kehadiran/impor/", {"episode": episode.pk, "report": file})


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_report_credits_every_person_their_own_minutes(client, registrar, held_episode, name):
    registered, expected, unmatched = CASES[name]
    for full_name, email in registered:
        make_registration(held_episode, full_name=full_name, email=email)
    client.force_login(registrar)

    response = upload(client, held_episode, name, (REPORTS / name).read_bytes())
    assert response.status_code == 200
    shown = response.context["preview"]
    assert {credit.registration.full_name: credit.minutes for credit in shown.credits} == {
        person: minutes for person, minutes in expected.items() if minutes is not None
    }
    assert [row.name for row in shown.unmatched] == unmatched
    html = response.content.decode()
    for credit in shown.credits:
        for source in credit.sources:  # the registrar sees where each person's minutes came from
            assert source in html

    client.post("/admin/kehadiran/impor/", {"token": response.context["token"]})
    saved = dict(Attendance.objects.values_list("registration__full_name", "minutes"))
    assert saved == {person: minutes for person, minutes in expected.items() if minutes is not None}


def test_the_preview_says_how_each_person_was_matched_and_where_the_minutes_came_from(
    client, registrar, held_episode
):
    make_registration(
        held_episode, full_name="Dra. Hj. Andi Nurhaedah, M.Si.", email="andi.nurhaedah@example.go.id"
    )
    make_registration(held_episode, full_name="Muh. Syahrir", email="syahrir@kantor.go.id")
    client.force_login(registrar)
    data = (REPORTS / "zoom_participants.csv").read_bytes()
    response = upload(client, held_episode, "zoom_participants.csv", data)
    credits = {credit.registration.full_name: credit for credit in response.context["preview"].credits}

    andi = credits["Dra. Hj. Andi Nurhaedah, M.Si."]
    assert (andi.matched_by, andi.minutes) == ("email", 151)
    assert andi.sources == ["Duration (Minutes), baris 3: 78 menit", "Duration (Minutes), baris 4: 73 menit"]
    assert credits["Muh. Syahrir"].matched_by == "nama"
    html = response.content.decode()
    assert "Zoom – laporan Participants (Reports › Usage)" in html
    assert "Duration (Minutes), baris 5: 145 menit" in html


def test_two_devices_at_once_are_counted_once(client, registrar, held_episode):
    budi = make_registration(held_episode, full_name="Budi Santoso", email="budi@contoh.go.id")
    report = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Budi Santoso,budi@contoh.go.id,07/24/2025 09:00:00 AM,07/24/2025 11:00:00 AM,120\n"
        "Budi Santoso (HP),,07/24/2025 10:00:00 AM,07/24/2025 11:30:00 AM,90\n"
    )
    client.force_login(registrar)
    response = upload(client, held_episode, "peserta.csv", report.encode())
    [credit] = response.context["preview"].credits
    assert (credit.minutes, credit.counted_once) == (150, 60)  # 09.00 to 11.30, not 210
    assert "60 menit tumpang tindih" in response.content.decode()
    client.post("/admin/kehadiran/impor/", {"token": response.context["token"]})
    assert Attendance.objects.get(registration=budi).minutes == 150


def test_a_name_fitting_two_registrations_is_listed_not_credited(client, registrar, held_episode):
    make_registration(held_episode, full_name="Hasanuddin", email="hasanuddin@gowa.go.id")
    make_registration(held_episode, full_name="H. Hasanuddin, S.E.", email="hasanuddin@bone.go.id")
    client.force_login(registrar)
    data = (REPORTS / "zoom_participants_meeting_data.csv").read_bytes()
    response = upload(client, held_episode, "laporan.csv", data)
    [item] = response.context["preview"].unsettled
    assert [row.name for row in item.rows] == ["Hasanuddin (HP Kantor)"]
    assert {registration.email for registration in item.registrations} == {
        "hasanuddin@gowa.go.id",
        "hasanuddin@bone.go.id",
    }
    html = response.content.decode()
    assert "Nama ini cocok dengan lebih dari satu pendaftar." in html
    client.post("/admin/kehadiran/impor/", {"token": response.context["token"]})
    assert not Attendance.objects.exists()


def test_namesakes_in_the_report_never_add_to_one_registration(held_episode):
    matched = make_registration(held_episode, full_name="Budi Santoso", email="budi@contoh.go.id")
    rows = read_report(
        b"Name (Original Name),User Email,Duration (Minutes)\n"
        b"Budi Santoso,budi@contoh.go.id,30\n"
        b"Budi Santoso,budi.lain@gmail.com,150\n"  # another Budi Santoso
        b"BUDI SANTOSO,,20\n"  # the first, rejoining as a guest on his phone
    ).rows
    result = preview(held_episode, rows)
    assert result.minutes_by_registration() == {matched.pk: 50}
    [item] = result.unsettled
    assert [row.email for row in item.rows] == ["budi.lain@gmail.com"]

    make_registration(held_episode, full_name="Rina Kartika", email="rina@kantor.go.id")
    rows = read_report(
        b"Name (Original Name),User Email,Duration (Minutes)\n"
        b"Rina Kartika,rina1@gmail.com,30\nRina Kartika,rina2@gmail.com,150\n"
    ).rows
    result = preview(held_episode, rows)
    assert result.credits == []
    assert [len(item.rows) for item in result.unsettled] == [2]


def test_the_total_is_capped_at_the_event_with_its_check_in_margins(held_episode):
    registration = make_registration(held_episode, full_name="Andi", email="andi@contoh.go.id")
    rows = read_report(
        b"Name,User Email,Duration (Minutes)\nAndi,andi@contoh.go.id,200\nAndi,andi@contoh.go.id,200\n"
    ).rows
    [credit] = preview(held_episode, rows).credits
    # 09.00 to 12.00, check-in from 30 minutes before to 60 minutes after: 270 minutes at most
    assert (credit.registration, credit.minutes, credit.capped_at) == (registration, 270, 270)


def test_waiting_list_and_cancelled_registrations_are_never_credited(held_episode):
    make_registration(held_episode, full_name="Menunggu", email="tunggu@contoh.go.id", status="waitlisted")
    make_registration(held_episode, full_name="Batal", email="batal@contoh.go.id", status="cancelled")
    rows = read_report(
        b"Name,User Email,Duration (Minutes)\nMenunggu,tunggu@contoh.go.id,100\nBatal,,100\n"
    ).rows
    result = preview(held_episode, rows)
    assert result.credits == [] and len(result.unmatched) == 2


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Dra. Hj. ANDI  Nurhaedah, M.Si. (Dinas Pendidikan Gowa)", "andi nurhaedah"),
        (
            "Prof. Dr. Ir. H. Andi Muhammad Syahrul Ramadhan Nur Alamsyah Putra Pratama, S.T., M.T., M.Sc., "
            "Ph.D., IPU., ASEAN Eng.",
            "andi muhammad syahrul ramadhan nur alamsyah putra pratama",
        ),
        ("Ir. H. Baso Tenri, S.T., M.T. (iPhone)", "baso tenri"),
        ("Muh. Syahrir Galaxy A12", "muh syahrir"),
        ("Siti Aminah S.Pd. - Redmi Note 8", "siti aminah"),
        ("dr. Nurul Hikmah, Sp.A (OPPO A5s)", "nurul hikmah"),
        ("Rahmat vivo 1904", "rahmat"),
        ("vivo 1904", ""),
        ("Budi\u2019s iPhone", ""),  # a device named after its owner is no name at all
        ("iPhone 12 Pro Max", ""),
        ("Nur\u2019aini Mu\u2019min, S.Pd.", "nuraini mumin"),
        ("Prof.Dr.Ir.H.Andi Makkasau", "andi makkasau"),
        ("Drs H Muh. Arsyad M.Si", "muh arsyad"),
        ("Andi Ridwan S.Kom M.Kom", "andi ridwan"),
        ("Dicky Adra Pratama, A.Md., S.IP., M.A.", "dicky adra pratama"),
        ("Ibu Sri Wahyuni, S.E., M.M.", "sri wahyuni"),
        ("André Muñoz", "andre munoz"),
        ("Goliath, David", "goliath david"),  # what follows a comma stays unless it is a degree
    ],
)
def test_names_compared_the_way_meeting_tools_mangle_them(written, key):
    assert name_key(written) == key
