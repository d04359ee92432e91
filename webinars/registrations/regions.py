"""The regencies and cities (kabupaten/kota) of Sulawesi Selatan, for the registration form."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regency(models.TextChoices):
    BANTAENG = "bantaeng", "Kabupaten Bantaeng"
    BARRU = "barru", "Kabupaten Barru"
    BONE = "bone", "Kabupaten Bone"
    BULUKUMBA = "bulukumba", "Kabupaten Bulukumba"
    ENREKANG = "enrekang", "Kabupaten Enrekang"
    GOWA = "gowa", "Kabupaten Gowa"
    JENEPONTO = "jeneponto", "Kabupaten Jeneponto"
    SELAYAR = "kepulauan-selayar", "Kabupaten Kepulauan Selayar"
    LUWU = "luwu", "Kabupaten Luwu"
    LUWU_TIMUR = "luwu-timur", "Kabupaten Luwu Timur"
    LUWU_UTARA = "luwu-utara", "Kabupaten Luwu Utara"
    MAROS = "maros", "Kabupaten Maros"
    PANGKEP = "pangkajene-kepulauan", "Kabupaten Pangkajene dan Kepulauan"
    PINRANG = "pinrang", "Kabupaten Pinrang"
    SIDRAP = "sidenreng-rappang", "Kabupaten Sidenreng Rappang"
    SINJAI = "sinjai", "Kabupaten Sinjai"
    SOPPENG = "soppeng", "Kabupaten Soppeng"
    TAKALAR = "takalar", "Kabupaten Takalar"
    TANA_TORAJA = "tana-toraja", "Kabupaten Tana Toraja"
    TORAJA_UTARA = "toraja-utara", "Kabupaten Toraja Utara"
    WAJO = "wajo", "Kabupaten Wajo"
    MAKASSAR = "makassar", "Kota Makassar"
    PALOPO = "palopo", "Kota Palopo"
    PAREPARE = "parepare", "Kota Parepare"
    OUTSIDE = "luar-sulsel", _("Luar Sulawesi Selatan")
