"""Two app servers over one PostgreSQL and one Redis; one crashes mid-load; nothing is lost.

    .venv/bin/python bench/failover.py [--registrations 1200] [--concurrency 16]

It creates a throwaway database (asn_failover), starts two gunicorn servers on it, and sends
registrations alternately to both, as a load balancer would. When a third of them have been
answered it kills one server outright (SIGKILL to its whole process group: a crashed machine),
and from then on a request that cannot reach a server is sent again to the other one, as a load
balancer retries. Afterwards it checks that everyone whose registration was answered with
success has exactly one row, that no email address has two, and that every row has its
confirmation email queued.

Then it backs the database and the media up (pg_dump, tar), restores both into a scratch
database and folder, and checks the copy holds the same registrations and files.
"""

import argparse
import hashlib
import http.client
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from support import (
    fresh_site,
    manage,
    post_registration,
    production_env,
    psql,
    start_gunicorn,
    wait_until_serving,
)

DATABASE = "asn_failover"
RESTORED = "asn_failover_restore"

CHECK = """
from django.db.models import Count
from webinars.models import EmailKind, Registration
rows = Registration.objects.filter(episode__slug="bench")
doubled = rows.values("email").annotate(n=Count("pk")).filter(n__gt=1).count()
without_email = rows.exclude(emails__kind__in=[EmailKind.CONFIRMATION, EmailKind.WAITLISTED]).count()
print("ROWS", rows.count(), doubled, without_email)
print("EMAILS", " ".join(rows.values_list("email", flat=True)))
"""
FINGERPRINT = """
import hashlib
from webinars.models import Registration
rows = Registration.objects.order_by("code").values_list("code", "email", "status", "created_at")
print("FINGERPRINT", Registration.objects.count(), hashlib.sha256(repr(list(rows)).encode()).hexdigest())
"""
MEDIA_SETUP = """
from tests.factories import make_image
make_image(title="Poster cadangan")
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Servers:
    """Two app servers; requests alternate between those still up, like a load balancer."""

    def __init__(self, env, workers):
        self.ports = [free_port(), free_port()]
        self.processes = {port: start_gunicorn(env, port, workers) for port in self.ports}
        self.down = set()

    def crash(self, port):
        os.killpg(self.processes[port].pid, signal.SIGKILL)
        self.processes[port].wait()
        self.down.add(port)

    def stop(self):
        for port, process in self.processes.items():
            if port not in self.down:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait()


def register_everyone(servers, path, numbers, progress):
    """One client thread: each person in turn, to alternating servers, retried on the other."""
    connections = {}
    outcomes = []
    turn = itertools.cycle(servers.ports)
    for number in numbers:
        first = next(turn)
        outcome = "unanswered"
        for port in [first, *(port for port in servers.ports if port != first)]:
            try:
                connection = connections.get(port) or http.client.HTTPConnection(
                    "127.0.0.1", port, timeout=30
                )
                connections[port] = connection
                status, body = post_registration(connection, path, number)
            except (OSError, http.client.HTTPException):
                connections.pop(port, None)
                outcome = "retried"
                continue
            if status == 302:
                outcome = "registered" if outcome != "retried" else "registered after retry"
            elif status == 200 and "sudah terdaftar" in body.decode():
                outcome = "already registered"  # the crashed server had committed it
            else:
                outcome = f"HTTP {status}"
            break
        outcomes.append((number, outcome))
        progress.append(number)
    return outcomes


def backup_and_restore(env, media_root):
    """pg_dump and tar, then pg_restore and untar into scratch places; the copies must match."""
    with tempfile.TemporaryDirectory() as scratch:
        dump, archive = Path(scratch) / "asn.dump", Path(scratch) / "media.tar.gz"
        postgres = ["-h", "127.0.0.1", "-U", "postgres"]
        subprocess.run(["pg_dump", *postgres, "-Fc", "-f", dump, DATABASE], check=True)
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(media_root, arcname="media")

        psql(f"DROP DATABASE IF EXISTS {RESTORED}")
        psql(f"CREATE DATABASE {RESTORED}")
        subprocess.run(["pg_restore", *postgres, "--no-owner", "-d", RESTORED, dump], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(Path(scratch) / "restored", filter="data")

        restored_env = {**env, "DATABASE_URL": env["DATABASE_URL"].replace(DATABASE, RESTORED)}
        original = manage(env, "shell", stdin=FINGERPRINT).split("FINGERPRINT")[-1].split()
        copy = manage(restored_env, "shell", stdin=FINGERPRINT).split("FINGERPRINT")[-1].split()
        files, copied = file_digests(media_root), file_digests(Path(scratch) / "restored" / "media")
        same_rows, same_files = copy == original, copied == files
        print(f"backup                 {dump.stat().st_size:,} B dump, {archive.stat().st_size:,} B media")
        print(f"restored database      {copy[0]} registrations, identical: {same_rows}")
        print(f"restored media         {len(copied)} of {len(files)} files, identical: {same_files}")
        psql(f"DROP DATABASE IF EXISTS {RESTORED}")
        return same_rows and same_files and len(files) > 0


def file_digests(root):
    return {path.relative_to(root): digest(path) for path in root.rglob("*") if path.is_file()}


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--registrations", type=int, default=1200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    options = parser.parse_args()

    media_root = Path(tempfile.mkdtemp(prefix="asn-failover-media-"))
    env = production_env(DATABASE, redis_db=4, MEDIA_ROOT=str(media_root))
    path = fresh_site(env, DATABASE, capacity=None)
    manage(env, "shell", stdin=MEDIA_SETUP)
    servers = Servers(env, options.workers)
    progress = []
    try:
        for port in servers.ports:
            wait_until_serving(port)
        victim = servers.ports[0]
        crashed_at = []

        def crash_when_a_third_is_done():
            while len(progress) < options.registrations // 3:
                time.sleep(0.01)
            crashed_at.append(len(progress))
            servers.crash(victim)

        threading.Thread(target=crash_when_a_third_is_done, daemon=True).start()
        shares = [range(i, options.registrations, options.concurrency) for i in range(options.concurrency)]
        started = time.perf_counter()
        with ThreadPoolExecutor(options.concurrency) as pool:
            futures = [pool.submit(register_everyone, servers, path, share, progress) for share in shares]
        outcomes = [outcome for future in futures for outcome in future.result()]
        elapsed = time.perf_counter() - started
    finally:
        servers.stop()

    counts = {}
    for _, outcome in outcomes:
        counts[outcome] = counts.get(outcome, 0) + 1
    report = manage(env, "shell", stdin=CHECK)
    rows, doubled, without_email = map(int, report.split("ROWS")[1].split()[:3])
    stored = set(report.split("EMAILS")[1].split())
    succeeded = {number for number, outcome in outcomes if outcome.startswith(("registered", "already"))}
    missing = [number for number in succeeded if f"bench{number}@contoh.go.id" not in stored]

    print(f"registrations sent     {len(outcomes)} to 2 servers in {elapsed:.1f} s")
    print(f"server killed          after {crashed_at[0] if crashed_at else '?'} answers (SIGKILL)")
    print(f"outcomes               {dict(sorted(counts.items()))}")
    print(f"rows in database       {rows}; answered with success but missing: {len(missing)}")
    print(f"same email twice       {doubled}; rows without their email queued: {without_email}")
    ok = (
        not missing
        and doubled == 0
        and without_email == 0
        and rows == len(succeeded) == options.registrations
    )
    print("nothing lost or doubled" if ok else "MISMATCH: something was lost or doubled")
    restored = backup_and_restore(env, media_root)
    psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    shutil.rmtree(media_root)
    sys.exit(0 if ok and restored else 1)


if __name__ == "__main__":
    main()
