"""Indonesian mobile (WhatsApp) numbers, stored as +62…."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_whatsapp(value):
    """08…, +62… and 62… (with spaces, dashes, dots or brackets) all become +628…."""
    digits = re.sub(r"[\s\-().]", "", value or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if not digits.isdigit():
        raise ValidationError(_("Nomor WhatsApp hanya boleh berisi angka, mis. 081234567890."), code="digits")
    if digits.startswith("62"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = digits
    if not national.startswith("8") or not 9 <= len(national) <= 12:
        raise ValidationError(
            _("Masukkan nomor ponsel Indonesia yang benar, mis. 081234567890 atau +6281234567890."),
            code="format",
        )
    return f"+62{national}"
