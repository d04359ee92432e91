"""A certificate as a one-page A4 landscape PDF, drawn with ReportLab (signed afterwards, see
signing.py).

Why ReportLab: on 100 certificates with the same layout, QR code and embedded DejaVu Sans
(measured on the 2-core build machine), ReportLab 5.1 took 13 ms each, WeasyPrint 70 31 ms and
fpdf2 2.8 93 ms; all three embedded a font subset and gave back the names "Dra. Hj. Andi Nurhaedah
Ṣāliḥ, M.Si." and "Ñoño Ümit Çelik" intact through pypdf's text extraction. ReportLab is the
fastest by far, needs no system libraries (WeasyPrint needs Pango), and draws exactly where it
is told. With ReportLab's C accelerator (rl-accel) and a fixed QR mask (see qr_code) a
certificate takes 6-7 ms.

The page: the agency's emblem and name, the number, the participant's name (and NIP for ASN),
the episode, its date and JP, then the QR code with the note that the file is signed
electronically, and the signatory block (place and date, position, optional signature or stamp
image, name, NIP). Colours are the site's, dark enough to read when printed in greyscale.
Fonts and which characters they can print: core/printing.py.
"""

import io
from dataclasses import dataclass

from django.utils import translation
from django.utils.formats import date_format

import segno
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from core.printing import BOLD, REGULAR, register_fonts
from webinars.registrations.models import ParticipantType
from webinars.registrations.nip import format_nip

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
INK = HexColor("#1b1f24")
BRAND = HexColor("#0b4f6c")  # the site's --color-brand
ACCENT = HexColor("#b45309")  # the site's --color-accent
MUTED = HexColor("#4a5561")
# The frame: an outer line 24 pt from the paper's edge, an inner one at 32 pt.
OUTER_FRAME, INNER_FRAME = 24, 32
# Text keeps this far inside the inner frame.
MARGIN = 40
TEXT_WIDTH = PAGE_WIDTH - 2 * (INNER_FRAME + MARGIN)
NAME_SIZE = 26  # the participant's name on one line, when it fits
NAME_FLOOR = 16  # below this a one-line name goes to two lines instead
NAME_TWO_LINE_SIZE = 20  # the largest size of a two-line name
EMBLEM_SIZE = 58
QR_SIZE = 92  # points: about 3.2 cm, easy for any phone camera
QR_MASK = 2  # the one segno picks for a typical verification URL
SIGNATORY_X = PAGE_WIDTH - 210  # the centre of the signatory block
SIGNATORY_WIDTH = 300


@dataclass(frozen=True)
class Sheet:
    """What every certificate of a run shares: the issuer, the signatory, the images and the
    address of the Site the QR code points to ('https://host', no trailing slash). Everything is
    read in the issuing process: the forked drawing processes never touch the database or the
    cache (a lock another thread held at the fork would hang them)."""

    origin: str
    organisation: str
    signatory_name: str
    signatory_title: str
    signatory_nip: str
    place: str
    emblem: bytes | None = None  # PNG or JPEG
    signature: bytes | None = None  # PNG or JPEG, the signature or stamp image


def verification_url(certificate, sheet):
    """The verification page's absolute URL the certificate carries, on the sheet's Site."""
    return sheet.origin + certificate.verification_path()


def qr_code(certificate, sheet):
    """The QR code printed on a certificate: it opens the public verification page.

    The mask is fixed: every mask gives a valid code that any reader decodes, and trying all
    eight to pick the "best" took segno 8 ms of each certificate's 20.
    """
    return segno.make(verification_url(certificate, sheet), error="m", mask=QR_MASK, micro=False)


def name_layout(name, max_width=TEXT_WIDTH):
    """How a participant's name is drawn so that it stays whole inside the inner frame: (font size
    in points, lines). One line at up to NAME_SIZE while that is at least NAME_FLOOR; otherwise two
    lines split at the space that balances them best (anywhere, for a name without spaces), at up
    to NAME_TWO_LINE_SIZE and smaller still when even two lines need it."""
    register_fonts()
    width = pdfmetrics.stringWidth(name, BOLD, 1)
    if width == 0 or max_width / width >= NAME_FLOOR:
        return min(NAME_SIZE, max_width / width if width else NAME_SIZE), [name]
    splits = [i for i, char in enumerate(name) if char == " "] or range(1, len(name))
    best = min(
        splits,
        key=lambda i: max(
            pdfmetrics.stringWidth(name[:i].rstrip(), BOLD, 1),
            pdfmetrics.stringWidth(name[i:].lstrip(), BOLD, 1),
        ),
    )
    lines = [name[:best].rstrip(), name[best:].lstrip()]
    widest = max(pdfmetrics.stringWidth(line, BOLD, 1) for line in lines)
    return min(NAME_TWO_LINE_SIZE, max_width / widest), lines


def render(certificate, sheet, nip=None):
    """The certificate's PDF as bytes, not yet signed. ``nip``: the participant's NIP, printed
    under the name for PNS and PPPK (the certificate model keeps no copy of it)."""
    register_fonts()
    buffer = io.BytesIO()
    # The initial font too is ours: otherwise ReportLab lists Helvetica, a font it does not embed.
    pdf = canvas.Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageCompression=1,
        initialFontName=REGULAR,
        initialFontSize=12,
    )
    pdf.setTitle(f"Sertifikat {certificate.number}")
    pdf.setAuthor(sheet.organisation)
    _frame(pdf)
    centre = PAGE_WIDTH / 2
    y = PAGE_HEIGHT - OUTER_FRAME - 22
    if sheet.emblem:
        _image(pdf, sheet.emblem, centre - EMBLEM_SIZE / 2, y - EMBLEM_SIZE, EMBLEM_SIZE, EMBLEM_SIZE)
    y -= EMBLEM_SIZE + 16
    pdf.setFillColor(INK)
    if sheet.organisation:
        _fitted_line(pdf, sheet.organisation.upper(), BOLD, 11, centre, y, TEXT_WIDTH)
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 30)
    pdf.drawCentredString(centre, y - 36, "SERTIFIKAT")
    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 11)
    pdf.drawCentredString(centre, y - 54, f"Nomor: {certificate.number}")
    pdf.setFont(REGULAR, 12)
    pdf.drawCentredString(centre, y - 80, "diberikan kepada")
    y = _participant(pdf, certificate, nip, y - 112)
    pdf.setFont(REGULAR, 12)
    pdf.drawCentredString(centre, y, "atas partisipasinya sebagai peserta")
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 15)
    pdf.drawCentredString(centre, y - 21, f"Webinar ASN Adaptif Seri ke-{certificate.series_number}")
    pdf.setFillColor(INK)
    y -= 40
    title_size = 13
    title_lines = simpleSplit(f"“{certificate.episode_title}”", BOLD, title_size, TEXT_WIDTH - 80)
    if len(title_lines) > 2:
        title_size = 11
        title_lines = simpleSplit(f"“{certificate.episode_title}”", BOLD, title_size, TEXT_WIDTH - 40)
    pdf.setFont(BOLD, title_size)
    for line in title_lines[:3]:
        pdf.drawCentredString(centre, y, line)
        y -= title_size + 3
    with translation.override("id"):
        held_on = date_format(certificate.episode_date, "l, j F Y")
        signed_on = date_format(certificate.episode_date, "j F Y")
    pdf.setFont(REGULAR, 11.5)
    pdf.drawCentredString(
        centre, y - 4, f"yang diselenggarakan secara daring pada {held_on}, setara {certificate.jp} JP"
    )
    pdf.drawCentredString(centre, y - 19, "(jam pelajaran) pengembangan kompetensi.")
    _signatory_block(pdf, sheet, signed_on)
    _verification_block(pdf, certificate, sheet)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _frame(pdf):
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(3)
    pdf.rect(OUTER_FRAME, OUTER_FRAME, PAGE_WIDTH - 2 * OUTER_FRAME, PAGE_HEIGHT - 2 * OUTER_FRAME)
    pdf.setStrokeColor(ACCENT)
    pdf.setLineWidth(0.8)
    pdf.rect(INNER_FRAME, INNER_FRAME, PAGE_WIDTH - 2 * INNER_FRAME, PAGE_HEIGHT - 2 * INNER_FRAME)


def _participant(pdf, certificate, nip, y):
    """The name (one or two lines) and, for ASN, the NIP; returns the y of the next line."""
    size, lines = name_layout(certificate.full_name)
    pdf.setFillColor(INK)
    pdf.setFont(BOLD, size)
    if len(lines) == 2:
        y += size * 0.4
    for line in lines:
        pdf.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= size * 1.2
    y -= 4
    if nip and certificate.participant_type in (ParticipantType.PNS, ParticipantType.PPPK):
        pdf.setFont(REGULAR, 12)
        pdf.drawCentredString(PAGE_WIDTH / 2, y, f"NIP {format_nip(nip)}")
        y -= 20
    return y - 4


def _image(pdf, data, x, y, width, height):
    pdf.drawImage(
        ImageReader(io.BytesIO(data)), x, y, width=width, height=height, preserveAspectRatio=True, mask="auto"
    )


def _fitted_line(pdf, text, font, size, x, y, max_width):
    """One centred line, made smaller until it fits."""
    size = min(size, max_width / max(pdfmetrics.stringWidth(text, font, 1), 1))
    pdf.setFont(font, size)
    pdf.drawCentredString(x, y, text)


def _signatory_block(pdf, sheet, signed_on):
    x = SIGNATORY_X
    pdf.setFillColor(INK)
    pdf.setFont(REGULAR, 11)
    pdf.drawCentredString(x, 168, f"{sheet.place}, {signed_on}")
    for offset, line in enumerate(simpleSplit(sheet.signatory_title, REGULAR, 11, SIGNATORY_WIDTH)[:2]):
        pdf.drawCentredString(x, 154 - offset * 13, line)
    if sheet.signature:
        _image(pdf, sheet.signature, x - 80, 86, 160, 46)
    _fitted_line(pdf, sheet.signatory_name, BOLD, 12, x, 70, SIGNATORY_WIDTH)
    pdf.setFont(REGULAR, 11)
    pdf.drawCentredString(x, 56, f"NIP {format_nip(sheet.signatory_nip)}")


def _verification_block(pdf, certificate, sheet):
    qr = qr_code(certificate, sheet)
    x, top = 64, 64 + QR_SIZE
    matrix = qr.matrix
    cell = QR_SIZE / len(matrix)
    # One rectangle per run of dark modules in a row: a fraction of the drawing commands of one per module.
    path = pdf.beginPath()
    for row_index, row in enumerate(matrix):
        y = top - (row_index + 1) * cell
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(x + start * cell, y, (column - start) * cell, cell)
            else:
                column += 1
    pdf.setFillColor(INK)
    pdf.drawPath(path, stroke=0, fill=1)
    pdf.setFont(REGULAR, 7.5)
    pdf.drawString(x, 44, verification_url(certificate, sheet))
    text_x, width = x + QR_SIZE + 12, SIGNATORY_X - SIGNATORY_WIDTH / 2 - x - QR_SIZE - 24
    pdf.setFillColor(BRAND)
    pdf.setFont(BOLD, 8.5)
    pdf.drawString(text_x, top - 8, "Ditandatangani secara elektronik oleh")
    pdf.setFillColor(INK)
    y = top - 20
    for font, text in [(BOLD, sheet.signatory_name), (REGULAR, sheet.signatory_title)]:
        pdf.setFont(font, 8)
        for line in simpleSplit(text, font, 8, width)[:2]:
            pdf.drawString(text_x, y, line)
            y -= 10
    pdf.setFillColor(MUTED)
    pdf.setFont(REGULAR, 7.5)
    for line in simpleSplit(
        "Keaslian sertifikat dan tanda tangan elektroniknya dapat diperiksa dengan memindai kode QR, "
        "atau dengan mengunggah berkas PDF ini di halaman verifikasi sertifikat.",
        REGULAR,
        7.5,
        width,
    ):
        y -= 2
        pdf.drawString(text_x, y, line)
        y -= 9
