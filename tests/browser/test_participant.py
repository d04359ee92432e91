"""A participant registers for the upcoming episode on a phone and gets the confirmation email."""

import re

from django.core import mail

import pytest

from tests.browser.support import PHONE, screenshot, skip_unless_chromium

skip_unless_chromium()

from playwright.sync_api import expect  # noqa: E402 (after the skip: playwright may be missing)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_participant_registers_on_a_phone(demo_site, open_page, live_server):
    from webinars.models import Registration

    page = open_page(PHONE).page
    page.goto(live_server.url + demo_site["episode-41"])
    page.get_by_role("link", name="Daftar sekarang").first.click()
    expect(page).to_have_url(live_server.url + demo_site["registration"])

    page.get_by_label("Nama lengkap dengan gelar").fill("Dr. Andi Baso, S.E., M.Si.")
    page.get_by_label("Email").fill("andi@contoh.go.id")
    page.get_by_label("Nomor WhatsApp").fill("0812 3456 7890")
    page.get_by_label("PNS", exact=True).check()
    page.get_by_label("NIP").fill("19900115 201503 1 002")
    page.get_by_label("Instansi").fill("Dinas Pendidikan Kabupaten Gowa")
    page.get_by_label("Jabatan").fill("Analis Kebijakan Ahli Muda")
    page.get_by_label("Kabupaten/kota").select_option(label="Kabupaten Gowa")
    page.get_by_label(re.compile("Saya menyetujui")).check()
    screenshot(page, "registration-filled")
    page.get_by_role("button", name="Daftar", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pendaftaran Anda berhasil")
    screenshot(page, "registration-done")
    registration = Registration.objects.get()
    expect(page.locator(".code")).to_have_text(registration.code)
    assert registration.whatsapp == "+6281234567890"
    assert any(registration.code in message.body for message in mail.outbox)
