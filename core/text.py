"""Text typed or pasted by people, made safe to store, print and export."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What XML 1.0 cannot hold (so no RSS, sitemap or XLSX either): C0 control characters other than
# tab, newline and carriage return, the non-characters U+FFFE and U+FFFF, and lone surrogates.
# A vertical tab is what Word's soft line break pastes as.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The same in a UTF-8 response (a lone surrogate cannot be encoded, so it never gets that far).
UNSTORABLE_UTF8 = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
MARKUP_TYPES = ("text/html", "application/xml", "text/xml")


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


def without_unstorable(value):
    """The text with every ``UNSTORABLE`` character replaced by a space ("Dewi\\x0bLestari" is
    "Dewi Lestari"); everything else, line breaks included, is kept as it was."""
    return UNSTORABLE.sub(" ", value)


def without_unstorable_anywhere(data):
    """``without_unstorable`` applied to every string inside JSON-like data (StreamField values,
    table cells); keys, numbers and structure stay as they were."""
    if isinstance(data, str):
        return without_unstorable(data)
    if isinstance(data, dict):
        return {key: without_unstorable_anywhere(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [without_unstorable_anywhere(value) for value in data]
    return data


def spoken_key(text):
    """How a keyword or code is compared when people say it aloud and type it: letters and digits
    only, accents and letter case set aside ("Sulsel  Hebat", "sulselhebat" and "SULSEL-HEBAT!"
    are all "sulselhebat"). "" when nothing is left: never a match for anything."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(char for char in decomposed.casefold() if char.isalnum())


class StorableMarkupMiddleware:
    """Every HTML and XML answer (pages, the sitemap) without ``UNSTORABLE`` characters, whatever
    the database holds: text stored before the admin cleaned it, or by an import, still gives a
    valid page. Streamed answers (downloads) are left alone; the feed, the calendars and the
    spreadsheets clean their own text."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.streaming and response.get("Content-Type", "").startswith(MARKUP_TYPES):
            response.content = UNSTORABLE_UTF8.sub(b" ", response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))  # U+FFFE was three bytes
        return response
