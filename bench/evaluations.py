"""Evaluation rush benchmark: the attendees of an episode that just ended open their evaluation
links and answer, against gunicorn on PostgreSQL and Redis (production settings).

    .venv/bin/python bench/evaluations.py [--attendees 2888] [--concurrency 32] [--repeat 10]
                                          [--within 600]

The expected shape is 2,888 responses within 10 minutes of the end (episode 40's attendance),
about 5 a second. By default this sends them as fast as the server takes them, so the rate it
prints is the headroom; ``--within 600`` spreads them evenly over the 10 minutes instead, for
the latency people see at the expected shape.

It creates a throwaway database, an ended episode with two speakers and a moderator (the
standard questionnaire: 3 × 3 + 4 = 13 items) and its attendees, then each person GETs their
signed link and POSTs every item and a comment over a keep-alive connection. ``--repeat``
percent of them submit a second time at once from another connection (a double tap, two tabs).
Then it counts the rows: one evaluation per person, every one with all 13 answers, nothing lost
or doubled.
"""

import argparse
import http.client
import random
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from support import CSRF, fresh_database, gunicorn, manage, production_env, psql

SETUP = """
import datetime
from django.utils import timezone
from tests.factories import make_episode, make_speaker
from webinars.evaluations.links import evaluation_path
from webinars.models import Attendance, Registration, SpeakerRole
now = timezone.now()
people = [make_speaker(title=f"Narasumber Uji {{number}}") for number in range(3)]
roles = [(people[0], SpeakerRole.SPEAKER), (people[1], SpeakerRole.SPEAKER),
         (people[2], SpeakerRole.MODERATOR)]
episode = make_episode(series_number=9998, slug="bench-evaluasi", roles=roles,
                       start=now - datetime.timedelta(hours=3), end=now - datetime.timedelta(minutes=1),
                       evaluation_closes_at=now + datetime.timedelta(days=7))
registrations = Registration.objects.bulk_create(
    Registration(episode=episode, full_name=f"Peserta Uji {{number}}", email=f"uji{{number}}@contoh.go.id",
                 whatsapp="081234567890", participant_type="non-asn", agency="BPSDM Sulsel",
                 position="Analis", regency="makassar", consented_at=now)
    for number in range({attendees})
)
Attendance.objects.bulk_create(
    Attendance(registration=registration, episode=episode, checked_in_at=now)
    for registration in registrations
)
for registration in registrations:
    registration.episode = episode
    print("PATH", evaluation_path(registration))
"""

CHECK = """
from django.db.models import Count
from webinars.models import Evaluation, EvaluationAnswer
evaluations = Evaluation.objects.filter(episode__slug="bench-evaluasi")
answers = EvaluationAnswer.objects.filter(evaluation__episode__slug="bench-evaluasi")
per_evaluation = set(evaluations.annotate(n=Count("answers")).values_list("n", flat=True))
print(evaluations.count(), evaluations.values("registration").distinct().count(), answers.count(),
      min(per_evaluation, default=0), max(per_evaluation, default=0))
"""

ITEMS = 13


def answer_body(names, number):
    values = {name: str((number + position) % 4 + 1) for position, name in enumerate(sorted(names))}
    return urlencode({"csrfmiddlewaretoken": CSRF, **values, "comment": f"Komentar uji {number}"})


def answer_many(port, jobs, names, zero):
    """Each job: (seconds after ``zero`` to start, number, path). GET the form, then POST the
    answers; returns (GET status, GET seconds, POST status, POST seconds) per job."""
    results = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={CSRF}"}
    for at, number, path in jobs:
        wait = zero + at - time.perf_counter()
        if wait > 1:
            # Spread out, each person is a phone of their own: the server has closed this idle
            # keep-alive connection (gunicorn.conf.py's keepalive) and a browser would open one.
            connection.close()
            time.sleep(wait)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": f"csrftoken={CSRF}"})
        response = connection.getresponse()
        response.read()
        got = time.perf_counter()
        connection.request("POST", path, answer_body(names, number), headers)
        posted = connection.getresponse()
        posted.read()
        results.append((response.status, got - started, posted.status, time.perf_counter() - got))
    connection.close()
    return results


def percentile(values, share):
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=2888)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=10, help="percent who submit twice at once")
    parser.add_argument(
        "--within", type=float, default=0, help="spread the people evenly over this many seconds (0: at once)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8472)
    parser.add_argument("--database", default="asn_bench_evaluations")
    parser.add_argument("--redis-db", type=int, default=4)
    parser.add_argument("--redis-url", help="another Redis than 127.0.0.1:6379/<redis-db>")
    options = parser.parse_args()
    extra = {"REDIS_URL": options.redis_url} if options.redis_url else {}
    env = production_env(options.database, redis_db=options.redis_db, **extra)

    fresh_database(env, options.database)
    output = manage(env, "shell", stdin=SETUP.format(attendees=options.attendees))
    paths = [line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("PATH ")]
    if len(paths) != options.attendees:
        sys.exit(f"only {len(paths)} attendees made:\n{output[-2000:]}")
    rng = random.Random(16)  # noqa: S311 (a repeatable sample, nothing secret)
    jobs = list(enumerate(paths))
    twice = rng.sample(jobs, options.attendees * options.repeat // 100)
    with gunicorn(env, options.port, options.workers):
        probe = http.client.HTTPConnection("127.0.0.1", options.port, timeout=30)
        probe.request("GET", paths[0])
        form = probe.getresponse().read().decode()
        names = set(re.findall(r'name="(q[0-9]+(?:-s[0-9]+)?)"', form))
        if len(names) != ITEMS:
            sys.exit(f"{len(names)} items on the form, expected {ITEMS}")
        # Person k starts at k × within / attendees; a second submit at the same moment as the
        # first. Dealt round-robin in that order, the two go to different connections.
        gap = options.within / options.attendees
        schedule = sorted(
            [(number * gap, number, path) for number, path in jobs]
            + [(number * gap, number, path) for number, path in twice]
        )
        shares = [schedule[i :: options.concurrency] for i in range(options.concurrency)]
        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            futures = [pool.submit(answer_many, options.port, share, names, started) for share in shares]
        results = [result for future in futures for result in future.result()]
        elapsed = time.perf_counter() - started

    gets = [seconds for _, seconds, _, _ in results]
    posts = [seconds for _, _, _, seconds in results]
    statuses = {}
    for get_status, _, post_status, _ in results:
        statuses[f"GET {get_status}"] = statuses.get(f"GET {get_status}", 0) + 1
        statuses[f"POST {post_status}"] = statuses.get(f"POST {post_status}", 0) + 1
    evaluations, people, answers, fewest, most = map(int, manage(env, "shell", stdin=CHECK).split()[-5:])
    submits = len(results)
    print(f"attendees              {options.attendees} ({len(twice)} of them submitting twice at once)")
    print(f"responses submitted    {submits} in {elapsed:.1f} s (each a GET of the form, then the POST)")
    print(f"responses/second       {submits / elapsed:.1f}")
    print(
        f"POST p50 / p95 / p99   {1000 * statistics.median(posts):.0f} / {percentile(posts, 0.95):.0f} / "
        f"{percentile(posts, 0.99):.0f} ms"
    )
    print(
        f"GET  p50 / p95 / p99   {1000 * statistics.median(gets):.0f} / {percentile(gets, 0.95):.0f} / "
        f"{percentile(gets, 0.99):.0f} ms"
    )
    print(f"responses by status    {dict(sorted(statuses.items()))}")
    print(
        f"rows in database       {evaluations} evaluations of {people} people, {answers} answers "
        f"({fewest}–{most} per evaluation)"
    )
    ok = (
        statuses.get("POST 200", 0) == submits
        and evaluations == people == options.attendees
        and answers == options.attendees * ITEMS
        and fewest == most == ITEMS
    )
    print("0 lost, 0 doubled" if ok else "MISMATCH: something was lost or doubled")
    psql(f"DROP DATABASE IF EXISTS {options.database}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
