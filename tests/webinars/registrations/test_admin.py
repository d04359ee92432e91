import io

from django.core import mail

import pytest
from openpyxl import load_workbook

from tests.factories import make_episode, wita
from webinars.models import Registration, RegistrationStatus
from webinars.registrations.service import register

pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Andi Baso", "andi@contoh.go.id", "pns", "199001152015031002", "Dinas Pendidikan", "gowa"),
    ("Besse Tenri", "besse@contoh.go.id", "pppk", "199203042021212001", "RSUD Labuang Baji", "makassar"),
    ("Citra Dewi", "citra@contoh.go.id", "non-asn", None, "Umum", "luar-sulsel"),
]


@pytest.fixture
def episode(now):
    episode = make_episode(
        series_number=41,
        start=wita(2025, 8, 14, 9, 0),
        registration_opens_at=wita(2025, 7, 25, 8, 0),
        capacity=2,
    )
    for name, email, kind, nip, agency, regency in PEOPLE:
        register(
            episode,
            {
                "full_name": name,
                "email": email,
                "whatsapp": "+6281234567890",
                "participant_type": kind,
                "nip": nip,
                "agency": agency,
                "position": "Staf",
                "regency": regency,
            },
        )
    return episode


def test_registrar_lists_filters_and_searches(client, registrar, episode):
    client.force_login(registrar)
    html = client.get("/admin/pendaftaran/").content.decode()
    assert all(name in html for name, *_ in PEOPLE)
    filtered = client.get("/admin/pendaftaran/", {"status": "waitlisted"}).content.decode()
    assert "Citra Dewi" in filtered and "Andi Baso" not in filtered
    by_regency = client.get("/admin/pendaftaran/", {"regency": "makassar"}).content.decode()
    assert "Besse Tenri" in by_regency and "Andi Baso" not in by_regency
    by_nip = client.get("/admin/pendaftaran/", {"q": "199001152015031002"}).content.decode()
    assert "Andi Baso" in by_nip and "Besse Tenri" not in by_nip


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_registrar_exports(client, registrar, episode, export_format):
    client.force_login(registrar)
    response = client.get("/admin/pendaftaran/", {"export": export_format})
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        text = content.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        text = " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert "andi@contoh.go.id" in text and "199203042021212001" in text


def test_registrar_cancels_and_restores_with_history(client, registrar, episode):
    client.force_login(registrar)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    citra = Registration.objects.get(email="citra@contoh.go.id")
    assert client.get(f"/admin/pendaftaran/status/cancel/{andi.pk}/").status_code == 200
    mail.outbox.clear()
    client.post(f"/admin/pendaftaran/status/cancel/{andi.pk}/")
    andi.refresh_from_db()
    citra.refresh_from_db()
    assert andi.status == RegistrationStatus.CANCELLED
    assert citra.status == RegistrationStatus.CONFIRMED  # the waiting list moved up
    client.post(f"/admin/pendaftaran/status/restore/{andi.pk}/")
    andi.refresh_from_db()
    assert andi.status == RegistrationStatus.WAITLISTED  # the seat is taken now
    history = client.get(f"/admin/pendaftaran/history/{andi.pk}/").content.decode()
    assert "Pendaftaran dibatalkan" in history and "Pendaftaran dipulihkan" in history


def test_registrations_cannot_be_created_or_deleted_in_the_admin(client, registrar, episode):
    client.force_login(registrar)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    assert client.get("/admin/pendaftaran/new/").status_code in {302, 403}
    assert client.post(f"/admin/pendaftaran/delete/{andi.pk}/").status_code in {302, 403}
    assert Registration.objects.filter(pk=andi.pk).exists()


def test_editors_without_the_registrar_role_see_nothing(client, editor, episode):
    client.force_login(editor)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    assert "Pendaftaran" not in client.get("/admin/").content.decode()
    for url in [
        "/admin/pendaftaran/",
        f"/admin/pendaftaran/inspect/{andi.pk}/",
        "/admin/pendaftaran/?export=csv",
        f"/admin/pendaftaran/edit/{andi.pk}/",
        "/admin/email-peserta/",
    ]:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        assert b"andi@contoh.go.id" not in response.content
    client.post(f"/admin/pendaftaran/status/cancel/{andi.pk}/")
    andi.refresh_from_db()
    assert andi.status == RegistrationStatus.CONFIRMED


def test_failed_emails_are_visible_to_the_registrar(client, registrar, episode):
    client.force_login(registrar)
    html = client.get("/admin/email-peserta/", {"status": "sent"}).content.decode()
    assert "Konfirmasi pendaftaran" in html


def edit(client, registration, **changes):
    data = {
        "full_name": registration.full_name,
        "email": registration.email,
        "whatsapp": registration.whatsapp,
        "agency": registration.agency,
        "position": registration.position,
        "regency": registration.regency,
        **changes,
    }
    return client.post(f"/admin/pendaftaran/edit/{registration.pk}/", data)


def test_the_edit_form_refuses_what_the_public_form_refuses(client, registrar, episode):
    # registrar-edit-vertical-tab-breaks-xlsx-export.txt: Word's soft line break, and a bell.
    client.force_login(registrar)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    response = edit(client, andi, full_name="Dewi\x0bLestari", agency="Dinas\x07Kominfo")
    assert response.status_code == 200
    assert response.content.decode().count("Teks berisi karakter yang tidak diizinkan.") == 2
    andi.refresh_from_db()
    assert (andi.full_name, andi.agency) == ("Andi Baso", "Dinas Pendidikan")


def test_the_edit_form_cleans_like_the_public_form(client, registrar, episode):
    client.force_login(registrar)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    response = edit(
        client,
        andi,
        full_name="  Andi   Baso Amir ",
        email="Andi.Baso@Contoh.go.id",
        whatsapp="0812 9876 5432",
    )
    assert response.status_code == 302
    andi.refresh_from_db()
    assert (andi.full_name, andi.email, andi.whatsapp) == (
        "Andi Baso Amir",
        "andi.baso@contoh.go.id",
        "+6281298765432",
    )


def test_an_email_used_by_another_registration_is_refused_with_a_message(client, registrar, episode):
    client.force_login(registrar)
    andi = Registration.objects.get(email="andi@contoh.go.id")
    response = edit(client, andi, email="BESSE@contoh.go.id")
    assert response.status_code == 200
    assert "Email ini sudah dipakai pendaftar lain di episode yang sama." in response.content.decode()
