"""Limits that stop abuse, not offices (core/rate_limits.py).

An office, or a mobile carrier's shared address, sends hundreds of different real people from one
address in a rush: none may be refused. One client hammering the same person, or junk, is
refused within a few dozen attempts, with an Indonesian message and Retry-After. The counts live
in the shared cache (Redis in production) and a cache that is down lets attempts through.
"""

import datetime

from django.core import mail
from django.test import RequestFactory, override_settings

import pytest

from core import rate_limits
from site_project.settings.base import redis_cache
from tests.conftest import free_port
from tests.factories import make_episode, make_registration, wita
from webinars.models import Attendance, Certificate, Registration

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.7"
PEOPLE = 300


def person(number):
    return {
        "full_name": f"Peserta Kantor {number}",
        "email": f"pegawai{number}@kantor.go.id",
        "whatsapp": "0812-3456-7890",
        "participant_type": "pns",
        "nip": f"199001152015031{number:03d}",
        "agency": "Dinas Pendidikan Kabupaten Gowa",
        "position": "Analis",
        "regency": "gowa",
        "consent": "on",
        "website": "",
    }


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request):
    """Each test runs on the local-memory cache and on Redis, as production shares it."""
    if request.param == "redis":
        yield request.getfixturevalue("production_cache")
    else:
        yield None


@pytest.fixture
def open_episode(now):
    return make_episode(
        series_number=41,
        slug="seri-41",
        start=wita(2025, 8, 14, 9, 0),
        registration_opens_at=wita(2025, 7, 25, 8, 0),
    )


@pytest.fixture
def live_episode(now):
    return make_episode(
        series_number=43,
        slug="seri-43",
        start=wita(2025, 8, 1, 9, 30),
        end=wita(2025, 8, 1, 12, 0),
        registration_opens_at=wita(2025, 7, 20, 8, 0),
        attendance_keyword="Sulsel Maju",
    )


def assert_refused_in_indonesian(response, words):
    assert response.status_code == 429
    assert words in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 600


def first_refusal(responses):
    codes = [response.status_code for response in responses]
    assert 429 in codes, "never refused"
    first = codes.index(429)
    assert set(codes[first:]) == {429}, "let through again after a refusal"
    return first + 1


def test_300_people_from_one_office_register_without_one_refusal(client, open_episode, shared_cache):
    refused = []
    for number in range(PEOPLE):
        response = client.post("/webinar/seri-41/daftar/", person(number), REMOTE_ADDR=OFFICE)
        if response.status_code != 302:
            refused.append((number, response.status_code))
    assert refused == []
    assert Registration.objects.filter(episode=open_episode).count() == PEOPLE


def test_300_people_from_one_office_check_in_and_look_up_without_one_refusal(
    client, live_episode, shared_cache
):
    people = [
        make_registration(live_episode, email=f"pegawai{n}@kantor.go.id", nip=f"199001152015031{n:03d}")
        for n in range(PEOPLE)
    ]
    not_checked_in = []
    for registration in people:
        response = client.post(
            "/webinar/seri-43/presensi/",
            {"secret": registration.code, "keyword": "Sulsel Maju"},
            REMOTE_ADDR=OFFICE,
        )
        if not Attendance.objects.filter(registration=registration).exists():
            not_checked_in.append(
                (registration.code, response.status_code, response.content.decode()[-3000:])
            )
    assert not_checked_in == []
    looked_up = [
        client.post(
            "/sertifikat/", {"email": registration.email, "secret": registration.nip}, REMOTE_ADDR=OFFICE
        ).status_code
        for registration in people
    ]
    assert looked_up.count(200) == PEOPLE


def test_some_typos_in_an_office_rush_refuse_no_one(client, open_episode):
    # One person in five gets the NIP wrong first, then corrects it.
    statuses = []
    for number in range(200):
        if number % 5 == 0:
            statuses.append(
                client.post(
                    "/webinar/seri-41/daftar/", {**person(number), "nip": "1990"}, REMOTE_ADDR=OFFICE
                ).status_code
            )
        statuses.append(
            client.post("/webinar/seri-41/daftar/", person(number), REMOTE_ADDR=OFFICE).status_code
        )
    assert 429 not in statuses
    assert Registration.objects.count() == 200


def test_one_client_hammering_one_person_is_refused_within_a_dozen(client, open_episode, shared_cache):
    responses = [
        client.post("/webinar/seri-41/daftar/", person(1), REMOTE_ADDR="198.51.100.9") for _ in range(1000)
    ]
    assert first_refusal(responses) <= 12
    assert_refused_in_indonesian(responses[-1], "Terlalu banyak percobaan pendaftaran")
    assert Registration.objects.count() == 1
    # The one confirmation, and at most one re-send: the rest were never let through.
    assert len(mail.outbox) <= 2
    # Another person from the same address is not held up by it … until the address's attempts
    # are mostly refusals: then the address itself waits.
    other = client.post("/webinar/seri-41/daftar/", person(2), REMOTE_ADDR="198.51.100.10")
    assert other.status_code == 302


def test_one_client_sending_junk_is_refused_within_a_few_dozen(client, open_episode, shared_cache):
    responses = [
        client.post(
            "/webinar/seri-41/daftar/",
            {"email": f"x{n}@x", "nip": str(n), "full_name": "<script>"},
            REMOTE_ADDR="198.51.100.9",
        )
        for n in range(1000)
    ]
    assert first_refusal(responses) <= 40
    assert_refused_in_indonesian(responses[-1], "Terlalu banyak percobaan pendaftaran")
    assert not Registration.objects.exists()
    # The office next door is not affected.
    assert client.post("/webinar/seri-41/daftar/", person(3), REMOTE_ADDR=OFFICE).status_code == 302


def test_hammering_check_in_and_look_up_is_refused(client, live_episode, shared_cache):
    registration = make_registration(live_episode)
    guesses = [
        client.post(
            "/webinar/seri-43/presensi/",
            {"email": f"tebak{n}@contoh.go.id", "secret": f"1990011520150{n:05d}", "keyword": "Sulsel Maju"},
            REMOTE_ADDR="198.51.100.9",
        )
        for n in range(200)
    ]
    assert first_refusal(guesses) <= 40
    assert_refused_in_indonesian(guesses[-1], "Terlalu banyak percobaan presensi")
    assert not Attendance.objects.exists()

    one_person = [
        client.post(
            "/sertifikat/",
            {"email": registration.email, "secret": f"1990011520150{n:05d}"},
            REMOTE_ADDR="198.51.100.77",
        )
        for n in range(200)
    ]
    assert first_refusal(one_person) <= 12
    assert_refused_in_indonesian(one_person[-1], "Terlalu banyak pencarian")
    assert not Certificate.objects.exists()


def test_the_counts_expire_with_their_window(client, open_episode, time_machine):
    for _ in range(15):
        client.post("/webinar/seri-41/daftar/", person(1), REMOTE_ADDR="198.51.100.9")
    assert client.post("/webinar/seri-41/daftar/", person(1), REMOTE_ADDR="198.51.100.9").status_code == 429
    time_machine.shift(datetime.timedelta(minutes=11))
    assert client.post("/webinar/seri-41/daftar/", person(1), REMOTE_ADDR="198.51.100.9").status_code == 200


def test_counts_are_shared_through_redis_and_kept_no_longer_than_their_window(production_cache):
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    results = [
        rate_limits.attempt("test", request, 1000, people=["Andi.Baso@Contoh.go.id "]) for _ in range(12)
    ]
    assert [result.refused for result in results] == [False] * 10 + [True] * 2
    # Written the other way, the same person is the same count.
    assert rate_limits.attempt("test", request, 1000, people=["andi.baso@contoh.go.id"]).refused
    redis = production_cache.client.get_client(write=False)
    keys = redis.keys("*ratelimit:test:*")
    assert keys and all(0 < redis.ttl(key) <= 600 for key in keys)
    assert not any(b"andi" in key for key in keys), "identifiers are hashed, never stored as typed"


def test_an_unreachable_cache_lets_every_attempt_through():
    # Refusing every participant would be worse than a few extra tries.
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    with override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{free_port()}/0")}):
        results = [rate_limits.attempt("test", request, 1, people=["a@b.c"]) for _ in range(50)]
        for result in results:
            result.failed()
    assert not any(result.refused for result in results)
