"""Checks on the NIP (Nomor Induk Pegawai), the 18-digit number of a civil servant.

Layout: birth date (YYYYMMDD), appointment year and month (YYYYMM), gender (1 man, 2 woman),
then a three-digit sequence. For PPPK the "month" digits are 21, which BKN uses to mark a PPPK
appointment instead of a month.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PPPK_APPOINTMENT_MARK = 21


def clean_nip(value, participant_type=None, today=None):
    """The NIP as 18 digits (spaces and dots removed), or a ValidationError saying what is wrong."""
    digits = re.sub(r"[\s.\-]", "", value or "")
    if not digits.isdigit() or len(digits) != 18:
        raise ValidationError(_("NIP harus terdiri dari 18 angka."), code="length")
    today = today or datetime.date.today()
    try:
        birth = datetime.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("Delapan angka pertama NIP harus tanggal lahir yang benar (tahun, bulan, tanggal)."),
            code="birth_date",
        ) from None
    if not (today.year - 80 <= birth.year and birth <= today):
        raise ValidationError(_("Tanggal lahir pada NIP tidak masuk akal."), code="birth_date")
    appointment_year, appointment_month = int(digits[8:12]), int(digits[12:14])
    is_pppk_mark = participant_type == "pppk" and appointment_month == PPPK_APPOINTMENT_MARK
    if not (1 <= appointment_month <= 12 or is_pppk_mark):
        raise ValidationError(
            _("Angka ke-9 sampai ke-14 NIP harus tahun dan bulan pengangkatan yang benar."),
            code="appointment",
        )
    if not (birth.year < appointment_year <= today.year):
        raise ValidationError(_("Tahun pengangkatan pada NIP tidak masuk akal."), code="appointment")
    if digits[14] not in "12":
        raise ValidationError(_("Angka ke-15 NIP (jenis kelamin) harus 1 atau 2."), code="gender")
    return digits


def format_nip(digits):
    """An 18-digit NIP as civil-service documents print it, in its four parts:
    "198003152005012003" → "19800315 200501 2 003". Anything else is returned unchanged."""
    if not (digits and len(digits) == 18 and digits.isdigit()):
        return digits
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
