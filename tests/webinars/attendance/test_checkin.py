import datetime

from django.test import override_settings

import pytest

from tests.factories import make_episode, make_registration, wita
from webinars.models import Attendance

pytestmark = pytest.mark.django_db

URL = "/webinar/seri-43/presensi/"


@pytest.fixture
def live_episode(now):
    """Seri ke-43 is on now (1 August 2025, 09.30–12.00 WITA)."""
    return make_episode(
        series_number=43,
        slug="seri-43",
        title="Kepemimpinan Digital",
        start=wita(2025, 8, 1, 9, 30),
        end=wita(2025, 8, 1, 12, 0),
        registration_opens_at=wita(2025, 7, 20, 8, 0),
        jp=2,
        attendance_keyword="Sulsel Maju",
    )


@pytest.fixture
def person(live_episode):
    return make_registration(
        live_episode, full_name="Besse Tenri", email="besse@contoh.go.id", nip="199203042021212001"
    )


def test_code_and_keyword_record_attendance_once(client, person):
    response = client.post(URL, {"secret": person.code.lower(), "keyword": "sulsel maju"})
    assert response.status_code == 200
    assert "Kehadiran Anda tercatat" in response.content.decode()
    assert 'href="/sertifikat/"' in response.content.decode()  # where the certificate will be
    first = Attendance.objects.get(registration=person).checked_in_at

    again = client.post(URL, {"secret": person.code, "keyword": "Sulsel Maju"})

    assert "sudah tercatat sebelumnya" in again.content.decode()
    assert Attendance.objects.count() == 1
    assert Attendance.objects.get().checked_in_at == first


def test_email_and_nip_also_identify_the_participant(client, person):
    response = client.post(
        URL, {"email": "BESSE@contoh.go.id", "secret": "19920304 2021212 001", "keyword": "Sulsel Maju"}
    )
    assert "Kehadiran Anda tercatat" in response.content.decode()
    assert Attendance.objects.filter(registration=person).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"secret": "WRONGCDE", "keyword": "Sulsel Maju"}, "Data tidak cocok"),
        (
            {"email": "lain@contoh.go.id", "secret": "199203042021212001", "keyword": "Sulsel Maju"},
            "Data tidak cocok",
        ),
        ({"secret": "199203042021212001", "keyword": "Sulsel Maju"}, "Isi email bila memakai NIP"),
        ({"secret": "", "keyword": "Sulsel Maju"}, "wajib diisi"),
    ],
)
def test_wrong_identity_records_nothing(client, person, data, message):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_wrong_keyword_records_nothing(client, person):
    response = client.post(URL, {"secret": person.code, "keyword": "salah"})
    assert "Kata kunci presensi tidak sesuai" in response.content.decode()
    assert not Attendance.objects.exists()


def test_waitlisted_and_cancelled_people_cannot_check_in(client, live_episode):
    for status in ["waitlisted", "cancelled"]:
        registration = make_registration(live_episode, status=status)
        response = client.post(URL, {"secret": registration.code, "keyword": "Sulsel Maju"})
        assert "Data tidak cocok" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_code_from_another_episode_does_not_check_in_here(client, person, live_episode):
    other = make_episode(series_number=44, start=wita(2025, 8, 1, 9, 0), attendance_keyword="Sulsel Maju")
    stranger = make_registration(other)
    response = client.post(URL, {"secret": stranger.code, "keyword": "Sulsel Maju"})
    assert "Data tidak cocok" in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (wita(2025, 8, 1, 8, 59), False),  # 31 minutes before the start
        (wita(2025, 8, 1, 9, 0), True),  # the window opens 30 minutes before
        (wita(2025, 8, 1, 13, 0), True),  # and closes 60 minutes after the end
        (wita(2025, 8, 1, 13, 1), False),
    ],
)
def test_check_in_only_inside_the_window(client, person, time_machine, moment, accepted):
    time_machine.move_to(moment, tick=False)
    page = client.get(URL).content.decode()
    assert ("Catat kehadiran" in page) is accepted
    response = client.post(URL, {"secret": person.code, "keyword": "Sulsel Maju"})
    assert response.status_code == (200 if accepted else 409)
    assert Attendance.objects.exists() is accepted


def test_no_keyword_means_no_self_check_in(client, person, live_episode):
    live_episode.attendance_keyword = ""
    live_episode.save_revision().publish()
    response = client.post(URL, {"secret": person.code, "keyword": ""})
    assert response.status_code == 409
    assert not Attendance.objects.exists()


def test_check_in_page_is_never_cached(client, person):
    assert "no-cache" in client.get(URL)["Cache-Control"]
    assert "no-cache" in client.post(URL, {"secret": person.code, "keyword": "x"})["Cache-Control"]


@override_settings(CHECKIN_RATE_LIMIT=(3, 600))
def test_check_in_is_rate_limited_per_address(client, person):
    for _attempt in range(3):
        client.post(URL, {"secret": "AAAAAAAA", "keyword": "Sulsel Maju"})
    response = client.post(URL, {"secret": person.code, "keyword": "Sulsel Maju"})
    assert response.status_code == 429
    assert not Attendance.objects.exists()


def test_keyword_stays_off_public_pages_and_search(client, person, live_episode):
    for path in ["/webinar/seri-43/", URL, "/webinar/"]:
        assert "Sulsel Maju" not in client.get(path).content.decode(), path
    assert "/webinar/seri-43/" in client.get("/cari/?q=Kepemimpinan").content.decode()
    assert "/webinar/seri-43/" not in client.get("/cari/?q=Maju").content.decode()


def test_window_times_follow_the_episode(live_episode):
    assert live_episode.checkin_opens_at == live_episode.start - datetime.timedelta(minutes=30)
    assert live_episode.checkin_closes_at == live_episode.end + datetime.timedelta(minutes=60)


def test_editors_set_attendance_on_a_tab_of_its_own(client, admin_user, live_episode):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{live_episode.pk}/edit/").content.decode()
    assert "Presensi &amp; sertifikat" in html
    for field in [
        "attendance_keyword",
        "checkin_opens_before",
        "checkin_closes_after",
        "certificate_minimum_minutes",
    ]:
        assert f'name="{field}"' in html


@pytest.mark.parametrize("typed", ["sulselmaju", "SULSEL  MAJU", "Sulsel-Maju!", " sulsel maju. "])
def test_the_keyword_is_compared_the_way_people_say_it(client, person, typed):
    response = client.post(URL, {"secret": person.code, "keyword": typed})
    assert "Kehadiran Anda tercatat" in response.content.decode()
    assert Attendance.objects.filter(registration=person).exists()


@pytest.mark.parametrize("typed", ["Sulsel Maj", "Sulsel Maju Jaya", "-", "!!!"])
def test_a_different_keyword_is_still_refused(client, person, typed):
    client.post(URL, {"secret": person.code, "keyword": typed})
    assert not Attendance.objects.exists()


def test_the_registration_code_is_read_as_typed_or_read_out(client, person):
    # Crockford's alphabet has no O, I or L: someone reading "0" and "1" may type them as letters.
    person.code = "0A1B2C3D"
    person.save(update_fields=["code"])
    response = client.post(URL, {"secret": "oa-lb 2c3d", "keyword": "Sulsel Maju"})
    assert "Kehadiran Anda tercatat" in response.content.decode()


def test_a_registration_code_of_digits_only_still_checks_in_alone(client, live_episode):
    # One code in about 10.000 has no letter; it is a code, not a NIP.
    registration = make_registration(live_episode, code="40817263")
    response = client.post(URL, {"secret": "4081 7263", "keyword": "Sulsel Maju"})
    assert response.status_code == 200
    assert Attendance.objects.filter(registration=registration).exists()
