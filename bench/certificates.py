"""Certificate benchmark: issue the certificates of one episode's 3,000 attendees, then download them.

    .venv/bin/python bench/certificates.py [--attendees 3000] [--downloads 1000] [--concurrency 8]

It creates a throwaway PostgreSQL database (asn_bench_cert) and media folder, makes one ended
episode with N confirmed registrations that checked in, and runs the issuing task's body in one
process, as the db_worker would (the certificate emails are queued as database tasks, not sent).
It reports the total and per-certificate time, then serves the production settings with gunicorn
and times downloads of random certificates through /sertifikat/unduh/<code>/ over keep-alive
connections from 127.0.0.1. Target: 3,000 certificates in under 60 seconds on 2 cores.
"""

import argparse
import http.client
import random
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

from support import fresh_database, gunicorn, manage, production_env, psql

PORT = 8474
DATABASE = "asn_bench_cert"

SETUP = """
import datetime
from django.utils import timezone
from tests.factories import make_episode
from webinars.models import Attendance, Registration
now = timezone.now()
episode = make_episode(series_number=9998, slug="bench-sertifikat", title="Belajar di Tempat Kerja",
                       start=now - datetime.timedelta(days=1), jp=3,
                       registration_opens_at=now - datetime.timedelta(days=10))
names = ["Dra. Hj. Andi Nurhaedah Ṣāliḥ, M.Si.", "Ñoño Ümit Çelik", "Muh. Ridwan Ma'ruf, S.Kom."]
registrations = Registration.objects.bulk_create(
    Registration(episode=episode, full_name=f"{names[n % 3]} {n}", email=f"bench{n}@contoh.go.id",
                 whatsapp="+6281234567890", participant_type="pns", nip=f"1990011520150{n:05d}",
                 agency="BPSDM Sulsel", position="Analis", regency="makassar", consented_at=now)
    for n in range(ATTENDEES)
)
Attendance.objects.bulk_create(
    Attendance(registration=registration, episode=episode, checked_in_at=now)
    for registration in registrations
)
print("RESULT", episode.pk)
"""

ISSUE = """
import time
from webinars.certificates.issuing import run_issuing
from webinars.models import CertificateRun
run = CertificateRun.objects.create(episode_id=EPISODE)
started = time.perf_counter()
run = run_issuing(run.pk)
print("RESULT", run.issued, round(time.perf_counter() - started, 3))
"""

CHECK = """
from webinars.models import Certificate
rows = Certificate.objects.filter(episode_id=EPISODE)
numbers = rows.values("number").distinct().count()
print("RESULT", rows.count(), numbers, rows.values("registration").distinct().count())
print("RESULT", *rows.values_list("verification_code", flat=True))
"""


def shell_results(output):
    """The values a shell script printed after RESULT, one list per line (the shell prints more)."""
    return [line.split()[1:] for line in output.splitlines() if line.startswith("RESULT ")]


def download_many(codes):
    timings = []
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for code in codes:
        started = time.perf_counter()
        connection.request("GET", f"/sertifikat/unduh/{code}/")
        response = connection.getresponse()
        body = response.read()
        timings.append((response.status, len(body), time.perf_counter() - started))
    connection.close()
    return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=3000)
    parser.add_argument("--downloads", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    media = tempfile.mkdtemp(prefix="asn-bench-cert-")
    env = production_env(DATABASE, redis_db=6, MEDIA_ROOT=media)
    fresh_database(env, DATABASE)
    [[episode]] = shell_results(
        manage(env, "shell", stdin=SETUP.replace("ATTENDEES", str(options.attendees)))
    )

    [[issued, seconds]] = shell_results(manage(env, "shell", stdin=ISSUE.replace("EPISODE", episode)))
    issued, seconds = int(issued), float(seconds)
    [[total, numbers, people], codes] = shell_results(
        manage(env, "shell", stdin=CHECK.replace("EPISODE", episode))
    )

    with gunicorn(env, PORT, options.workers):
        picks = [random.choice(codes) for _ in range(options.downloads)]  # noqa: S311 (nothing secret)
        shares = [picks[i :: options.concurrency] for i in range(options.concurrency)]
        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            results = [result for share in pool.map(download_many, shares) for result in share]
        elapsed = time.perf_counter() - started

    latencies = sorted(latency for _, _, latency in results)
    ok_downloads = sum(1 for status, size, _ in results if status == 200 and size > 1000)
    print(
        f"certificates issued    {issued} in {seconds:.1f} s ({1000 * seconds / max(issued, 1):.1f} ms each)"
    )
    print(f"in the database        {total} (distinct numbers {numbers}, distinct people {people})")
    p50, p95, p99 = (1000 * latencies[int(share * len(latencies))] for share in (0.5, 0.95, 0.99))
    print(
        f"downloads              {len(results)} in {elapsed:.1f} s, {options.concurrency} clients, "
        f"{options.workers} gunicorn workers"
    )
    print(
        f"download p50/p95/p99   {p50:.1f} / {p95:.1f} / {p99:.1f} ms "
        f"(mean {1000 * statistics.mean(latencies):.1f})"
    )
    ok = issued == int(total) == int(numbers) == int(people) == options.attendees and ok_downloads == len(
        results
    )
    print(f"target (< 60 s)        {'met' if seconds < 60 else 'MISSED'}")
    print(
        "every certificate issued once and served"
        if ok
        else "MISMATCH: missing, doubled or unserved certificates"
    )
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    shutil.rmtree(media)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
