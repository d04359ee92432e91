"""Numbering under concurrent issuing, on PostgreSQL where runs really overlap."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest

from tests.factories import make_certificate_settings, make_episode, make_registration, wita
from webinars.attendance.service import check_in, mark
from webinars.certificates.issuing import run_issuing
from webinars.models import Certificate, CertificateCounter, CertificateRun

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locking"),
]

ATTENDEES = 120
RUNS = 4


def test_overlapping_runs_number_every_certificate_once(time_machine):
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=True)
    episode = make_episode(series_number=41, start=wita(2025, 7, 24, 9, 0), jp=3)
    make_certificate_settings()
    for number in range(ATTENDEES):
        check_in(make_registration(episode, full_name=f"Peserta Serentak {number}"))
    runs = [CertificateRun.objects.create(episode=episode).pk for _run in range(RUNS)]
    barrier = threading.Barrier(RUNS)

    def run(run_id):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            return run_issuing(run_id).issued
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        issued = list(pool.map(run, runs))

    assert sum(issued) == ATTENDEES  # each certificate issued by exactly one of the runs
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, ATTENDEES + 1))
    assert Certificate.objects.values("number").distinct().count() == ATTENDEES
    assert Certificate.objects.values("registration").distinct().count() == ATTENDEES
    assert CertificateCounter.objects.get(episode=episode).last_sequence == ATTENDEES
    for run_id in runs:
        run_row = CertificateRun.objects.get(pk=run_id)
        assert run_row.status == "done"
        assert run_row.issued + run_row.skipped_already_issued == ATTENDEES

    # A later attendee gets the next number; nobody else's changes.
    before = dict(Certificate.objects.values_list("registration_id", "number"))
    latecomer = make_registration(episode, full_name="Peserta Terlambat")
    mark(latecomer)
    run_issuing(CertificateRun.objects.create(episode=episode).pk)
    assert Certificate.objects.get(registration=latecomer).sequence == ATTENDEES + 1
    after = dict(Certificate.objects.exclude(registration=latecomer).values_list("registration_id", "number"))
    assert after == before
