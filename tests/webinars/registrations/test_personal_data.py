"""Personal data: kept for the retention period, given or erased on request, never leaked."""

import datetime
import io
import json
import logging

from django.core.management import call_command
from django.test import Client, override_settings

from wagtail.models import ModelLogEntry

import pytest

from tests.factories import home_page, make_episode, make_staff, statistics_page, wita
from tests.webinars.certificates.test_issuing import issue
from tests.webinars.registrations.test_registration import VALID, open_episode
from webinars.models import EmailStatus, EpisodeSeats, OutgoingEmail, Registration, RegistrationStatus
from webinars.registrations.personal_data import export, find_person
from webinars.registrations.service import register

pytestmark = pytest.mark.django_db

ANDI = {
    "full_name": "Andi Baso Tenriola",
    "email": "andi.baso@contoh.go.id",
    "whatsapp": "+6281234567890",
    "participant_type": "pns",
    "nip": "199001152015031002",
    "agency": "Dinas Pendidikan Kabupaten Gowa",
    "position": "Analis Kebijakan Ahli Muda",
    "regency": "gowa",
}
BESSE = {
    **ANDI,
    "full_name": "Besse Tenri",
    "email": "besse@contoh.go.id",
    "nip": None,
    "participant_type": "non-asn",
    "whatsapp": "+6281300000001",
}
PERSONAL = ["Andi Baso Tenriola", "andi.baso@contoh.go.id", "199001152015031002", "6281234567890", "812-3456"]


def episode_held(start, **kwargs):
    with_registration = wita(*start) - datetime.timedelta(days=10)
    episode = make_episode(start=wita(*start), registration_opens_at=with_registration, **kwargs)
    return episode


def register_at(episode, data, time_machine):
    time_machine.move_to(episode.start - datetime.timedelta(days=1), tick=False)
    return register(episode, data).registration


# Retention


@pytest.fixture
def old_and_recent(time_machine):
    old = episode_held((2023, 7, 6, 9, 0))  # ended more than 730 days before 1 August 2025
    recent = episode_held((2023, 8, 10, 9, 0))
    for episode in [old, recent]:
        register_at(episode, ANDI, time_machine)
        register_at(episode, BESSE, time_machine)
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=False)
    return old, recent


def anonymise_command():
    out = io.StringIO()
    call_command("anonymise_registrations", stdout=out)
    return out.getvalue()


def test_registrations_past_the_retention_period_are_anonymised(old_and_recent):
    old, recent = old_and_recent
    assert "2 pendaftaran dianonimkan" in anonymise_command()

    andi, besse = Registration.objects.filter(episode=old).order_by("full_name", "participant_type")
    for registration in [andi, besse]:
        assert registration.full_name == "Peserta dianonimkan"
        assert registration.email == f"anonim-{registration.code.lower()}@anonim.invalid"
        assert (registration.whatsapp, registration.agency, registration.position) == ("", "", "")
        assert registration.anonymised_at == wita(2025, 8, 1, 10, 0)
    # What the figures need stays; the database constraints still hold.
    assert {andi.participant_type, besse.participant_type} == {"pns", "non-asn"}
    pns = Registration.objects.get(episode=old, participant_type="pns")
    assert pns.nip == "ANON" + pns.code and pns.regency == "gowa"
    assert Registration.objects.get(episode=old, participant_type="non-asn").nip is None
    assert Registration.objects.filter(episode=recent, anonymised_at__isnull=True).count() == 2


def test_anonymising_twice_changes_nothing(old_and_recent):
    anonymise_command()
    before = list(Registration.objects.values())
    assert "0 pendaftaran dianonimkan" in anonymise_command()
    assert list(Registration.objects.values()) == before


@override_settings(REGISTRATION_RETENTION_DAYS=30)
def test_the_retention_period_is_a_setting(old_and_recent):
    assert "4 pendaftaran dianonimkan" in anonymise_command()


def test_the_episode_figures_do_not_change(client, old_and_recent):
    statistics_page()
    before = client.get("/statistik/json/").json()
    anonymise_command()
    after = client.get("/statistik/json/").json()
    for figures in [before, after]:
        for episode in figures["episodes"]:
            episode.pop("agencies_reached", None)
        figures.pop("generated_at", None)
        figures.get("reach", {}).pop("agency", None)
    assert before["totals"] == after["totals"]
    assert before["episodes"] == after["episodes"]


# Requests from a person, handled by a registrar


@pytest.fixture
def andi_everywhere(time_machine):
    past = episode_held((2025, 7, 10, 9, 0), series_number=40)
    upcoming = episode_held((2025, 8, 14, 9, 0), series_number=41, capacity=1)
    registrations = [register_at(past, ANDI, time_machine), register_at(upcoming, ANDI, time_machine)]
    register_at(upcoming, BESSE, time_machine)  # waiting for Andi's seat
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=False)
    return registrations


PERSON_DATA_URL = "/admin/pendaftaran/data-pribadi/"


def test_a_registrar_exports_everything_held_about_one_person(client, registrar, andi_everywhere):
    client.force_login(registrar)
    assert "Permintaan data pribadi" in client.get("/admin/pendaftaran/").content.decode()
    found = client.post(PERSON_DATA_URL, {"email": "ANDI.BASO@contoh.go.id", "action": "find"})
    assert all(registration.code in found.content.decode() for registration in andi_everywhere)

    response = client.post(PERSON_DATA_URL, {"email": "Andi.Baso@contoh.go.id", "action": "export"})
    assert response["Content-Disposition"] == 'attachment; filename="data-pribadi-peserta.json"'
    data = json.loads(response.content)
    assert [row["episode_series_number"] for row in data["registrations"]] == [40, 41]
    assert {row["nip"] for row in data["registrations"]} == {ANDI["nip"]}
    assert data["registrations"][0]["emails"][0]["kind"] == "confirmation"
    by_nip = client.post(PERSON_DATA_URL, {"nip": ANDI["nip"], "action": "export"})
    assert json.loads(by_nip.content)["registrations"] == data["registrations"]
    assert_history_names_codes_only(andi_everywhere, "webinars.registration.export")


def test_a_registrar_erases_one_person_on_request(client, registrar, andi_everywhere):
    client.force_login(registrar)
    refused = client.post(PERSON_DATA_URL, {"email": ANDI["email"], "action": "erase"})
    assert "Centang pernyataan ini" in refused.content.decode()
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()

    response = client.post(PERSON_DATA_URL, {"email": ANDI["email"], "action": "erase", "confirm": "on"})
    assert response.status_code == 302
    past, upcoming = (Registration.objects.get(pk=registration.pk) for registration in andi_everywhere)
    assert past.anonymised_at and upcoming.anonymised_at
    assert past.status == RegistrationStatus.CONFIRMED  # attended: still counted
    assert upcoming.status == RegistrationStatus.CANCELLED  # the seat went to the waiting list
    besse = Registration.objects.get(email=BESSE["email"], episode=upcoming.episode)
    assert besse.status == RegistrationStatus.CONFIRMED
    assert EpisodeSeats.objects.get(episode=upcoming.episode).confirmed == 1
    # Nothing is sent to an address that no longer exists.
    assert not OutgoingEmail.objects.filter(
        registration__in=andi_everywhere, status=EmailStatus.PENDING
    ).exists()
    assert_history_names_codes_only(andi_everywhere, "webinars.registration.anonymise")
    for registration in [past, upcoming]:
        history = client.get(f"/admin/pendaftaran/history/{registration.pk}/").content.decode()
        assert "Data pribadi dihapus atas permintaan" in history
        assert not any(value in history for value in PERSONAL)
    # Found no more: what is left is no longer about anyone.
    again = client.post(PERSON_DATA_URL, {"email": ANDI["email"], "action": "find"})
    assert "Tidak ada pendaftaran" in again.content.decode()


def assert_history_names_codes_only(registrations, action):
    entries = ModelLogEntry.objects.filter(action=action)
    assert {entry.label for entry in entries} == {registration.code for registration in registrations}
    assert not any(value in json.dumps(entry.data) for entry in entries for value in PERSONAL)


@pytest.mark.parametrize("group", ["Penulis", "Moderator"])
def test_only_registrars_handle_personal_data_requests(client, andi_everywhere, group):
    client.force_login(make_staff(group))
    response = client.post(PERSON_DATA_URL, {"email": ANDI["email"], "action": "export"})
    assert response.status_code in {302, 403}
    assert ANDI["email"].encode() not in response.content


def test_a_lookup_needs_an_email_or_a_nip(client, registrar, andi_everywhere):
    client.force_login(registrar)
    response = client.post(PERSON_DATA_URL, {"action": "export"})
    assert "Isi email atau NIP" in response.content.decode()


# Never on a public page, in a URL or in a log


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def assert_no_personal_data(text):
    leaked = [value for value in PERSONAL if value in text]
    assert leaked == []


def test_registering_failing_and_mail_trouble_log_no_personal_data(
    logs, now, mail_server_down, django_capture_on_commit_callbacks
):
    episode = open_episode()
    client = Client()
    data = {**VALID, **ANDI, "whatsapp": "0812-3456-7890", "consent": "on"}
    invalid = client.post(episode.url + "daftar/", {**data, "email": "andi.baso@", "nip": "1990011520150310"})
    assert invalid.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(episode.url + "daftar/", data)
    assert done.status_code == 302
    assert OutgoingEmail.objects.get().last_error == "ConnectionRefusedError"
    again = client.post(episode.url + "daftar/", data)  # "already registered"
    assert again.status_code == 200
    assert "not delivered, attempt 1: ConnectionRefusedError" in logs.text
    assert_no_personal_data("\n".join(logs.text.splitlines() + [str(record.args) for record in logs.records]))
    assert_no_personal_data(done["Location"])


def test_no_public_page_shows_personal_data(client, now):
    home_page()
    statistics_page()
    episode = open_episode()
    register(episode, ANDI)
    confirmation = Registration.objects.get()
    public = ["/", "/webinar/", episode.url, episode.url + "daftar/", "/statistik/", "/statistik/csv/"]
    public += ["/statistik/json/", "/webinar/kalender/", episode.url + "kalender/", "/sitemap.xml"]
    public += [f"/cari/?q={ANDI['full_name']}", f"/cari/?q={ANDI['nip']}"]
    for path in public:
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        if "/cari/" in path:
            body = body.replace(path.split("q=")[1], "")  # the query itself is echoed back to its asker
        assert_no_personal_data(body)
    assert confirmation.code not in client.get(episode.url).content.decode()


def test_the_export_includes_attendance_and_the_certificate(held_episode, attendee):

    issue(held_episode)
    [row] = export(find_person(email=attendee.email))["registrations"]

    assert row["attendance"]["checked_in_at"]
    assert row["certificate"]["number"] == attendee.certificate.number
    assert row["certificate"]["full_name"] == "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si."
    assert row["certificate"]["jp"] == 3
