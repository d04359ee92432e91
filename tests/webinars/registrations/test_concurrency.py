"""Capacity under a registration rush, on PostgreSQL where requests really run in parallel."""

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

import pytest

from tests.factories import make_episode, wita
from webinars.models import EpisodeSeats, Registration, RegistrationStatus
from webinars.registrations.service import EpisodeFull, register

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locking"),
]

SUBMISSIONS = 200
CAPACITY = 50


def person(number):
    return {
        "full_name": f"Peserta Nomor {number}",
        "email": f"peserta{number}@contoh.go.id",
        "whatsapp": "+6281234567890",
        "participant_type": "pns",
        "nip": f"199001152015031{number:03d}",
        "agency": "BPSDM Sulsel",
        "position": "Analis",
        "regency": "makassar",
    }


def test_two_hundred_concurrent_registrations_never_exceed_capacity(time_machine):
    time_machine.move_to(wita(2025, 8, 1, 10, 0), tick=True)
    episode = make_episode(
        series_number=41,
        start=wita(2025, 8, 14, 9, 0),
        registration_opens_at=wita(2025, 7, 25, 8, 0),
        capacity=CAPACITY,
    )
    barrier = threading.Barrier(20)

    def submit(number):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=10)
        try:
            # The same person twice in the rush: the second attempt must not add a row.
            outcome = register(
                episode, person(number % (SUBMISSIONS // 2) if number >= SUBMISSIONS else number)
            )
            return "again" if outcome.already_registered else outcome.registration.status
        except EpisodeFull:
            return "full"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(submit, range(SUBMISSIONS + 20)))

    statuses = list(Registration.objects.values_list("status", flat=True))
    assert len(statuses) == SUBMISSIONS
    assert statuses.count(RegistrationStatus.CONFIRMED) == CAPACITY
    assert statuses.count(RegistrationStatus.WAITLISTED) == SUBMISSIONS - CAPACITY
    assert outcomes.count("again") == 20
    assert EpisodeSeats.objects.get(episode=episode).confirmed == CAPACITY
    positions = sorted(r.waitlist_position() for r in Registration.objects.filter(status="waitlisted"))
    assert positions == list(range(1, SUBMISSIONS - CAPACITY + 1))
