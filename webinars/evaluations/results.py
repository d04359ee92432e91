"""An episode's evaluation results for staff: response rate, each item's mean and distribution
(per speaker for the questions about people), the comments and the satisfaction index. Never
shown publicly except the index (satisfaction.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count

from webinars.evaluations.models import Evaluation, EvaluationAnswer, QuestionAbout
from webinars.evaluations.satisfaction import round_half_up, satisfaction_index
from webinars.evaluations.service import COUNTED_ATTENDANCE
from webinars.registrations.models import Registration

ORGANISATION = "Penyelenggaraan"


@dataclass
class ItemResult:
    """One item: ``subject`` (the speaker's name, or "Penyelenggaraan"), ``question``, how many
    ``answers``, their ``mean`` (Decimal, two decimals, 1–4) and ``distribution`` (the count
    of each value 1, 2, 3, 4, in that order)."""

    subject: str
    question: str
    position: int
    answers: int = 0
    total: int = 0
    distribution: list = field(default_factory=lambda: [0, 0, 0, 0])

    @property
    def mean(self):
        return round_half_up(Fraction(self.total, self.answers)) if self.answers else None

    @property
    def percentages(self):
        """(value, count, percent of this item's answers) for 1–4."""
        return [
            (value, count, round(count * 100 / self.answers) if self.answers else 0)
            for value, count in enumerate(self.distribution, start=1)
        ]


@dataclass
class EpisodeResults:
    respondents: int
    attendees: int
    items: list
    comments: list
    index: object  # SatisfactionIndex or None

    @property
    def response_rate(self):
        """Percent of the attendees who answered (one decimal), None without attendees."""
        return round(self.respondents * 100 / self.attendees, 1) if self.attendees else None

    def by_subject(self):
        """[(subject, [ItemResult])]: each speaker in turn, then the organisation."""
        grouped = defaultdict(list)
        for item in self.items:
            grouped[item.subject].append(item)
        return list(grouped.items())


def episode_results(episode):
    """The EpisodeResults of one episode, in a fixed number of queries."""
    rows = (
        EvaluationAnswer.objects.filter(evaluation__episode=episode)
        .values(
            "question_id",
            "question__text",
            "question__about",
            "question__sort_order",
            "speaker_name",
            "value",
        )
        .annotate(count=Count("id"))
        .order_by()
    )
    items = {}
    for row in rows:
        is_person = row["question__about"] == QuestionAbout.SPEAKER
        subject = row["speaker_name"] if is_person else ORGANISATION
        key = (subject, row["question_id"])
        if key not in items:
            items[key] = ItemResult(subject, row["question__text"], row["question__sort_order"])
        item = items[key]
        item.answers += row["count"]
        item.total += row["value"] * row["count"]
        item.distribution[row["value"] - 1] += row["count"]
    ordered = sorted(
        items.values(), key=lambda item: (item.subject == ORGANISATION, item.subject, item.position)
    )
    evaluations = Evaluation.objects.filter(episode=episode)
    comments = list(evaluations.exclude(comment="").order_by("created_at").values_list("comment", flat=True))
    return EpisodeResults(
        respondents=evaluations.count(),
        attendees=Registration.objects.filter(COUNTED_ATTENDANCE, episode=episode).count(),
        items=ordered,
        comments=comments,
        index=satisfaction_index(episode),
    )
