"""What the certificate PDF shows, and that every name the form accepts prints whole, inside the
frame and with real glyphs (tests/webinars/certificates/test_signing.py: the signature)."""

import io

from django.core.files.storage import default_storage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from core.printing import BOLD, register_fonts, unprintable_characters
from tests.factories import make_image, make_registration
from webinars.attendance.service import check_in
from webinars.certificates import pdf as certificate_pdf
from webinars.certificates.issuing import run_issuing
from webinars.models import Certificate, CertificateRun, CertificateSettings
from webinars.registrations.forms import RegistrationForm

pytestmark = pytest.mark.django_db

# From ../shared/field-cases/certificate-long-name-overflows-frame.txt: 118 characters, accepted
# by the form, once drawn from x=4 pt to x=838 pt across both frame lines.
FIELD_CASE_NAME = (
    "Prof. Dr. Ir. H. Andi Muhammad Syahrul Ramadhan Nur Alamsyah Putra Pratama, S.T., M.T., "
    "M.Sc., Ph.D., IPU., ASEAN Eng."
)
# The inner frame line runs at 32 pt from each edge of the 842 pt wide page.
INNER_LEFT, INNER_RIGHT = 32, certificate_pdf.PAGE_WIDTH - 32
NAME_MAX_LENGTH = 150  # Registration.full_name


def issued_pdf(episode, name, participant_type="pns", nip="198003152005012003"):
    nip = nip if participant_type != "non-asn" else None
    check_in(make_registration(episode, full_name=name, participant_type=participant_type, nip=nip))
    run_issuing(CertificateRun.objects.create(episode=episode).pk)
    with default_storage.open(Certificate.objects.get().pdf.name, "rb") as file:
        return file.read()


def drawn_text(pdf):
    """Every piece of text on the page as (text, x, y, font name, size) from the PDF itself."""
    pieces = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            pieces.append((text.strip(), tm[4], tm[5], font["/BaseFont"].split("+")[-1], size))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return pieces


def name_pieces(pdf, name):
    """The pieces drawn in the name's font, between "diberikan kepada" and what follows it."""
    pieces = drawn_text(pdf)
    start = next(i for i, piece in enumerate(pieces) if piece[0] == "diberikan kepada") + 1
    lines = []
    for piece in pieces[start:]:
        if piece[3] != BOLD:
            break
        lines.append(piece)
    texts = [text for text, *_ in lines]
    assert name in (" ".join(texts), "".join(texts))  # a name without spaces wraps anywhere
    return lines


def assert_inside_the_frame(lines):
    register_fonts()
    for text, x, _y, font, size in lines:
        width = pdfmetrics.stringWidth(text, font, size)
        assert x > INNER_LEFT and x + width < INNER_RIGHT, (text, x, x + width)
        assert size >= 8


def test_the_field_case_name_wraps_inside_the_inner_frame(held_episode):
    pdf = issued_pdf(held_episode, FIELD_CASE_NAME)
    lines = name_pieces(pdf, FIELD_CASE_NAME)
    assert len(lines) == 2
    assert_inside_the_frame(lines)
    assert lines[0][4] >= certificate_pdf.NAME_FLOOR  # wrapped rather than shrunk below the floor


def test_a_short_name_stays_on_one_large_line(held_episode):
    lines = name_pieces(issued_pdf(held_episode, "Besse Tenri"), "Besse Tenri")
    assert len(lines) == 1 and lines[0][4] == certificate_pdf.NAME_SIZE


@pytest.mark.parametrize(
    "name",
    [
        "W" * NAME_MAX_LENGTH,  # the widest letter, no space to wrap at
        ("Prof. Dr. Ir. H. " + "Muhammad " * 20)[:NAME_MAX_LENGTH].strip(),
        "Nguyễn Thị Minh Khai Ỷ Lan Đặng Thùy Trâm",  # Vietnamese, stacked diacritics
        "Ελένη Παπαδοπούλου-Καραγιάννη",  # Greek
        "Анна Сергеевна Кузнецова-Иванова",  # Cyrillic
        "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.",  # Arabic names in Latin transliteration
        "Ñoño Ümit Çelik Øystein Åberg Łukasz Żółć",
    ],
)
def test_names_in_the_scripts_the_form_accepts_print_whole_inside_the_frame(held_episode, name):
    form = RegistrationForm(data={"full_name": name})
    form.is_valid()
    assert "full_name" not in form.errors
    lines = name_pieces(issued_pdf(held_episode, name), name)
    assert_inside_the_frame(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.characters(codec="utf-8", categories=["L", "M", "N", "P", "Zs"]),
        min_size=3,
        max_size=NAME_MAX_LENGTH,
    )
)
def test_every_printable_name_fits_the_frame(name):
    """name_layout() for any name the form would accept, up to its maximum length."""
    name = " ".join(name.split())
    if len(name) < 3 or unprintable_characters(name):
        return
    register_fonts()
    size, lines = certificate_pdf.name_layout(name)
    assert len(lines) in (1, 2)
    assert " ".join(lines) == name or "".join(lines) == name
    for line in lines:
        assert pdfmetrics.stringWidth(line, BOLD, size) <= certificate_pdf.TEXT_WIDTH + 0.01


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("王小明", "王 小 明"),
        ("محمد عبد الله", "م ح د ع ب ا ل ه"),
        ("Rina שלום", "ש ל ו ם"),
        ("Dewi अनु", "अ न ु"),
    ],
)
def test_the_form_refuses_characters_the_certificate_cannot_print(name, refused):
    form = RegistrationForm(data={"full_name": name})
    assert not form.is_valid()
    assert form.errors["full_name"] == [
        f"Nama ini memuat huruf yang tidak dapat dicetak pada sertifikat: {refused}. "
        "Tulis dengan huruf Latin, mis. seperti di KTP."
    ]


def test_pdf_carries_emblem_signatory_block_and_the_participants_nip(held_episode):
    settings = CertificateSettings.for_site(held_episode.get_site())
    settings.signature_image = make_image()
    settings.save()
    pdf = issued_pdf(held_episode, "Besse Tenri")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert "NIP 19800315 200501 2 003" in text  # the participant's, in the civil service's layout
    assert "Makassar, 24 Juli 2025" in text
    signatory = "Kepala BPSDM Provinsi Sulawesi Selatan Dr. Contoh Penanda Tangan, M.Si. NIP 19700101 1990"
    assert signatory in text
    assert "Ditandatangani secara elektronik oleh Dr. Contoh Penanda Tangan, M.Si." in text
    assert len(page.images) == 2  # the emblem and the signature


def test_no_nip_for_a_participant_from_the_public(held_episode):
    pdf = issued_pdf(held_episode, "Besse Tenri", participant_type="non-asn")
    texts = [text for text, *_ in drawn_text(pdf)]
    assert "NIP 19700101 199003 1 001" in texts  # the signatory's only
    assert sum(text.startswith("NIP") for text in texts) == 1


def test_pdf_is_a4_landscape_with_embedded_fonts(held_episode):
    page = PdfReader(io.BytesIO(issued_pdf(held_episode, "Besse Tenri"))).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = (
            font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        )
        assert "/FontFile2" in descriptor.get_object()


def test_the_registrars_edit_refuses_a_name_the_certificate_cannot_print(client, registrar, attendee):
    client.force_login(registrar)
    url = f"/admin/pendaftaran/edit/{attendee.pk}/"
    data = {
        "full_name": "Andi 王",
        "email": attendee.email,
        "whatsapp": attendee.whatsapp,
        "agency": attendee.agency,
        "position": attendee.position,
        "regency": attendee.regency,
    }
    response = client.post(url, data)
    assert "tidak dapat dicetak pada sertifikat: 王" in response.content.decode()
    attendee.refresh_from_db()
    assert attendee.full_name == "Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si."
