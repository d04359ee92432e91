"""The satisfaction index (IKM, PermenPANRB No. 14 Tahun 2017) against values worked out by hand."""

import csv
from decimal import Decimal
from fractions import Fraction

import pytest

from tests.factories import make_episode, make_registration, make_speaker, statistics_page
from tests.html import text
from webinars.attendance.service import check_in
from webinars.evaluations.models import Questionnaire
from webinars.evaluations.satisfaction import (
    MIN_RESPONDENTS,
    category,
    index_value,
    satisfaction_index,
    satisfaction_indices,
)
from webinars.evaluations.service import save_evaluation
from webinars.models import SpeakerRole


@pytest.mark.parametrize(
    ("item_means", "expected"),
    [
        # All "sangat baik": 4 × 25.
        ([4, 4, 4], "100.00"),
        # All "tidak baik": the lowest possible, 1 × 25.
        ([1, 1], "25.00"),
        # (3 + 3.5 + 2.5) / 3 = 3 → 75.00.
        ([3, Fraction(7, 2), Fraction(5, 2)], "75.00"),
        # (3.2 + 3.6 + 3.4 + 3.0) / 4 = 3.3 → 82.50.
        ([Fraction(16, 5), Fraction(18, 5), Fraction(17, 5), 3], "82.50"),
        # The example on /statistik/: 24.1 / 7 × 25 = 86.0714… → 86.07.
        ([Fraction(value, 10) for value in (36, 35, 34, 36, 32, 35, 33)], "86.07"),
        # Means 10/3 and 3: 19/6 × 25 = 79.1666… → 79.17 (half up).
        ([Fraction(10, 3), 3], "79.17"),
        # 3.5322 × 25 = 88.305 exactly: half up gives 88.31, category A.
        ([Fraction(35322, 10000)], "88.31"),
        # 3.53219… × 25 = 88.30475 → 88.30, category B.
        ([Fraction(353219, 100000)], "88.30"),
    ],
)
def test_index_value_by_hand(item_means, expected):
    assert index_value(item_means) == Decimal(expected)


@pytest.mark.parametrize(
    ("value", "grade", "performance"),
    [
        ("100.00", "A", "Sangat Baik"),
        ("88.31", "A", "Sangat Baik"),
        ("88.30", "B", "Baik"),
        ("76.61", "B", "Baik"),
        ("76.60", "C", "Kurang Baik"),
        ("65.00", "C", "Kurang Baik"),
        ("64.99", "D", "Tidak Baik"),
        ("25.00", "D", "Tidak Baik"),
    ],
)
def test_category_edges(value, grade, performance):
    assert category(Decimal(value)) == (grade, performance)


def test_values_outside_the_scale_are_refused():
    with pytest.raises(ValueError):
        index_value([])
    with pytest.raises(ValueError):
        index_value([Fraction(9, 2)])
    with pytest.raises(ValueError):
        category(Decimal("24.99"))


@pytest.mark.django_db
def test_episode_index_from_stored_answers_hidden_below_five_respondents(now):
    """Two speakers × 3 questions about people, plus 4 about the organisation: 10 items.

    Respondents 1–4 answer every item 4, respondent 5 answers every item 2 except "ketepatan
    jadwal" 1. Every item mean is (4·4 + 2)/5 = 18/5, except ketepatan jadwal (4·4 + 1)/5 =
    17/5. Index = (9 · 18/5 + 17/5) / 10 × 25 = (179/5)/10 × 25 = 3.58 × 25 = 89.50 (A).
    """
    first, second = make_speaker(title="Dr. Satu"), make_speaker(title="Dr. Dua")
    episode = make_episode(roles=[(first, SpeakerRole.SPEAKER), (second, SpeakerRole.MODERATOR)])
    questionnaire = Questionnaire.default()
    questions = list(questionnaire.questions.all())
    assert len(questions) == 7
    keys = [
        (question, speaker_id)
        for question in questions
        for speaker_id in ([first.pk, second.pk] if question.about == "narasumber" else [None])
    ]
    assert len(keys) == 10
    registrations = [make_registration(episode) for _ in range(MIN_RESPONDENTS)]
    for registration in registrations:
        check_in(registration)
    for registration in registrations[:4]:
        save_evaluation(registration, questionnaire, dict.fromkeys(keys, 4))
        assert satisfaction_index(episode) is None  # below five respondents
    schedule = next(question for question in questions if question.text == "Ketepatan jadwal")
    last = {key: 1 if key[0] == schedule else 2 for key in keys}
    save_evaluation(registrations[4], questionnaire, last)

    index = satisfaction_index(episode)
    assert index.value == Decimal("89.50")
    assert (index.grade, index.performance, index.respondents) == ("A", "Sangat Baik", 5)
    assert satisfaction_indices([episode.pk]) == {episode.pk: index}


@pytest.fixture
def five_attendees(now):
    """Episode 41 with one speaker, the archive page, and answer(i, value, comment): attendee i of
    five gives every item of the default questionnaire the same value."""
    speaker = make_speaker(title="Dr. Satu")
    episode = make_episode(series_number=41, roles=[(speaker, SpeakerRole.SPEAKER)])
    archive = statistics_page()
    questionnaire = Questionnaire.default()
    keys = [
        (question, speaker.pk if question.about == "narasumber" else None)
        for question in questionnaire.questions.all()
    ]
    registrations = [make_registration(episode) for _ in range(MIN_RESPONDENTS)]
    for registration in registrations:
        check_in(registration)

    def answer(number, value, comment=""):
        save_evaluation(registrations[number], questionnaire, dict.fromkeys(keys, value), comment)

    return episode, archive, answer


@pytest.mark.django_db
def test_the_public_pages_show_the_index_only_from_five_respondents(client, five_attendees):
    episode, archive, answer = five_attendees
    for number, value in enumerate([4, 4, 3, 3]):
        answer(number, value, "Komentar rahasia")
    assert "Indeks kepuasan peserta" not in text(client.get(episode.url))
    assert "responden" not in text(client.get(archive.url)).split("Semua episode")[1].split("Sumber angka")[0]

    answer(4, 2, "Komentar rahasia")
    # (4 + 4 + 3 + 3 + 2) / 5 = 3.2 on every item → 80.00, B.
    page = text(client.get(episode.url))
    assert "Indeks kepuasan peserta (IKM, 5 responden; cara menghitung ) 80,00 · mutu B (Baik)" in page
    statistics = text(client.get(archive.url))
    assert "80,00 (B) 5 responden" in statistics
    assert "IKM = rata-rata nilai semua unsur (setiap unsur berbobot sama) × 25" in statistics
    assert "Komentar rahasia" not in page + statistics


@pytest.mark.django_db
def test_the_archive_csv_and_json_carry_the_index_only_from_five_respondents(client, five_attendees):
    _episode, archive, answer = five_attendees

    def published():
        row = client.get(archive.url + "json/").json()["episodes"][0]
        lines = client.get(archive.url + "csv/").content.decode("utf-8-sig").splitlines()
        cells = dict(zip(next(csv.reader(lines[:1])), next(csv.reader(lines[1:2])), strict=True))
        columns = ("satisfaction_index", "satisfaction_grade", "satisfaction_respondents")
        return row["satisfaction"], [cells[column] for column in columns]

    for number, value in enumerate([4, 4, 3, 3]):
        answer(number, value)
    assert published() == (None, ["", "", ""])

    answer(4, 2)
    # (4 + 4 + 3 + 3 + 2) / 5 = 3.2 on every item → 80.00, B.
    assert published() == (
        {"index": 80.0, "grade": "B", "performance": "Baik", "respondents": 5},
        ["80.00", "B", "5"],
    )
