"""Registrars' attendance and certificate admin: hand marks, the report import, issuing, revoking."""

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import ModelLogEntry, PageLogEntry

import pytest

from tests.factories import make_registration, wita
from webinars.attendance.service import check_in, mark
from webinars.certificates.issuing import run_issuing
from webinars.models import Attendance, Certificate, CertificateRun

pytestmark = pytest.mark.django_db

ZOOM_REPORT = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,ASN Adaptif Seri 41,07/24/2025 08:55:00 AM,07/24/2025 12:05:00 PM,panitia@contoh.go.id,190,4

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Andi Nurhaedah,ANDI.NURHAEDAH@contoh.go.id,07/24/2025 08:58:10 AM,07/24/2025 10:00:00 AM,62,Yes
Andi Nurhaedah,andi.nurhaedah@contoh.go.id,07/24/2025 10:05:00 AM,07/24/2025 12:00:00 PM,115,Yes
IPHONE Ñoño,,07/24/2025 09:10:00 AM,07/24/2025 09:40:00 AM,30,Yes
nono umit celik,,07/24/2025 09:00:00 AM,07/24/2025 11:00:00 AM,120,Yes
Seseorang Tak Dikenal,tamu@contoh.com,07/24/2025 09:00:00 AM,07/24/2025 11:00:00 AM,120,Yes
"""


def upload(client, episode, report=ZOOM_REPORT):

    file = SimpleUploadedFile("participants.csv", report.encode("utf-8-sig"), content_type="text/csv")
    return client.post("/admin/kehadiran/impor/", {"episode": episode.pk, "report": file})


@pytest.fixture
def nono(held_episode):
    return make_registration(held_episode, full_name="Ñoño Ümit Çelik", email="nono@contoh.com")


def test_preview_matches_by_email_then_name_and_saves_nothing(
    client, registrar, held_episode, attendee, nono
):
    client.force_login(registrar)
    response = upload(client, held_episode)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 pendaftar cocok" in html and "2 baris tanpa pasangan" in html
    assert "Seseorang Tak Dikenal" in html and "IPHONE Ñoño" in html  # listed as unmatched
    assert "177" in html  # Andi's two stretches added up
    assert not Attendance.objects.filter(minutes__isnull=False).exists()


def test_confirming_saves_and_reimporting_changes_nothing(client, registrar, held_episode, attendee, nono):
    client.force_login(registrar)
    token = upload(client, held_episode).context["token"]
    response = client.post("/admin/kehadiran/impor/", {"token": token})
    assert response.status_code == 302
    saved = dict(Attendance.objects.values_list("registration__full_name", "minutes"))
    assert saved == {attendee.full_name: 177, "Ñoño Ümit Çelik": 120}
    assert Attendance.objects.get(registration=attendee).checked_in_at is not None  # check-in kept
    entry = PageLogEntry.objects.get(action="webinars.attendance.import")
    assert entry.data == {
        "created": 1,
        "updated": 1,
        "unmatched": 2,
        "layout": "Zoom – laporan Participants, diekspor dengan data rapat",
    }

    again = upload(client, held_episode).context["token"]
    client.post("/admin/kehadiran/impor/", {"token": again})
    assert dict(Attendance.objects.values_list("registration__full_name", "minutes")) == saved
    assert client.post("/admin/kehadiran/impor/", {"token": token}).status_code == 302  # used: nothing
    assert Attendance.objects.count() == 2


def test_a_longer_report_raises_the_duration_but_a_shorter_one_never_lowers_it(
    client, registrar, held_episode, nono
):
    client.force_login(registrar)
    short = "Name,User Email,Duration (Minutes)\nÑoño Ümit Çelik,nono@contoh.com,40\n"
    long = "Name,User Email,Duration (Minutes)\nÑoño Ümit Çelik,nono@contoh.com,150\n"
    for report, expected in [(long, 150), (short, 150)]:
        client.post(
            "/admin/kehadiran/impor/", {"token": upload(client, held_episode, report).context["token"]}
        )
        assert Attendance.objects.get(registration=nono).minutes == expected


def test_bad_upload_shows_the_reason_and_saves_nothing(client, registrar, held_episode):
    client.force_login(registrar)
    html = upload(client, held_episode, "bukan laporan\n").content.decode()
    assert "Tabel peserta tidak ditemukan" in html and "Kolom nama tidak ditemukan" in html
    assert not Attendance.objects.exists()


def test_registrar_marks_and_unmarks_by_hand_with_history(client, registrar, held_episode):
    registration = make_registration(held_episode, full_name="Tandai Saya")
    client.force_login(registrar)
    listing = client.get("/admin/pendaftaran/").content.decode()
    assert f"/admin/kehadiran/tangan/mark/{registration.pk}/" in listing

    assert client.get(f"/admin/kehadiran/tangan/mark/{registration.pk}/").status_code == 200
    assert not Attendance.objects.exists()  # the GET only asks
    client.post(f"/admin/kehadiran/tangan/mark/{registration.pk}/")
    assert Attendance.objects.get(registration=registration).marked_by_hand
    client.post(f"/admin/kehadiran/tangan/unmark/{registration.pk}/")
    assert not Attendance.objects.exists()

    actions = list(
        ModelLogEntry.objects.filter(object_id=str(registration.pk))
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == ["webinars.attendance.mark", "webinars.attendance.unmark"]
    history = client.get(f"/admin/pendaftaran/history/{registration.pk}/").content.decode()
    assert "Ditandai hadir oleh admin" in history and "Kehadiran dihapus oleh admin" in history


def test_registrar_lists_attendance_per_episode(client, registrar, held_episode, attendee):
    client.force_login(registrar)
    html = client.get("/admin/kehadiran/", {"episode": held_episode.pk}).content.decode()
    assert attendee.full_name in html and "presensi" in html


def test_registrar_issues_and_sees_the_run(
    client, registrar, held_episode, attendee, django_capture_on_commit_callbacks
):
    client.force_login(registrar)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/sertifikat/terbitkan/", {"episode": held_episode.pk})
    assert response.status_code == 302
    run = CertificateRun.objects.get()
    assert (run.status, run.issued, run.requested_by) == ("done", 1, registrar)
    runs = client.get("/admin/penerbitan-sertifikat/").content.decode()
    assert "Selesai" in runs and "1/1" in runs and "Kemajuan" in runs
    assert "ASNA-041-00001" in client.get("/admin/sertifikat/").content.decode()


def test_issuing_without_jp_is_refused_in_the_admin(client, registrar, held_episode, attendee):
    held_episode.jp = None
    held_episode.save_revision().publish()
    client.force_login(registrar)
    html = client.post("/admin/sertifikat/terbitkan/", {"episode": held_episode.pk}).content.decode()
    assert "Isi dulu nilai JP" in html
    assert not CertificateRun.objects.exists()


def test_registrar_revokes_with_a_reason(client, registrar, held_episode, attendee):

    run_issuing(CertificateRun.objects.create(episode=held_episode).pk)
    certificate = Certificate.objects.get()
    client.force_login(registrar)
    assert client.post(f"/admin/sertifikat/cabut/{certificate.pk}/", {"reason": ""}).status_code == 200
    certificate.refresh_from_db()
    assert certificate.is_valid  # no reason, no revocation
    client.post(f"/admin/sertifikat/cabut/{certificate.pk}/", {"reason": "Nama salah ketik"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoked_reason == "Nama salah ketik"
    entry = ModelLogEntry.objects.get(action="webinars.certificate.revoke")
    assert entry.data == {"reason": "Nama salah ketik"}


@pytest.mark.parametrize(
    "path",
    [
        "/admin/kehadiran/",
        "/admin/kehadiran/impor/",
        "/admin/sertifikat/",
        "/admin/sertifikat/terbitkan/",
        "/admin/penerbitan-sertifikat/",
    ],
)
def test_editors_without_the_group_see_nothing(client, editor, held_episode, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code in (302, 403)
    assert "Kehadiran" not in client.get("/admin/").content.decode()


def test_editors_cannot_mark_or_revoke(client, editor, held_episode, attendee):
    client.force_login(editor)
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert client.post(f"/admin/kehadiran/tangan/unmark/{attendee.pk}/").status_code in (302, 403)
    assert Attendance.objects.exists()
    issued = client.post("/admin/sertifikat/terbitkan/", {"episode": attendee.episode_id})
    assert issued.status_code in (302, 403) and not CertificateRun.objects.exists()


def test_registrar_sees_the_menu_items(client, registrar):
    client.force_login(registrar)
    html = client.get("/admin/").content.decode()
    for label in ["Kehadiran", "Sertifikat", "Penerbitan sertifikat"]:
        assert label in html


def test_hand_check_in_and_self_check_in_share_one_row(held_episode, attendee):

    mark(attendee)
    check_in(attendee)
    assert Attendance.objects.count() == 1


def test_issuing_before_the_end_is_refused_in_the_admin(client, registrar, held_episode, time_machine):
    time_machine.move_to(wita(2025, 7, 24, 11, 0), tick=False)  # the episode runs until 12.00
    client.force_login(registrar)
    html = client.post("/admin/sertifikat/terbitkan/", {"episode": held_episode.pk}).content.decode()
    assert "setelah acara selesai" in html
    assert not CertificateRun.objects.exists()


@pytest.mark.parametrize(
    ("next_url", "followed"),
    [
        ("/admin/pendaftaran/?status=confirmed", True),
        ("http://testserver/admin/pendaftaran/", True),
        ("https://jahat.example/admin/", False),
        ("//jahat.example/", False),
        ("javascript:alert(1)", False),
    ],
)
def test_marking_by_hand_returns_only_to_this_site(client, registrar, held_episode, next_url, followed):
    registration = make_registration(held_episode)
    client.force_login(registrar)
    response = client.post(f"/admin/kehadiran/tangan/mark/{registration.pk}/", {"next": next_url})
    assert response.status_code == 302
    assert (response["Location"] == next_url) is followed
    if not followed:
        assert response["Location"].startswith("/admin/")
    assert Attendance.objects.filter(registration=registration).exists()
