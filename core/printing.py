"""Text that must be printed, as in a certificate's PDF: the bundled fonts and what they can draw.

The fonts are DejaVu Sans and DejaVu Sans Bold (Bitstream Vera licence, in ``core/fonts/LICENSE``),
committed so that a bare clone draws the same PDF offline. They cover Latin with every diacritic
Indonesian, Arabic-derived and European names use, Greek and Cyrillic.

A character a font lacks would print as an empty box, so what a person types for print is checked
here against the fonts' own character maps. Right-to-left scripts (Arabic, Hebrew, Syriac, Thaana,
N'Ko) are refused too although DejaVu has some of their letters: ReportLab draws text left to right
without joining letters, so such a name would print backwards and broken.
"""

import functools
import unicodedata
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FONT_FILES = {REGULAR: FONT_DIR / "DejaVuSans.ttf", BOLD: FONT_DIR / "DejaVuSans-Bold.ttf"}
RIGHT_TO_LEFT = {"R", "AL"}


def register_fonts():
    """Register the bundled fonts with ReportLab under REGULAR and BOLD (once per process)."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in FONT_FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, path))


@functools.cache
def _printable_code_points():
    # A frozenset: read by every thread, changed by none.
    register_fonts()
    maps = [set(pdfmetrics.getFont(name).face.charToGlyph) for name in FONT_FILES]
    return frozenset(set.intersection(*maps))


def unprintable_characters(text):
    """The distinct characters of ``text`` (in order of appearance) that would not print properly:
    missing from either bundled font, or from a right-to-left script. Spaces always print."""
    printable = _printable_code_points()
    found = []
    for char in text:
        if char.isspace() or char in found:
            continue
        if ord(char) not in printable or unicodedata.bidirectional(char) in RIGHT_TO_LEFT:
            found.append(char)
    return found


def validate_printable_name(value):
    """For a name that will be printed: raise ValidationError (code "unprintable", in Indonesian,
    naming the characters) when it holds characters the certificate cannot print."""
    unprintable = unprintable_characters(value or "")
    if unprintable:
        raise ValidationError(
            _(
                "Nama ini memuat huruf yang tidak dapat dicetak pada sertifikat: %(characters)s. "
                "Tulis dengan huruf Latin, mis. seperti di KTP."
            ),
            code="unprintable",
            params={"characters": " ".join(unprintable)},
        )
