"""Import benchmark: the register of the 75,404 certificates issued before the site.

    .venv/bin/python bench/import.py [--rows 75404] [--database asn_bench_import] [--redis-db 14]
        [--format csv|xlsx]

It writes a register of invented rows (numbers as an agency prints them, names with titles,
an email and/or an 18-digit NIP, spread over 40 series), creates a throwaway PostgreSQL database
and imports the file with ``webinars.certificates.legacy.import_register`` in one process, as the
admin screen does, twice: the first import stores every row, the second must store nothing
(every row "unchanged"). It reports rows per second and the process's peak resident memory
before and after each import: the file is streamed, so the peak does not grow with the rows.
Target: 75,404 rows in under 60 seconds on 2 cores.
"""

import argparse
import csv
import datetime
import os
import sys
import tempfile

from openpyxl import Workbook
from support import fresh_database, manage, production_env, psql

IMPORT = """
import resource, time
from webinars.certificates import legacy
from webinars.models import LegacyCertificate

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

for attempt in (1, 2):
    before = peak_mb()
    started = time.perf_counter()
    with open(PATH, "rb") as file:
        outcome = legacy.import_register(file, "register")
    seconds = time.perf_counter() - started
    print("RESULT", attempt, outcome.created, outcome.unchanged, outcome.conflicts, outcome.invalid,
          round(seconds, 2), round(before, 1), round(peak_mb(), 1), LegacyCertificate.objects.count())
"""

TITLES = ["Dr.", "Dra. Hj.", "Ir. H.", "", "Prof. Dr.", "Andi"]
NAMES = ["Nurhaedah", "Muh. Ridwan Ma'ruf", "Sitti Aminah", "Ñoño Ümit", "Besse Rahmawati", "Arfan"]
DEGREES = ["M.Si.", "S.Kom.", "M.Pd.", "", "S.E., M.M.", "S.T., M.T."]


def rows(count):
    """Invented register rows: 40 series, each a share of ``count``."""
    start = datetime.date(2022, 1, 6)
    for n in range(count):
        series = n % 40 + 1
        day = start + datetime.timedelta(weeks=2 * series)
        name = f"{TITLES[n % 6]} {NAMES[n % 6]} {n}, {DEGREES[n % 5]}".strip(" ,")
        nip = f"19{80 + n % 20:02d}0{1 + n % 9}15{2005 + n % 15}0{1 + n % 9}{1 + n % 2}{n % 1000:03d}"
        email = f"peserta{n}@contoh.go.id" if n % 3 else ""
        yield [
            f"800.1/{n + 1:05d}/BPSDM/{day.year}",
            name,
            email,
            nip if n % 4 or not email else "",
            series,
            f"{day:%d/%m/%Y}",
            2,
        ]


def write(path, count, kind):
    header = ["nomor", "nama", "email", "nip", "seri", "tanggal", "jp"]
    if kind == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append(header)
        for row in rows(count):
            sheet.append(row)
        workbook.save(path)
        return
    with open(path, "w", encoding="cp1252", newline="") as file:  # as Excel on Windows saves it
        writer = csv.writer(file, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows(count))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=75404)
    parser.add_argument("--database", default="asn_bench_import")
    parser.add_argument("--redis-db", type=int, default=14)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    options = parser.parse_args()
    env = production_env(options.database, options.redis_db)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, f"register.{options.format}")
        write(path, options.rows, options.format)
        size = os.path.getsize(path) / (1024 * 1024)
        print(f"register: {options.rows:,} rows, {options.format}, {size:.1f} MB")
        fresh_database(env, options.database)
        try:
            output = manage(env, "shell", stdin=IMPORT.replace("PATH", repr(path)))
        finally:
            psql(f"DROP DATABASE IF EXISTS {options.database}")
    failed = False
    for line in output.splitlines():
        if not line.startswith("RESULT"):
            continue
        _, attempt, created, unchanged, conflicts, invalid, seconds, before, peak, stored = line.split()
        rate = options.rows / float(seconds)
        label = "first import " if attempt == "1" else "re-import    "
        print(
            f"{label}: {seconds} s, {rate:,.0f} rows/s; created {created}, unchanged {unchanged}, "
            f"conflicts {conflicts}, invalid {invalid}; stored {stored}; "
            f"peak RSS {before} MB before, {peak} MB after"
        )
        if attempt == "1" and (int(created) != options.rows or float(seconds) >= 60):
            failed = True
        if attempt == "2" and int(created) != 0:
            failed = True
    if failed:
        sys.exit("target missed: every row stored once, in under 60 s, and a re-import storing nothing")


if __name__ == "__main__":
    main()
