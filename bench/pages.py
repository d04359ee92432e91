"""Page speed: uncached CPU and queries in-process, then wrk against gunicorn, PostgreSQL and Redis.

    .venv/bin/python bench/pages.py [--seconds 10] [--connections 32]

It builds the demo site in a throwaway database (asn_bench_pages) and prints, for the home page,
the episode index, an episode, an article, search and the stylesheet served by WhiteNoise:
1. rendered without the page cache, in-process: SQL queries and the median server CPU of 100
   requests (time.process_time around Django's test client);
2. served by gunicorn (gunicorn.conf.py) and loaded by wrk from 127.0.0.1, one after the other:
   requests per second, p50 and p99 latency, and each page's rate against the stylesheet's;
3. the home page's weight over the wire (HTML and the CSS and JS it links, compressed as a
   browser would be sent them), without images;
4. the broadcast burst: an episode is published (which drops every cached page), then 1,000 GETs
   in 10 seconds from 50 clients over the home page, the new episode and its registration form.
   It reports errors (must be 0), p50/p99 and the renders per page (responses the server
   rendered: ``X-Page-Cache: miss`` or no header, against ``hit`` and ``stale``).

``--burst-only`` runs the last part alone. BENCH_PORT, BENCH_DATABASE and BENCH_REDIS_DB choose
the port, the throwaway database and the Redis database (8472, asn_bench_pages, 5).
"""

import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict

from support import fresh_database, gunicorn, manage, production_env, psql

PORT = int(os.environ.get("BENCH_PORT", "8472"))
DATABASE = os.environ.get("BENCH_DATABASE", "asn_bench_pages")
ENV = production_env(
    DATABASE,
    redis_db=int(os.environ.get("BENCH_REDIS_DB", "5")),
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
)
BURST_REQUESTS = 1000
BURST_SECONDS = 10
BURST_CLIENTS = 50

PUBLISH = """
import datetime
from django.utils import timezone
from webinars.models import EpisodeIndexPage, EpisodePage
index = EpisodeIndexPage.objects.get()
number = EpisodePage.objects.order_by("-series_number").first().series_number + 1
now = timezone.now()
episode = EpisodePage(
    title=f"Seri ke-{number}: siaran baru", slug=f"seri-{number}-siaran-baru", series_number=number,
    summary="Episode baru yang dibagikan ke grup WhatsApp.", start=now + datetime.timedelta(days=7),
    end=now + datetime.timedelta(days=7, hours=3), registration_opens_at=now - datetime.timedelta(hours=1),
)
index.add_child(instance=episode)
episode.save_revision().publish()
print("URL", episode.url)
"""
BROWSER_ENCODINGS = "gzip, deflate, br"

URLS = """
from news.models import ArticlePage
from webinars.models import EpisodePage
print("/", "/webinar/", EpisodePage.objects.live().order_by("-start").first().url,
      ArticlePage.objects.live().first().url, "/cari/?q=pembelajaran")
"""

IN_PROCESS = """
import statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
for url in {urls!r}:
    for _ in range(5):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the next request empties the log
    cpu = []
    for _ in range(100):
        started = time.process_time()
        client.get(url)
        cpu.append(time.process_time() - started)
    print("RESULT", url, query_count, round(1000 * statistics.median(cpu), 1))
"""


def wrk(url, seconds, connections):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Accept-Encoding: {BROWSER_ENCODINGS}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, _latency(output, "50%"), _latency(output, "99%"), int(errors.group(1)) if errors else 0


def _latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def fetch(path, encodings=BROWSER_ENCODINGS):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    connection.request("GET", path, headers={"Accept-Encoding": encodings})
    response = connection.getresponse()
    body = response.read()
    return response, body


def home_weight():
    """Bytes on the wire for the home page and its CSS and JS, and each part's encoding."""
    response, body = fetch("/")
    html = fetch("/", encodings="identity")[1].decode()
    parts = [("/", len(body), response.getheader("Content-Encoding", "identity"))]
    for asset in re.findall(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html):
        asset_response, asset_body = fetch(asset)
        parts.append((asset, len(asset_body), asset_response.getheader("Content-Encoding", "identity")))
    return parts, html


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--burst-only", action="store_true", help="only the broadcast burst (4.)")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")

    fresh_database(ENV, DATABASE)
    # load_demo refuses the production settings: the demo is built with the development ones,
    # on the same database.
    manage({**ENV, "DJANGO_SETTINGS_MODULE": "site_project.settings.dev"}, "load_demo")
    if options.burst_only:
        with gunicorn(ENV, PORT):
            burst()
        psql(f"DROP DATABASE IF EXISTS {DATABASE}")
        return
    urls = manage(ENV, "shell", stdin=URLS).strip().splitlines()[-1].split()

    print("Uncached, in-process (median of 100 requests)")
    print(f"  {'page':<48} {'queries':>7} {'CPU ms':>7}")
    uncached = manage({**ENV, "PAGE_CACHE_SECONDS": "0"}, "shell", stdin=IN_PROCESS.format(urls=urls))
    for line in uncached.splitlines():
        if line.startswith("RESULT "):
            _, url, queries, cpu = line.split()
            print(f"  {url:<48} {queries:>7} {cpu:>7}")

    with gunicorn(ENV, PORT):
        parts, html = home_weight()
        stylesheet = re.search(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html).group(1)
        print(
            f"\nServed by gunicorn, wrk -t2 -c{options.connections} -d{options.seconds}s, {BROWSER_ENCODINGS}"
        )
        print(f"  {'page':<48} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'vs CSS':>7} {'cache':>6}")
        results = {}
        for url in [stylesheet, *urls]:
            fetch(url)  # warms the page cache; the second answer shows whether wrk gets kept pages
            cache_state = fetch(url)[0].getheader("X-Page-Cache", "-")
            results[url] = (
                *wrk(f"http://127.0.0.1:{PORT}{url}", options.seconds, options.connections),
                cache_state,
            )
        static_rate = results[stylesheet][0]
        for url, (rate, p50, p99, errors, cache_state) in results.items():
            ratio = rate / static_rate
            note = f"  {errors} errors" if errors else ""
            print(f"  {url:<48} {rate:>8.0f} {p50:>7.1f} {p99:>7.1f} {ratio:>7.2f} {cache_state:>6}{note}")
        burst()

    print("\nHome page over the wire, without images")
    for path, size, encoding in parts:
        print(f"  {path:<48} {size / 1024:>7.1f} KB  {encoding}")
    print(f"  {'total':<48} {sum(size for _, size, _ in parts) / 1024:>7.1f} KB")
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")


def burst():
    """Publish an episode, then BURST_REQUESTS GETs spread evenly over BURST_SECONDS from
    BURST_CLIENTS clients, over the home page, the new episode and its form; print the figures."""
    fetch("/")  # readers were on the home page: a copy of it is in the cache
    url = next(line for line in manage(ENV, "shell", stdin=PUBLISH).splitlines() if line.startswith("URL "))
    episode = url.split()[1]
    pages = ["/", episode, episode + "daftar/"]
    schedule = [(index * BURST_SECONDS / BURST_REQUESTS, pages[index % 3]) for index in range(BURST_REQUESTS)]
    results, lock = [], threading.Lock()
    started = time.monotonic()

    def client(offset):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        for at, path in schedule[offset::BURST_CLIENTS]:
            time.sleep(max(0.0, started + at - time.monotonic()))
            sent = time.monotonic()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": BROWSER_ENCODINGS})
                response = connection.getresponse()
                response.read()
                outcome = (path, response.status, response.getheader("X-Page-Cache", "rendered"))
            except OSError as error:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                outcome = (path, type(error).__name__, "error")
            with lock:
                results.append((*outcome, time.monotonic() - sent))

    threads = [threading.Thread(target=client, args=(offset,)) for offset in range(BURST_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    errors = sum(1 for _path, status, _state, _t in results if status != 200)
    latencies = sorted(1000 * seconds for *_rest, seconds in results)
    print(
        f"\nBroadcast burst: publish, then {len(results)} GETs in {elapsed:.1f} s from {BURST_CLIENTS} "
        f"clients (gunicorn, production settings, PostgreSQL, Redis)"
    )
    p50, p99 = statistics.median(latencies), latencies[int(0.99 * len(latencies)) - 1]
    print(f"  errors {errors}; p50 {p50:.0f} ms; p99 {p99:.0f} ms")
    states = defaultdict(Counter)
    for path, _status, state, _seconds in results:
        states[path][state] += 1
    print(f"  {'page':<48} {'rendered':>8} {'hit':>6} {'stale':>6}  (rendered: miss, or not cacheable)")
    for path in pages:
        counts = states[path]
        rendered = counts["miss"] + counts["rendered"]
        print(f"  {path:<48} {rendered:>8} {counts['hit']:>6} {counts['stale']:>6}")
    return errors


if __name__ == "__main__":
    main()
