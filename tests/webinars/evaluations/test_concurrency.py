"""One evaluation per registration under concurrent submits, on PostgreSQL where they really overlap."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest

from tests.factories import make_episode, make_registration, wita
from webinars.attendance.service import check_in
from webinars.evaluations.models import Evaluation, EvaluationAnswer, Questionnaire
from webinars.evaluations.service import save_evaluation

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locking"),
]

PEOPLE = 10
# A double tap, two tabs, a retry on a slow connection: all at the same instant.
SUBMITS_EACH = 6


def test_concurrent_submits_leave_one_evaluation_per_registration(time_machine):
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=True)
    episode = make_episode(series_number=41, start=wita(2025, 7, 24, 9, 0))
    registrations = [
        make_registration(episode, full_name=f"Peserta Serentak {number}") for number in range(PEOPLE)
    ]
    for registration in registrations:
        check_in(registration)
    questionnaire = Questionnaire.default()
    organisation = list(questionnaire.questions.filter(about="penyelenggara"))

    def submit(registration, value, barrier):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)
        try:
            values = {(question, None): value for question in organisation}
            return save_evaluation(registration, questionnaire, values, f"kiriman {value}")[1]
        finally:
            connections.close_all()

    created = []
    with ThreadPoolExecutor(max_workers=SUBMITS_EACH) as pool:
        for registration in registrations:
            barrier = threading.Barrier(SUBMITS_EACH)
            jobs = [
                pool.submit(submit, registration, value % 4 + 1, barrier) for value in range(SUBMITS_EACH)
            ]
            created += [job.result() for job in jobs]

    assert sum(created) == PEOPLE  # each registration's first submit created, the others replaced it
    assert Evaluation.objects.count() == PEOPLE
    assert Evaluation.objects.values("registration").distinct().count() == PEOPLE
    assert EvaluationAnswer.objects.count() == PEOPLE * len(organisation)
    for evaluation in Evaluation.objects.prefetch_related("answers"):
        # Whichever submit came last, its answers are whole: never two submits mixed.
        values = {answer.value for answer in evaluation.answers.all()}
        assert len(values) == 1
        assert evaluation.comment == f"kiriman {values.pop()}"
