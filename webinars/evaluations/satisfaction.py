"""The satisfaction index (Indeks Kepuasan Masyarakat, IKM) of an episode, by the method of
Peraturan Menteri PANRB No. 14 Tahun 2017 (Pedoman Penyusunan Survei Kepuasan Masyarakat).

* Each item ("unsur") is one question about the organisation, or one question about one speaker
  or moderator (the same question about two speakers is two items). Its mean perception value
  (NRR) is the sum of its answers divided by how many answered it, on the regulation's 1–4 scale.
* The index is the mean of the item means (every item weighing the same, 1/number of items),
  times 25 (the regulation's conversion), so it lies between 25 and 100.
* The value is computed exactly (fractions) and rounded half up to two decimals, and the rounded
  value is categorised: the regulation's table leaves gaps between its ranges (88,30 | 88,31),
  which two decimals close. So 88,305 rounds to 88,31 (A) and 88,3049… to 88,30 (B).

  ======  ==================  ================
  mutu    kinerja             nilai konversi
  ======  ==================  ================
  A       Sangat Baik         88,31 – 100,00
  B       Baik                76,61 – 88,30
  C       Kurang Baik         65,00 – 76,60
  D       Tidak Baik          25,00 – 64,99
  ======  ==================  ================

* Below ``MIN_RESPONDENTS`` respondents no index is published: a handful of answers says little
  and could point at one person's.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Sum

from webinars.evaluations.models import EvaluationAnswer

MIN_RESPONDENTS = 5
CONVERSION = 25
# (lowest converted value, grade, performance), best first: PermenPANRB 14/2017, Lampiran.
CATEGORIES = [
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
]


@dataclass(frozen=True)
class SatisfactionIndex:
    """An episode's index: ``value`` (Decimal, 25.00–100.00, two decimals), ``grade`` (A–D),
    ``performance`` ("Sangat Baik" …) and ``respondents`` (evaluations counted)."""

    value: Decimal
    grade: str
    performance: str
    respondents: int


def round_half_up(value, places=2):
    """An exact number (Fraction) rounded half up to ``places`` decimals, as a Decimal."""
    scale = 10**places
    return (Decimal(math.floor(Fraction(value) * scale + Fraction(1, 2))) / scale).quantize(
        Decimal(1).scaleb(-places)
    )


def index_value(item_means):
    """The converted index (Decimal, two decimals) from the item means (each 1–4, Fractions or
    numbers). Raises ValueError for no items or a mean outside 1–4."""
    means = [Fraction(mean) for mean in item_means]
    if not means:
        raise ValueError("no items")
    if any(mean < 1 or mean > 4 for mean in means):
        raise ValueError("an item mean outside 1–4")
    return round_half_up(sum(means) / len(means) * CONVERSION)


def category(value):
    """(grade, performance) of a converted value already rounded to two decimals."""
    for lowest, grade, performance in CATEGORIES:
        if value >= lowest:
            return grade, performance
    raise ValueError(f"{value} is below 25")


def satisfaction_indices(episode_ids):
    """{episode id: SatisfactionIndex} for the episodes with at least MIN_RESPONDENTS
    respondents; the others are left out. One query however many episodes.

    Every item of the form must be answered, so an episode's respondents are the answers of its
    most answered item (items of an older questionnaire version included).
    """
    rows = (
        EvaluationAnswer.objects.filter(evaluation__episode_id__in=episode_ids)
        .values("evaluation__episode_id", "question_id", "speaker_name")
        .annotate(total=Sum("value"), answers=Count("id"))
        .order_by()
    )
    means, respondents = {}, {}
    for row in rows:
        episode_id = row["evaluation__episode_id"]
        means.setdefault(episode_id, []).append(Fraction(row["total"], row["answers"]))
        respondents[episode_id] = max(respondents.get(episode_id, 0), row["answers"])
    indices = {}
    for episode_id, item_means in means.items():
        if respondents[episode_id] >= MIN_RESPONDENTS:
            value = index_value(item_means)
            grade, performance = category(value)
            indices[episode_id] = SatisfactionIndex(value, grade, performance, respondents[episode_id])
    return indices


def satisfaction_index(episode):
    """The episode's SatisfactionIndex, or None below MIN_RESPONDENTS respondents."""
    return satisfaction_indices([episode.pk]).get(episode.pk)
