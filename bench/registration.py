"""Registration rush benchmark: N people register at once against gunicorn on PostgreSQL.

    .venv/bin/python bench/registration.py [--registrations 3000] [--concurrency 32] [--capacity 1000]

It creates a throwaway database (asn_bench), serves the production settings with gunicorn and
Redis, posts exactly N registrations over keep-alive connections from 127.0.0.1, then checks
the database: every 302 is one row, nothing lost or doubled, confirmed never above capacity.
"""

import argparse
import http.client
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from support import fresh_site, gunicorn, manage, post_registration, production_env, psql

PORT = 8471
DATABASE = "asn_bench"
ENV = production_env(DATABASE, redis_db=3)

CHECK = """
from django.db.models import Count
from webinars.models import EpisodeSeats, Registration
rows = Registration.objects.filter(episode__slug="bench")
by_status = dict(rows.values_list("status").annotate(n=Count("pk")))
emails = rows.values("email").annotate(n=Count("pk")).filter(n__gt=1).count()
print(rows.count(), by_status.get("confirmed", 0), by_status.get("waitlisted", 0), emails,
      EpisodeSeats.objects.get(episode__slug="bench").confirmed)
"""


def post_many(path, numbers):
    results = []
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    for number in numbers:
        started = time.perf_counter()
        status, _ = post_registration(connection, path, number)
        results.append((status, time.perf_counter() - started))
    connection.close()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--capacity", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    path = fresh_site(ENV, DATABASE, options.capacity)
    # gunicorn.conf.py's gthread workers, 4 threads each.
    with gunicorn(ENV, PORT, options.workers):
        shares = [range(i, options.registrations, options.concurrency) for i in range(options.concurrency)]
        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            futures = [pool.submit(post_many, path, share) for share in shares]
        results = [result for future in futures for result in future.result()]
        elapsed = time.perf_counter() - started

    latencies = sorted(latency for _, latency in results)
    statuses = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    rows, confirmed, waitlisted, doubled, seats = map(int, manage(ENV, "shell", stdin=CHECK).split()[-5:])
    print(f"registrations sent     {len(results)} in {elapsed:.1f} s")
    print(f"registrations/second   {len(results) / elapsed:.0f}")
    p95, p99 = (1000 * latencies[int(share * len(latencies))] for share in (0.95, 0.99))
    print(f"p50 / p95 / p99 (ms)   {1000 * statistics.median(latencies):.0f} / {p95:.0f} / {p99:.0f}")
    print(f"responses by status    {dict(sorted(statuses.items()))}")
    print(f"rows in database       {rows} (confirmed {confirmed}, waiting list {waitlisted}, seats {seats})")
    ok = (
        rows == statuses.get(302, 0) == options.registrations
        and doubled == 0
        and confirmed == seats == min(options.capacity, rows)
    )
    print("nothing lost or doubled" if ok else "MISMATCH: something was lost or doubled")
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
