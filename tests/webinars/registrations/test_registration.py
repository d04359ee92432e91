import re
import smtplib
from unittest import mock

from django.core import mail

import pytest

from tests.factories import make_episode, make_standard_page, site_settings, wita
from webinars.models import EmailStatus, OutgoingEmail, Registration, RegistrationStatus
from webinars.registrations import links
from webinars.registrations.mail import deliver_email

pytestmark = pytest.mark.django_db

VALID = {
    "full_name": "Dr. Andi Baso, S.E., M.Si.",
    "email": "Andi.Baso@Contoh.go.id",
    "whatsapp": "0812-3456-7890",
    "participant_type": "pns",
    "nip": "199001152015031002",
    "agency": "Dinas Pendidikan Kabupaten Gowa",
    "position": "Analis Kebijakan Ahli Muda",
    "regency": "gowa",
    "consent": "on",
    "website": "",
}


def open_episode(**kwargs):
    kwargs.setdefault("series_number", 41)
    kwargs.setdefault("start", wita(2025, 8, 14, 9, 0))
    kwargs.setdefault("registration_opens_at", wita(2025, 7, 25, 8, 0))
    kwargs.setdefault("meeting_url", "https://zoom.us/j/123456789")
    return make_episode(**kwargs)


def person(number, **overrides):
    return {
        **VALID,
        "email": f"peserta{number}@contoh.go.id",
        "nip": f"199001152015031{number:03d}",
        **overrides,
    }


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A test client whose requests end as real ones do: with their commit hooks run."""

    class CommittingClient:
        def get(self, *args, **kwargs):
            return client.get(*args, **kwargs)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return CommittingClient()


def register(client, episode, data):
    return client.post(episode.url + "daftar/", data)


def test_form_is_shown_while_registration_is_open(client, now):
    response = client.get(open_episode().url + "daftar/")
    assert response.status_code == 200
    html = response.content.decode()
    for label in [
        "Nama lengkap dengan gelar",
        "Nomor WhatsApp",
        "NIP",
        "Instansi",
        "Jabatan",
        "Kabupaten Gowa",
    ]:
        assert label in html
    assert "Luar Sulawesi Selatan" in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_privacy_page_is_linked_from_the_consent(client, now):

    privacy = make_standard_page(title="Kebijakan Privasi", slug="kebijakan-privasi")
    site_settings(privacy_page=privacy)
    html = client.get(open_episode().url + "daftar/").content.decode()
    assert 'href="/kebijakan-privasi/"' in html
    assert "UU No. 27 Tahun 2022" in html


def test_form_says_when_registration_opens(client, now):
    episode = open_episode(registration_opens_at=wita(2025, 8, 4, 8, 0))
    html = client.get(episode.url + "daftar/").content.decode()
    assert "Pendaftaran dibuka Senin, 4 Agustus 2025 pukul 08.00 WITA" in html
    assert register(client, episode, VALID).status_code == 409
    assert not Registration.objects.exists()


def test_form_says_registration_has_closed(client, now):
    episode = open_episode(registration_closes_at=wita(2025, 7, 31, 23, 59))
    assert "sudah ditutup" in client.get(episode.url + "daftar/").content.decode()
    assert register(client, episode, VALID).status_code == 409
    assert not Registration.objects.exists()


def test_successful_registration_confirms_and_emails(client, now):
    episode = open_episode()
    response = register(client, episode, VALID)
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == links.confirmation_path(registration)
    assert registration.email == "andi.baso@contoh.go.id"
    assert registration.whatsapp == "+6281234567890"
    assert registration.status == RegistrationStatus.CONFIRMED
    assert "@" not in response["Location"] and registration.nip not in response["Location"]

    page = client.get(response["Location"]).content.decode()
    assert registration.code in page
    assert "Pendaftaran Anda berhasil" in page

    message = mail.outbox[-1]
    assert message.to == ["andi.baso@contoh.go.id"]
    assert "Seri ke-41" in message.subject
    assert registration.code in message.body
    assert "Kamis, 14 Agustus 2025, pukul 09.00–12.00 WITA" in message.body
    assert "https://zoom.us/j/123456789" in message.body
    assert links.cancel_path(registration) in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and registration.code in html
    ((filename, ical, ical_type),) = message.attachments
    assert filename.endswith(".ics") and ical_type == "text/calendar"
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


def test_invalid_fields_get_messages_and_nothing_is_saved(client, now):
    data = dict(VALID, email="bukan-email", whatsapp="12345", nip="199013452015031002", consent="")
    response = register(client, open_episode(), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Masukkan alamat email yang benar" in html
    assert "Masukkan nomor ponsel Indonesia yang benar" in html
    assert "tanggal lahir yang benar" in html
    assert "Centang persetujuan ini" in html
    assert 'value="Dinas Pendidikan Kabupaten Gowa"' in html  # what they typed is kept
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_nip_may_be_typed_with_spaces_or_dots(client, now):
    register(client, open_episode(), dict(VALID, nip="19900115 201503 1.002"))
    assert Registration.objects.get().nip == "199001152015031002"


def test_nip_is_required_for_civil_servants_only(client, now):
    episode = open_episode()
    html = register(client, episode, dict(VALID, nip="")).content.decode()
    assert "NIP wajib diisi untuk PNS dan PPPK." in html
    register(client, episode, dict(VALID, participant_type="non-asn", nip="123"))
    assert Registration.objects.get().nip is None


@pytest.mark.parametrize("duplicate", [{"email": "ANDI.BASO@contoh.go.id"}, {"email": "lain@contoh.go.id"}])
def test_registering_twice_creates_nothing_and_resends_to_the_address_on_file(client, now, duplicate):
    episode = open_episode()
    register(client, episode, VALID)
    mail.outbox.clear()
    response = register(client, episode, dict(VALID, **duplicate))
    html = response.content.decode()
    assert Registration.objects.count() == 1
    assert "Anda sudah terdaftar" in html
    assert "andi.baso@contoh.go.id" not in html.lower()
    assert [message.to for message in mail.outbox] == [["andi.baso@contoh.go.id"]]


def test_capacity_sends_later_registrants_to_the_waiting_list(client, now):
    episode = open_episode(capacity=2)
    for number in range(4):
        register(client, episode, person(number))
    statuses = list(Registration.objects.order_by("queued_at", "pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    last = Registration.objects.order_by("queued_at", "pk").last()
    assert last.waitlist_position() == 2
    page = client.get(links.confirmation_path(last)).content.decode()
    assert "urutan ke-2" in page
    assert "daftar tunggu, urutan ke-2" in mail.outbox[-1].body


def test_full_episode_without_waiting_list_says_so(client, now):
    episode = open_episode(capacity=1, waiting_list_enabled=False)
    register(client, episode, person(1))
    response = register(client, episode, person(2))
    assert response.status_code == 409
    assert "kuota episode ini sudah penuh" in response.content.decode()
    assert Registration.objects.count() == 1


def test_cancelling_by_link_frees_the_seat_for_the_first_on_the_waiting_list(client, now):
    episode = open_episode(capacity=1)
    register(client, episode, person(1))
    register(client, episode, person(2))
    register(client, episode, person(3))
    first, second, third = Registration.objects.order_by("queued_at", "pk")
    cancel_path = links.cancel_path(first)

    assert "Batalkan pendaftaran?" in client.get(cancel_path).content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED  # opening the link changes nothing

    mail.outbox.clear()
    assert "Pendaftaran dibatalkan" in client.post(cancel_path).content.decode()
    for registration in (first, second, third):
        registration.refresh_from_db()
    assert [first.status, second.status, third.status] == ["cancelled", "confirmed", "waitlisted"]
    assert third.waitlist_position() == 1
    assert {tuple(message.to) for message in mail.outbox} == {(first.email,), (second.email,)}
    assert any("Anda kini terdaftar" in message.body for message in mail.outbox)


def test_a_cancelled_person_can_register_again_at_the_back_of_the_queue(client, now):
    episode = open_episode(capacity=1)
    register(client, episode, person(1))
    register(client, episode, person(2))
    first = Registration.objects.order_by("pk").first()
    client.post(links.cancel_path(first))
    register(client, episode, person(1))
    first.refresh_from_db()
    assert Registration.objects.count() == 2
    assert first.status == RegistrationStatus.WAITLISTED


@pytest.mark.parametrize("path", ["daftar/selesai/{code}0000/", "batal/{code}/", "batal/XXXXXXXX{sig}/"])
def test_tampered_links_are_not_found(client, now, path):
    episode = open_episode()
    register(client, episode, VALID)
    registration = Registration.objects.get()
    token = links.make_token(registration, links.CANCEL_SALT)
    url = episode.url + path.format(code=registration.code, sig=token[8:])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_private_meeting_link_is_shown_only_to_registrants(client, now):
    episode = open_episode(meeting_url_is_private=True)
    assert "zoom.us/j/123456789" not in client.get(episode.url).content.decode()
    register(client, episode, VALID)
    registration = Registration.objects.get()
    assert "zoom.us/j/123456789" in client.get(links.confirmation_path(registration)).content.decode()
    assert "zoom.us/j/123456789" in mail.outbox[-1].body


def test_honeypot_field_stops_bots(client, now):
    response = register(client, open_episode(), dict(VALID, website="http://spam.example"))
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_rate_limit_per_address(client, now, settings):
    settings.REGISTRATION_RATE_LIMIT = (2, 600)
    episode = open_episode()
    for number in range(2):
        assert register(client, episode, person(number)).status_code == 302
    response = register(client, episode, person(9))
    assert response.status_code == 429
    assert "Terlalu banyak percobaan pendaftaran" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Registration.objects.count() == 2


def test_failing_mail_server_keeps_the_registration_and_retries(client, now):
    episode = open_episode()
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=smtplib.SMTPServerDisconnected
    ):
        response = register(client, episode, VALID)
    assert response.status_code == 302
    registration = Registration.objects.get()
    email = OutgoingEmail.objects.get()
    assert email.status == EmailStatus.PENDING
    assert email.attempts >= 1
    assert email.last_error.startswith("SMTPServerDisconnected")
    assert registration.email not in email.last_error

    deliver_email.call(email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert mail.outbox[-1].to == [registration.email]


def test_registration_page_carries_no_personal_data_in_its_links(client, now):
    episode = open_episode()
    response = register(client, episode, VALID)
    page = client.get(response["Location"]).content.decode()
    hrefs = " ".join(re.findall(r'href="([^"]+)"', page))
    for secret in ["andi.baso", "199001152015031002", "6281234567890"]:
        assert secret not in hrefs
