"""Moments as the site writes them for people: on the site's clock (WITA), in Indonesian."""

from django.utils import timezone
from django.utils.formats import date_format


def wita_text(moment):
    """An aware datetime as "Kamis, 10 Juli 2025 pukul 09.00 WITA"."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'l, j F Y')} pukul {local:%H.%M} WITA"
