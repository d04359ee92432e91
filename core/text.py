"""Text typed or pasted by people, made safe to store, print and export."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def clean_text(value):
    """NFC-normalised text without control or invisible formatting characters, spaces collapsed.

    Bidirectional overrides and zero-width characters would let a name print differently on a
    certificate from how it reads on screen. Raises ValidationError (code "control") when such a
    character is present, rather than silently changing what the person typed.
    """
    value = unicodedata.normalize("NFC", value or "")
    if any(unicodedata.category(char) in {"Cc", "Cf", "Co", "Cs"} and char not in "\t\n" for char in value):
        raise ValidationError(_("Teks berisi karakter yang tidak diizinkan."), code="control")
    return " ".join(value.split())
